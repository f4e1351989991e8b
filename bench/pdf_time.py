"""Time building the latest published report's PDFs, as the worker's task does.

DJANGO_SETTINGS_MODULE=lip_portal.settings python -m bench.pdf_time
"""

import os
import time

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lip_portal.settings")
    django.setup()
    from reports import services
    from reports.models import ReportVersion

    version = (
        ReportVersion.objects.select_related("report")
        .order_by("-report__fiscal_year", "-number")
        .first()
    )
    started = time.monotonic()
    built = services.report_version_build_pdfs(version=version, force=True)
    elapsed = time.monotonic() - started
    version.refresh_from_db()  # the service stores the files on its own, locked copy
    sizes = ", ".join(f"{name} {getattr(version, name).size / 1024:.0f} KB" for name in built)
    print(
        f"PDF of the report FY {version.report.fiscal_year_label} v{version.number}: "
        f"both languages built in {elapsed:.1f} s ({sizes})"
    )


if __name__ == "__main__":
    main()

"""Move the open data out of each version's snapshot into its own rows.

The pages of existing versions are not rendered here (that needs today's templates): they are
rendered once on first view, or by reports.services.report_versions_render_missing().
"""

from django.db import migrations


def move_datasets_out(apps, schema_editor):
    ReportVersion = apps.get_model("reports", "ReportVersion")
    ReportVersionDataset = apps.get_model("reports", "ReportVersionDataset")
    # One version at a time: a snapshot can weigh megabytes.
    for pk in ReportVersion.objects.values_list("pk", flat=True).order_by("pk"):
        version = ReportVersion.objects.get(pk=pk)
        snapshot = dict(version.snapshot or {})
        datasets = snapshot.pop("datasets", None)
        if datasets is None:
            continue
        ReportVersionDataset.objects.bulk_create(
            [
                ReportVersionDataset(version_id=pk, slug=slug, rows=rows)
                for slug, rows in datasets.items()
            ],
            ignore_conflicts=True,
        )
        version.snapshot = snapshot
        version.save(update_fields=["snapshot"])


def move_datasets_back(apps, schema_editor):
    ReportVersion = apps.get_model("reports", "ReportVersion")
    ReportVersionDataset = apps.get_model("reports", "ReportVersionDataset")
    for pk in ReportVersion.objects.values_list("pk", flat=True).order_by("pk"):
        version = ReportVersion.objects.get(pk=pk)
        rows = dict(
            ReportVersionDataset.objects.filter(version_id=pk).values_list("slug", "rows")
        )
        if rows:
            version.snapshot = {**(version.snapshot or {}), "datasets": rows}
            version.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_stored_pages_and_datasets")]

    operations = [migrations.RunPython(move_datasets_out, move_datasets_back)]

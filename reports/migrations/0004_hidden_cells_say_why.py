"""Published versions said "fewer than 5" of every hidden cell, including cells hidden only to
protect a smaller one, which can be large. A frozen snapshot keeps no record of which hidden
cell was which, and the current data may no longer be what was published; labelling them
precisely now could also tell more than the version was built to tell. So every hidden count
of a version published before hidden cells said why now reads "not shown, to protect small
counts", which is true of each of them, and the note beside them says what the threshold was.

The versions' stored pages are deleted, and their PDFs set aside when a label changed: the
pages are rendered again from the corrected snapshot on first view (or by
reports.services.report_versions_render_missing), which queues the missing PDFs to be built
again. The old PDF files stay in MEDIA_ROOT.
"""

from django.db import migrations

HIDDEN = {
    "en": "not shown, to protect small counts",
    "fr": "non affiché, pour protéger les petits nombres",
}
FORMER_THRESHOLD = 5  # the one every version published before the setting existed used


def _relabel(snapshot):
    """Relabel the snapshot's hidden counts in place: (labels changed, anything changed)."""
    relabelled = changed = False
    for language, report in (snapshot.get("languages") or {}).items():
        label = HIDDEN.get(language, HIDDEN["en"])
        if "threshold" not in report:
            report["threshold"] = FORMER_THRESHOLD
            changed = True
        for indicator in report.get("indicators") or []:
            for breakdown in indicator.get("breakdowns") or []:
                for figure in [*(breakdown.get("rows") or []), breakdown.get("total") or {}]:
                    if "value" in figure and figure["value"] is None:
                        if figure.get("display") != label:
                            figure["display"] = label
                            relabelled = changed = True
    return relabelled, changed


def relabel_hidden_cells(apps, schema_editor):
    ReportVersion = apps.get_model("reports", "ReportVersion")
    ReportVersionPage = apps.get_model("reports", "ReportVersionPage")
    # One version at a time: a snapshot can weigh megabytes.
    for pk in ReportVersion.objects.values_list("pk", flat=True).order_by("pk"):
        version = ReportVersion.objects.get(pk=pk)
        snapshot = version.snapshot or {}
        if snapshot.get("format", 0) >= 3:
            continue
        relabelled, changed = _relabel(snapshot)
        if not changed:
            continue
        version.snapshot = snapshot
        fields = ["snapshot"]
        if relabelled:  # the PDFs show the old labels: build them again
            version.pdf_en = version.pdf_fr = ""
            fields += ["pdf_en", "pdf_fr"]
        version.save(update_fields=fields)
        ReportVersionPage.objects.filter(version_id=pk).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_move_datasets_out_of_snapshots")]

    # Not reversible in substance (which label each hidden cell had is not recorded anywhere);
    # going back leaves the neutral labels, which are true.
    operations = [migrations.RunPython(relabel_hidden_cells, migrations.RunPython.noop)]

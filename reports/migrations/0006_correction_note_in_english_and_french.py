"""A correction's note, saying what changed, is kept in English and in French (modeltranslation's
note_en and note_fr beside the original column). The notes written before were English: they
become the English note, and the French pages show them until a French one is given."""

from django.db import migrations, models
from django.db.models import F


def english_notes(apps, schema_editor):
    ReportVersion = apps.get_model("reports", "ReportVersion")
    ReportVersion.objects.filter(note_en__isnull=True).update(note_en=F("note"))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_role_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportversion",
            name="note_en",
            field=models.TextField(
                blank=True,
                help_text="Required for a correction: say what changed since the previous version.",
                null=True,
                verbose_name="what changed",
            ),
        ),
        migrations.AddField(
            model_name="reportversion",
            name="note_fr",
            field=models.TextField(
                blank=True,
                help_text="Required for a correction: say what changed since the previous version.",
                null=True,
                verbose_name="what changed",
            ),
        ),
        migrations.RunPython(english_notes, migrations.RunPython.noop),
    ]

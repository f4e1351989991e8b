from django.db import migrations, models


class Migration(migrations.Migration):
    """The suppressed figures are stored when the questionnaire closes, not at publication."""

    dependencies = [
        ("equity", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="equityreview",
            old_name="published_aggregates",
            new_name="aggregates",
        ),
        migrations.AlterField(
            model_name="equityreview",
            name="aggregates",
            field=models.JSONField(editable=False, null=True, verbose_name="suppressed figures"),
        ),
    ]

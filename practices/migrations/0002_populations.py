"""The reference list of populations a practice may serve (staff may add to it)."""

from django.db import migrations

POPULATIONS = [
    ("all-newcomers", "All newcomers", "Toutes les personnes nouvellement arrivées"),
    ("refugees", "Refugees", "Réfugiés"),
    ("international-students", "International students", "Étudiants étrangers"),
    ("temporary-foreign-workers", "Temporary foreign workers", "Travailleurs étrangers temporaires"),
    ("francophone-newcomers", "Francophone newcomers", "Personnes nouvellement arrivées francophones"),
    ("women", "Women", "Femmes"),
    ("youth", "Youth", "Jeunes"),
    ("seniors", "Seniors", "Aînés"),
    ("2slgbtqi-newcomers", "2SLGBTQI+ newcomers", "Personnes nouvellement arrivées 2ELGBTQI+"),
    ("racialized-newcomers", "Racialized newcomers", "Personnes nouvellement arrivées racisées"),
]


def add_populations(apps, schema_editor):
    Population = apps.get_model("practices", "Population")
    for order, (code, name_en, name_fr) in enumerate(POPULATIONS, start=1):
        Population.objects.get_or_create(
            code=code,
            defaults={"name": name_en, "name_en": name_en, "name_fr": name_fr, "order": order},
        )


def remove_populations(apps, schema_editor):
    apps.get_model("practices", "Population").objects.filter(
        code__in=[code for code, _en, _fr in POPULATIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(add_populations, remove_populations)]

from django.db import migrations

PILLARS = [
    {
        "slug": "settle",
        "order": 1,
        "name_en": "Settle",
        "name_fr": "S'établir",
        "summary_en": (
            "Newcomers find a home, learn the language, get health care and enrol their children, "
            "with services that know where to send them next."
        ),
        "summary_fr": (
            "Les personnes nouvellement arrivées trouvent un logement, apprennent la langue, "
            "accèdent aux soins et inscrivent leurs enfants, grâce à des services qui savent "
            "vers qui les orienter ensuite."
        ),
    },
    {
        "slug": "work",
        "order": 2,
        "name_en": "Work",
        "name_fr": "Travailler",
        "summary_en": (
            "Employers and training partners open doors so that newcomers work at the level of "
            "their skills and credentials, and businesses find the people they need."
        ),
        "summary_fr": (
            "Les employeurs et les partenaires de formation ouvrent des portes pour que les "
            "personnes nouvellement arrivées travaillent à la hauteur de leurs compétences et "
            "que les entreprises trouvent la main-d'œuvre dont elles ont besoin."
        ),
    },
    {
        "slug": "belong",
        "order": 3,
        "name_en": "Belong",
        "name_fr": "Appartenir",
        "summary_en": (
            "Neighbours, schools, faith and cultural groups and public services make room for "
            "newcomers, take on racism and discrimination, and share civic life with them."
        ),
        "summary_fr": (
            "Voisins, écoles, groupes confessionnels et culturels et services publics font une "
            "place aux personnes nouvellement arrivées, luttent contre le racisme et la "
            "discrimination et partagent avec elles la vie civique."
        ),
    },
]


def create_pillars(apps, schema_editor):
    Pillar = apps.get_model("pillars", "Pillar")
    for pillar in PILLARS:
        fields = dict(pillar)
        fields["name"] = fields["name_en"]
        fields["summary"] = fields["summary_en"]
        Pillar.objects.update_or_create(slug=fields.pop("slug"), defaults=fields)


def remove_pillars(apps, schema_editor):
    Pillar = apps.get_model("pillars", "Pillar")
    Pillar.objects.filter(slug__in=[p["slug"] for p in PILLARS]).delete()


class Migration(migrations.Migration):
    dependencies = [("pillars", "0001_initial")]

    operations = [migrations.RunPython(create_pillars, remove_pillars)]

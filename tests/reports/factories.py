import factory

from core.fiscal import FiscalYear
from reports.models import AnnualReport

PAST = FiscalYear.current().previous()


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport
        django_get_or_create = ("fiscal_year",)

    fiscal_year = PAST.start_year
    chair_message_en = "A year of shared work across the partnership."
    chair_message_fr = "Une année de travail commun au sein du partenariat."
    highlights_en = "Mentoring circles opened in three neighbourhoods."
    highlights_fr = "Des cercles de mentorat ont ouvert dans trois quartiers."
    whats_next_en = "Extend mentoring to the trades."
    whats_next_fr = "Étendre le mentorat aux métiers spécialisés."

"""A report started through its service, in each language."""

import pytest

from core.fiscal import FiscalYear
from reports import services

pytestmark = pytest.mark.django_db


def test_a_report_can_be_started_with_its_narratives_in_english_and_french(staff):
    report = services.annual_report_create(
        by=staff,
        fiscal_year=FiscalYear.current(),
        highlights_en="A shared intake form.",
        highlights_fr="Un formulaire d'accueil commun.",
    )

    assert (report.highlights_en, report.highlights_fr) == (
        "A shared intake form.",
        "Un formulaire d'accueil commun.",
    )


def test_a_report_field_the_service_does_not_know_is_refused(staff):
    with pytest.raises(TypeError, match="highlights_de"):
        services.annual_report_create(
            by=staff, fiscal_year=FiscalYear.current(), highlights_de="Nein"
        )

"""The health check in the annual report and the open data: suppressed figures, approved quotes."""

import pytest
from django.template.loader import render_to_string

from core.fiscal import FiscalYear
from evaluation import services
from evaluation.models import HealthCheckComment
from reports import opendata
from reports.snapshot import build_language

from .health_check_helpers import answer, body, close, opened, seat

pytestmark = pytest.mark.django_db

YEAR = FiscalYear.from_label("2026-27")


@pytest.fixture
def closed_check(staff):
    health_check = opened()
    council = body()
    work = body(slug="work", name="Work group", name_fr="Groupe Emploi")
    for index, person in enumerate(seat(council, 10)):
        answer(health_check, person, council, rating=4, comment=f"Council comment {index}")
    for person in seat(work, 2):
        answer(health_check, person, work, rating=1, comment="Secret from a small body")
    approved = HealthCheckComment.objects.get(text="Council comment 0")
    services.comment_moderate(comment=approved, status="approved", by=staff)
    return close(health_check)


def test_the_open_data_hold_only_the_figures_shown(closed_check):
    rows = opendata.health_check_rows(YEAR)

    by_body = {(row["statement_id"], row["body_en"]): row for row in rows}
    statement = closed_check.statements.order_by("order").first().pk
    overall = by_body[(statement, "")]
    assert overall["responses"] == 12 and not overall["suppressed"]
    # Council's 10 would give away the Work group's 2 from the overall: both are hidden.
    for name in ("Council", "Work group"):
        row = by_body[(statement, name)]
        assert row["suppressed"] and row["responses"] is None and row["rating_1"] is None


def test_the_open_data_quote_only_approved_comments(closed_check):
    rows = opendata.health_check_quote_rows(YEAR)

    assert rows == [{"fiscal_year": "2026-27", "quote": "Council comment 0"}]


def test_the_annual_report_has_a_health_check_section_in_english_and_french(closed_check):
    from tests.reports.factories import AnnualReportFactory

    report = AnnualReportFactory(fiscal_year=YEAR.start_year)
    for language, heading, statement in (
        ("en", "Partnership health check", "Decisions are made transparently."),
        ("fr", "Bilan de santé du partenariat", "Les décisions sont prises de façon transparente."),
    ):
        data = build_language(report, language)
        from django.utils import translation

        with translation.override(language):
            html = render_to_string("reports/includes/report_body.html", {"report": data})
        assert heading in html
        assert statement in html
        assert "Council comment 0" in html
        assert "Secret from a small body" not in html

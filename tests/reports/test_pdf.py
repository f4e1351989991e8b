"""The PDF holds the report's text, headings and figures, in its language, with metadata."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports.services import annual_report_publish

from .factories import PAST


@pytest.fixture
def published(report, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return annual_report_publish(report=report, by=staff)


def read_pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from outline_titles(entry)
        else:
            yield entry.title


def test_english_pdf_holds_the_headings_and_the_figures(client, published):
    reader = read_pdf(client, reverse("reports:pdf", args=[PAST.label]))
    text = text_of(reader)
    for heading in (
        f"Annual report FY {PAST.label}",
        "Message from the chair",
        "Progress by pillar and strategic direction",
        "Items completed, delayed or cancelled",
        "Indicators",
        "Partners and people involved",
        "Meetings held",
        "Decisions taken",
        "Consultations held",
    ):
        assert heading in text
    assert "Mentoring circles for engineers" in text
    assert "Forty engineers met employers." in text
    assert "137" in text  # the indicator's value
    assert "fewer than 5" in text  # the suppressed cell, never its count
    assert "A year of shared work across the partnership." in text


def test_pdf_has_title_language_and_an_outline_of_its_headings(client, published):
    reader = read_pdf(client, reverse("reports:pdf", args=[PAST.label]))
    assert reader.metadata.title.startswith(f"Annual report FY {PAST.label}")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    titles = list(outline_titles(reader.outline))
    assert titles[0] == f"Annual report FY {PAST.label}"
    assert "Indicators" in titles
    assert "Newcomers placed in jobs" in titles  # an h3


def test_french_pdf_is_in_french(client, published):
    reader = read_pdf(client, "/fr" + reverse("reports:pdf", args=[PAST.label]))
    text = text_of(reader)
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert (
        f"Rapport annuel de l’exercice {PAST.start_year}-{PAST.start_year + 1}"
        in reader.metadata.title
    )
    assert "Message de la présidence" in text
    assert "Indicateurs" in text
    assert "Une année de travail commun au sein du partenariat." in text
    assert "Emplois trouvés" in text
    assert "moins de 5" in text
    assert "Message from the chair" not in text


def test_the_pdf_of_a_draft_is_not_served(client, report):
    assert client.get(reverse("reports:pdf", args=[PAST.label])).status_code == 404

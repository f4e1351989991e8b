"""The annual report and funder report PDFs are tagged for PDF/UA-1, in English and French:
a structure tree, the language, the title shown by the reader, headings in order, tables with
header cells, lists, and a text alternative for every chart in the PDF's language."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from reports.services import annual_report_publish

from .factories import PAST

STATUS_CHART = "Action items by status: the figures are in the table below the chart."
PILLAR_CHART = "Percent complete of each pillar: the figures are in the headings and tables below."
LANGUAGES = ["en", "fr"]

# The PDF fixtures are chosen at run time (`any_pdf`), where pytest-django cannot see that they
# need the database: the mark keeps these tests with the other database tests, before the
# transactional ones that empty the tables migrations filled (the pillars).
pytestmark = pytest.mark.django_db


@pytest.fixture
def published(report, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return annual_report_publish(report=report, by=staff)


def prefixed(language, url):
    return url if language == "en" else f"/{language}{url}"


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return PdfReader(io.BytesIO(content))


@pytest.fixture
def annual_pdf(client, published):
    def get(language):
        return read(client.get(prefixed(language, reverse("reports:pdf", args=[PAST.label]))))

    return get


@pytest.fixture
def funder_pdf(client, staff, year_data, past_period):
    client.force_login(staff)

    def get(language):
        url = reverse("reports:funder_pdf", args=[past_period.pk])
        return read(client.get(prefixed(language, url)))

    return get


@pytest.fixture(params=["annual", "funder"])
def any_pdf(request):
    return request.getfixturevalue(f"{request.param}_pdf")


def structure(reader):
    """Every element of the structure tree, in reading order."""
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if "/S" in node:
            yield node
        kids = node.get("/K")
        kids = [] if kids is None else kids.get_object()
        if not isinstance(kids, list):
            kids = [kids]
        stack.extend(
            kid
            for kid in reversed(kids)
            if hasattr(kid.get_object(), "get") and "/S" in kid.get_object()
        )


def tags(reader, name):
    return [node for node in structure(reader) if node["/S"] == name]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_is_tagged_and_says_it_conforms_to_pdf_ua_1(any_pdf, language):
    reader = any_pdf(language)
    root = reader.trailer["/Root"]
    assert root["/StructTreeRoot"]["/K"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_carries_its_language(any_pdf, language):
    assert any_pdf(language).trailer["/Root"]["/Lang"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reader_shows_the_title_from_the_metadata(any_pdf, language):
    reader = any_pdf(language)
    title = reader.metadata.title
    assert title
    assert reader.xmp_metadata.dc_title == {"x-default": title}
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"].value is True


@pytest.mark.parametrize("language", LANGUAGES)
def test_headings_start_at_h1_and_skip_no_level(any_pdf, language):
    levels = [
        int(node["/S"][2:])
        for node in structure(any_pdf(language))
        if node["/S"][1:2] == "H" and node["/S"][2:].isdigit()
    ]
    assert levels[0] == 1
    assert all(level <= previous + 1 for previous, level in zip(levels, levels[1:], strict=False))


def test_the_annual_report_has_headings_down_to_h3(annual_pdf):
    names = {node["/S"] for node in structure(annual_pdf("en"))}
    assert {"/H1", "/H2", "/H3"} <= names


@pytest.mark.parametrize("language", LANGUAGES)
def test_tables_have_header_cells_scoped_to_their_column_or_row(any_pdf, language):
    reader = any_pdf(language)
    assert tags(reader, "/Table")
    headers = tags(reader, "/TH")
    assert headers
    scopes = {header["/A"]["/Scope"] for header in headers}
    assert scopes == {"/Column", "/Row"}


def test_data_cells_point_to_their_header_cells(funder_pdf):
    reader = funder_pdf("en")
    assert all(cell["/A"]["/Headers"] for cell in tags(reader, "/TD"))


def test_table_captions_are_inside_their_table(annual_pdf):
    reader = annual_pdf("en")
    assert any(
        kid.get_object()["/S"] == "/Caption"
        for table in tags(reader, "/Table")
        for kid in table["/K"]
    )


def test_the_annual_report_lists_are_tagged_as_lists(annual_pdf):
    reader = annual_pdf("en")
    assert tags(reader, "/L")
    assert tags(reader, "/LI")
    assert tags(reader, "/LBody")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_is_a_figure_with_a_text_alternative_in_the_pdfs_language(annual_pdf, language):
    figures = tags(annual_pdf(language), "/Figure")
    alternatives = [str(figure.get("/Alt", "")).strip() for figure in figures]
    assert len(figures) == 3  # the status chart, the pillar chart and the indicator's line
    assert all(alternatives)
    with translation.override(language):
        assert gettext(STATUS_CHART) in alternatives
        assert gettext(PILLAR_CHART) in alternatives
    indicator = "Newcomers placed in jobs" if language == "en" else "Emplois trouvés"
    assert any(alternative.startswith(indicator) for alternative in alternatives)


def test_the_french_chart_alternatives_are_not_left_in_english(annual_pdf):
    alternatives = {str(figure["/Alt"]) for figure in tags(annual_pdf("fr"), "/Figure")}
    assert not alternatives & {STATUS_CHART, PILLAR_CHART}
    assert not any("by fiscal year" in alternative for alternative in alternatives)

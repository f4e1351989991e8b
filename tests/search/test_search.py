import pytest
from django.urls import reverse

from actionplans.models import ApprovalStatus
from consultations.models import Consultation
from search import selectors, services, text
from search.models import Entry, Kind
from tests.actionplans.factories import ActionItemFactory, AnnualActionPlanFactory
from tests.consultations.factories import ConsultationFactory
from tests.partners.factories import OrganizationFactory
from tests.pillars.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def search(client, query, language="en", **params):
    prefix = "/fr" if language == "fr" else ""
    return client.get(f"{prefix}/search/", {"q": query, **params})


def test_english_query_finds_another_form_of_the_word(client):
    ActionItemFactory(title="Affordable house finder for newcomer families")
    services.search_reindex()
    response = search(client, "housing")
    assert response.status_code == 200
    assert "Affordable <mark>house</mark> finder" in response.text


def test_french_query_finds_french_text_in_the_singular(client):
    ConsultationFactory(
        title={"en": "Public consultation", "fr": "Consultation publique sur l'accueil"},
    )
    services.search_reindex()
    response = search(client, "consultations publiques", language="fr")
    assert response.status_code == 200
    assert "accueil" in response.text
    assert "<mark>Consultation</mark> <mark>publique</mark>" in response.text


def test_items_of_a_draft_annual_plan_never_appear(client):
    draft = AnnualActionPlanFactory(fiscal_year=2030, status=ApprovalStatus.DRAFT)
    ActionItemFactory(annual_plan=draft, title="Secret zebra pilot")
    services.search_reindex()
    assert not Entry.objects.filter(kind=Kind.ACTION_ITEM).exists()
    assert "Secret" not in search(client, "zebra").text


def test_unpublished_minutes_and_draft_consultations_never_appear(client):
    MeetingFactory(minutes_en="The walrus plan", minutes_fr="Le plan morse", is_published=False)
    ConsultationFactory(
        title={"en": "Walrus survey", "fr": "Sondage morse"}, status=Consultation.Status.DRAFT
    )
    services.search_reindex()
    response = search(client, "walrus")
    assert response.status_code == 200
    assert "Walrus survey" not in response.text
    assert not Entry.objects.filter(kind__in=[Kind.MINUTES, Kind.CONSULTATION]).exists()


def test_stored_text_is_escaped_never_trusted_as_html(client):
    OrganizationFactory(name="Harbour <script>alert(1)</script> services")
    services.search_reindex()
    response = search(client, "harbour")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize(
    "query",
    ["-", "& | ! :*", '"', "'", "x" * 1000, "!!! ::: ***", "(((", "or", "a:*", "'a' & !b"],
)
def test_hostile_queries_get_a_page_never_a_server_error(client, query):
    OrganizationFactory(name="Harbour services")
    services.search_reindex()
    response = search(client, query)
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["\x00", "a\x00b"])
def test_a_nul_byte_is_refused_as_a_bad_request_not_a_server_error(client, query):
    # The portal refuses a NUL byte in any address before the view (request_limits).
    response = search(client, query)
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["-", "& | ! :*", "x" * 1000])
def test_hostile_queries_are_answered_with_a_message(client, query):
    response = search(client, query)
    assert 'class="field-error"' in response.text


def test_operators_in_a_query_are_harmless_words(client):
    OrganizationFactory(name="Harbour services")
    services.search_reindex()
    response = search(client, "harbour & !:* | (services")
    assert response.status_code == 200
    assert "<mark>Harbour</mark>" in response.text


def test_an_empty_query_shows_the_form_without_a_message(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'class="field-error"' not in response.text
    assert 'role="search"' in response.text


def test_results_filter_by_kind(client):
    OrganizationFactory(name="Harbour services")
    ActionItemFactory(title="Harbour welcome desk")
    services.search_reindex()
    response = search(client, "harbour", kind=Kind.ORGANIZATION)
    assert "Harbour welcome desk" not in response.text
    assert "<mark>Harbour</mark> services" in response.text


def test_results_filter_by_pillar(client):
    ActionItemFactory(title="Harbour welcome desk")  # the factory's direction is under Work
    services.search_reindex()
    assert "welcome desk" in search(client, "harbour", pillar="work").text
    assert "welcome desk" not in search(client, "harbour", pillar="belong").text


def test_a_write_through_the_models_updates_the_index_on_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        organization = OrganizationFactory(name="Lighthouse tutoring")
    assert Entry.objects.filter(kind=Kind.ORGANIZATION, object_id=organization.pk).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        organization.delete()
    assert not Entry.objects.filter(kind=Kind.ORGANIZATION).exists()


def test_unpublishing_minutes_removes_them_from_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = MeetingFactory(is_published=True)
    assert Entry.objects.filter(kind=Kind.MINUTES).count() == 2
    meeting.is_published = False
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save()
    assert not Entry.objects.filter(kind=Kind.MINUTES).exists()


def test_the_simple_search_used_on_sqlite_folds_case_accents_and_plurals():
    ConsultationFactory(title={"en": "Public survey", "fr": "Consultation publique à Élan"})
    services.search_reindex()
    found = selectors.simple_results(query="CONSULTATIONS publiques elan", language="fr")
    assert [entry.title for entry in found] == ["Consultation publique à Élan"]


def test_the_simple_search_highlights_and_escapes():
    html = text.highlight("<b>Café</b> for newcomers", text.terms("cafe newcomer"))
    assert html == "&lt;b&gt;<mark>Café</mark>&lt;/b&gt; for <mark>newcomers</mark>"


def test_the_search_box_is_a_labelled_landmark_on_every_page(client):
    response = client.get(reverse("home"))
    assert 'role="search" aria-label="Site"' in response.text
    assert '<label for="site-search-q"' in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_results_page_query_count_stays_flat(client, django_assert_max_num_queries, count):
    for n in range(count):
        ActionItemFactory(title=f"Harbour desk {n}")
        OrganizationFactory(name=f"Harbour partner {n}")
    services.search_reindex()
    with django_assert_max_num_queries(4):
        response = search(client, "harbour", language="fr")
    assert response.status_code == 200
    assert response.text.count('class="search-result"') == min(2 * count, selectors.PER_PAGE)


def test_a_report_appears_only_once_published(client, staff):
    from reports.models import ReportVersion
    from reports.snapshot import build_snapshot
    from tests.reports.factories import AnnualReportFactory

    report = AnnualReportFactory()
    services.search_reindex()
    assert not Entry.objects.filter(kind=Kind.REPORT).exists()
    assert "search-result" not in search(client, "mentoring").text
    ReportVersion.objects.create(
        report=report, number=1, published_by=staff, snapshot=build_snapshot(report)
    )
    services.search_reindex()
    response = search(client, "mentorat", language="fr")
    assert "<mark>mentorat</mark>" in response.text
    assert f'href="/fr/reports/{report.fiscal_year_obj.label}/"' in response.text


def test_a_search_that_finds_nothing_says_so(client):
    response = search(client, "zeppelin")
    assert response.status_code == 200
    assert "0 results" in response.text
    assert "Nothing the public can read matches these words" in response.text


def test_each_result_says_what_it_is_in_the_page_language(client):
    ActionItemFactory(title="Harbour welcome desk")
    services.search_reindex()
    response = search(client, "harbour", language="fr")
    assert "Actions · exercice" in response.text


def test_renaming_an_organization_updates_the_items_it_leads(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = ActionItemFactory(title="Welcome desk")
    organization = item.lead_organization
    organization.name = "Harbour Settlement Services"
    with django_capture_on_commit_callbacks(execute=True):
        organization.save()
    entry = Entry.objects.get(kind=Kind.ACTION_ITEM, object_id=item.pk, language="en")
    assert "Harbour Settlement Services" in entry.body

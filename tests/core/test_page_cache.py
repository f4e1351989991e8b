"""The shared page cache: anonymous pages come from it, change at once after a write, and
nothing personal ever enters it. (Decisions, reports and consultation results have their own
files beside their apps' tests.)"""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from actionplans.models import ItemStatus
from actionplans.services import progress_update_create
from consultations import services as consultation_services
from consultations.models import Consultation
from core import page_cache
from partners.services import organization_import_csv
from pillars.services import group_page_update
from tests.actionplans.factories import ActionItemFactory, ReportingPeriodFactory
from tests.conftest import commit_pending_page_cache_changes
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.pillars.factories import ActionGroupFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


@pytest.fixture(autouse=True)
def _cache_assumed_healthy():
    page_cache._cache_down_until = 0.0
    page_cache._bump_owed = False
    yield
    page_cache._cache_down_until = 0.0
    page_cache._bump_owed = False


def served_from_cache(client, url, django_assert_max_num_queries, **extra):
    """GET url and say whether it came from the cache: a hit reads only the cache (one
    query on the cache table with the database cache, none with Redis)."""
    with django_assert_max_num_queries(1) as captured:
        response = client.get(url, **extra)
    assert all("lip_portal_cache" in q["sql"] for q in captured.captured_queries)
    return response


# --- Hits and the lean path -----------------------------------------------------------------


def test_a_second_anonymous_visit_reads_only_the_cache(client, django_assert_max_num_queries):
    first = client.get("/")

    second = served_from_cache(client, "/", django_assert_max_num_queries)

    assert second.status_code == 200
    assert second.content == first.content


def test_english_and_french_pages_are_cached_apart(client):
    english = client.get("/").text
    french = client.get("/fr/").text

    assert client.get("/").text == english
    assert client.get("/fr/").text == french
    assert '<html lang="fr"' in french and '<html lang="en"' in english


def test_the_query_string_is_part_of_the_key(client):
    ActionItemFactory(title="Mentoring circles")

    client.get("/plan/")
    filtered = client.get("/plan/?q=no-such-thing-anywhere")

    assert client.get("/plan/").text.count("Mentoring circles") >= 1
    assert filtered.status_code == 200


def test_a_head_request_is_answered_from_the_cached_page(client):
    page = client.get("/")

    head = client.head("/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == page["ETag"]


def test_a_request_with_a_session_cookie_never_reads_the_cache(client):
    client.get("/")
    client.cookies["sessionid"] = "made-up"

    with CaptureQueriesContext(connection) as captured:
        client.get("/")

    assert len(captured) >= 3  # built again: pillars, report, year at a glance


# --- Invalidation through the services ------------------------------------------------------


def test_a_progress_update_shows_at_once_on_the_item_and_the_plan_in_both_languages(
    client, staff, committed
):
    item = ActionItemFactory(title="Mentoring circles for engineers")
    pages = ["/plan/", "/fr/plan/", f"/actions/{item.pk}/", f"/fr/actions/{item.pk}/"]
    before = {url: client.get(url).text for url in pages}

    with committed():
        progress_update_create(
            item=item,
            author=staff,
            status=ItemStatus.DELAYED,
            percent=35,
            narrative="The hall we booked closed for repairs.",
            seen_version=item.version,
            period=ReportingPeriodFactory(),
        )

    for url in pages:
        after = client.get(url).text
        assert after != before[url], url
        assert "35" in after, url
    assert "The hall we booked closed for repairs." in client.get(f"/actions/{item.pk}/").text
    assert "The hall we booked closed for repairs." in client.get(f"/fr/actions/{item.pk}/").text


def test_a_group_page_edit_shows_at_once_in_both_languages(client, committed, staff):
    group = ActionGroupFactory(slug="youth-action")
    client.get("/groups/youth-action/")
    client.get("/fr/groups/youth-action/")

    with committed():
        group_page_update(
            by=staff,
            group=group,
            mandate_en="Bring youth voices to every table.",
            mandate_fr="Faire entendre les jeunes à chaque table.",
        )

    assert "Bring youth voices to every table." in client.get("/groups/youth-action/").text
    assert "Faire entendre les jeunes" in client.get("/fr/groups/youth-action/").text


def test_imported_partners_show_at_once_in_both_languages(client, committed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assert "Harbour Settlement Services" not in client.get("/partners/").text
    client.get("/fr/partners/")
    csv = (
        "name_en,name_fr,slug,sector\n"
        "Harbour Settlement Services,Services d'établissement du Port,harbour,settlement\n"
    )

    with committed():
        organization_import_csv(by=None, file=SimpleUploadedFile("partners.csv", csv.encode()))

    assert "Harbour Settlement Services" in client.get("/partners/").text
    assert "Services d&#x27;établissement du Port" in client.get("/fr/partners/").text


def test_a_consultation_opened_by_staff_shows_at_once_in_the_list(client, committed, staff):
    consultation = ConsultationFactory(
        slug="libraries",
        status=Consultation.Status.DRAFT,
        title={"en": "Libraries for all", "fr": "Des bibliothèques pour tous"},
        extra_languages=[],
    )
    QuestionFactory(consultation=consultation, order=1)
    assert "Libraries for all" not in client.get("/consultations/").text
    client.get("/fr/consultations/")

    with committed():
        consultation_services.consultation_set_status(
            by=staff, consultation=consultation, status=Consultation.Status.OPEN
        )

    assert "Libraries for all" in client.get("/consultations/").text
    assert "Des bibliothèques pour tous" in client.get("/fr/consultations/").text


def test_a_pillar_renamed_shows_at_once_on_the_home_and_pillar_pages(client, committed):
    from pillars.models import Pillar

    client.get("/")
    client.get("/fr/")
    pillar = Pillar.objects.get(slug="work")

    with committed():
        pillar.name_en, pillar.name_fr = "Work and careers", "Travail et carrières"
        pillar.save()

    assert "Work and careers" in client.get("/").text
    assert "Travail et carrières" in client.get("/fr/").text


def test_one_transaction_changes_the_generation_once_however_many_rows_it_writes(
    django_capture_on_commit_callbacks,
):
    commit_pending_page_cache_changes()
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        ActionItemFactory.create_batch(3)

    assert [c for c in callbacks if c is page_cache.bump] == [page_cache.bump]


def test_a_consultation_submission_leaves_the_cached_pages_alone(
    client, django_capture_on_commit_callbacks
):
    consultation = ConsultationFactory(slug="open-survey")
    question = QuestionFactory(consultation=consultation, order=1, required=True)
    client.get("/")
    commit_pending_page_cache_changes()

    with django_capture_on_commit_callbacks() as callbacks:
        consultation_services.response_submit(
            consultation=consultation,
            language="en",
            answers={question.pk: ["2"]},
            nonce="a-fresh-nonce",
        )

    assert page_cache.bump not in callbacks


def test_a_lost_generation_starts_a_new_one_instead_of_serving_old_pages(client):
    from pillars.models import Pillar

    client.get("/")
    cache.delete(page_cache.GENERATION_KEY)
    Pillar.objects.filter(slug="work").update(name_en="Work, renamed behind the cache's back")

    assert "Work, renamed behind the cache&#x27;s back" in client.get("/").text


# --- What never enters the cache ------------------------------------------------------------


def test_a_signed_in_person_never_gets_the_cached_anonymous_page(client, partner_staff):
    client.get("/")
    client.force_login(partner_staff)

    page = client.get("/")

    assert "Sign out" in page.text
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]


def test_a_signed_in_page_never_enters_the_cache(client, partner_staff):
    client.force_login(partner_staff)
    client.get("/")
    client.get("/plan/")

    anonymous = Client()

    for url in ("/", "/plan/"):
        page = anonymous.get(url).text
        assert "Sign out" not in page
        assert "My dashboard" not in page


def test_a_page_with_a_form_token_is_never_stored(client):
    consultation = ConsultationFactory(slug="with-a-form")
    QuestionFactory(consultation=consultation, order=1)

    first = client.get("/consultations/with-a-form/")
    second = client.get("/consultations/with-a-form/")

    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        for page in (first, second)
    ]
    assert tokens[0] != tokens[1]
    assert "public" not in second.get("Cache-Control", "")


def test_the_sign_in_page_and_the_back_office_are_never_stored(client):
    for url in ("/accounts/login/", "/admin/login/", "/dashboard/"):
        client.get(url)
        client.get(url)

    assert _page_keys() == []


def _page_keys():
    # Only the database cache can be listed; with Redis the other tests cover it.
    if "lip_portal_cache" not in connection.introspection.table_names():
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM lip_portal_cache")
        return [row[0] for row in cursor.fetchall() if page_cache.PAGE_KEY_PREFIX in row[0]]


def test_a_page_showing_a_message_is_never_stored(rf):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse

    request = rf.get("/")
    request.COOKIES = {}
    request._messages = CookieStorage(request)
    request._messages.add(20, "Saved.")
    middleware = page_cache.PageCacheMiddleware(lambda r: HttpResponse("<p>Saved.</p>"))

    assert not middleware._is_public(request, HttpResponse("<p>Saved.</p>"))


# --- HTTP headers ---------------------------------------------------------------------------


def test_a_public_page_varies_on_cookie_but_not_on_accept_language(client):
    for response in (client.get("/"), client.get("/")):
        vary = {v.strip().lower() for v in response["Vary"].split(",")}
        assert "cookie" in vary
        assert "accept-language" not in vary


def test_a_public_page_lets_a_proxy_keep_it_a_few_seconds_and_browsers_revalidate(client, settings):
    settings.PAGE_CACHE_SHARED_MAX_AGE = 7

    control = {v.strip() for v in client.get("/partners/")["Cache-Control"].split(",")}

    assert {"public", "max-age=0", "s-maxage=7", "must-revalidate"} <= control


def test_a_matching_etag_gets_304_from_a_cache_hit(client, django_assert_max_num_queries):
    etag = client.get("/")["ETag"]

    response = served_from_cache(
        client, "/", django_assert_max_num_queries, HTTP_IF_NONE_MATCH=etag
    )

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_matching_etag_gets_304_when_the_page_is_built_again(client):
    etag = client.get("/")["ETag"]
    cache.clear()

    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_etag_changes_when_the_page_does(client, committed):
    from pillars.models import Pillar

    etag = client.get("/")["ETag"]
    with committed():
        Pillar.objects.filter(slug="work").first().save()  # same text: same page, same ETag
    assert client.get("/")["ETag"] == etag

    with committed():
        pillar = Pillar.objects.get(slug="work")
        pillar.name_en = "Work and careers"
        pillar.save()

    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


# --- Failure --------------------------------------------------------------------------------


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("the cache is down")

        return fail


def test_a_broken_cache_still_serves_every_page(client, monkeypatch, committed, staff):
    monkeypatch.setattr(page_cache, "cache", BrokenCache())
    item = ActionItemFactory()

    for url in ("/", "/fr/", "/plan/", f"/actions/{item.pk}/", "/partners/", "/decisions/"):
        page_cache._cache_down_until = 0.0  # every request tries the cache again
        assert client.get(url).status_code == 200, url


def test_a_write_while_the_cache_is_down_still_commits(monkeypatch, committed, staff):
    monkeypatch.setattr(page_cache, "cache", BrokenCache())
    item = ActionItemFactory()

    with committed():
        progress_update_create(
            item=item,
            author=staff,
            status=ItemStatus.ON_TRACK,
            percent=20,
            narrative="Started.",
            seen_version=item.version,
            period=ReportingPeriodFactory(),
        )

    item.refresh_from_db()
    assert item.percent == 20
    assert page_cache._bump_owed


def test_a_generation_owed_while_the_cache_was_down_is_started_before_the_next_page(
    client, monkeypatch
):
    client.get("/")
    before = cache.get(page_cache.GENERATION_KEY)
    page_cache._bump_owed = True

    client.get("/")

    assert cache.get(page_cache.GENERATION_KEY) != before


def test_zero_seconds_turns_the_page_cache_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0

    response = client.get("/")

    assert "public" not in response.get("Cache-Control", "")
    assert _page_keys() == []

"""One person's answer changes nothing anybody else can see, at any stage of a review.

Finding 1 of issue 13: loading the staff page, letting one council member answer and loading it
again showed what they answered. Here every page that touches the equity review (the equity
URLs and the dashboard, taken from the URL conf, in both languages, and the equity pages of the
admin) is read as anonymous, staff, superuser and another council member, before and after one
person's answer, at every stage of a review; the two readings must be the same.

While the questionnaire is open the answer goes through the questionnaire itself. At any other
stage the questionnaire refuses it, and the answer is then written straight into the tables, as
a restore or a bug might: the pages show the figures stored when the questionnaire closed, so
even that changes nothing.
"""

import datetime
import difflib
import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from equity import services
from equity.models import Answer, EquityReview, Invitation, Response
from tests.partners.factories import StaffFactory, UserFactory, add_second_factor

from .conftest import FULL_TEXTS, add_members, answer
from .factories import EquityReviewFactory, GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

FISCAL_YEAR = "2026-27"
EVERYONE_ELSE = {
    "racialized": "not_racialized",
    "indigenous": "not_indigenous",
    "immigration": "born_in_canada",
    "refugee": "no_refugee_experience",
    "gender": "woman",
    "age": "45_64",
    "disability": "no_disability",
    "first_language": "english",
}
# The one person's answers: each held by nobody else, as in the finding.
THE_ONE = {
    "racialized": "racialized",
    "indigenous": "indigenous",
    "immigration": "arrived_0_5",
    "refugee": "refugee_experience",
    "gender": "another_gender",
    "age": "under_25",
    "disability": "disability",
    "first_language": "other_language",
}
STAGES = ["draft", "open", "closed", "published", "answers deleted"]


def equity_urls(review, token):
    """Every named URL of the equity app, and the dashboard, from the URL conf, in both
    languages; then the admin's pages of the equity app."""
    values = {"fiscal_year": review.fiscal_year, "token": token, "transition": "close"}
    names = []

    def walk(resolver, namespace=None):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    walk(pattern, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name.startswith("equity:") or name == "dashboard":
                    names.append((name, list(pattern.pattern.converters)))

    walk(get_resolver())
    assert {"equity:manage_detail", "equity:review_detail", "dashboard"} <= {n for n, _ in names}
    urls = []
    for name, kwargs in names:
        url = reverse(name, kwargs={kwarg: values[kwarg] for kwarg in kwargs})
        urls += [url, "/fr" + url]
    urls.append(reverse("admin:index"))
    urls.append(reverse("admin:app_list", kwargs={"app_label": "equity"}))
    for model in admin.site._registry:
        if model._meta.app_label != "equity":
            continue
        prefix = f"admin:equity_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        for obj in model.objects.all():
            urls += [reverse(f"{prefix}_{view}", args=[obj.pk]) for view in ("change", "history")]
    return urls


def normalize(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    # Admin add forms default date and time fields to now, which moves between two readings.
    return re.sub(r'value="[\d-]*\s?\d{2}:\d{2}(:\d{2})?[^"]*"', 'value="(now)"', html)


def read(clients, urls):
    pages = {}
    for role, client in clients.items():
        for url in urls:
            response = client.get(url)
            pages[(role, url)] = (response.status_code, normalize(response.content.decode()))
    return pages


@pytest.fixture
def clients(staff, council_member):
    superuser = StaffFactory(email="super@example.org", is_superuser=True)
    signed_in = {"staff": staff, "superuser": superuser, "council member": council_member}
    result = {"anonymous": Client()}
    for role, person in signed_in.items():
        result[role] = Client()
        result[role].force_login(person)
    return result


@pytest.fixture
def the_one(db):
    person = UserFactory(email="the.one@example.org", display_name="The One")
    add_second_factor(person)
    return person


def review_at(stage, *, staff, council_member, the_one, council_others=6, settle_others=5):
    """A review of the Council and a steering group at `stage`, answered by the other members
    of both (the council member persona and the one person sit on them without answering)."""
    council = GroupFactory(slug="council", name="Council")
    settle = GroupFactory(slug="settle-steering-group", name="Settle group")
    review = EquityReviewFactory(fiscal_year=FISCAL_YEAR)
    review.bodies.set([council, settle])
    others = add_members(council, council_others) + add_members(settle, settle_others)
    MembershipFactory(group=council, person=council_member)
    MembershipFactory(group=council, person=the_one)
    MembershipFactory(group=settle, person=the_one)
    if stage == "draft":
        return review
    services.review_open(review=review, by=staff)
    for person in others:
        answer(review, person, **EVERYONE_ELSE)
    if stage == "open":
        return review
    services.review_close(review=review, by=staff)
    if stage == "closed":
        return review
    EquityReview.objects.filter(pk=review.pk).update(**FULL_TEXTS)
    services.review_publish(review=review, by=staff)
    if stage == "answers deleted":
        review.refresh_from_db()
        later = review.published_at + datetime.timedelta(days=366 * 10)
        assert services.answers_delete_expired(now=later) == 1
    return review


def give_the_one_answer(review, person):
    """The person answers through their link; where it refuses, straight into the tables."""
    review.refresh_from_db()
    invitation = Invitation.objects.filter(review=review, person=person).first()
    before = Response.objects.count()
    if invitation is not None:
        client = Client()
        client.force_login(person)
        response = client.post(invitation.get_absolute_url(), {**THE_ONE, "consent": "on"})
        if review.status == EquityReview.Status.OPEN:
            assert response.status_code == 302
            assert Response.objects.count() == before + 1
            return
        assert response.status_code == 200
        assert "This questionnaire is closed" in response.text
    assert Response.objects.count() == before
    response = Response.objects.create(review=review, key="written-straight-into-the-table")
    response.bodies.set(review.bodies.all())
    Answer.objects.bulk_create(
        Answer(response=response, dimension=dimension, category=category)
        for dimension, category in THE_ONE.items()
    )


def changed_lines(before, after):
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def before_and_after_the_one_answers(review, clients, the_one):
    token = Invitation.objects.filter(person=the_one).values_list("token", flat=True).first()
    urls = equity_urls(review, token or "no-invitation-yet")
    before = read(clients, urls)
    give_the_one_answer(review, the_one)
    after = read(clients, urls)
    # The staff pages were read, not refused: the comparison is not of two refusals.
    for role in ("staff", "superuser"):
        assert before[(role, f"/about/equity-review/manage/{FISCAL_YEAR}/")][0] == 200
    changed = {
        key: changed_lines(before[key][1], after[key][1])
        for key in before
        if before[key] != after[key]
    }
    return before, after, changed


@pytest.mark.parametrize("stage", STAGES)
def test_one_answer_changes_no_page_anyone_else_reads(
    stage, clients, staff, council_member, the_one, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # every reading is rendered, none replayed from the cache
    # 11 answers, then 12: within one band in all and in each body.
    review = review_at(stage, staff=staff, council_member=council_member, the_one=the_one)

    _before, _after, changed = before_and_after_the_one_answers(review, clients, the_one)

    assert not changed, changed


BAND = re.compile(r"fewer than \d+|moins de \d+|\d+ to \d+|\d+ à \d+")


def test_an_answer_that_starts_a_new_band_moves_that_band_and_nothing_else(
    clients, staff, council_member, the_one, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    # 9 answers, then 10; the Council's 4, then 5.
    review = review_at(
        "open", staff=staff, council_member=council_member, the_one=the_one, council_others=4
    )

    before, after, changed = before_and_after_the_one_answers(review, clients, the_one)

    assert changed  # the bands did move
    for key, lines in changed.items():
        assert "/manage/" in key[1], key
        # Only the "Answered" column moved: with the bands blanked out, the pages are the same.
        assert BAND.sub("(band)", before[key][1]) == BAND.sub("(band)", after[key][1]), lines
    staff_page = after[("staff", f"/about/equity-review/manage/{FISCAL_YEAR}/")][1]
    assert "<td>11</td><td>10 to 11</td>" in staff_page  # all governance: 11 invited
    assert "<td>6</td><td>5 to 6</td>" in staff_page  # the Council: 6 invited

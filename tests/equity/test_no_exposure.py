"""No page, admin view or export shows anyone's answers.

The test builds two worlds that differ only in the answers of one person (each of their
answers held by nobody else), renders every URL of the portal and of the admin as every role
in both worlds, and requires the pages to be identical: nothing any role can see depends on
that person's answers. It also proves the admin has no way to reach the raw answers.
"""

import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from equity import services
from equity.aggregates import aggregates_compute
from equity.models import Answer, EquityReview, Invitation, Response
from tests.partners.factories import StaffFactory, UserFactory

from .conftest import FULL_TEXTS, add_members, answer
from .factories import EquityReviewFactory, GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

# What everyone else answers, and the two answers of the person, each unique to them.
COMMON = {
    "racialized": "not_racialized",
    "indigenous": "not_indigenous",
    "immigration": "born_in_canada",
    "refugee": "no_refugee_experience",
    "gender": "woman",
    "age": "45_64",
    "disability": "no_disability",
    "first_language": "english",
}
WORLD_A = {
    "racialized": "racialized",
    "indigenous": "indigenous",
    "immigration": "arrived_0_5",
    "refugee": "refugee_experience",
    "gender": "another_gender",
    "age": "under_25",
    "disability": "disability",
    "first_language": "french",
}
WORLD_B = {
    "racialized": "prefer_not_to_say",
    "indigenous": "prefer_not_to_say",
    "immigration": "arrived_6_10",
    "refugee": "prefer_not_to_say",
    "gender": "man",
    "age": "65_plus",
    "disability": "prefer_not_to_say",
    "first_language": "other_language",
}

# Values for the URL parameters of the portal's routes; anything else gets "1".
KWARG_VALUES = {
    "fiscal_year": ["2025-26", "2026-27"],
    "transition": ["open", "close", "publish"],
}


def _walk(resolver, namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner == "admin":
                continue  # the admin is covered model by model below
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(pattern, full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def _kwarg_names(pattern):
    if hasattr(pattern.pattern, "converters") and pattern.pattern.converters:
        return list(pattern.pattern.converters)
    return list(pattern.pattern.regex.groupindex)


def portal_urls(tokens):
    values = {**KWARG_VALUES, "token": tokens}
    urls = set()
    for name, pattern in _walk(get_resolver()):
        names = _kwarg_names(pattern)
        combos = [{}]
        for kwarg in names:
            combos = [{**c, kwarg: v} for c in combos for v in values.get(kwarg, ["1"])]
        for kwargs in combos:
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                url = reverse(name, kwargs=dict.fromkeys(kwargs, "x1"))
            urls.add(url)
            if not url.startswith("/healthz"):
                urls.add("/fr" + url)
    return sorted(urls)


def admin_urls():
    urls = {reverse("admin:index")}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        urls.add(reverse("admin:app_list", kwargs={"app_label": opts.app_label}))
        urls.add(reverse(f"{prefix}_changelist"))
        if not any(
            p.name == f"{opts.app_label}_{opts.model_name}_change" for p in model_admin.get_urls()
        ):
            continue  # an admin of counts only (following): no page of one object
        urls.add(reverse(f"{prefix}_add"))
        for obj in model_admin.get_queryset(_request()).order_by("pk")[:3]:
            for view in ("change", "history", "delete"):
                urls.add(reverse(f"{prefix}_{view}", args=[obj.pk]))
    return sorted(urls)


def _request():
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = StaffFactory.build(is_superuser=True)
    return request


def normalize(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    # Add forms default some fields to the current time, which moves between the two snapshots.
    html = re.sub(r'value="[\d-]*\s?\d{2}:\d{2}(:\d{2})?[^"]*"', 'value="(now)"', html)
    return re.sub(r"csrftoken=[^;]*", "", html)


def snapshot(clients, urls):
    pages = {}
    for role, client in clients.items():
        for url in urls:
            response = client.get(url)
            body = response.content.decode() if response.status_code != 302 else ""
            pages[(role, url)] = (response.status_code, normalize(body))
    return pages


def switch_answers(review, answers):
    for dimension, category in answers.items():
        Answer.objects.filter(
            response__review=review, dimension=dimension, category=WORLD_A[dimension]
        ).update(category=category)


@pytest.fixture
def world(staff, council_member, partner_staff):
    council = GroupFactory(slug="council", name="Council")
    settle = GroupFactory(slug="settle-steering-group", name="Settle group")
    target = UserFactory(email="target@example.org", display_name="Target Person")
    reviews = []
    for fiscal_year in ("2025-26", "2026-27"):
        review = EquityReviewFactory(fiscal_year=fiscal_year)
        review.bodies.set([council, settle])
        reviews.append(review)
    others = add_members(council, 8) + add_members(settle, 6)
    MembershipFactory(group=council, person=council_member)
    MembershipFactory(group=council, person=target)
    MembershipFactory(group=settle, person=target)
    for review in reviews:
        services.review_open(review=review, by=staff)
        for person in others:
            answer(review, person, **COMMON)
        answer(review, council_member, **COMMON)
        answer(review, target, **WORLD_A)
    published, open_review = reviews
    services.review_close(review=published, by=staff)
    EquityReview.objects.filter(pk=published.pk).update(**FULL_TEXTS)
    services.review_publish(review=published, by=staff)
    return {"published": published, "open": open_review, "target": target}


def test_no_page_of_the_portal_or_the_admin_depends_on_one_persons_answers(
    world, staff, council_member, partner_staff
):
    staff.is_superuser = True
    staff.save()
    clients = {"anonymous": Client()}
    for role, person in (("staff", staff), ("council", council_member), ("partner", partner_staff)):
        clients[role] = Client()
        clients[role].force_login(person)
    tokens = list(Invitation.objects.values_list("token", flat=True))
    urls = portal_urls(tokens) + admin_urls()
    assert any("/about/equity-review/2025-26/" in url for url in urls)
    assert any("/admin/equity/equityreview/" in url for url in urls)

    # A first pass lets pages with side effects settle (allauth records email addresses).
    snapshot(clients, urls)
    world_a = snapshot(clients, urls)
    for review in (world["published"], world["open"]):
        switch_answers(review, WORLD_B)
    # Had they answered otherwise at publication, the frozen figures would be these.
    published = world["published"]
    EquityReview.objects.filter(pk=published.pk).update(aggregates=aggregates_compute(published))
    assert not Answer.objects.filter(category="arrived_0_5").exists()  # the worlds differ
    world_b = snapshot(clients, urls)

    differing = [key for key in world_a if world_a[key] != world_b[key]]
    assert not differing, differing
    # The staff pages were read (the comparison is not of refusals), and showed figures.
    staff_page = world_a[("staff", "/about/equity-review/manage/2025-26/")]
    assert staff_page[0] == 200 and "Racialized identity" in staff_page[1]
    assert world_a[("staff", "/about/equity-review/manage/2026-27/")][0] == 200


def test_the_admin_has_no_page_for_the_answers_or_the_invitations(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)

    assert Response not in admin.site._registry
    assert Answer not in admin.site._registry
    assert Invitation not in admin.site._registry
    for model_admin in admin.site._registry.values():
        inline_models = {inline.model for inline in getattr(model_admin, "inlines", [])}
        assert not inline_models & {Response, Answer, Invitation}
    for path in (
        "/admin/equity/response/",
        "/admin/equity/answer/",
        "/admin/equity/invitation/",
        "/admin/equity/response/1/change/",
        "/admin/equity/answer/export/",
    ):
        assert client.get(path).status_code == 404, path


def test_nobody_holds_a_permission_on_the_answers(staff):
    from django.contrib.auth.models import Permission

    assert not Permission.objects.filter(
        content_type__app_label="equity", content_type__model__in=["response", "answer"]
    ).exists()


def test_a_staff_request_for_someone_elses_answers_gets_a_404(client, world, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    invitation = Invitation.objects.get(review=world["open"], person=world["target"])

    for suffix in ("", "withdraw/", "decline/"):
        method = client.get if not suffix else client.post
        assert method(invitation.get_absolute_url() + suffix).status_code == 404
    assert Response.objects.filter(review=world["open"]).count() == 16

"""Rate limits on asking, no way to learn who follows, and staff see counts only."""

import pytest
from django.core import mail
from django.urls import reverse

from following.models import Subscription
from tests.partners.factories import StaffFactory
from tests.pillars.factories import pillar

pytestmark = pytest.mark.django_db


def test_one_connection_is_refused_past_its_limit(settings, follow):
    settings.FOLLOW_RATE_LIMIT_IP = 3

    answers = [follow("reports", email=f"p{n}@example.org").status_code for n in range(4)]

    assert answers == [302, 302, 302, 429]
    assert Subscription.objects.count() == 3


def test_one_address_gets_no_more_confirmations_past_its_limit_and_is_told_nothing(
    settings, follow
):
    settings.FOLLOW_RATE_LIMIT_ADDRESS = 2

    answers = [follow("reports").status_code for _ in range(4)]

    assert answers == [302, 302, 302, 302]
    assert len(mail.outbox) == 2


def test_the_answer_is_the_same_page_for_a_new_and_a_confirmed_address(client, follow, confirm):
    follow("reports")
    confirm()

    for email in ("reader@example.org", "new@example.org"):
        response = follow("reports", email=email)
        page = client.get(response["Location"])
        assert response["Location"] == reverse("following:requested")
        assert page.status_code == 200
        assert email not in page.text


def test_the_follow_form_needs_no_csrf_token_and_leaves_the_page_cacheable(client):
    page = client.get(pillar("settle").get_absolute_url())

    assert 'action="/follow/"' in page.text
    assert "csrfmiddlewaretoken" not in page.text.split('class="follow-form"', 1)[1]
    assert "csrftoken" not in page.cookies


def test_the_follow_form_is_on_the_group_consultation_and_reports_pages(client):
    from tests.consultations.factories import ConsultationFactory
    from tests.pillars.factories import SteeringGroupFactory

    pages = [
        SteeringGroupFactory().get_absolute_url(),
        reverse("consultations:detail", kwargs={"slug": ConsultationFactory().slug}),
        reverse("reports:report_list"),
    ]

    for path in pages:
        assert 'class="follow-form"' in client.get(path).text, path


def test_communications_staff_see_how_many_follow_each_thing_and_no_address(
    client, follow, confirm
):
    staff = StaffFactory(roles=["Communications and publishing"])
    follow("pillar", pillar("settle"), email="first@example.org")
    confirm()
    follow("pillar", pillar("settle"), email="second@example.org")
    client.force_login(staff)

    response = client.get(reverse("admin:following_subscription_changelist"))

    assert response.status_code == 200
    text = response.text
    assert "@example.org" not in text
    assert "<td>Settle</td><td>1</td><td>1</td>" in text.replace("\n", "")


def test_there_is_no_admin_page_of_one_follower(client, follow, staff):
    staff.is_superuser = True
    staff.save()
    follow("reports")
    client.force_login(staff)
    pk = Subscription.objects.get().pk

    response = client.get(f"/admin/following/subscription/{pk}/change/")

    assert response.status_code == 404


def test_staff_without_the_permission_cannot_see_the_counts(client):
    client.force_login(StaffFactory(roles=["Reporting"]))

    response = client.get(reverse("admin:following_subscription_changelist"))

    assert response.status_code in (302, 403)


def test_no_history_table_keeps_an_address():
    from django.apps import apps

    history_models = [m for m in apps.get_models() if m.__name__.startswith("Historical")]

    assert all(m._meta.app_label != "following" for m in history_models)
    assert not any(
        getattr(field, "related_model", None) is Subscription
        for model in history_models
        for field in model._meta.get_fields()
    )


def test_the_outbox_never_holds_a_followers_address(follow, confirm):
    from outbox.models import Message

    follow("reports")
    confirm()

    assert not any("reader@example.org" in str(m.kwargs) for m in Message.objects.all())

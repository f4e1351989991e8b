"""One-click unsubscribe (RFC 8058) in every email, honoured at once; links that were forged,
altered or have expired get a clear page, never a 500."""

import datetime

import pytest
from django.core import mail, signing
from django.test import Client

from following import tokens
from following.models import Subscription
from tests.pillars.factories import pillar

from .conftest import link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(follow, confirm, item_update, send_digests):
    """A confirmed follower of the Work pillar who received one digest."""
    follow("pillar", pillar("work"))
    confirm()
    item_update()
    send_digests()
    assert len(mail.outbox) == 2
    return Subscription.objects.get()


def test_every_email_has_the_one_click_unsubscribe_headers(confirmed):
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = message.extra_headers["List-Unsubscribe"]
        assert url.startswith("<http") and "/follow/unsubscribe/" in url
        assert "List-Id" in message.extra_headers


def test_the_mailto_is_offered_when_a_mailbox_is_configured(settings, follow):
    settings.FOLLOW_UNSUBSCRIBE_MAILTO = "unsubscribe@lip.example"

    follow("reports")

    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert "<mailto:unsubscribe@lip.example?subject=unsubscribe>" in header


def test_the_one_click_post_unsubscribes_with_no_cookie_and_no_csrf_token(confirmed):
    url = mail.outbox[-1].extra_headers["List-Unsubscribe"].split(">")[0].lstrip("<")
    path = url.split("://", 1)[1].partition("/")[2]
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(f"/{path}", {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert not response.cookies


def test_the_unsubscribe_link_shows_a_button_and_changes_nothing_on_get(client, confirmed):
    response = client.get(link_in(mail.outbox[-1], "unsubscribe"))

    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert Subscription.objects.exists()


def test_unsubscribing_twice_answers_the_same(client, confirmed):
    path = link_in(mail.outbox[-1], "unsubscribe")
    client.post(path)

    response = client.post(path)

    assert response.status_code == 200
    assert "You are unsubscribed" in response.text


def test_a_digest_queued_before_the_unsubscribe_is_never_sent(
    client, confirmed, item_update, django_capture_on_commit_callbacks
):
    from following import services
    from outbox.models import Message

    item_update(percent=80)
    mail.outbox.clear()
    # Queued, not yet run (as when the worker is busy).
    with django_capture_on_commit_callbacks(execute=False):
        services.digests_enqueue(
            frequency="weekly",
            now=confirmed.last_digest_at + datetime.timedelta(days=7),
        )
    message = Message.objects.filter(task="following.tasks.send_digest").latest("pk")

    client.post(link_in_any("unsubscribe", confirmed))
    from following.tasks import send_digest

    send_digest(**message.kwargs)

    assert mail.outbox == []


def link_in_any(action, subscription):
    from django.urls import reverse

    token = tokens.make(action=action, subscription_id=subscription.pk, email=subscription.email)
    return reverse(f"following:{action}", kwargs={"token": token})


@pytest.mark.parametrize("action", ["confirm", "manage", "unsubscribe"])
def test_a_forged_link_gets_a_clear_page(client, action):
    for method in (client.get, client.post):
        response = method(f"/follow/{action}/not-a-real-token/")

        assert response.status_code == 400
        assert "This link does not work" in response.text


def test_a_link_for_another_action_is_refused(client, confirmed):
    token = tokens.make(action="manage", subscription_id=confirmed.pk, email=confirmed.email)

    response = client.post(f"/follow/unsubscribe/{token}/")

    assert response.status_code == 400
    assert Subscription.objects.exists()


def test_a_token_for_another_address_is_refused(client, confirmed):
    token = tokens.make(
        action="unsubscribe", subscription_id=confirmed.pk, email="attacker@example.org"
    )

    response = client.post(f"/follow/unsubscribe/{token}/")

    assert response.status_code == 400
    assert Subscription.objects.exists()


def test_an_expired_confirmation_link_is_refused(client, follow, monkeypatch):
    follow("reports")
    path = link_in(mail.outbox[0], "confirm")
    later = signing.time.time() + tokens.CONFIRM_MAX_AGE_SECONDS + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.post(path)

    assert response.status_code == 400
    assert "expired" in response.text
    assert Subscription.objects.get().confirmed_at is None


def test_the_manage_link_changes_how_often(client, confirmed):
    path = link_in(mail.outbox[-1], "manage")

    response = client.post(path, {"frequency": "immediate"})

    assert response.status_code == 302
    assert "Saved." in client.get(response["Location"]).text
    confirmed.refresh_from_db()
    assert confirmed.frequency == "immediate"


def test_the_manage_link_refuses_a_made_up_frequency(client, confirmed):
    response = client.post(link_in(mail.outbox[-1], "manage"), {"frequency": "hourly"})

    assert response.status_code == 400
    confirmed.refresh_from_db()
    assert confirmed.frequency == "weekly"

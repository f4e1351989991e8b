"""Double opt-in: nothing but the confirmation goes to an address until it confirms, and the
consent is recorded as Canada's anti-spam law asks."""

import pytest
from django.core import mail
from django.utils import translation

from following.models import Subscription
from tests.pillars.factories import pillar

from .conftest import link_in, only_subscription

pytestmark = pytest.mark.django_db


def test_following_sends_one_confirmation_email_and_nothing_else(follow):
    response = follow("pillar", pillar("settle"))

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.org"]
    assert "/follow/confirm/" in mail.outbox[0].body


def test_the_subscription_waits_unconfirmed_until_the_link_is_pressed(follow):
    follow("pillar", pillar("settle"))

    assert only_subscription().confirmed_at is None


def test_opening_the_confirmation_link_asks_and_does_not_confirm(client, follow):
    follow("pillar", pillar("settle"))

    response = client.get(link_in(mail.outbox[0], "confirm"))

    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert only_subscription().confirmed_at is None


def test_pressing_confirm_confirms(follow, confirm):
    follow("pillar", pillar("settle"))

    response = confirm()

    assert response.status_code == 302
    assert only_subscription().confirmed_at is not None


def test_the_confirmation_link_then_says_it_is_done(client, follow, confirm):
    follow("pillar", pillar("settle"))
    confirm()

    response = client.get(link_in(mail.outbox[0], "confirm"))

    assert "You follow it now" in response.text
    assert 'method="post"' not in response.text.split("<main", 1)[-1]


def test_no_digest_goes_to_an_unconfirmed_address(follow, send_digests, item_update):
    follow("pillar", pillar("work"))
    mail.outbox.clear()
    item_update()

    assert send_digests() == 0
    assert mail.outbox == []


def test_consent_is_recorded_with_its_wording_language_and_page(follow):
    follow("reports", language="fr")

    subscription = only_subscription()
    with translation.override("fr"):
        from following.services import consent_wording

        expected = consent_wording(name="les rapports annuels")
    assert subscription.consent_text == expected
    assert "Partenariat local d'immigration de Riverside" in subscription.consent_text
    assert subscription.consent_language == "fr"
    assert subscription.consent_source == "/fr/somewhere/"
    assert subscription.created_at is not None


def test_the_page_shows_the_consent_wording_that_is_stored(client, follow):
    page = client.get("/reports/")
    follow("reports")

    assert only_subscription().consent_text in page.content.decode()


def test_asking_again_answers_the_same_whether_or_not_the_address_follows(follow, confirm):
    first = follow("reports")
    confirm()
    mail.outbox.clear()

    again = follow("reports")
    new = follow("reports", email="someone-else@example.org")

    assert again.status_code == new.status_code == 302
    assert again["Location"] == new["Location"]
    # The confirmed address gets nothing; the new one its confirmation.
    assert [m.to for m in mail.outbox] == [["someone-else@example.org"]]
    assert first["Location"] == again["Location"]


def test_the_confirmation_is_in_the_language_of_the_page(follow):
    follow("reports", language="fr")

    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Confirmez" in message.subject or "confirmer" in message.body.lower()
    assert "/fr/follow/confirm/" in message.body


def test_a_draft_consultation_cannot_be_followed(follow):
    from tests.consultations.factories import ConsultationFactory

    draft = ConsultationFactory(status="draft")

    response = follow("consultation", draft)

    assert response.status_code == 404
    assert not Subscription.objects.exists()


def test_a_bad_address_gets_the_form_back_with_a_message(follow):
    response = follow("reports", email="not an address")

    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert not Subscription.objects.exists()

"""A person's link to their own answers has a key of its own, and survives a change of key.

Finding 3 of issue 13: the link hung on SECRET_KEY, so changing it cut everyone off from their
answers (no withdrawing) and answering again counted them twice.
"""

import io

import pytest
from django.core import checks
from django.core.management import call_command

from equity import services
from equity.models import Response, response_key

from .conftest import add_members, answer, invitation_of

pytestmark = pytest.mark.django_db

OLD_EQUITY_KEY = "equity-answer-key-one-4f9c2a7e1b8d3f6a0c5e9b2d7a1f4c8e3b6d0a9f2c5e8b1d"
NEW_EQUITY_KEY = "equity-answer-key-two-8b3e6d1a4f7c0e9b2d5a8f1c4e7b0d3a6f9c2e5b8d1a4f7c"


@pytest.fixture
def keys(settings):
    settings.SECRET_KEY = "secret-key-one-0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071"
    settings.EQUITY_ANSWER_KEY = OLD_EQUITY_KEY
    settings.EQUITY_ANSWER_KEY_FALLBACKS = []
    return settings


@pytest.fixture
def answered(keys, open_review, council_member):
    return answer(open_review, council_member, gender="woman", age="25_44")


def own_answers_shown(client, person, invitation):
    client.force_login(person)  # a session does not outlive a change of SECRET_KEY
    html = client.get(invitation.get_absolute_url()).text
    return 'id="own-heading"' in html and "25 to 44" in html


def withdraw(client, invitation):
    return client.post(invitation.get_absolute_url() + "withdraw/", follow=True)


def answer_again(client, invitation):
    data = {"gender": "man", "consent": "on"}
    return client.post(invitation.get_absolute_url(), data)


def test_after_the_secret_key_changes_a_person_still_sees_and_withdraws_their_answers(
    client, keys, answered, council_member
):
    keys.SECRET_KEY = "secret-key-two-f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a59687"

    assert own_answers_shown(client, council_member, answered)
    response = withdraw(client, answered)

    assert "Your answers are deleted" in response.text
    assert not Response.objects.exists()


def test_after_the_secret_key_changes_answering_again_replaces_the_answers(
    client, keys, answered, council_member
):
    keys.SECRET_KEY = "secret-key-two-f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a59687"
    client.force_login(council_member)

    assert answer_again(client, answered).status_code == 302

    assert Response.objects.count() == 1
    assert set(Response.objects.get().answers.values_list("category", flat=True)) >= {"man"}


def test_with_the_old_equity_key_in_the_fallbacks_a_person_sees_and_withdraws_their_answers(
    client, keys, answered, council_member
):
    keys.EQUITY_ANSWER_KEY = NEW_EQUITY_KEY
    keys.EQUITY_ANSWER_KEY_FALLBACKS = [OLD_EQUITY_KEY]

    assert own_answers_shown(client, council_member, answered)
    withdraw(client, answered)

    assert not Response.objects.exists()


def test_answering_again_under_a_new_equity_key_replaces_the_answers_kept_under_the_old_one(
    client, keys, answered, council_member
):
    keys.EQUITY_ANSWER_KEY = NEW_EQUITY_KEY
    keys.EQUITY_ANSWER_KEY_FALLBACKS = [OLD_EQUITY_KEY]
    client.force_login(council_member)

    answer_again(client, answered)

    assert list(Response.objects.values_list("key", flat=True)) == [response_key(answered)]


def test_declining_under_a_new_equity_key_deletes_the_answers_kept_under_the_old_one(
    client, keys, answered, council_member
):
    keys.EQUITY_ANSWER_KEY = NEW_EQUITY_KEY
    keys.EQUITY_ANSWER_KEY_FALLBACKS = [OLD_EQUITY_KEY]
    client.force_login(council_member)

    client.post(answered.get_absolute_url() + "decline/")

    assert not Response.objects.exists()


def test_without_the_old_equity_key_in_the_fallbacks_the_answers_are_out_of_reach(
    client, keys, answered, council_member
):
    keys.EQUITY_ANSWER_KEY = NEW_EQUITY_KEY

    assert own_answers_shown(client, council_member, answered) is False


def test_rotating_moves_every_answer_to_the_new_key_so_the_fallback_can_go(
    client, keys, open_review, council_member, staff
):
    others = add_members(open_review.bodies.get(), 3)
    services.review_invite_members(review=open_review, by=staff)
    invitations = [answer(open_review, person, age="25_44") for person in [council_member, *others]]
    keys.EQUITY_ANSWER_KEY = NEW_EQUITY_KEY
    keys.EQUITY_ANSWER_KEY_FALLBACKS = [OLD_EQUITY_KEY]

    call_command("rotate_equity_answer_key", stdout=io.StringIO())
    keys.EQUITY_ANSWER_KEY_FALLBACKS = []

    assert sorted(Response.objects.values_list("key", flat=True)) == sorted(
        response_key(invitation) for invitation in invitations
    )
    assert own_answers_shown(client, council_member, invitation_of(open_review, council_member))


def deploy_check_ids():
    return {message.id for message in checks.run_checks(include_deployment_checks=True)}


def test_the_deploy_check_refuses_an_equity_answer_key_left_to_fall_back_to_secret_key(keys):
    keys.EQUITY_ANSWER_KEY = keys.SECRET_KEY

    assert "equity.E001" in deploy_check_ids()


def test_the_deploy_check_accepts_an_equity_answer_key_of_its_own(keys):
    assert "equity.E001" not in deploy_check_ids()

import pytest
from django.core import mail

from equity import services
from equity.aggregates import aggregates_compute
from equity.models import Answer, Invitation, Response
from tests.partners.factories import UserFactory

from .conftest import add_members, answer, invitation_of

pytestmark = pytest.mark.django_db

ANSWERS = {
    "racialized": "racialized",
    "indigenous": "not_indigenous",
    "immigration": "arrived_6_10",
    "refugee": "no_refugee_experience",
    "gender": "woman",
    "age": "45_64",
    "disability": "no_disability",
    "first_language": "other_language",
}


def post_answers(client, invitation, consent=True, **overrides):
    data = {**ANSWERS, **overrides}
    if consent:
        data["consent"] = "on"
    return client.post(invitation.get_absolute_url(), data)


def test_opening_emails_each_member_a_personal_link(open_review, council_member):
    invitation = invitation_of(open_review, council_member)

    sent = [m for m in mail.outbox if council_member.email in m.to]
    assert len(sent) == 1
    assert invitation.get_absolute_url() in sent[0].body
    assert "prefer not to say" in sent[0].body


def test_the_member_answers_with_consent_and_the_answers_are_kept_without_a_name(
    client, open_review, council_member
):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    response = post_answers(client, invitation)

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ANSWERED
    stored = Response.objects.get()
    assert dict(stored.answers.values_list("dimension", "category")) == ANSWERS
    # Nothing on the stored response points at the person or the invitation.
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not field_names & {"person", "invitation", "user", "created_at", "name", "email"}


def test_without_consent_nothing_is_stored_and_the_form_says_why(
    client, open_review, council_member
):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    response = post_answers(client, invitation, consent=False)

    assert response.status_code == 200
    assert "Tick the box to say you agree" in response.text
    assert not Response.objects.exists()


def test_a_blank_question_counts_as_prefer_not_to_say(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    post_answers(client, invitation, gender="")

    assert Answer.objects.get(dimension="gender").category == "prefer_not_to_say"


def test_every_question_offers_prefer_not_to_say(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    html = client.get(invitation.get_absolute_url()).text

    assert html.count('value="prefer_not_to_say"') == len(ANSWERS)
    assert "Who sees what" in html and "For how long" in html and "What we keep" in html


def test_an_answer_outside_the_choices_is_refused_on_the_form(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    response = post_answers(client, invitation, gender="astronaut")

    assert response.status_code == 200
    assert "Choose one of the answers offered" in response.text
    assert not Response.objects.exists()


def test_answering_twice_keeps_one_answer_the_latest(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    post_answers(client, invitation)
    post_answers(client, invitation, gender="man")

    assert Response.objects.count() == 1
    assert Answer.objects.filter(dimension="gender").get().category == "man"


def test_the_member_sees_their_own_answers(client, open_review, council_member):
    invitation = answer(open_review, council_member, **ANSWERS)
    client.force_login(council_member)

    html = client.get(invitation.get_absolute_url()).text

    assert "Your answers" in html
    assert "Immigrant, arrived 6 to 10 years ago" in html


def test_declining_stores_nothing_but_the_decline(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    client.post(f"{invitation.get_absolute_url()}decline/")

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_declining_after_answering_deletes_the_answers(client, open_review, council_member):
    invitation = answer(open_review, council_member, **ANSWERS)
    client.force_login(council_member)

    client.post(f"{invitation.get_absolute_url()}decline/")

    assert not Response.objects.exists()


def test_a_withdrawn_answer_leaves_every_aggregate(client, open_review, council, council_member):
    others = add_members(council, 6)
    services.review_invite_members(review=open_review, by=_staff())
    for person in others:
        answer(open_review, person, **ANSWERS)
    without_them = aggregates_compute(open_review)
    invitation = answer(open_review, council_member, **{**ANSWERS, "gender": "man"})
    assert aggregates_compute(open_review) != without_them

    client.force_login(council_member)
    client.post(f"{invitation.get_absolute_url()}withdraw/")

    after = aggregates_compute(open_review)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.WITHDRAWN
    assert after["responded"] == 6
    # Six identical answers: most figures are hidden, so compare them all with those before.
    assert after == without_them
    assert Answer.objects.filter(category="man").count() == 0


def test_answers_cannot_be_changed_or_withdrawn_once_the_review_closes(
    client, open_review, council_member, staff
):
    invitation = answer(open_review, council_member, **ANSWERS)
    services.review_close(review=open_review, by=staff)
    client.force_login(council_member)

    client.post(f"{invitation.get_absolute_url()}withdraw/")
    response = post_answers(client, invitation, gender="man")

    assert Answer.objects.get(dimension="gender").category == "woman"
    assert "This questionnaire is closed" in response.text


def test_only_the_invited_person_reaches_the_questionnaire(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)
    client.force_login(UserFactory())

    assert client.get(invitation.get_absolute_url()).status_code == 404
    assert post_answers(client, invitation).status_code == 404
    assert client.post(f"{invitation.get_absolute_url()}decline/").status_code == 404
    assert not Response.objects.exists()


def test_staff_cannot_open_a_members_questionnaire(client, open_review, council_member, staff):
    invitation = answer(open_review, council_member, **ANSWERS)
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)

    response = client.get(invitation.get_absolute_url())

    assert response.status_code == 404
    assert "arrived 6 to 10 years" not in response.text


def test_someone_who_sits_on_no_reviewed_body_is_not_invited(open_review, resident):
    assert not Invitation.objects.filter(person=resident).exists()


def test_a_signed_out_visitor_is_sent_to_sign_in(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)

    response = client.get(invitation.get_absolute_url())

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_dashboard_links_to_the_pending_questionnaire(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    html = client.get("/dashboard/").text

    assert invitation.get_absolute_url() in html


def test_the_questionnaire_reads_in_french(client, open_review, council_member):
    invitation = invitation_of(open_review, council_member)
    client.force_login(council_member)

    html = client.get("/fr" + invitation.get_absolute_url()).text

    assert "Je préfère ne pas répondre" in html


def _staff():
    from partners.models import User

    return User.objects.get(email="staff@example.org")


def test_before_the_opening_date_the_link_says_when_to_come_back(client, staff, council):
    import datetime

    from django.utils import timezone

    from tests.partners.factories import add_second_factor

    from .factories import EquityReviewFactory, MembershipFactory

    person = MembershipFactory(group=council).person
    add_second_factor(person)  # a Council member signs in with one
    later = timezone.localdate() + datetime.timedelta(days=5)
    review = EquityReviewFactory(opens_on=later, closes_on=later)
    review.bodies.set([council])
    services.review_open(review=review, by=staff)
    client.force_login(person)

    html = client.get(invitation_of(review, person).get_absolute_url()).text

    assert "This questionnaire opens on" in html
    assert "Save my answers" not in html

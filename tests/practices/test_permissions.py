"""Who may draft, submit, edit, publish and return a practice, and who sees it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from practices import services
from practices.models import Practice
from tests.practices.conftest import practice_data
from tests.practices.factories import PracticeFactory, population

pytestmark = pytest.mark.django_db


def draft(item, by, **texts):
    practice = Practice(
        item=item,
        title_en=texts.get("title_en", "Drop-in"),
        problem_en="Long waits.",
        what_was_done_en="Evening hours.",
        outcome=Practice.Outcome.PROMISING,
    )
    return services.practice_save(
        practice=practice, populations=[population()], indicators=[], by=by
    )


def test_partner_of_the_lead_organization_can_draft_and_submit(item, lead_partner):
    practice = draft(item, lead_partner)

    services.practice_submit(practice=practice, by=lead_partner)

    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED
    assert practice.submitted_by == lead_partner
    assert practice.lead_organization_id == item.lead_organization_id
    assert practice.pillar_id == item.strategic_direction.pillar_id


def test_partner_of_another_organization_cannot_draft_for_an_item_it_does_not_lead(
    item, other_partner
):
    with pytest.raises(PermissionDenied):
        draft(item, other_partner)

    assert not Practice.objects.exists()


def test_partner_of_an_item_partner_organization_cannot_draft_for_it(item, other_partner):
    item.partner_organizations.add(other_partner.organization)

    with pytest.raises(PermissionDenied):
        draft(item, other_partner)


def test_partner_of_another_organization_cannot_submit_or_edit_anothers_practice(
    item, lead_partner, other_partner
):
    practice = draft(item, lead_partner)

    with pytest.raises(PermissionDenied):
        services.practice_submit(practice=practice, by=other_partner)
    practice.title_en = "Taken over"
    with pytest.raises(PermissionDenied):
        services.practice_save(practice=practice, populations=[], indicators=[], by=other_partner)


def test_partner_cannot_publish_their_own_practice(item, lead_partner):
    practice = draft(item, lead_partner)

    with pytest.raises(PermissionDenied):
        services.practice_publish(practice=practice, by=lead_partner)


def test_partner_cannot_edit_a_published_practice(item, lead_partner):
    practice = PracticeFactory(item=item)

    with pytest.raises(PermissionDenied):
        services.practice_save(practice=practice, populations=[], indicators=[], by=lead_partner)


def test_staff_without_the_permission_cannot_approve(item, lead_partner, staff_without_permission):
    practice = draft(item, lead_partner)
    services.practice_submit(practice=practice, by=lead_partner)

    with pytest.raises(PermissionDenied):
        services.practice_publish(practice=practice, by=staff_without_permission)
    with pytest.raises(PermissionDenied):
        services.practice_return(practice=practice, note="No.", by=staff_without_permission)


def test_staff_with_the_permission_approve_a_submitted_practice(item, lead_partner, publisher):
    practice = draft(item, lead_partner)
    services.practice_submit(practice=practice, by=lead_partner)

    services.practice_publish(practice=practice, by=publisher)

    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED
    assert practice.approved_by == publisher
    assert practice.published_at is not None


def test_staff_with_the_permission_return_a_practice_with_a_note(item, lead_partner, publisher):
    practice = draft(item, lead_partner)
    services.practice_submit(practice=practice, by=lead_partner)

    services.practice_return(practice=practice, note="Add the results.", by=publisher)

    practice.refresh_from_db()
    assert practice.status == Practice.Status.RETURNED
    assert practice.review_note == "Add the results."


def test_returning_needs_a_note(item, lead_partner, publisher):
    practice = draft(item, lead_partner)
    services.practice_submit(practice=practice, by=lead_partner)

    with pytest.raises(ValidationError):
        services.practice_return(practice=practice, note=" ", by=publisher)


def test_staff_with_the_permission_publish_directly(item, publisher):
    practice = draft(item, publisher)

    services.practice_publish(practice=practice, by=publisher)

    assert Practice.objects.get(pk=practice.pk).status == Practice.Status.PUBLISHED


def test_a_contact_without_their_agreement_is_refused(item, lead_partner):
    practice = Practice(
        item=item,
        title_en="T",
        problem_en="P",
        what_was_done_en="W",
        outcome=Practice.Outcome.MIXED,
        contact_email="someone@example.org",
    )

    with pytest.raises(ValidationError) as error:
        services.practice_save(practice=practice, populations=[], indicators=[], by=lead_partner)

    assert "contact_consent" in error.value.message_dict


def test_an_indicator_of_another_plan_is_refused(item, lead_partner):
    from tests.actionplans.factories import IndicatorFactory

    practice = Practice(
        item=item, title_en="T", problem_en="P", what_was_done_en="W", outcome="mixed"
    )

    with pytest.raises(ValidationError):
        services.practice_save(
            practice=practice, populations=[], indicators=[IndicatorFactory()], by=lead_partner
        )


# --- Views ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_from_the_form(client, item):
    response = client.get(reverse("practices:create", args=[item.pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_partner_of_another_organization_is_refused_the_form(client, item, other_partner):
    client.force_login(other_partner)

    response = client.post(reverse("practices:create", args=[item.pk]), practice_data())

    assert response.status_code == 403
    assert not Practice.objects.exists()


def test_partner_of_the_lead_organization_submits_through_the_form(client, item, lead_partner):
    client.force_login(lead_partner)

    response = client.post(
        reverse("practices:create", args=[item.pk]),
        practice_data(action="submit", populations=[population("youth").pk]),
    )

    practice = Practice.objects.get()
    assert response.status_code == 302
    assert practice.status == Practice.Status.SUBMITTED
    assert practice.languages == ["en", "ar"]
    assert list(practice.populations.values_list("code", flat=True)) == ["youth"]


def test_partner_cannot_open_the_edit_page_of_anothers_practice(client, other_partner):
    practice = PracticeFactory(status=Practice.Status.DRAFT, published_at=None)
    client.force_login(other_partner)

    response = client.get(reverse("practices:edit", args=[practice.pk]))

    assert response.status_code == 404


def test_staff_without_the_permission_cannot_review(client, staff_without_permission):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED, published_at=None)
    client.force_login(staff_without_permission)

    response = client.post(reverse("practices:review", args=[practice.pk]), {"decision": "publish"})

    assert response.status_code == 404
    assert Practice.objects.get().status == Practice.Status.SUBMITTED


def test_staff_with_the_permission_approve_on_the_practice_page(client, publisher):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED, published_at=None)
    client.force_login(publisher)

    response = client.post(reverse("practices:review", args=[practice.pk]), {"decision": "publish"})

    assert response.status_code == 302
    assert Practice.objects.get().status == Practice.Status.PUBLISHED


def test_staff_with_the_permission_return_on_the_practice_page(client, publisher):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED, published_at=None)
    client.force_login(publisher)

    client.post(
        reverse("practices:review", args=[practice.pk]),
        {"decision": "return", "note": "Say who took part."},
    )

    assert Practice.objects.get().status == Practice.Status.RETURNED


def test_the_public_sees_published_practices_only(client):
    published = PracticeFactory(title_en="Shown to all")
    hidden = PracticeFactory(
        title_en="Not yet", status=Practice.Status.SUBMITTED, published_at=None
    )

    listing = client.get(reverse("practices:list"))

    assert "Shown to all" in listing.text
    assert "Not yet" not in listing.text
    assert client.get(reverse("practices:detail", args=[published.pk])).status_code == 200
    assert client.get(reverse("practices:detail", args=[hidden.pk])).status_code == 404


def test_the_lead_organization_sees_its_submitted_practice(client, item, lead_partner):
    practice = PracticeFactory(item=item, status=Practice.Status.SUBMITTED, published_at=None)
    client.force_login(lead_partner)

    assert client.get(reverse("practices:detail", args=[practice.pk])).status_code == 200


def test_the_dashboard_offers_to_share_an_item_the_organization_leads(client, lead_partner):
    from tests.actionplans.factories import ReportingPeriodFactory

    ReportingPeriodFactory()
    client.force_login(lead_partner)

    text = client.get(reverse("dashboard")).text

    assert "Share as a practice" in text


def test_the_dashboard_lists_submitted_practices_for_staff_who_publish(client, publisher):
    PracticeFactory(title_en="Waiting for you", status=Practice.Status.SUBMITTED)
    client.force_login(publisher)

    assert "Waiting for you" in client.get(reverse("dashboard")).text


def test_the_item_page_offers_sharing_to_its_lead_organization_only(
    client, item, lead_partner, other_partner
):
    from actionplans.models import ApprovalStatus

    item.annual_plan.status = ApprovalStatus.APPROVED
    item.annual_plan.save()
    share = reverse("practices:create", args=[item.pk])
    client.force_login(other_partner)
    assert share not in client.get(reverse("actionplans:item_detail", args=[item.pk])).text
    client.force_login(lead_partner)
    assert share in client.get(reverse("actionplans:item_detail", args=[item.pk])).text

"""Digests list exactly what changed since the last one for that follower, once, in their
language, and only what the public may see."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from actionplans.models import ApprovalStatus
from following import services, tasks
from following.models import Subscription
from reports.models import ReportVersion
from tests.consultations.factories import ConsultationFactory
from tests.pillars.factories import MeetingFactory, SteeringGroupFactory, pillar
from tests.reports.factories import AnnualReportFactory

pytestmark = pytest.mark.django_db


def later(days=0, seconds=1):
    return timezone.now() + datetime.timedelta(days=days, seconds=seconds)


def test_the_digests_are_scheduled_by_celery_beat(settings):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {tasks.send_weekly_digests.name, tasks.send_immediate_digests.name} <= scheduled


def test_a_pillar_digest_lists_the_progress_update_made_after_confirming(
    follow, confirm, item_update, send_digests
):
    follow("pillar", pillar("work"))
    confirm()
    mail.outbox.clear()
    item_update(percent=40)

    send_digests()

    assert len(mail.outbox) == 1
    assert item_update.item.title in mail.outbox[0].body
    assert "40% complete" in mail.outbox[0].body


def test_what_was_public_before_confirming_is_not_news(follow, confirm, item_update, send_digests):
    item_update(percent=10)
    follow("pillar", pillar("work"))
    confirm()
    mail.outbox.clear()

    send_digests()

    assert mail.outbox == []


def test_nothing_is_sent_twice(follow, confirm, item_update, send_digests):
    follow("pillar", pillar("work"))
    confirm()
    item_update(percent=40)
    send_digests()
    mail.outbox.clear()

    send_digests(now=later(seconds=2))

    assert mail.outbox == []


def test_the_next_digest_lists_only_what_changed_since_the_last(
    follow, confirm, item_update, send_digests
):
    follow("pillar", pillar("work"))
    confirm()
    item_update(percent=40)
    send_digests()
    mail.outbox.clear()
    update = item_update(percent=70)
    update.created_at = later(seconds=2)
    update.save()

    send_digests(now=later(seconds=3))

    assert len(mail.outbox) == 1
    assert "70% complete" in mail.outbox[0].body
    assert "40% complete" not in mail.outbox[0].body


def test_an_update_on_an_item_of_an_unapproved_plan_is_not_listed(
    follow, confirm, item_update, send_digests
):
    follow("pillar", pillar("work"))
    confirm()
    mail.outbox.clear()
    plan = item_update.item.annual_plan
    plan.status = ApprovalStatus.DRAFT
    plan.save()
    item_update()

    send_digests()

    assert mail.outbox == []


def test_an_update_under_another_pillar_is_not_listed(follow, confirm, item_update, send_digests):
    follow("pillar", pillar("settle"))
    confirm()
    mail.outbox.clear()
    item_update()

    send_digests()

    assert mail.outbox == []


def test_a_weekly_follower_is_not_in_the_immediate_run(follow, confirm, item_update, send_digests):
    follow("pillar", pillar("work"), frequency="weekly")
    confirm()
    mail.outbox.clear()
    item_update()

    assert send_digests("immediate") == 0
    assert mail.outbox == []


def test_the_digest_is_in_the_followers_language(follow, confirm, item_update, send_digests):
    follow("pillar", pillar("work"), language="fr")
    confirm()
    mail.outbox.clear()
    item_update(percent=40)

    send_digests()

    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Partenariat local" in message.subject
    assert "avancement de 40\u00a0%" in message.body
    assert "/fr/actions/" in message.body


def test_a_group_digest_lists_a_meeting_published_since_and_its_minutes_later(
    follow, confirm, send_digests
):
    group = SteeringGroupFactory()
    MeetingFactory(group=group, held_on=datetime.date(2025, 1, 10))
    follow("group", group)
    confirm()
    mail.outbox.clear()
    meeting = MeetingFactory(group=group, held_on=datetime.date(2025, 3, 12), minutes_en="")

    send_digests()
    meeting.minutes_en = "Agreed the plan."
    meeting.save()
    send_digests(now=later(seconds=2))

    first, second = mail.outbox
    assert "Meeting of March 12, 2025 published" in first.body
    assert "January 10, 2025" not in first.body
    assert "Minutes of the meeting of March 12, 2025 published" in second.body
    assert "Meeting of" not in second.body.replace("Minutes of the meeting of", "")


def test_an_unpublished_meeting_is_not_listed(follow, confirm, send_digests):
    group = SteeringGroupFactory()
    follow("group", group)
    confirm()
    mail.outbox.clear()
    MeetingFactory(group=group, is_published=False)

    send_digests()

    assert mail.outbox == []


def test_a_consultation_digest_says_it_closes_soon_then_that_results_are_published(
    follow, confirm, send_digests
):
    consultation = ConsultationFactory(closes_at=later(days=5))
    follow("consultation", consultation)
    confirm()
    mail.outbox.clear()

    send_digests(now=later(days=3))
    consultation.status = "published"
    consultation.save()
    send_digests(now=later(days=8))

    closing, results = mail.outbox
    assert "The consultation closes on" in closing.body
    assert "results are published" in results.body
    assert "closes on" not in results.body


def test_a_consultation_digest_says_when_it_opens(follow, confirm, send_digests):
    consultation = ConsultationFactory(opens_at=later(days=2), closes_at=later(days=30))
    follow("consultation", consultation)
    confirm()
    mail.outbox.clear()

    send_digests(now=later(days=3))

    assert "The consultation is open" in mail.outbox[0].body


def test_a_reports_digest_lists_a_report_published_since(follow, confirm, send_digests, staff):
    follow("reports")
    confirm()
    mail.outbox.clear()
    report = AnnualReportFactory()
    ReportVersion.objects.create(report=report, number=1, published_by=staff)

    send_digests()

    assert f"{report} published" in mail.outbox[0].body


def test_an_empty_digest_is_not_sent_but_moves_the_window(follow, confirm, send_digests):
    follow("reports")
    confirm()
    mail.outbox.clear()
    now = later(days=7)

    send_digests(now=now)

    assert mail.outbox == []
    assert Subscription.objects.get().last_digest_at == now


def test_a_digest_run_twice_for_the_same_moment_sends_once(follow, confirm, item_update):
    follow("pillar", pillar("work"))
    confirm()
    mail.outbox.clear()
    item_update()
    subscription = Subscription.objects.get()
    until = later()

    services.digest_send(subscription_id=subscription.pk, until=until)
    services.digest_send(subscription_id=subscription.pk, until=until)

    assert len(mail.outbox) == 1


def test_the_email_names_the_sender_and_its_postal_address(
    settings, follow, confirm, item_update, send_digests
):
    settings.PORTAL_POSTAL_ADDRESS = "100 Main Street, Riverside ON  K1A 0A1"
    settings.PORTAL_CONTACT_EMAIL = "hello@lip.example"
    follow("pillar", pillar("work"))

    body = mail.outbox[0].body
    assert "Riverside Local Immigration Partnership" in body
    assert "100 Main Street" in body
    assert "hello@lip.example" in body


def test_the_digest_of_many_changes_keeps_its_query_count(
    follow, confirm, item_update, django_assert_max_num_queries
):
    follow("pillar", pillar("work"))
    confirm()
    mail.outbox.clear()
    for percent in range(40):
        item_update(percent=percent)
    subscription = Subscription.objects.get()

    with django_assert_max_num_queries(8):
        services.digest_send(subscription_id=subscription.pk, until=later())

    assert mail.outbox[0].body.count("complete") == 40


def test_a_pillar_digest_lists_a_council_decision_on_one_of_its_directions(
    follow, confirm, send_digests, staff
):
    from approvals.models import ApprovalRequest, Decision
    from pillars.models import Group
    from tests.actionplans.factories import StrategicDirectionFactory

    follow("pillar", pillar("work"))
    confirm()
    mail.outbox.clear()
    request = ApprovalRequest.objects.create(
        body=Group.objects.create(kind=Group.Kind.COUNCIL, name="Council", slug="council"),
        submitted_by=staff,
        closes_at=later(days=3),
        status=ApprovalRequest.Status.DECIDED,
    )
    request.directions.set([StrategicDirectionFactory(code="W9")])
    decision = Decision.objects.create(
        request=request,
        outcome=Decision.Outcome.APPROVED,
        approve_count=5,
        eligible_count=6,
        quorum_required=4,
        quorum_met=True,
        decided_on=later(days=4).date(),
        decided_at=later(days=4),
    )

    send_digests(now=later(days=5))

    assert "Council decision on Strategic direction W9" in mail.outbox[0].body
    assert f"/decisions/{decision.pk}/" in mail.outbox[0].body

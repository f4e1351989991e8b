import datetime

import factory
from django.utils import timezone

from approvals.models import ApprovalRequest, Decision
from evaluation.models import SectorReference
from pillars.models import MeetingAttendance
from tests.partners.factories import UserFactory
from tests.pillars.factories import GroupFactory, MeetingFactory


class SectorReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectorReference

    name = factory.Sequence(lambda n: f"Sector {n}")
    name_fr = factory.Sequence(lambda n: f"Secteur {n}")
    organization_sectors = factory.LazyFunction(list)
    order = factory.Sequence(int)


class MeetingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory, password=None)
    attended = True


def decision(*, decided_on, votes, eligible, body=None, submitted_by=None):
    """A Council decision taken on `decided_on` with `votes` cast out of `eligible`."""
    at = timezone.make_aware(datetime.datetime.combine(decided_on, datetime.time(12)))
    request = ApprovalRequest.objects.create(
        body=body or GroupFactory(),
        submitted_by=submitted_by or UserFactory(password=None),
        opens_at=at - datetime.timedelta(days=7),
        closes_at=at,
        status=ApprovalRequest.Status.DECIDED,
    )
    return Decision.objects.create(
        request=request,
        outcome=Decision.Outcome.APPROVED,
        approve_count=votes,
        eligible_count=eligible,
        quorum_required=1,
        quorum_met=True,
        decided_on=decided_on,
    )

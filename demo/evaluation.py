"""The self-evaluation's records: the reference list of sectors the partnership seeks, and who
attended the groups' past meetings, recorded by staff through the services."""

import importlib

from django.utils import timezone

from evaluation import services as evaluation_services
from evaluation.models import SectorReference
from pillars import services as pillar_services
from pillars.models import Meeting, MeetingAttendance


def seed_sector_references(*, staff):
    """The reference list comes from a data migration; a flushed test database has lost it."""
    if SectorReference.objects.exists():
        return
    migration = importlib.import_module("evaluation.migrations.0001_sector_reference")
    for order, (name_en, name_fr, sectors, lived) in enumerate(migration.REFERENCE, start=1):
        evaluation_services.sector_reference_save(
            by=staff,
            reference=SectorReference(
                name_en=name_en,
                name_fr=name_fr,
                organization_sectors=sectors,
                lived_experience=lived,
                order=order,
            ),
        )


def seed_attendance(*, staff):
    """Who attended each past meeting: most members, a different one or two away each time."""
    recorded = set(MeetingAttendance.objects.values_list("meeting_id", flat=True))
    meetings = Meeting.objects.filter(held_on__lte=timezone.localdate()).order_by("held_on", "pk")
    for number, meeting in enumerate(meetings):
        if meeting.pk in recorded:
            continue
        people = pillar_services.meeting_expected_people(meeting)
        away = {(number + 3 * k) % 7 for k in range(2)}
        pillar_services.meeting_attendance_record(
            by=staff,
            meeting=meeting,
            attended=[person.pk for index, person in enumerate(people) if index % 7 not in away],
        )


def seed_evaluation(*, staff):
    seed_sector_references(staff=staff)
    seed_attendance(staff=staff)

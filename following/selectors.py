"""What a digest tells a follower, and the counts the back office sees."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from actionplans.models import ApprovalStatus, ProgressUpdate
from approvals.models import Decision
from consultations.models import Consultation
from pillars.models import Group, Meeting, Pillar
from reports.models import ReportVersion

from .models import SentItem, Subscription

# A consultation is "closing soon" this long before it closes.
CLOSING_SOON = datetime.timedelta(days=3)
# A digest lists at most this many changes of one kind (the page it links to has them all).
MAX_LINES = 50


@dataclass(frozen=True)
class Change:
    """One line of a digest: what changed, and where to read it (a path under the portal)."""

    text: str
    path: str
    # For a change its model keeps no date of (a meeting published): marked sent with the digest.
    key: str = ""


def target_name(subscription: Subscription) -> str:
    """What the subscription follows, in the active language."""
    if subscription.kind == Subscription.Kind.PILLAR and subscription.pillar is not None:
        return str(subscription.pillar)
    if subscription.kind == Subscription.Kind.GROUP and subscription.group is not None:
        return str(subscription.group)
    if subscription.kind == Subscription.Kind.CONSULTATION and subscription.consultation:
        return subscription.consultation.title_in(get_language() or "en")
    return _("the annual reports")


def target_path(subscription: Subscription) -> str:
    if subscription.pillar is not None:
        return subscription.pillar.get_absolute_url()
    if subscription.group is not None:
        return subscription.group.get_absolute_url()
    if subscription.consultation is not None:
        return reverse("consultations:detail", kwargs={"slug": subscription.consultation.slug})
    return reverse("reports:report_list")


def _date(value: datetime.date) -> str:
    return str(formats.date_format(value, "DATE_FORMAT"))


def _pillar_changes(
    pillar: Pillar, since: datetime.datetime, until: datetime.datetime
) -> list[Change]:
    updates = (
        ProgressUpdate.objects.filter(
            created_at__gt=since,
            created_at__lte=until,
            item__strategic_direction__pillar=pillar,
            item__annual_plan__status=ApprovalStatus.APPROVED,
        )
        .select_related("item")
        .order_by("created_at", "pk")
    )
    changes = [
        Change(
            text=_("Progress on %(item)s: %(status)s, %(percent)s%% complete")
            % {
                "item": update.item,
                "status": update.get_status_display(),
                "percent": update.percent,
            },
            path=reverse("actionplans:item_detail", kwargs={"pk": update.item_id}),
        )
        for update in updates[:MAX_LINES]
    ]
    decisions = (
        Decision.objects.filter(
            decided_at__gt=since,
            decided_at__lte=until,
            request__directions__pillar=pillar,
        )
        .distinct()
        .select_related("request__annual_plan")
        .prefetch_related("request__directions")
        .order_by("decided_at", "pk")
    )
    changes += [
        Change(
            text=_("Council decision on %(subject)s: %(outcome)s")
            % {"subject": decision.request.subject, "outcome": decision.get_outcome_display()},
            path=reverse("approvals:decision_detail", kwargs={"pk": decision.pk}),
        )
        for decision in decisions[:MAX_LINES]
    ]
    return changes


def _sent_keys(subscription: Subscription) -> set[str]:
    return set(SentItem.objects.filter(subscription=subscription).values_list("key", flat=True))


def group_keys(meetings: Iterable[Meeting]) -> list[str]:
    """The keys of what a group's published meetings already show."""
    keys = []
    for meeting in meetings:
        keys.append(f"meeting:{meeting.pk}")
        if meeting.minutes:
            keys.append(f"minutes:{meeting.pk}")
    return keys


def _published_meetings(group: Group) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group=group, is_published=True).order_by("held_on", "pk")


def _group_changes(group: Group, sent: set[str]) -> list[Change]:
    changes = []
    path = group.get_absolute_url()
    for meeting in _published_meetings(group):
        held_on = _date(meeting.held_on)
        if f"meeting:{meeting.pk}" not in sent:
            changes.append(
                Change(
                    text=_("Meeting of %(date)s published") % {"date": held_on},
                    path=path,
                    key=f"meeting:{meeting.pk}",
                )
            )
        if meeting.minutes and f"minutes:{meeting.pk}" not in sent:
            changes.append(
                Change(
                    text=_("Minutes of the meeting of %(date)s published") % {"date": held_on},
                    path=path,
                    key=f"minutes:{meeting.pk}",
                )
            )
    return changes[:MAX_LINES]


def consultation_keys(consultation: Consultation) -> list[str]:
    return ["results"] if consultation.results_are_published() else []


def _consultation_changes(
    consultation: Consultation,
    since: datetime.datetime,
    until: datetime.datetime,
    sent: set[str],
) -> list[Change]:
    path = reverse("consultations:detail", kwargs={"slug": consultation.slug})
    changes: list[Change] = []
    if consultation.status == Consultation.Status.DRAFT:
        return changes
    if since < consultation.opens_at <= until:
        changes.append(Change(text=_("The consultation is open: have your say"), path=path))
    closing_soon = consultation.closes_at - CLOSING_SOON
    if (
        consultation.status == Consultation.Status.OPEN
        and since < closing_soon <= until
        and until < consultation.closes_at
    ):
        changes.append(
            Change(
                text=_("The consultation closes on %(date)s")
                % {"date": _date(consultation.closes_at.date())},
                path=path,
            )
        )
    if consultation.results_are_published() and "results" not in sent:
        changes.append(
            Change(
                text=_("What we heard: the results are published"),
                path=reverse("consultations:results", kwargs={"slug": consultation.slug}),
                key="results",
            )
        )
    return changes


def _report_changes(since: datetime.datetime, until: datetime.datetime) -> list[Change]:
    versions = (
        ReportVersion.objects.filter(published_at__gt=since, published_at__lte=until)
        .select_related("report")
        .order_by("published_at", "pk")
    )
    return [
        Change(
            text=(
                _("%(report)s published") % {"report": version.report}
                if version.number == 1
                else _("%(report)s corrected (version %(number)s)")
                % {"report": version.report, "number": version.number}
            ),
            path=reverse("reports:detail", kwargs={"fiscal_year": version.report.fiscal_year_obj}),
        )
        for version in versions[:MAX_LINES]
    ]


def digest_changes(
    *, subscription: Subscription, since: datetime.datetime, until: datetime.datetime
) -> list[Change]:
    """What changed in what `subscription` follows after `since` up to `until`, in the active
    language: only what the public may see, and nothing a digest already listed."""
    if subscription.pillar is not None:
        return _pillar_changes(subscription.pillar, since, until)
    if subscription.group is not None:
        return _group_changes(subscription.group, _sent_keys(subscription))
    if subscription.consultation is not None:
        return _consultation_changes(
            subscription.consultation, since, until, _sent_keys(subscription)
        )
    if subscription.kind == Subscription.Kind.REPORTS:
        return _report_changes(since, until)
    return []


@dataclass(frozen=True)
class FollowerCount:
    kind: str
    name: str
    confirmed: int
    pending: int


def follower_counts() -> list[FollowerCount]:
    """How many addresses follow each thing (confirmed, and waiting for confirmation): numbers
    only, never an address. For the back office."""
    rows = (
        Subscription.objects.values("kind", "pillar", "group", "consultation", "target")
        .annotate(total=Count("pk"), confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)))
        .order_by("kind", "target")
    )
    names: dict[str, str] = {
        f"pillar:{p.pk}": str(p) for p in Pillar.objects.filter(pk__in=[r["pillar"] for r in rows])
    }
    names |= {
        f"group:{g.pk}": str(g) for g in Group.objects.filter(pk__in=[r["group"] for r in rows])
    }
    names |= {
        f"consultation:{c.pk}": str(c)
        for c in Consultation.objects.filter(pk__in=[r["consultation"] for r in rows])
    }
    kinds = dict(Subscription.Kind.choices)
    return [
        FollowerCount(
            kind=str(kinds[row["kind"]]),
            name=names.get(row["target"], str(kinds[row["kind"]])),
            confirmed=row["confirmed"],
            pending=row["total"] - row["confirmed"],
        )
        for row in rows
    ]

"""Every write of the equity review goes through one of these functions."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.fiscal import fiscal_year_display
from core.mail import email_send

from .aggregates import aggregates_compute
from .models import (
    Answer,
    Benchmark,
    EquityReview,
    FollowUpLink,
    Invitation,
    Response,
    response_key,
    response_keys,
)
from .questions import DIMENSIONS, PREFER_NOT_TO_SAY
from .rules import may_answer
from .selectors import active_groups, active_memberships

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from partners.models import User
    from pillars.models import Group


def _require_manager(by: User | None) -> None:
    if by is None or not by.has_perm("equity.manage_review"):
        raise PermissionDenied(_("Only backbone staff may manage an equity review."))


def _require_status(review: EquityReview, status: str, message: StrOrPromise) -> None:
    if review.status != status:
        raise ValidationError(message, code="wrong_status")


@transaction.atomic
def review_create(
    *,
    fiscal_year: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    by: User,
    bodies: Iterable[Group] | None = None,
    **texts: str,
) -> EquityReview:
    """Create a draft review for a fiscal year; `texts` are the translated text fields."""
    _require_manager(by)
    review = EquityReview(fiscal_year=fiscal_year, opens_on=opens_on, closes_on=closes_on, **texts)
    review.full_clean()
    review.save()
    if bodies:
        review.bodies.set(bodies)
    return review


@transaction.atomic
def review_update(
    *,
    review: EquityReview,
    by: User,
    fiscal_year: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    bodies: Iterable[Group] | None = None,
    **texts: str,
) -> EquityReview:
    """Change a review's year, dates, bodies reviewed and translated text fields."""
    _require_manager(by)
    review = EquityReview.objects.select_for_update().get(pk=review.pk)
    review.fiscal_year = fiscal_year
    review.opens_on = opens_on
    review.closes_on = closes_on
    for field, value in texts.items():
        setattr(review, field, value)
    review.full_clean()
    review.save()
    if bodies is not None:
        review.bodies.set(bodies)
    return review


@transaction.atomic
def review_delete(*, review: EquityReview, by: User) -> None:
    """Delete a draft review; one that invited anyone is part of the record."""
    if not by.has_perm("equity.remove_review"):
        raise PermissionDenied
    review = EquityReview.objects.select_for_update().get(pk=review.pk)
    _require_status(review, EquityReview.Status.DRAFT, _("Only a draft review can be deleted."))
    review.delete()


def _require(by: User, permission: str) -> None:
    if not by.has_perm(permission):
        raise PermissionDenied


@transaction.atomic
def benchmark_save(*, benchmark: Benchmark, by: User) -> Benchmark:
    """Record the community's share of one category for a review, or correct it: one
    benchmark per category, a share from 0 to 100."""
    _require(by, "equity.write_benchmark" if benchmark.pk is None else "equity.edit_benchmark")
    benchmark.full_clean()
    benchmark.save()
    return benchmark


@transaction.atomic
def benchmark_delete(*, benchmark: Benchmark, by: User) -> None:
    """Remove a benchmark recorded in error."""
    _require(by, "equity.remove_benchmark")
    benchmark.delete()


@transaction.atomic
def follow_up_save(*, follow_up: FollowUpLink, by: User) -> FollowUpLink:
    """Add what follows from a review (an action item, a governance change, a document), or
    change it."""
    _require(by, "equity.write_follow_up" if follow_up.pk is None else "equity.edit_follow_up")
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUpLink, by: User) -> None:
    """Remove a follow-up."""
    _require(by, "equity.remove_follow_up")
    follow_up.delete()


@transaction.atomic
def review_open(
    *,
    review: EquityReview,
    by: User,
    today: datetime.date | None = None,
    notify: bool = True,
) -> EquityReview:
    """Open the questionnaire and email a personal link to every member of a reviewed body.

    With no bodies chosen, every active group is reviewed.
    """
    _require_manager(by)
    review = EquityReview.objects.select_for_update().get(pk=review.pk)
    _require_status(review, EquityReview.Status.DRAFT, _("Only a draft review can be opened."))
    today = today or timezone.localdate()
    if review.closes_on < today:
        raise ValidationError(
            _("The closing date has passed: choose a later one before opening the review."),
            code="closes_in_the_past",
        )
    if not review.bodies.exists():
        review.bodies.set(active_groups(today=today))
    if not review.bodies.exists():
        raise ValidationError(_("There is no active group to review."), code="no_bodies")
    review.status = EquityReview.Status.OPEN
    review.opened_at = timezone.now()
    review.save(update_fields=["status", "opened_at"])
    review_invite_members(review=review, by=by, today=today, notify=notify)
    return review


@transaction.atomic
def review_invite_members(
    *,
    review: EquityReview,
    by: User,
    today: datetime.date | None = None,
    notify: bool = True,
) -> int:
    """Invite every person with an active membership in a reviewed body who is not invited yet.

    Safe to run again, e.g. after new members join: nobody is invited twice. Returns the
    number of new invitations. `notify=False` (demo data only) sends no email.
    """
    _require_manager(by)
    _require_status(
        review, EquityReview.Status.OPEN, _("Invitations go out only while the review is open.")
    )
    today = today or timezone.localdate()
    bodies_of: defaultdict[int, set[int]] = defaultdict(set)
    people: dict[int, User] = {}
    for membership in active_memberships(groups=review.bodies.all(), today=today).select_related(
        "person"
    ):
        bodies_of[membership.person_id].add(membership.group_id)
        people[membership.person_id] = membership.person
    already = set(review.invitations.values_list("person_id", flat=True))
    now = timezone.now()
    created = []
    for person_id, person in people.items():
        if person_id in already:
            continue
        invitation = Invitation.objects.create(review=review, person=person, sent_at=now)
        invitation.bodies.set(bodies_of[person_id])
        created.append(invitation)
    for invitation in created if notify else ():
        _email_invitation(invitation)
    return len(created)


def _email_invitation(invitation: Invitation) -> None:
    person = invitation.person
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "person": person,
            "review": invitation.review,
            "link": settings.PORTAL_BASE_URL.rstrip("/") + invitation.get_absolute_url(),
            "portal_name": settings.PORTAL_NAME.get(
                translation.get_language(), settings.PORTAL_NAME["en"]
            ),
        }
        subject = str(
            _("Equity review %(fiscal_year)s: a voluntary, confidential questionnaire")
            % {"fiscal_year": fiscal_year_display(invitation.review.fiscal_year)}
        )
        body = render_to_string("equity/email/invitation.txt", context)
        email_send(subject=subject, body=body, to=person.email)


@transaction.atomic
def review_close(*, review: EquityReview, by: User) -> EquityReview:
    """Close the questionnaire: answers can no longer be given, changed or withdrawn.

    The suppressed figures are computed now, once, and stored: staff see them from now on and
    the public once the review is published. Before now nobody saw any (see aggregates.py).
    """
    _require_manager(by)
    review = EquityReview.objects.select_for_update().get(pk=review.pk)
    _require_status(review, EquityReview.Status.OPEN, _("Only an open review can be closed."))
    review.status = EquityReview.Status.CLOSED
    review.closed_at = timezone.now()
    review.aggregates = aggregates_compute(review)
    review.save(update_fields=["status", "closed_at", "aggregates"])
    return review


@transaction.atomic
def review_publish(*, review: EquityReview, by: User) -> EquityReview:
    """Publish the findings and actions with the figures stored when the questionnaire closed."""
    _require_manager(by)
    review = EquityReview.objects.select_for_update().get(pk=review.pk)
    _require_status(review, EquityReview.Status.CLOSED, _("Close the review before publishing it."))
    missing = [
        label
        for field, label in (
            ("findings_en", _("findings in English")),
            ("findings_fr", _("findings in French")),
            ("actions_en", _("actions in English")),
            ("actions_fr", _("actions in French")),
        )
        if not (getattr(review, field) or "").strip()
    ]
    if missing:
        raise ValidationError(
            _("Write the %(missing)s before publishing.")
            % {"missing": ", ".join(str(m) for m in missing)},
            code="missing_text",
        )
    if review.aggregates is None:  # closed before figures were stored at closing
        review.aggregates = aggregates_compute(review)
    review.status = EquityReview.Status.PUBLISHED
    review.published_at = timezone.now()
    review.save(update_fields=["aggregates", "status", "published_at"])
    return review


def _clean_answers(answers: Mapping[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for dimension in DIMENSIONS:
        value = answers.get(dimension.code) or PREFER_NOT_TO_SAY
        if value not in dimension.category_codes:
            raise ValidationError(
                _("Choose one of the answers offered, or “Prefer not to say”."),
                code="invalid_answer",
            )
        cleaned[dimension.code] = value
    return cleaned


def _require_accepting(invitation: Invitation, today: datetime.date | None) -> None:
    if not invitation.review.accepts_answers_on(today or timezone.localdate()):
        raise ValidationError(
            _("This questionnaire is closed: answers can no longer be given or changed."),
            code="closed",
        )


@transaction.atomic
def response_submit(
    *,
    invitation: Invitation,
    person: User,
    answers: Mapping[str, str],
    consent: bool,
    today: datetime.date | None = None,
) -> None:
    """Store the person's answers, replacing any they gave before (one answer per person).

    A question left blank counts as "prefer not to say".
    """
    if not may_answer(person, invitation):
        raise PermissionDenied
    _require_accepting(invitation, today)
    if not consent:
        raise ValidationError(
            _("Tick the box to say you agree to how your answers are kept."), code="no_consent"
        )
    cleaned = _clean_answers(answers)
    # Answers kept under an old key go too: they are replaced, never counted twice.
    Response.objects.filter(key__in=response_keys(invitation)).delete()
    response = Response.objects.create(review=invitation.review, key=response_key(invitation))
    response.bodies.set(invitation.bodies.all())
    Answer.objects.bulk_create(
        Answer(response=response, dimension=code, category=category)
        for code, category in cleaned.items()
    )
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.ANSWERED)
    invitation.status = Invitation.Status.ANSWERED


def _answers_remove(
    invitation: Invitation, person: User, today: datetime.date | None, status: str
) -> None:
    if not may_answer(person, invitation):
        raise PermissionDenied
    _require_accepting(invitation, today)
    Response.objects.filter(key__in=response_keys(invitation)).delete()
    Invitation.objects.filter(pk=invitation.pk).update(status=status)
    invitation.status = status


@transaction.atomic
def response_withdraw(
    *, invitation: Invitation, person: User, today: datetime.date | None = None
) -> None:
    """Delete the person's answers: they leave every aggregate at once."""
    _answers_remove(invitation, person, today, Invitation.Status.WITHDRAWN)


@transaction.atomic
def invitation_decline(
    *, invitation: Invitation, person: User, today: datetime.date | None = None
) -> None:
    """Decline the whole questionnaire: only the decline is kept, and any answers go."""
    _answers_remove(invitation, person, today, Invitation.Status.DECLINED)


def _years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # February 29 in a year that has none
        return moment.replace(year=moment.year - years, day=28)


@transaction.atomic
def answers_delete_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the answers of reviews published longer ago than the retention period.

    The published aggregates are a stored snapshot, so the public page does not change.
    Returns the number of reviews whose answers were deleted.
    """
    now = now or timezone.now()
    cutoff = _years_before(now, settings.EQUITY_RETENTION_YEARS)
    reviews = list(
        EquityReview.objects.select_for_update().filter(
            status=EquityReview.Status.PUBLISHED,
            published_at__lte=cutoff,
            answers_deleted_at__isnull=True,
        )
    )
    for review in reviews:
        Response.objects.filter(review=review).delete()
        review.answers_deleted_at = now
        review.save(update_fields=["answers_deleted_at"])
    return len(reviews)


@transaction.atomic
def answer_keys_rotate() -> int:
    """Move the answers kept under a fallback key to the current EQUITY_ANSWER_KEY.

    Run after changing the key with the old one in EQUITY_ANSWER_KEY_FALLBACKS: once it has
    run, the fallbacks can go. Nothing is shown or logged of which invitation matches which
    answers. Returns how many people's answers were found under an old key.
    """
    current_key = settings.EQUITY_ANSWER_KEY
    old_keys = [key for key in settings.EQUITY_ANSWER_KEY_FALLBACKS if key != current_key]
    if not old_keys:
        return 0
    moves: dict[str, str] = {}
    invitations = Invitation.objects.filter(review__answers_deleted_at__isnull=True).only("token")
    for invitation in invitations.iterator():
        current = response_key(invitation)
        for key in old_keys:
            moves.setdefault(response_key(invitation, key=key), current)
    moved = 0
    old = list(moves)
    for start in range(0, len(old), 500):
        for response in Response.objects.filter(key__in=old[start : start + 500]):
            current = moves[response.key]
            if Response.objects.filter(key=current).exists():
                # Saved again under the current key since: that is the person's answer.
                response.delete()
            else:
                Response.objects.filter(pk=response.pk).update(key=current)
            moved += 1
    return moved

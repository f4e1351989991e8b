from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pillars.models import Group, Membership

from .aggregates import aggregates_present, response_progress_compute, response_rate_present
from .models import EquityReview, Invitation, Response, response_keys
from .rules import may_answer

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from partners.models import User


def active_groups(*, today: datetime.date) -> QuerySet[Group]:
    """Groups formed by `today` (or with no date) and not yet wound down."""
    return Group.objects.filter(
        Q(formed_on__isnull=True) | Q(formed_on__lte=today),
        Q(sunset_on__isnull=True) | Q(sunset_on__gte=today),
    )


def active_memberships(*, groups: Iterable[Group], today: datetime.date) -> QuerySet[Membership]:
    return Membership.objects.active_on(today).filter(group__in=groups, person__is_active=True)


def review_list_for_management(*, user: User) -> QuerySet[EquityReview]:
    if not user.has_perm("equity.manage_review"):
        raise PermissionDenied
    return EquityReview.objects.order_by("-fiscal_year")


def published_review_list() -> QuerySet[EquityReview]:
    return EquityReview.objects.filter(status=EquityReview.Status.PUBLISHED).order_by(
        "-fiscal_year"
    )


def published_review_get(*, fiscal_year: str) -> EquityReview:
    review = (
        published_review_list()
        .prefetch_related("benchmarks", "follow_up_links")
        .filter(fiscal_year=fiscal_year)
        .first()
    )
    if review is None:
        raise Http404
    return review


def review_get_for_management(*, user: User, fiscal_year: str) -> EquityReview:
    """A review of any status, for backbone staff only."""
    if not user.has_perm("equity.manage_review"):
        raise PermissionDenied
    review = (
        EquityReview.objects.prefetch_related("benchmarks").filter(fiscal_year=fiscal_year).first()
    )
    if review is None:
        raise Http404
    return review


def invitation_get_for_person(*, user: User, token: str) -> Invitation:
    """The invitation behind a personal link, only for the person it was sent to.

    Anyone else, staff included, gets a 404: the link's existence is not confirmed.
    """
    invitation = Invitation.objects.select_related("review").filter(token=token).first()
    if invitation is None or not may_answer(user, invitation):
        raise Http404
    return invitation


def open_equity_invitations(user: User | AnonymousUser) -> QuerySet[Invitation]:
    """The person's invitations to reviews whose questionnaire is open today."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    today = timezone.localdate()
    return (
        Invitation.objects.select_related("review")
        .filter(
            person=user,
            review__status=EquityReview.Status.OPEN,
            review__opens_on__lte=today,
            review__closes_on__gte=today,
        )
        .order_by("review__closes_on")
    )


def pending_equity_invitations(user: User | AnonymousUser) -> QuerySet[Invitation]:
    """Open invitations the person has neither answered nor declined."""
    return open_equity_invitations(user).filter(
        status__in=[Invitation.Status.PENDING, Invitation.Status.WITHDRAWN]
    )


def response_get_own(*, invitation: Invitation, person: User) -> dict[str, str] | None:
    """The person's own answers {dimension: category}, or None if they have none."""
    if not may_answer(person, invitation):
        raise PermissionDenied
    response = Response.objects.filter(key__in=response_keys(invitation)).first()
    if response is None:
        return None
    return dict(response.answers.values_list("dimension", "category"))


# Staff see figures only once enough people have answered: before that, the response rate.
MINIMUM_RESPONSES_FOR_FIGURES = 5


def review_figures_for_management(*, review: EquityReview) -> dict[str, Any]:
    """What staff may see of a review's figures (a dict for the management page): while it is
    open, only how many answered, in bands; once closed, the figures stored at closing, and
    only when at least MINIMUM_RESPONSES_FOR_FIGURES people answered."""
    shown: dict[str, Any] = {"minimum_responses": MINIMUM_RESPONSES_FOR_FIGURES}
    if review.status == EquityReview.Status.OPEN:
        shown["progress"] = response_progress_compute(review)
    elif review.aggregates is not None:
        aggregates = review.aggregates
        responded = aggregates["responded"]
        show_figures = responded is not None and responded >= MINIMUM_RESPONSES_FOR_FIGURES
        shown.update(
            aggregates=aggregates,
            rates=response_rate_present(aggregates),
            show_figures=show_figures,
            dimensions=aggregates_present(aggregates, review.benchmarks.all())
            if show_figures
            else [],
        )
    return shown

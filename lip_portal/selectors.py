"""Reads for the pages that compose several apps."""

from typing import TypedDict

from django.db.models import Exists

from approvals.selectors import open_seats
from equity.selectors import open_equity_invitations
from evaluation.selectors import health_check_pending
from partners.models import User
from pillars.selectors import chair_memberships
from practices.selectors import dashboard_pending


class DashboardPanels(TypedDict):
    chairs: bool
    votes: bool
    equity: bool
    health_check: bool
    practices: bool


def dashboard_panels(*, user: User) -> DashboardPanels:
    """{"chairs", "votes", "equity", "health_check", "practices"}: which of the dashboard's
    panels hold anything for the person, in one query. Most people on the dashboard (partner
    staff) chair no group and have no vote, equity questionnaire, health check or practice
    waiting: their panels then cost nothing more."""
    return (
        User.objects.filter(pk=user.pk)
        .values(
            chairs=Exists(chair_memberships(user=user)),
            votes=Exists(open_seats(user=user)),
            equity=Exists(open_equity_invitations(user)),
            health_check=Exists(health_check_pending(user)),
            practices=Exists(dashboard_pending(user)),
        )
        .get()
    )

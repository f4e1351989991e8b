"""The demo holds what the services guarantee: it was built through them, not forged."""

import pytest
from django.db import transaction

from actionplans.models import (
    AnnualActionPlan,
    ApprovalStatus,
    ProgressUpdate,
    ReportingPeriod,
    StrategicDirection,
)
from approvals import services as approval_services
from approvals.models import Decision, VoteChoice
from approvals.selectors import approving_decision
from demo.seed import seed_demo


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return seeded


def _votes(decision):
    choices = list(decision.request.votes.values_list("choice", flat=True))
    return {choice: choices.count(choice) for choice in VoteChoice.values}


def test_each_decision_counts_the_votes_recorded_on_its_request(demo):
    decisions = Decision.objects.select_related("request")
    assert decisions.exists()
    for decision in decisions:
        votes = _votes(decision)
        assert votes[VoteChoice.APPROVE] == decision.approve_count, decision
        assert votes[VoteChoice.OBJECT] == decision.object_count, decision
        assert votes[VoteChoice.ABSTAIN] == decision.abstain_count, decision
        eligible = decision.request.eligible_voters.count() - decision.request.conflicts.count()
        assert decision.eligible_count == eligible, decision


def test_each_decision_has_the_quorum_and_outcome_its_votes_give(demo):
    for decision in Decision.objects.select_related("request"):
        request = decision.request
        required = approval_services.quorum_required(
            eligible_count=decision.eligible_count,
            quorum_count=request.quorum_count,
            quorum_fraction=request.quorum_fraction,
        )
        tally = approval_services.Tally(
            decision.approve_count, decision.object_count, decision.abstain_count
        )
        expected = approval_services.decide_outcome(
            rule=request.rule, tally=tally, required=required
        )
        assert decision.quorum_required == required, decision
        assert decision.quorum_met, decision
        assert decision.outcome == expected.outcome, decision


def test_each_vote_was_cast_while_its_request_was_open(demo):
    for decision in Decision.objects.select_related("request"):
        request = decision.request
        for vote in request.votes.all():
            assert request.opens_at <= vote.cast_at < request.closes_at, vote
        assert decision.decided_at >= request.opens_at, decision


def test_every_approved_direction_and_annual_plan_was_approved_by_a_council_decision(demo):
    approved = [
        *StrategicDirection.objects.filter(status=ApprovalStatus.APPROVED),
        *AnnualActionPlan.objects.filter(status=ApprovalStatus.APPROVED),
    ]
    assert approved
    for subject in approved:
        decision = approving_decision(subject)
        assert decision is not None, subject
        assert decision.outcome == Decision.Outcome.APPROVED
        assert subject.approved_on == decision.decided_on, subject


def test_each_progress_update_was_recorded_while_its_period_was_open(demo):
    updates = ProgressUpdate.objects.select_related("reporting_period")
    assert updates.exists()
    for update in updates:
        period = update.reporting_period
        assert period.opened_at <= update.created_at, update
        if period.state == ReportingPeriod.State.LOCKED:
            assert update.created_at < period.locked_at, update

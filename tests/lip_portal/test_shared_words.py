"""A short word shared by several nouns ("Published", "Draft", "Open", "Closed"...) carries a
context, so that French agrees it with each noun: a meeting is « publiée », a review « publié »."""

import pytest
from django.utils import translation

from actionplans.models import AnnualActionPlan, ApprovalStatus, ItemStatus, ReportingPeriod
from approvals.models import ApprovalRequest, Decision
from consultations.models import Consultation
from equity.models import EquityReview, Invitation
from pillars.models import Meeting


def french(label):
    with translation.override("fr"):
        return str(label)


def english(label):
    with translation.override("en"):
        return str(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (EquityReview.Status.PUBLISHED.label, "Publié"),
        (EquityReview.Status.DRAFT.label, "Brouillon"),
        (Consultation.Status.DRAFT.label, "Brouillon"),
        (Consultation.Status.OPEN.label, "Ouverte"),
        (Consultation.Status.CLOSED.label, "Fermée"),
        (ReportingPeriod.State.OPEN.label, "Ouverte"),
        (ApprovalStatus.DRAFT.label, "Brouillon"),
        (ItemStatus.CANCELLED.label, "Annulée"),
        (ApprovalRequest.Status.CANCELLED.label, "Annulée"),
        (Decision.Outcome.APPROVED.label, "Approuvé"),
        (Invitation.Status.ANSWERED.label, "Réponse reçue"),
    ],
    ids=lambda value: str(value),
)
def test_each_status_agrees_with_its_noun_in_french(label, expected):
    assert french(label) == expected


def test_a_published_meeting_and_a_published_review_agree_each_with_its_own_noun():
    meeting = Meeting._meta.get_field("is_published").verbose_name
    review = EquityReview._meta.get_field("published_at").verbose_name

    assert french(meeting) == "publiée"
    assert french(review) == "publié le"


def test_dates_of_feminine_and_masculine_records_agree_in_french():
    assert french(ReportingPeriod._meta.get_field("opened_at").verbose_name) == "ouverte le"
    assert french(EquityReview._meta.get_field("opened_at").verbose_name) == "ouvert le"
    assert french(Invitation._meta.get_field("sent_at").verbose_name) == "envoyée le"
    assert french(AnnualActionPlan._meta.get_field("approved_on").verbose_name) == "approuvé le"


@pytest.mark.parametrize(
    ("label", "word"),
    [
        (EquityReview.Status.PUBLISHED.label, "Published"),
        (Consultation.Status.OPEN.label, "Open"),
        (Consultation.Status.CLOSED.label, "Closed"),
        (ApprovalStatus.DRAFT.label, "Draft"),
        (ItemStatus.CANCELLED.label, "Cancelled"),
    ],
    ids=lambda value: str(value),
)
def test_english_keeps_the_plain_word(label, word):
    assert english(label) == word

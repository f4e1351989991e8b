"""Writes for consultations: each action validates, then writes all or nothing."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import page_cache

from . import selectors
from .languages import ENGLISH_NAMES
from .models import (
    AboutYou,
    Answer,
    Consultation,
    FormToken,
    Question,
    Response,
    ResultsSnapshot,
    SubmissionWindow,
)

if TYPE_CHECKING:
    from actionplans.models import ActionItem
    from partners.models import User

TOKEN_SALT = "consultations.form-token"  # noqa: S105  (a signing salt, not a secret)
TOKEN_MAX_AGE = 60 * 60 * 24  # a form left open overnight can still be sent


# --- Building and publishing -------------------------------------------------------------


def consultation_problems(*, consultation: Consultation) -> list[str]:
    """What keeps a consultation from opening: missing texts in an offered language, choice
    questions without choices, or with a different number of choices in some language."""
    problems: list[str] = []
    for code in consultation.languages:
        if not (consultation.title or {}).get(code):
            problems.append(
                _("The title is missing in %(language)s.")
                % {"language": ENGLISH_NAMES.get(code, code)}
            )
    questions = list(consultation.questions.all())
    if not questions:
        problems.append(_("The consultation has no questions."))
    for number, question in enumerate(questions, start=1):
        for code in consultation.languages:
            name = ENGLISH_NAMES.get(code, code)
            if not (question.text or {}).get(code):
                problems.append(
                    _("Question %(number)s has no text in %(language)s.")
                    % {"number": number, "language": name}
                )
            if question.kind in Question.CHOICE_KINDS:
                english = (question.choices or {}).get("en") or []
                labels = (question.choices or {}).get(code) or []
                if len(english) < 2:
                    if code == "en":
                        problems.append(
                            _("Question %(number)s needs at least two choices.")
                            % {"number": number}
                        )
                elif len(labels) != len(english) or not all(labels):
                    problems.append(
                        _("Question %(number)s needs the same %(count)s choices in %(language)s.")
                        % {"number": number, "count": len(english), "language": name}
                    )
    return problems


ALLOWED_STATUS_CHANGES: dict[str, set[Consultation.Status]] = {
    Consultation.Status.DRAFT: {Consultation.Status.OPEN},
    Consultation.Status.OPEN: {Consultation.Status.CLOSED, Consultation.Status.DRAFT},
    Consultation.Status.CLOSED: {Consultation.Status.PUBLISHED, Consultation.Status.OPEN},
    Consultation.Status.PUBLISHED: {Consultation.Status.CLOSED},
}


def _require(by: User | None, permission: str) -> None:
    if by is None or not by.has_perm(permission):
        raise PermissionDenied


@transaction.atomic
def consultation_set_status(*, by: User, consultation: Consultation, status: str) -> Consultation:
    """Open, close, publish the results of, or withdraw a consultation.

    Opening needs every offered language complete; going back to draft is refused once
    answers have come in; results are published only after the consultation closed."""
    _require(by, "consultations.set_status")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    status = Consultation.Status(status)
    if status == consultation.status:
        return consultation
    if status not in ALLOWED_STATUS_CHANGES[consultation.status]:
        raise ValidationError(
            _("A consultation that is “%(current)s” cannot become “%(new)s”.")
            % {"current": consultation.get_status_display(), "new": status.label}
        )
    if status == Consultation.Status.OPEN:
        problems = consultation_problems(consultation=consultation)
        if problems:
            raise ValidationError(problems)
    if status == Consultation.Status.DRAFT and consultation.responses.exists():
        raise ValidationError(_("People have answered already: close the consultation instead."))
    consultation.status = status
    consultation.save(update_fields=["status"])
    if status in RESULTS_STATUSES:
        consultation_results_refresh(consultation=consultation)
    else:
        ResultsSnapshot.objects.filter(consultation=consultation).delete()
    return consultation


# --- Writing a consultation and its questions (the back office) ---------------------------


def consultation_text_problems(*, consultation: Consultation) -> list[str]:
    """What keeps a consultation from being saved: an offered language without its title."""
    if all((consultation.title or {}).get(code) for code in consultation.languages):
        return []
    return [_("A language offered needs its title.")]


@transaction.atomic
def consultation_save(
    *,
    by: User,
    consultation: Consultation,
    action_items: Iterable[ActionItem] | None = None,
) -> Consultation:
    """Start a consultation (as a draft), or save a change to its slug, texts, dates, languages
    and pillar, as the back office's form gives it; `action_items` (None: as they are) are the
    items it led to, shown with its published results.

    Its status changes only through consultation_set_status, which holds the rules of opening,
    closing and publishing (ValidationError otherwise)."""
    adding = consultation.pk is None
    _require(
        by, "consultations.start_consultation" if adding else "consultations.edit_consultation"
    )
    stored: str = Consultation.Status.DRAFT
    if not adding:
        stored = Consultation.objects.values_list("status", flat=True).get(pk=consultation.pk)
    if consultation.status != stored:
        raise ValidationError(
            _("A consultation changes status only by being opened, closed, published or withdrawn.")
        )
    problems = consultation_text_problems(consultation=consultation)
    if problems:
        raise ValidationError(problems)
    consultation.validate_unique()
    consultation.validate_constraints()
    items = None if action_items is None else list(action_items)
    consultation.save()
    if items is not None:
        consultation.action_items.set(items)
    return consultation


@transaction.atomic
def consultation_delete(*, by: User, consultation: Consultation) -> None:
    """Remove a consultation with its questions, responses and stored results."""
    _require(by, "consultations.remove_consultation")
    consultation.delete()


def question_choice_problems(*, kind: str, choices: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """What is wrong with a question's choices ({language: [label, ...]}), by language: a
    choice question needs at least two choices in English, and as many in any other language
    that has some."""
    if kind not in Question.CHOICE_KINDS:
        return {}
    english = choices.get("en") or []
    problems: dict[str, str] = {}
    if len(english) < 2:
        problems["en"] = _("A choice question needs at least two choices.")
    for code, labels in choices.items():
        if labels and len(labels) != len(english):
            problems[code] = _("Give as many choices as in English (%(count)s).") % {
                "count": len(english)
            }
    return problems


def _questions_unanswered(question: Question) -> None:
    """Once people have answered, changing a question would change what their answers mean."""
    consultation_ids = {question.consultation_id}
    if question.pk is not None:
        consultation_ids.add(
            Question.objects.values_list("consultation_id", flat=True).get(pk=question.pk)
        )
    if Response.objects.filter(consultation_id__in=consultation_ids).exists():
        raise ValidationError(
            _("People have answered already: the questions can no longer change.")
        )


@transaction.atomic
def question_save(*, by: User, question: Question) -> Question:
    """Add a question to a consultation, or change one (its order, kind, texts and choices),
    as long as nobody has answered the consultation (ValidationError)."""
    _require(
        by, "consultations.write_question" if question.pk is None else "consultations.edit_question"
    )
    _questions_unanswered(question)
    problems = question_choice_problems(kind=question.kind, choices=question.choices or {})
    if problems:
        raise ValidationError(list(problems.values()))
    question.save()
    return question


@transaction.atomic
def question_delete(*, by: User, question: Question) -> None:
    """Remove a question, as long as nobody has answered the consultation (ValidationError)."""
    _require(by, "consultations.remove_question")
    _questions_unanswered(question)
    question.delete()


# --- Stored results ----------------------------------------------------------------------

# The states whose results are computed and stored: closing computes them for staff to
# review, publishing computes them again (paper answers may have been entered meanwhile).
RESULTS_STATUSES = (Consultation.Status.CLOSED, Consultation.Status.PUBLISHED)


@transaction.atomic
def consultation_results_refresh(*, consultation: Consultation) -> ResultsSnapshot:
    """Compute the public results of `consultation` from its responses now and store them.

    Called when the consultation closes or its results are published, never per visitor:
    the counts then stay fixed until the next change of state, so a response entered in
    between shows in no published difference."""
    now = timezone.now()
    questions = selectors.question_list(consultation=consultation)
    snapshot, _created = ResultsSnapshot.objects.update_or_create(
        consultation=consultation,
        defaults={
            "figures": selectors.published_figures(consultation=consultation, questions=questions),
            "quotes": selectors.published_quotes(consultation=consultation),
            "computed_at": now,
            "quotes_updated_at": now,
        },
    )
    return snapshot


def _quotes_refresh(consultation_ids: Iterable[int]) -> None:
    """Store the approved quotes again (and only them: the counts stay as computed)."""
    now = timezone.now()
    for consultation_id in consultation_ids:
        ResultsSnapshot.objects.filter(consultation_id=consultation_id).update(
            quotes=selectors.published_quotes(consultation=consultation_id),
            quotes_updated_at=now,
        )
    # The UPDATE sends no signal: the published results pages show the quotes.
    page_cache.content_changed()


def consultation_results_rebuild_all() -> int:
    """(Re)build the stored results of every closed or published consultation: call this
    after loading responses in bulk (seeds, imports), which go round the services. Returns
    how many consultations it computed."""
    consultations = list(Consultation.objects.filter(status__in=RESULTS_STATUSES))
    for consultation in consultations:
        consultation_results_refresh(consultation=consultation)
    return len(consultations)


@transaction.atomic
def answer_set_quote_approved(*, by: User, answer: Answer, approved: bool) -> Answer:
    """Mark a free-text answer as fit (or no longer fit) to quote in the published results;
    the stored results show the change at once."""
    _require(by, "consultations.moderate_quotes")
    if not answer.question.is_text:
        raise ValidationError(_("Only free-text answers can be quoted."))
    Answer.objects.filter(pk=answer.pk).update(quote_approved=approved)
    answer.quote_approved = approved
    _quotes_refresh([answer.question.consultation_id])
    return answer


@transaction.atomic
def responses_delete(*, by: User, responses: Iterable[Response]) -> None:
    """Delete responses (a queryset or a list) with their answers. A quote they gave leaves
    the stored results at once; the stored counts change at the next change of state."""
    _require(by, "consultations.delete_responses")
    responses = list(responses)
    consultation_ids = {response.consultation_id for response in responses}
    Response.objects.filter(pk__in=[response.pk for response in responses]).delete()
    _quotes_refresh(sorted(consultation_ids))


# --- One-time form tokens and the rate limit ---------------------------------------------


def form_token_issue(*, consultation: Consultation) -> str:
    """A signed token naming the consultation and a fresh nonce; it can be used once."""
    return signing.dumps({"c": consultation.pk, "n": secrets.token_urlsafe(24)}, salt=TOKEN_SALT)


def form_token_read(*, consultation: Consultation, token: str | None) -> str:
    """The nonce of a valid token for this consultation, or ValidationError(code="expired")."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(_("This form has expired."), code="expired") from None
    if not isinstance(data, dict) or data.get("c") != consultation.pk or not data.get("n"):
        raise ValidationError(_("This form has expired."), code="expired")
    return str(data["n"])


def _address_hash(address: str) -> str:
    # The address only ever becomes a keyed hash, never a stored value.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def current_window_start() -> datetime:
    """When the current rate-limit window started. Windows follow the clock (whole hours with
    the default CONSULTATION_RATE_WINDOW), the same for every address: a submission does not
    start one, so a stored window says nothing about when any response came."""
    length = settings.CONSULTATION_RATE_WINDOW
    return datetime.fromtimestamp(int(time.time()) // length * length, tz=UTC)


def submissions_sent(*, address: str) -> int:
    """How many responses (and refused bot submissions) `address` sent in the current window:
    one read, for a quick answer before the form is even checked. submission_count is what
    holds the limit."""
    sent = (
        SubmissionWindow.objects.filter(
            address_hash=_address_hash(address), started_at=current_window_start()
        )
        .values_list("count", flat=True)
        .first()
    )
    return sent or 0


def submission_limit_reached(*, address: str) -> bool:
    """Whether `address` already sent as many responses as the window allows."""
    limit: int = settings.CONSULTATION_RATE_LIMIT
    return submissions_sent(address=address) >= limit


def submission_count(*, address: str) -> bool:
    """Count one response (or refused bot submission) from `address` if the window has room:
    True when counted, False when the limit is reached.

    Atomic in the database, so concurrent submissions from one address never count past the
    limit (with Redis down too): the count goes up only in an UPDATE whose condition is that it
    is under the limit. Called in the transaction that stores the response, so a response that
    is not stored is not counted, and the row stays locked until that transaction ends."""
    limit = settings.CONSULTATION_RATE_LIMIT
    if limit < 1:
        return False
    started_at = current_window_start()
    digest = _address_hash(address)
    row = SubmissionWindow.objects.filter(address_hash=digest)
    current_with_room = row.filter(started_at=started_at, count__lt=limit)
    if current_with_room.update(count=F("count") + 1):
        return True
    # No room, or the address's row is of an earlier window, or it has none.
    if row.filter(started_at__lt=started_at).update(started_at=started_at, count=1):
        return True
    try:
        with transaction.atomic():
            SubmissionWindow.objects.create(address_hash=digest, started_at=started_at, count=1)
    except IntegrityError:  # the row exists: full, or just written by a concurrent request
        return bool(current_with_room.update(count=F("count") + 1))
    transaction.on_commit(lambda: _windows_prune(started_at=started_at), robust=True)
    return True


def _windows_prune(*, started_at: datetime) -> None:
    """Forget the windows before the one that started at `started_at`. Run when a new row is
    written, so the table holds about as many rows as addresses that sent something lately."""
    SubmissionWindow.objects.filter(started_at__lt=started_at).delete()


# --- Responses ---------------------------------------------------------------------------


def _clean_answers(
    *, questions: Sequence[Question], answers: Mapping[int, Sequence[str]]
) -> list[Answer]:
    """Check answers {question id: [values]} against the questions; returns Answer rows."""
    by_id = {q.pk: q for q in questions}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise ValidationError(
            _("An answer names a question that is not in this consultation."), code="tampered"
        )
    rows: list[Answer] = []
    errors: dict[int, ValidationError] = {}
    for question in questions:
        values = [v.strip() for v in answers.get(question.pk, []) if v and v.strip()]
        if not values:
            if question.required:
                errors[question.pk] = ValidationError(
                    _("Please answer this question."), code="required"
                )
            continue
        if question.is_text:
            if len(values) > 1:
                errors[question.pk] = ValidationError(_("One answer only."), code="invalid")
            elif len(values[0]) > question.text_limit:
                errors[question.pk] = ValidationError(
                    _("Please keep your answer under %(limit)s characters.")
                    % {"limit": question.text_limit},
                    code="too_long",
                )
        else:
            keys = question.choice_keys()
            if any(v not in keys for v in values) or (
                question.kind != Question.Kind.SEVERAL_CHOICES and len(values) > 1
            ):
                errors[question.pk] = ValidationError(
                    _("Please choose one of the answers offered."), code="invalid_choice"
                )
            values = list(dict.fromkeys(values))
        rows.extend(Answer(question=question, value=value) for value in values)
    if errors:
        # Keyed by question id, which the forms read back; Django takes any key, the stub
        # only str.
        raise ValidationError(errors)  # type: ignore[arg-type]
    return rows


def _clean_about(about: Mapping[str, str] | None) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for field in AboutYou.FIELDS:
        value = (about or {}).get(field) or ""
        if value and value not in AboutYou.codes(field):
            raise ValidationError(
                {field: _("Please choose one of the answers offered.")}, code="invalid_choice"
            )
        cleaned[field] = value
    return cleaned


def response_submit(
    *,
    consultation: Consultation,
    language: str,
    answers: Mapping[int, Sequence[str]],
    about: Mapping[str, str] | None = None,
    nonce: str,
    channel: str = Response.Channel.ONLINE,
    staff_entry: bool = False,
    by: User | None = None,
    questions: Sequence[Question] | None = None,
    rate_limited_address: str | None = None,
    now: datetime | None = None,
) -> Response:
    """Store one person's answers, completely or not at all.

    `answers` maps question ids to lists of values (choice keys or one text). `nonce` comes
    from the one-time form token: a second submission with it stores nothing and raises
    ValidationError(code="replayed"). Online answers are refused once the consultation is no
    longer open; staff may still enter paper or session answers after it closed.
    `questions`, the consultation's questions when the caller loaded them already, saves
    loading them again. `rate_limited_address`, the sender's address for an online answer,
    counts it against that address's limit in the same transaction (submission_count): over
    the limit, nothing is stored and ValidationError(code="rate_limited") is raised. Five
    statements: the token, the response, its answers, the count, the commit. `now` (default:
    now) is when it was sent. Answering needs no account; a `staff_entry` (a paper or session
    answer typed in) is made `by` staff whose role lets them enter responses.
    """
    now = now or timezone.now()
    if staff_entry:
        _require(by, "consultations.enter_responses")
        if consultation.status == Consultation.Status.DRAFT:
            raise ValidationError(_("This consultation is still a draft."), code="closed")
    elif not consultation.is_accepting(now):
        raise ValidationError(
            _("This consultation is closed and no longer accepts answers."), code="closed"
        )
    if language not in consultation.languages:
        raise ValidationError(
            _("This consultation is not offered in that language."), code="language"
        )
    if channel not in Response.Channel.values:
        raise ValidationError(_("Unknown channel."), code="channel")
    if questions is None:
        questions = list(consultation.questions.all())
    rows = _clean_answers(questions=questions, answers=answers)
    about = _clean_about(about)
    try:
        with transaction.atomic():
            # The token first: a replayed one fails here, before anything else is written.
            FormToken.objects.create(nonce=nonce, used_at=now)
            response = Response.objects.create(
                consultation=consultation,
                language=language,
                channel=channel,
                submitted_at=now,
                **about,
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            # Last, so the address's row is locked only while the transaction commits.
            if rate_limited_address is not None and not submission_count(
                address=rate_limited_address
            ):
                raise ValidationError(
                    _(
                        "Many answers came from your connection in a short time. Please try "
                        "again in an hour."
                    ),
                    code="rate_limited",
                )
    except IntegrityError:
        if FormToken.objects.filter(nonce=nonce).exists():
            raise ValidationError(
                _("We have already received these answers."), code="replayed"
            ) from None
        raise
    return response

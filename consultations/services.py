"""Writes for consultations: each action validates, then writes all or nothing."""

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lip_portal import page_cache

from .form_strings import ENGLISH_NAMES
from .models import AboutYou, Answer, Consultation, FormToken, Question, Response

TOKEN_SALT = "consultations.form-token"  # noqa: S105  (a signing salt, not a secret)
TOKEN_MAX_AGE = 60 * 60 * 24  # a form left open overnight can still be sent


# --- Building and publishing -------------------------------------------------------------


def consultation_problems(*, consultation):
    """What keeps a consultation from opening: missing texts in an offered language, choice
    questions without choices, or with a different number of choices in some language."""
    problems = []
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


ALLOWED_STATUS_CHANGES = {
    Consultation.Status.DRAFT: {Consultation.Status.OPEN},
    Consultation.Status.OPEN: {Consultation.Status.CLOSED, Consultation.Status.DRAFT},
    Consultation.Status.CLOSED: {Consultation.Status.PUBLISHED, Consultation.Status.OPEN},
    Consultation.Status.PUBLISHED: {Consultation.Status.CLOSED},
}


@transaction.atomic
def consultation_set_status(*, consultation, status):
    """Open, close, publish the results of, or withdraw a consultation.

    Opening needs every offered language complete; going back to draft is refused once
    answers have come in; results are published only after the consultation closed."""
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
    return consultation


@transaction.atomic
def answer_set_quote_approved(*, answer, approved):
    """Mark a free-text answer as fit (or no longer fit) to quote in the published results."""
    if not answer.question.is_text:
        raise ValidationError(_("Only free-text answers can be quoted."))
    Answer.objects.filter(pk=answer.pk).update(quote_approved=approved)
    # Answers send no signal to the page cache (a burst of submissions would empty it); an
    # approved quote shows in the published results.
    page_cache.content_changed()
    answer.quote_approved = approved
    return answer


# --- One-time form tokens and the rate limit ---------------------------------------------


def form_token_issue(*, consultation):
    """A signed token naming the consultation and a fresh nonce; it can be used once."""
    return signing.dumps({"c": consultation.pk, "n": secrets.token_urlsafe(24)}, salt=TOKEN_SALT)


def form_token_read(*, consultation, token):
    """The nonce of a valid token for this consultation, or ValidationError(code="expired")."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(_("This form has expired."), code="expired") from None
    if not isinstance(data, dict) or data.get("c") != consultation.pk or not data.get("n"):
        raise ValidationError(_("This form has expired."), code="expired")
    return str(data["n"])


def _address_key(address):
    # The address only ever becomes a keyed hash in the cache, never a stored value.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
    return f"consultations:rate:{digest}"


def submission_limit_reached(*, address):
    """Whether `address` already sent as many responses as the window allows."""
    return (cache.get(_address_key(address)) or 0) >= settings.CONSULTATION_RATE_LIMIT


def submission_count(*, address):
    """Count one response (or one refused bot submission) from `address`."""
    key = _address_key(address)
    if not cache.add(key, 1, timeout=settings.CONSULTATION_RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # the window ended between add and incr
            cache.set(key, 1, timeout=settings.CONSULTATION_RATE_WINDOW)


# --- Responses ---------------------------------------------------------------------------


def _clean_answers(*, questions, answers):
    """Check answers {question id: [values]} against the questions; returns Answer rows."""
    by_id = {q.pk: q for q in questions}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise ValidationError(
            _("An answer names a question that is not in this consultation."), code="tampered"
        )
    rows = []
    errors = {}
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
        raise ValidationError(errors)
    return rows


def _clean_about(about):
    cleaned = {}
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
    consultation,
    language,
    answers,
    about=None,
    nonce,
    channel=Response.Channel.ONLINE,
    staff_entry=False,
):
    """Store one person's answers, completely or not at all.

    `answers` maps question ids to lists of values (choice keys or one text). `nonce` comes
    from the one-time form token: a second submission with it stores nothing and raises
    ValidationError(code="replayed"). Online answers are refused once the consultation is no
    longer open; staff may still enter paper or session answers after it closed.
    """
    now = timezone.now()
    if staff_entry:
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
    questions = list(consultation.questions.all())
    rows = _clean_answers(questions=questions, answers=answers)
    about = _clean_about(about)
    with transaction.atomic():
        try:
            with transaction.atomic():
                FormToken.objects.create(nonce=nonce, used_at=now)
        except IntegrityError:
            raise ValidationError(
                _("We have already received these answers."), code="replayed"
            ) from None
        response = Response.objects.create(
            consultation=consultation, language=language, channel=channel, submitted_at=now, **about
        )
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
    return response

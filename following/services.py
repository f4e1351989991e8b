"""Following by email: ask, confirm (double opt-in), digests, manage, unsubscribe.

Nothing but the confirmation is ever sent to an address that has not confirmed; every email
carries a one-click unsubscribe (RFC 8058). Emails are built and sent inside the task that
names the subscription by id, so an address never sits in the outbox (which staff can read),
and an unsubscribe deletes the row: a digest queued before it finds nothing to send.
"""

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.models import Consultation
from core.mail import portal_name, sender, subject_with_prefix
from core.tasks import email_message
from outbox import services as outbox
from pillars.models import Group, Meeting, Pillar

from . import selectors, tokens
from .models import SentItem, Subscription

Target = Pillar | Group | Consultation | None


# --- Rate limits ---------------------------------------------------------------------------


def _count_hit(key: str, *, limit: int, window: int) -> bool:
    """Count one request under `key`: True while under `limit` in the window."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()
    cache_key = f"following:rate:{digest}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        count = 1
    return count <= limit


def signup_allowed_from(*, address: str) -> bool:
    """Count one sign-up from a network address; False once it sent FOLLOW_RATE_LIMIT_IP in
    the window."""
    return _count_hit(
        f"ip:{address}",
        limit=settings.FOLLOW_RATE_LIMIT_IP,
        window=settings.FOLLOW_RATE_WINDOW,
    )


# --- Asking to follow ----------------------------------------------------------------------


def target_key(*, kind: str, target: Target) -> str:
    return kind if target is None else f"{kind}:{target.pk}"


def consent_wording(*, name: str) -> str:
    """The sentence the follow form shows next to its button, in the active language: stored
    word for word with each subscription."""
    return _(
        "I agree to receive emails from %(sender)s about %(thing)s: a confirmation email now, "
        "then a digest of what changed. Every email has a link to unsubscribe at once."
    ) % {"sender": portal_name(translation.get_language() or "en"), "thing": name}


def subscription_request(
    *,
    email: str,
    kind: str,
    target: Target,
    frequency: str,
    source: str,
    now: datetime.datetime | None = None,
) -> None:
    """Ask to follow `target` (None for the reports) at `email`, in the active language.

    Answers the same whatever the address's state, so nobody learns whether it already
    follows: a new address gets a subscription waiting for confirmation and the confirmation
    email; one still waiting gets the confirmation again; a confirmed one gets nothing. An
    address asked for more than FOLLOW_RATE_LIMIT_ADDRESS times in the window gets nothing."""
    now = now or timezone.now()
    email = email.strip().lower()
    if kind not in Subscription.Kind.values or frequency not in Subscription.Frequency.values:
        raise ValidationError(_("Choose what to follow and how often."), code="invalid")
    if not _count_hit(
        f"address:{email}",
        limit=settings.FOLLOW_RATE_LIMIT_ADDRESS,
        window=settings.FOLLOW_RATE_WINDOW,
    ):
        return
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = target_key(kind=kind, target=target)
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(email=email, target=key).first()
        )
        if subscription is not None and subscription.confirmed_at is not None:
            return
        if subscription is None:
            subscription = Subscription(
                email=email,
                kind=kind,
                target=key,
                pillar=target if isinstance(target, Pillar) else None,
                group=target if isinstance(target, Group) else None,
                consultation=target if isinstance(target, Consultation) else None,
                created_at=now,
            )
        subscription.language = language
        subscription.frequency = frequency
        with translation.override(language):
            subscription.consent_text = consent_wording(name=selectors.target_name(subscription))
        subscription.consent_language = language
        subscription.consent_source = source[:500]
        subscription.save()
        # Imported here: tasks import this module.
        from .tasks import send_confirmation

        outbox.task_enqueue(task=send_confirmation, kwargs={"subscription_id": subscription.pk})


# --- Emails --------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


def _links(subscription: Subscription) -> dict[str, str]:
    def link(action: str, name: str) -> str:
        token = tokens.make(
            action=action, subscription_id=subscription.pk, email=subscription.email
        )
        return _absolute(reverse(name, kwargs={"token": token}))

    return {
        "unsubscribe_url": link("unsubscribe", "following:unsubscribe"),
        "manage_url": link("manage", "following:manage"),
    }


def unsubscribe_headers(unsubscribe_url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs to the link."""
    targets = [f"<{unsubscribe_url}>"]
    if settings.FOLLOW_UNSUBSCRIBE_MAILTO:
        targets.append(f"<mailto:{settings.FOLLOW_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _send(
    *, subscription: Subscription, template: str, subject: str, context: dict[str, Any]
) -> None:
    language = subscription.language
    links = _links(subscription)
    context = {
        **context,
        **links,
        "subject": subject,
        "language": language,
        "portal_name": portal_name(language),
        "postal_address": settings.PORTAL_POSTAL_ADDRESS,
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "thing": selectors.target_name(subscription),
        "thing_url": _absolute(selectors.target_path(subscription)),
        "subscription": subscription,
    }
    email_message(
        subject=subject_with_prefix(subject, language),
        body=render_to_string(f"following/email/{template}.txt", context),
        html_body=render_to_string(f"following/email/{template}.html", context),
        to=[subscription.email],
        from_email=sender(language),
        language=language,
        headers=unsubscribe_headers(links["unsubscribe_url"]),
    ).send()


def confirmation_send(*, subscription_id: int) -> bool:
    """Send the confirmation email of a subscription still waiting for it. True when sent."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(of=("self",))
            .select_related("pillar", "group", "consultation")
            .filter(pk=subscription_id, confirmed_at__isnull=True)
            .first()
        )
        if subscription is None:
            return False
        with translation.override(subscription.language):
            token = tokens.make(
                action="confirm", subscription_id=subscription.pk, email=subscription.email
            )
            _send(
                subscription=subscription,
                template="confirm",
                subject=_("Confirm that you want to follow %(thing)s")
                % {"thing": selectors.target_name(subscription)},
                context={
                    "confirm_url": _absolute(reverse("following:confirm", kwargs={"token": token}))
                },
            )
        subscription.confirmation_sent_at = timezone.now()
        subscription.save(update_fields=["confirmation_sent_at"])
    return True


# --- Links ---------------------------------------------------------------------------------


def subscription_from_token(*, token: str, action: str) -> Subscription | None:
    """The subscription a valid link names, None when it is gone (unsubscribed); BadToken for
    a link forged, altered, expired, or meant for another address."""
    pk, digest = tokens.read(token=token, action=action)
    subscription = (
        Subscription.objects.select_related("pillar", "group", "consultation").filter(pk=pk).first()
    )
    if subscription is not None and tokens.address_digest(subscription.email) != digest:
        raise tokens.BadToken
    return subscription


def subscription_confirm(*, token: str, now: datetime.datetime | None = None) -> Subscription:
    """Confirm the subscription of a confirmation link: digests start with what changes from
    now on (what is already public is not news)."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = subscription_from_token(token=token, action="confirm")
        if subscription is None:
            raise tokens.BadToken
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.confirmed_at is not None:
            return subscription
        subscription.confirmed_at = now
        subscription.last_digest_at = now
        subscription.save(update_fields=["confirmed_at", "last_digest_at"])
        keys: list[str] = []
        if subscription.group_id is not None:
            keys = selectors.group_keys(
                Meeting.objects.filter(group_id=subscription.group_id, is_published=True)
            )
        elif subscription.consultation is not None:
            keys = selectors.consultation_keys(subscription.consultation)
        SentItem.objects.bulk_create(
            [SentItem(subscription=subscription, key=key) for key in keys],
            ignore_conflicts=True,
        )
    return subscription


def subscription_set_frequency(*, token: str, frequency: str) -> Subscription:
    """Change how often a follower hears, from the manage link of their emails."""
    if frequency not in Subscription.Frequency.values:
        raise ValidationError(_("Choose how often."), code="invalid")
    subscription = subscription_from_token(token=token, action="manage")
    if subscription is None:
        raise tokens.BadToken
    Subscription.objects.filter(pk=subscription.pk).update(frequency=frequency)
    subscription.frequency = frequency
    return subscription


def subscription_unsubscribe(*, token: str) -> None:
    """Unsubscribe at once: the subscription and its address are deleted, so no email queued
    before goes out (a digest being sent finishes first: it holds the row). Doing it twice is
    the same as once."""
    with transaction.atomic():
        subscription = subscription_from_token(token=token, action="unsubscribe")
        if subscription is not None:
            Subscription.objects.select_for_update().filter(pk=subscription.pk).delete()


# --- Digests -------------------------------------------------------------------------------


def digests_enqueue(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """Queue one digest per confirmed subscription of this frequency, covering what changed up
    to `now`. Returns how many were queued."""
    now = now or timezone.now()
    from .tasks import send_digest

    ids = list(
        Subscription.objects.filter(frequency=frequency, confirmed_at__isnull=False)
        .exclude(last_digest_at__gte=now)
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        for pk in ids:
            outbox.task_enqueue(
                task=send_digest, kwargs={"subscription_id": pk, "until": now.isoformat()}
            )
    return len(ids)


def digest_send(*, subscription_id: int, until: datetime.datetime) -> int:
    """Send a confirmed subscription what changed since its last digest, up to `until`; an
    empty digest is not sent. Returns how many changes it listed."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(of=("self",))
            .select_related("pillar", "group", "consultation")
            .filter(pk=subscription_id, confirmed_at__isnull=False)
            .first()
        )
        if subscription is None or subscription.last_digest_at is None:
            return 0
        since = subscription.last_digest_at
        if since >= until:
            return 0
        with translation.override(subscription.language):
            changes = selectors.digest_changes(subscription=subscription, since=since, until=until)
            if changes:
                _send(
                    subscription=subscription,
                    template="digest",
                    subject=_("What changed: %(thing)s")
                    % {"thing": selectors.target_name(subscription)},
                    context={
                        "changes": [
                            {"text": change.text, "url": _absolute(change.path)}
                            for change in changes
                        ]
                    },
                )
        SentItem.objects.bulk_create(
            [SentItem(subscription=subscription, key=c.key) for c in changes if c.key],
            ignore_conflicts=True,
        )
        subscription.last_digest_at = until
        subscription.save(update_fields=["last_digest_at"])
    return len(changes)

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from outbox import services as outbox

from .tasks import send_email

_suppressed = ContextVar("emails_suppressed", default=False)


@contextmanager
def emails_suppressed() -> Iterator[None]:
    """Send no email from within: the demo seed must not write to the people it invents."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def portal_name(language: str) -> str:
    """The partnership's name in a language (PORTAL_NAME), in English for one it has none in."""
    names = settings.PORTAL_NAME
    return names.get(language) or names.get(language.split("-")[0]) or names["en"]


def subject_with_prefix(subject: str, language: str) -> str:
    """The subject after "[Partnership's name] ", the name in the email's language: every email the
    portal sends says who it comes from in the words of the person who reads it."""
    prefix = f"[{portal_name(language)}] "
    return subject if subject.startswith(prefix) else prefix + subject


# DEFAULT_FROM_EMAIL's name out of the box: a brand mark each language says its own way.
DEFAULT_SENDER_NAME = "LIP Portal"


def sender(language: str) -> str:
    """DEFAULT_FROM_EMAIL, its default name ("LIP Portal") said in the email's language
    (« Portail du PLI »); a name the partnership configured is theirs and left as it is."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name != DEFAULT_SENDER_NAME:
        return settings.DEFAULT_FROM_EMAIL
    with translation.override(language):
        return formataddr((gettext(DEFAULT_SENDER_NAME), address))


def email_send(
    *,
    subject: str,
    body: str,
    to: str | Iterable[str],
    html_body: str = "",
    from_email: str | None = None,
    language: str | None = None,
) -> None:
    """Send an email through the task queue, once the current transaction commits.

    Nothing is sent for a transaction that rolls back; one that commits sends it once, even if
    the broker is down meanwhile (the outbox keeps it), and a slow mail server never holds up
    the request that asked for the email.

    `language` is the one the email is written in, the recipient's (by default the active
    language: callers render the email under `translation.override(person's language)`); the
    subject starts with the partnership's name in it ("[Riverside Local Immigration
    Partnership] ", "[Partenariat local d'immigration de Riverside] "). The email leaves with
    an HTML part (the text's own when `html_body` is empty) and the portal's
    List-Id (core.tasks.email_message).
    """
    if _suppressed.get():
        return
    recipients = [to] if isinstance(to, str) else list(to)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    outbox.task_enqueue(
        task=send_email,
        kwargs={
            "subject": subject_with_prefix(str(subject), language),
            "body": str(body),
            "to": recipients,
            "html_body": str(html_body),
            "from_email": from_email or sender(language),
            "language": language,
        },
    )

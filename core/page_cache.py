"""The shared page cache: what anonymous visitors read, kept in the configured Django cache.

How it stays correct:

- Only a request that carries no session and no messages cookie can be answered from, or stored
  into, the cache. Without a session cookie the visitor is anonymous, so the page does not depend
  on who they are; a signed-in person (or anyone with a session) always gets a fresh page.
- Only a plain public page is stored: 200, no cookie set (a form's CSRF token sets one), no
  messages, not private/no-store, a path outside the back office and sign-in.
- Every stored page remembers the *content generation* it was built in. A write to any model of
  the portal's apps (signal receivers, registered below in one place) or an explicit
  `content_changed()` from a service that writes around signals (queryset.update, bulk_create)
  replaces the generation when its transaction commits; a page of an older generation is never
  served. If the generation is lost (eviction, a flushed Redis) a new one starts.
- A cache that fails (Redis down, no cache table) is logged and skipped: the page is served
  uncached, never an error. Pages live in Redis alone, never in the database cache that takes
  over from Redis while it is down (core/cache.py): a generation started there would be
  invisible to Redis, which still holds the pages from before. Instead, a process that saw the
  cache fail starts a new generation when it answers again, before serving from it.

Why not Django's CacheMiddleware as is: it needs three cache reads on a hit (header list, page,
and our generation), keys on Vary headers we make moot (Cookie: we never serve a request carrying
a session; Accept-Language: the language comes from the URL), and must sit after the session and
auth middleware. This one sits before them and needs one `get_many` on a hit. It reuses
django.utils.cache for validators, Vary and Cache-Control.
"""

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import get_language_from_path, get_language_from_request

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
PAGE_KEY_PREFIX = "page-cache:page"

# Apps whose records public pages show: any write to their models changes the generation.
CONTENT_APPS = (
    "partners",
    "pillars",
    "actionplans",
    "approvals",
    "reports",
    "consultations",
    "equity",
    "evaluation",
    "practices",
    "network",
)
# Rows that no public page shows as they are written. A consultation's answers reach the public
# only through results computed when staff act (close, moderate, publish), and those services
# call content_changed(); bumping on each of a burst's submissions (response, answers, the
# form's one-time token, the address's rate-limit count) would empty the cache for every
# visitor at the moment it matters most.
# Equity answers are confidential and public only as the snapshot stored at publication.
# Reminders are bookkeeping of emails sent.
IGNORED_MODELS = frozenset(
    {
        "consultations.response",
        "consultations.answer",
        "consultations.formtoken",
        "consultations.submissionwindow",
        "equity.response",
        "equity.answer",
        "actionplans.remindersent",
        "actionplans.remindertoperson",
        "approvals.remindersent",
    }
)
# Saving only these fields of a user changes no public page (every sign-in sets last_login).
_USER_PRIVATE_FIELDS = frozenset({"last_login", "password"})

# Never stored, whatever the response says (the response checks are the real guard; this keeps
# the back office, sign-in and staff tools out even if one of them forgot to say private).
EXCLUDED_PATH = re.compile(
    r"^/(?:admin|accounts|dashboard|reporting|approvals)(?:/|$)"
    r"|/(?:staff|manage|questionnaire|preview|edit|update|funder|import|new)(?:/|$|\.)"
)
_LANGUAGE_PREFIX = re.compile(r"^/[a-z]{2}(?:-[a-z]+)?(?=/)")

# A store bigger than this (bytes of HTML) is not worth a cache round trip of its own.
MAX_PAGE_BYTES = 2_000_000
# After a cache failure, skip the cache for this long so a dead Redis costs one timeout, not
# one per request.
_RETRY_AFTER_SECONDS = 5.0
_cache_down_until = 0.0
_bump_owed = False

# A stored page: its generation, its headers and its content.
type Entry = tuple[str, list[tuple[str, str]], bytes]


class _Store(Protocol):
    """What the page cache asks of the cache: Django's, or its Redis-only view (core/cache.py)."""

    def get(self, key: str, default: Any = None) -> Any: ...
    def get_many(self, keys: list[str]) -> dict[str, Any]: ...
    def add(self, key: str, value: Any, timeout: float | None) -> bool: ...
    def set(self, key: str, value: Any, timeout: float | None) -> None: ...


def page_cache_seconds() -> int:
    return settings.PAGE_CACHE_SECONDS


def _shared_cache() -> _Store:
    """The configured cache, without the database fallback it has when it is Redis."""
    store: _Store = getattr(cache, "without_fallback", cache)
    return store


# --- Generation -----------------------------------------------------------------------------


def _new_generation() -> str:
    return uuid.uuid4().hex[:16]


def bump() -> None:
    """Start a new content generation now: every page stored before is stale from here on."""
    global _bump_owed
    try:
        _shared_cache().set(GENERATION_KEY, _new_generation(), timeout=None)
    except Exception:
        # Whoever cannot reach the cache cannot serve from it either; try again before this
        # process next serves a page (the entries also expire after PAGE_CACHE_SECONDS).
        _bump_owed = True
        _cache_failed("could not start a new page cache generation")
    else:
        _bump_owed = False


def content_changed(*, using: str | None = None) -> None:
    """Public content changed in the current transaction: start a new page cache generation
    when it commits (once per transaction, however many rows it wrote). Services that write
    around model signals (queryset.update, bulk_create) call this themselves."""
    if not page_cache_seconds():
        return
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        func is bump for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(bump, using=using, robust=True)


def _content_saved(
    sender: type[Model],
    instance: Model | None = None,
    using: str | None = None,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    if update_fields and _USER_PRIVATE_FIELDS.issuperset(update_fields):
        return
    content_changed(using=using)


def _content_deleted(sender: type[Model], using: str | None = None, **kwargs: Any) -> None:
    content_changed(using=using)


def _relations_changed(
    sender: type[Model], action: str, using: str | None = None, **kwargs: Any
) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed(using=using)


def connect_signals() -> None:
    """Hook every model of the content apps, so no new model can be forgotten."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in IGNORED_MODELS:
                continue
            uid = f"page-cache:{model._meta.label_lower}"
            post_save.connect(_content_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_content_deleted, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _relations_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}.{field.name}",
                )


# --- Failures -------------------------------------------------------------------------------


def _cache_failed(what: str) -> None:
    global _cache_down_until, _bump_owed
    # A write may have committed meanwhile, in this process or another one that could not
    # reach the cache either: pages stored before the failure are suspect.
    _bump_owed = True
    now = time.monotonic()
    if now >= _cache_down_until:
        logger.warning("Page cache: %s; serving pages uncached for a while.", what, exc_info=True)
    _cache_down_until = now + _RETRY_AFTER_SECONDS


def _cache_usable() -> bool:
    return time.monotonic() >= _cache_down_until


# --- Middleware -----------------------------------------------------------------------------


class PageCacheMiddleware:
    """Answer anonymous GET/HEAD requests from the shared cache and store public pages.

    Goes right after SecurityMiddleware and WhiteNoise, before sessions: a hit skips every
    middleware below it and the database. On the way out it sees the response as the inner
    middleware left it (cookies set, Vary patched), which is what decides whether it is public.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        i18n_used, prefixed_default = is_language_prefix_patterns_used(settings.ROOT_URLCONF)
        # With prefix_default_language=False LocaleMiddleware takes the language from the URL
        # alone (unprefixed means the default language), never from Accept-Language or a
        # cookie; so a page does not vary on Accept-Language and caches can share it.
        self.language_from_path_only = i18n_used and not prefixed_default

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = self._cache_key(request)
        if key is None:
            response = self.get_response(request)
            return self._mark_uncached(request, response)

        generation, entry = self._lookup(key)
        if entry is not None and entry[0] == generation:
            return self._from_entry(request, entry)
        if generation is None:
            # Settle the generation before rendering, so a write that commits while this page
            # renders always leaves it behind (a generation fetched after rendering might be that
            # write's and would label an old page as new).
            generation = self._start_generation()

        response = self.get_response(request)
        if (
            request.method == "GET"
            and isinstance(response, HttpResponse)  # not streamed
            and self._is_public(request, response)
        ):
            self._finish_public(response)
            self._store(key, generation, response)
            return _conditional(request, response)
        return self._mark_uncached(request, response)

    # Request side --------------------------------------------------------------------------

    def _cache_key(self, request: HttpRequest) -> str | None:
        if not page_cache_seconds() or request.method not in ("GET", "HEAD"):
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return None
        path = request.path_info
        if EXCLUDED_PATH.search(_LANGUAGE_PREFIX.sub("", path, count=1)):
            return None
        if not _cache_usable():
            return None
        try:
            url = request.build_absolute_uri()
        except DisallowedHost:
            return None  # CommonMiddleware answers 400 below
        language = get_language_from_path(path)
        if not language:
            language = (
                settings.LANGUAGE_CODE
                if self.language_from_path_only
                else get_language_from_request(request, check_path=True)
            )
        digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
        return f"{PAGE_KEY_PREFIX}:{language}:{digest}"

    def _lookup(self, key: str) -> tuple[str | None, Entry | None]:
        """One round trip: the current generation and the stored page."""
        if _bump_owed:
            bump()
        try:
            found = _shared_cache().get_many([GENERATION_KEY, key])
        except Exception:
            _cache_failed("could not read")
            return None, None
        return found.get(GENERATION_KEY), found.get(key)

    def _from_entry(self, request: HttpRequest, entry: Entry) -> HttpResponse:
        _generation, headers, content = entry
        response = HttpResponse(b"" if request.method == "HEAD" else content)
        for name, value in headers:
            response.headers[name] = value
        if request.method == "HEAD":
            response.headers["Content-Length"] = str(len(content))
        return _conditional(request, response)

    # Response side -------------------------------------------------------------------------

    def _is_public(self, request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
            return False  # the page holds a form token
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        messages = getattr(request, "_messages", None)
        if messages is not None and (messages.used or messages.added_new):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if vary - {"cookie", "accept-language", "accept-encoding"}:
            return False  # a variation our key does not know about
        return len(response.content) <= MAX_PAGE_BYTES

    def _finish_public(self, response: HttpResponse) -> None:
        if self.language_from_path_only and has_vary_header(response, "Accept-Language"):
            kept = [
                v.strip()
                for v in response["Vary"].split(",")
                if v.strip().lower() != "accept-language"
            ]
            response.headers["Vary"] = ", ".join(kept)
        # A cookie (a session after sign-in) gives another page: shared caches must not mix them.
        patch_vary_headers(response, ("Cookie",))
        if not response.has_header("ETag"):
            set_response_etag(response)
        if "max-age" not in response.get("Cache-Control", ""):
            # Browsers revalidate every time (a cheap 304 from this cache); a reverse proxy or
            # CDN may answer on its own for a few seconds, which absorbs a spike, then must ask
            # again, so a page is stale there at most that long after a write.
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
                must_revalidate=True,
            )

    def _start_generation(self) -> str | None:
        """The first page of a generation, or the generation was evicted: start one. add() so
        that concurrent first requests agree on a single generation."""
        try:
            if _shared_cache().add(GENERATION_KEY, candidate := _new_generation(), timeout=None):
                return candidate
            return _shared_cache().get(GENERATION_KEY)
        except Exception:
            _cache_failed("could not start a page cache generation")
            return None

    def _store(self, key: str, generation: str | None, response: HttpResponse) -> None:
        if generation is None:
            return
        try:
            entry = (generation, list(response.items()), response.content)
            _shared_cache().set(key, entry, timeout=page_cache_seconds())
        except Exception:
            _cache_failed("could not store a page")

    def _mark_uncached(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        """Keep personal pages out of every cache on the way, browser history aside."""
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        personal = (
            (user is not None and user.is_authenticated)
            or response.cookies
            or "CSRF_COOKIE_NEEDS_UPDATE" in request.META
        )
        if personal:
            add_never_cache_headers(response)
        return response


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The response, or 304 Not Modified when the request's validators match it."""
    conditional = get_conditional_response(
        request, etag=response.headers.get("ETag"), response=response
    )
    assert conditional is not None  # given a response, it answers one
    return conditional

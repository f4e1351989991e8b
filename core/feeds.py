"""What every Atom feed of the portal shares (django.contrib.syndication, Atom 1.0).

Each app's `feeds.py` subclasses `AtomFeed`. A feed is an anonymous page like any other: the
page cache keeps it per language and address, and every write starts it over (core/page_cache).
An entry keeps one id for good, the same in English and French and whatever host it is read
through (a `tag:` URI on PORTAL_BASE_URL's host), so a feed reader that holds it updates it in
place when its `updated` date moves.
"""

import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language

from .mail import portal_name

ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8"
# Entries a feed holds, newest first: readers poll often, so older ones are already theirs.
FEED_MAX_ENTRIES = 50
# The year in every tag: URI, per RFC 4151 a date the portal's host was its own; never change it.
_TAG_DATE = "2026"


def tag_uri(*parts: object) -> str:
    """A lasting, language-free id, e.g. tag:lip.example.org,2026:decision/12."""
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "lip-portal"
    return f"tag:{host},{_TAG_DATE}:" + "/".join(str(part) for part in parts)


# An empty feed's <updated>: a fixed date, not the clock (Django's default), so that the feed
# changes only with what it holds, as a cached page must.
EMPTY_FEED_UPDATED = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


class PortalAtomFeed(Atom1Feed):
    content_type = ATOM_CONTENT_TYPE

    def latest_post_date(self) -> datetime.datetime:
        if not any(item.get("updateddate") or item.get("pubdate") for item in self.items):
            return EMPTY_FEED_UPDATED
        latest: datetime.datetime = super().latest_post_date()
        return latest


class AtomFeed(Feed):
    """An Atom feed in the active language, authored by the partnership."""

    feed_type = PortalAtomFeed
    # The id of the feed itself: one per feed and language (the documents differ).
    feed_key = ""

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def active_language(self) -> str:
        return get_language() or settings.LANGUAGE_CODE

    def author_name(self) -> str:
        return portal_name(self.active_language())

    def feed_guid(self, obj: Any = None) -> str:
        return tag_uri("feed", self.feed_key_for(obj), self.active_language())

    def feed_key_for(self, obj: Any) -> str:
        return self.feed_key

    def item_guid_is_permalink(self, item: Any) -> bool:
        return False

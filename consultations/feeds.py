"""Consultations as an Atom feed: /consultations/feed.atom (and under /fr/).

One entry per consultation that has opened; its `updated` date moves as it opens, closes and
has its results published, and its title says which, so a reader sees each step.
"""

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core.feeds import FEED_MAX_ENTRIES, AtomFeed, tag_uri

from . import selectors
from .selectors import FeedEntry


class ConsultationFeed(AtomFeed):
    feed_key = "consultations"
    description_template = "consultations/feeds/consultation_description.html"

    def title(self) -> str:
        return _("Consultations") + " · " + self.author_name()

    def subtitle(self) -> str:
        return _("Consultations as they open and close, and what we heard.")

    def link(self) -> str:
        return reverse("consultations:list")

    def items(self) -> list[FeedEntry]:
        return selectors.consultations_for_feed(limit=FEED_MAX_ENTRIES)

    def item_title(self, item: FeedEntry) -> str:
        title = item.consultation.title_in(self.active_language())
        if item.stage == "open":
            return _("Open: %(title)s") % {"title": title}
        if item.stage == "published":
            return _("Results published: %(title)s") % {"title": title}
        return _("Closed: %(title)s") % {"title": title}

    def item_link(self, item: FeedEntry) -> str:
        view = "consultations:results" if item.stage == "published" else "consultations:detail"
        return reverse(view, args=[item.consultation.slug])

    def item_guid(self, item: FeedEntry) -> str:
        return tag_uri("consultation", item.consultation.pk)

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime:
        return item.updated

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime:
        return item.consultation.opens_at

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["language"] = self.active_language()
        return context

"""The decision log as an Atom feed: /decisions/feed.atom (and /fr/decisions/feed.atom)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from core.feeds import FEED_MAX_ENTRIES, AtomFeed, tag_uri

from . import selectors
from .models import Decision


class DecisionFeed(AtomFeed):
    """Every decision the log shows, newest first: a request still open or withdrawn has none."""

    feed_key = "decisions"
    description_template = "approvals/feeds/decision_description.html"

    def title(self) -> str:
        return _("Decision log") + " · " + self.author_name()

    def subtitle(self) -> str:
        return _("Decisions of the Council and the steering groups on the Community Action Plan.")

    def link(self) -> str:
        return reverse("approvals:decision_list")

    def items(self) -> list[Decision]:
        return list(selectors.decision_log()[:FEED_MAX_ENTRIES])

    def item_title(self, item: Decision) -> str:
        return f"{item.request.subject}: {item.get_outcome_display()}"

    def item_link(self, item: Decision) -> str:
        return reverse("approvals:decision_detail", args=[item.pk])

    def item_guid(self, item: Decision) -> str:
        return tag_uri("decision", item.pk)

    def item_pubdate(self, item: Decision) -> datetime.datetime:
        return item.decided_at

    def item_updateddate(self, item: Decision) -> datetime.datetime:
        return item.decided_at

    def item_author_name(self, item: Decision) -> str:
        # The body decided; how each member voted is on the decision's page when public.
        return item.request.body.name

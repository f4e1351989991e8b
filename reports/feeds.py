"""Published annual reports as an Atom feed: /reports/feed.atom (and under /fr/)."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core.feeds import FEED_MAX_ENTRIES, AtomFeed, tag_uri

from . import selectors
from .selectors import PublishedReport


class ReportFeed(AtomFeed):
    """One entry per published report; a corrected version moves its `updated` date. A draft
    has no published version, so it is not here."""

    feed_key = "reports"
    title_template = "reports/feeds/report_title.html"
    description_template = "reports/feeds/report_description.html"

    def title(self) -> str:
        return _("Annual reports") + " · " + self.author_name()

    def subtitle(self) -> str:
        return _("The partnership's annual reports, as published.")

    def link(self) -> str:
        return reverse("reports:report_list")

    def items(self) -> list[PublishedReport]:
        return selectors.published_reports()[:FEED_MAX_ENTRIES]

    def item_link(self, item: PublishedReport) -> str:
        return reverse("reports:detail", args=[item.fiscal_year])

    def item_guid(self, item: PublishedReport) -> str:
        return tag_uri("report", item.fiscal_year.label)

    def item_updateddate(self, item: PublishedReport) -> datetime.datetime:
        return item.published_at

    def item_pubdate(self, item: PublishedReport) -> datetime.datetime:
        return item.published_at

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pdf = reverse("reports:pdf", args=[kwargs["item"].fiscal_year])
        context["pdf_url"] = self.request.build_absolute_uri(pdf)
        return context

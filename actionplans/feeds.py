"""Each pillar's progress as an Atom feed: /pillars/<slug>/progress.atom (and under /fr/).

An entry is one progress update, as the item's public page shows it: status, percent, the
narrative and the organization that reported it. Updates are never edited, so an entry's
`updated` date is the day it was recorded.
"""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from core.feeds import FEED_MAX_ENTRIES, AtomFeed, tag_uri
from pillars.models import Pillar

from . import selectors
from .models import ProgressUpdate


class PillarProgressFeed(AtomFeed):
    description_template = "actionplans/feeds/update_description.html"

    def get_object(self, request: HttpRequest, slug: str) -> Pillar:
        return get_object_or_404(Pillar, slug=slug)

    def feed_key_for(self, obj: Pillar) -> str:
        return f"pillar/{obj.slug}/progress"

    def title(self, obj: Pillar) -> str:
        return _("Progress in the %(pillar)s pillar") % {"pillar": obj.name} + (
            " · " + self.author_name()
        )

    def subtitle(self, obj: Pillar) -> str:
        return _("Progress updates on the action items of the %(pillar)s pillar.") % {
            "pillar": obj.name
        }

    def link(self, obj: Pillar) -> str:
        return reverse("pillars:pillar_detail", args=[obj.slug])

    def items(self, obj: Pillar) -> list[ProgressUpdate]:
        return selectors.pillar_progress_updates(pillar=obj, limit=FEED_MAX_ENTRIES)

    def item_title(self, item: ProgressUpdate) -> str:
        return _("%(item)s: %(status)s, %(percent)s%%") % {
            "item": item.item.title,
            "status": item.get_status_display(),
            "percent": item.percent,
        }

    def item_link(self, item: ProgressUpdate) -> str:
        return reverse("actionplans:item_detail", args=[item.item_id])

    def item_guid(self, item: ProgressUpdate) -> str:
        return tag_uri("progress-update", item.pk)

    def item_pubdate(self, item: ProgressUpdate) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: ProgressUpdate) -> datetime.datetime:
        return item.created_at

    def item_author_name(self, item: ProgressUpdate) -> str:
        # The item's page names the organization, never the person.
        organization = item.author.organization
        return organization.name if organization else _("Partnership staff")

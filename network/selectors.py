"""What the /network/ page shows, read from this portal's records and the peers' stored copies.

Nothing here reaches the network: a peer's figures are those of its last good copy
(Peer.snapshot). The page costs the same few queries whatever the number of peers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import get_language

from actionplans.models import ActionItem, ApprovalStatus, Indicator, ItemStatus
from actionplans.selectors import community_plan_for_year, indicators_with_values, latest_value
from core.fiscal import FiscalYear
from pillars.models import Pillar

from .models import Peer
from .schema import PILLARS


def safe_url(value: object) -> str:
    """An address a peer gave, if it may be a link (http or https only), else ""."""
    text = str(value or "")
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in {"http", "https"} else ""


def own_indicator_code(indicator: Indicator) -> str:
    """This portal's shared code of an indicator ("" when it has none)."""
    return indicator.code


def _french() -> bool:
    return (get_language() or "").startswith("fr")


@dataclass
class Progress:
    """One portal's plan progress in one pillar (cancelled items are counted, not averaged)."""

    items: int = 0
    completed: int = 0
    on_track: int = 0
    at_risk_or_delayed: int = 0
    percent_total: int = 0
    averaged: int = 0

    def add(self, status: str, count: int, percent_total: int) -> None:
        self.items += count
        if status == ItemStatus.COMPLETED:
            self.completed += count
        elif status == ItemStatus.ON_TRACK:
            self.on_track += count
        elif status in {ItemStatus.AT_RISK, ItemStatus.DELAYED}:
            self.at_risk_or_delayed += count
        if status != ItemStatus.CANCELLED:
            self.averaged += count
            self.percent_total += percent_total

    @property
    def mean_percent(self) -> int | None:
        return round(self.percent_total / self.averaged) if self.averaged else None


@dataclass
class Party:
    """This portal or a peer, as the page compares them."""

    name: str
    is_self: bool = False
    peer: Peer | None = None
    region: str = ""
    portal: str = ""
    source: str = ""
    fiscal_year: str = ""
    progress: dict[str, Progress] = field(default_factory=dict)


@dataclass
class SharedValue:
    party: Party
    name: str
    value: str | None
    unit: str
    fiscal_year: str
    suppressed: bool
    source: str


@dataclass
class NetworkPage:
    own: Party
    peers: list[Party]
    unavailable: list[Peer]
    pillars: list[tuple[str, str, list[tuple[Party, Progress]]]]
    shared_indicators: list[tuple[str, str, list[SharedValue]]]
    practices: list[dict[str, Any]]
    has_demo: bool


def _peer_party(peer: Peer) -> Party:
    snapshot = peer.snapshot
    partnership = snapshot.get("partnership") or {}
    name = partnership.get("name_fr" if _french() else "name_en") or peer.name
    party = Party(
        name=str(name),
        peer=peer,
        region=str(partnership.get("region") or ""),
        portal=safe_url(partnership.get("portal")),
        source=safe_url(peer.package_url),
        fiscal_year=str(snapshot.get("fiscal_year") or ""),
    )
    counts: dict[tuple[str, str], list[int]] = {}
    for item in snapshot.get("items") or []:
        entry = counts.setdefault((str(item.get("pillar")), str(item.get("status"))), [0, 0])
        entry[0] += 1
        entry[1] += int(item.get("percent") or 0)
    for pillar in PILLARS:
        party.progress[pillar] = Progress()
    for (pillar, status), (count, total) in counts.items():
        if pillar in party.progress:
            party.progress[pillar].add(status, count, total)
    return party


def _own_party(year: FiscalYear) -> Party:
    language = "fr" if _french() else "en"
    party = Party(
        name=settings.PORTAL_NAME[language],
        is_self=True,
        region=settings.OPEN_DATA_REGION,
        portal=settings.PORTAL_BASE_URL,
        source=reverse("reports:open_data"),
        fiscal_year=year.label,
        progress={pillar: Progress() for pillar in PILLARS},
    )
    rows = (
        ActionItem.objects.filter(
            annual_plan__fiscal_year=year.start_year,
            annual_plan__status=ApprovalStatus.APPROVED,
        )
        .values("strategic_direction__pillar__slug", "status")
        .annotate(count=Count("pk"), percent_total=Sum("percent"))
        .order_by()
    )
    for row in rows:
        progress = party.progress.get(row["strategic_direction__pillar__slug"])
        if progress is not None:
            progress.add(row["status"], row["count"], row["percent_total"] or 0)
    return party


def _own_indicators(own: Party, year: FiscalYear) -> list[tuple[str, SharedValue]]:
    """This portal's indicators that have a shared code, with their latest overall value."""
    plan = community_plan_for_year(year)
    found = []
    for indicator in indicators_with_values(plan):
        code = own_indicator_code(indicator)
        if not code:
            continue
        overall = [value for value in indicator.values.all() if not value.dimension]
        latest = latest_value(overall, year)
        name = indicator.name  # modeltranslation: in the active language
        found.append(
            (
                code,
                SharedValue(
                    party=own,
                    name=name,
                    value=None if latest is None else str(latest.value.normalize()),
                    unit=indicator.unit,
                    fiscal_year=FiscalYear(latest.fiscal_year).label if latest else "",
                    suppressed=False,
                    source=own.source,
                ),
            )
        )
    return found


def network_page() -> NetworkPage:
    """Everything /network/ shows, in a fixed number of queries."""
    year = FiscalYear.current()
    french = _french()
    peers = list(Peer.objects.order_by("name", "pk"))
    pillar_names = {pillar.slug: pillar.name for pillar in Pillar.objects.filter(slug__in=PILLARS)}
    own = _own_party(year)
    parties = [_peer_party(peer) for peer in peers if peer.snapshot]

    pillars = [
        (
            slug,
            pillar_names.get(slug, slug),
            [(party, party.progress[slug]) for party in [own, *parties]],
        )
        for slug in PILLARS
    ]

    by_code: dict[str, list[SharedValue]] = {}
    for code, value in _own_indicators(own, year):
        by_code.setdefault(code, []).append(value)
    for party in parties:
        assert party.peer is not None
        snapshot = party.peer.snapshot
        source = safe_url((snapshot.get("sources") or {}).get("indicators"))
        seen: set[str] = set()
        for row in snapshot.get("indicators") or []:
            code = str(row.get("code") or "")
            if not code or code in seen:
                continue
            seen.add(code)
            by_code.setdefault(code, []).append(
                SharedValue(
                    party=party,
                    name=str(
                        row.get("name_fr" if french else "name_en") or row.get("name_en") or code
                    ),
                    value=row.get("value"),
                    unit=str(row.get("unit") or ""),
                    fiscal_year=str(row.get("fiscal_year") or ""),
                    suppressed=bool(row.get("suppressed")),
                    source=source,
                )
            )
    shared = [
        (code, values[0].name, values)
        for code, values in sorted(by_code.items())
        if len({id(value.party) for value in values}) > 1
    ]

    practices = []
    for party in parties:
        assert party.peer is not None
        for row in party.peer.snapshot.get("practices") or []:
            pillar = str(row.get("pillar") or "")
            practices.append(
                {
                    "title": row.get("title_fr" if french else "title_en") or row.get("title_en"),
                    "party": party,
                    "pillar": pillar_names.get(pillar, pillar),
                    "outcome": row.get("outcome") or "",
                    "url": safe_url(row.get("url")),
                }
            )

    return NetworkPage(
        own=own,
        peers=parties,
        unavailable=[peer for peer in peers if peer.unavailable_since is not None],
        pillars=pillars,
        shared_indicators=shared,
        practices=practices,
        has_demo=any(peer.is_demo for peer in peers),
    )

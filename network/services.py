"""The network of portals: register peers (staff), fetch and store their packages (tasks).

Fetching happens only here, called by a task (network/tasks.py) or by `seed_demo` for the
demo peers (read from files through the same validation); the /network/ page reads what
`peer_record` stored.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outbox import services as outbox

from . import fetch, packages
from .models import Peer

if TYPE_CHECKING:
    from partners.models import User


def _require(by: User | None, permission: str) -> None:
    if by is None or not by.has_perm(permission):
        raise PermissionDenied


def package_url_validate(package_url: str) -> str:
    package_url = (package_url or "").strip()
    parts = urlsplit(package_url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise ValidationError(
            {
                "package_url": _(
                    "Give an http or https address, e.g. https://example.org/data/datapackage.json."
                )
            }
        )
    if parts.username or parts.password:
        raise ValidationError(
            {"package_url": _("Give the address without a user name or password.")}
        )
    return package_url


def _enqueue_fetch(peer: Peer) -> None:
    from .tasks import fetch_peer

    outbox.task_enqueue(task=fetch_peer, kwargs={"peer_id": peer.pk}, unique=True)


@transaction.atomic
def peer_register(*, by: User | None, name: str, package_url: str) -> Peer:
    """Register a peer portal by the address of its data package; its first fetch is queued."""
    _require(by, "network.register_peer")
    peer = Peer(
        name=(name or "").strip(), package_url=package_url_validate(package_url), registered_by=by
    )
    peer.full_clean()
    peer.save()
    _enqueue_fetch(peer)
    return peer


@transaction.atomic
def peer_update(*, by: User | None, peer: Peer, name: str, package_url: str) -> Peer:
    """Rename a peer or change its address (fetched again when the address changes)."""
    _require(by, "network.edit_peer")
    package_url = package_url_validate(package_url)
    moved = (
        package_url != Peer.objects.filter(pk=peer.pk).values_list("package_url", flat=True).first()
    )
    peer.name = (name or "").strip()
    peer.package_url = package_url
    peer.full_clean()
    peer.save()
    if moved:
        _enqueue_fetch(peer)
    return peer


@transaction.atomic
def peer_remove(*, by: User | None, peer: Peer) -> None:
    _require(by, "network.remove_peer")
    peer.delete()


@transaction.atomic
def peer_fetch_request(*, by: User | None, peer: Peer) -> None:
    """Fetch a peer again now (a back-office action) rather than at the next scheduled fetch."""
    _require(by, "network.edit_peer")
    _enqueue_fetch(peer)


def peer_record(
    *,
    peer: Peer,
    snapshot: dict[str, Any] | None = None,
    error: packages.PackageError | None = None,
    now: datetime.datetime | None = None,
) -> Peer:
    """Store the outcome of one fetch: the new good copy, or the failure (the last good copy
    stays as it was)."""
    now = now or timezone.now()
    peer.last_attempt_at = now
    fields = ["last_attempt_at", "error_kind", "error_message", "unavailable_since"]
    if error is None and snapshot is not None:
        peer.snapshot = snapshot
        peer.last_success_at = now
        peer.unavailable_since = None
        peer.error_kind = ""
        peer.error_message = ""
        fields += ["snapshot", "last_success_at"]
    else:
        kind = error.kind if error is not None else Peer.ErrorKind.INVALID_PACKAGE
        peer.error_kind = kind if kind in Peer.ErrorKind.values else Peer.ErrorKind.UNREACHABLE
        peer.error_message = (error.message if error is not None else "")[:2000]
        if peer.unavailable_since is None:
            peer.unavailable_since = now
    peer.save(update_fields=fields)
    return peer


def _read_and_record(peer: Peer, read: packages.Reader) -> Peer:
    try:
        snapshot = packages.read_package(peer.package_url, read)
    except packages.PackageError as error:
        return peer_record(peer=peer, error=error)
    return peer_record(peer=peer, snapshot=snapshot)


def _http_reader(location: str) -> tuple[str, bytes]:
    fetched = fetch.fetch(location)
    return fetched.url, fetched.body


def peer_refresh(*, peer_id: int) -> Peer | None:
    """Fetch one peer's package over the network, validate it and store the outcome (the
    task's work; a demo peer is read from its files instead). None if the peer is gone."""
    peer = Peer.objects.filter(pk=peer_id).first()
    if peer is None:
        return None
    if peer.is_demo:
        return None
    return _read_and_record(peer, _http_reader)


def peers_to_fetch() -> list[int]:
    """Every peer read over the network (demo peers are read from files by seed_demo)."""
    return list(Peer.objects.filter(is_demo=False).order_by("pk").values_list("pk", flat=True))


def demo_peer_import(*, name: str, package_url: str, directory: Path) -> Peer:
    """Register (or refresh) a demo peer whose package ships as files in `directory`, read
    through the same validation path as a fetched package."""
    peer, _created = Peer.objects.get_or_create(
        package_url=package_url, defaults={"name": name, "is_demo": True}
    )
    if not peer.is_demo or peer.name != name:
        peer.is_demo = True
        peer.name = name
        peer.save(update_fields=["is_demo", "name"])
    return _read_and_record(peer, packages.file_reader(directory, package_url))

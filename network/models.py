"""Peer portals: other partnerships' portals whose open data package this portal reads.

A peer is registered by the address of its `datapackage.json` (contract: docs in network/schema.py).
A task fetches it on a schedule (network/tasks.py) and keeps the last good copy here; the
/network/ page reads only these stored copies, never the network.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Peer(models.Model):
    """Another partnership's portal, and what this portal last learned from it."""

    class ErrorKind(models.TextChoices):
        UNREACHABLE = "unreachable", _("The portal could not be reached")
        TIMEOUT = "timeout", _("The portal took too long to answer")
        TOO_LARGE = "too_large", _("The answer was larger than the limit")
        NOT_JSON = "not_json", _("The package was not readable JSON")
        INVALID_PACKAGE = (
            "invalid_package",
            _("The package or its data did not follow the standard"),
        )
        REFUSED_ADDRESS = "refused_address", _("The address is private or local and was refused")
        BAD_SCHEME = "bad_scheme", _("The address does not start with http or https")
        TOO_MANY_REDIRECTS = "too_many_redirects", _("The portal redirected too many times")

    name = models.CharField(_("name"), max_length=200)
    package_url = models.URLField(
        _("data package address"),
        max_length=500,
        unique=True,
        help_text=_(
            "The address of its datapackage.json, e.g. https://example.org/data/datapackage.json."
        ),
    )
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        editable=False,
        help_text=_(
            "An invented partnership of the demo, read from files shipped with the portal."
        ),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    last_attempt_at = models.DateTimeField(
        _("last fetched at"), null=True, blank=True, editable=False
    )
    last_success_at = models.DateTimeField(
        _("last fetched successfully at"), null=True, blank=True, editable=False
    )
    unavailable_since = models.DateTimeField(
        _("unavailable since"), null=True, blank=True, editable=False
    )
    error_kind = models.CharField(
        _("last error"), max_length=20, choices=ErrorKind, blank=True, editable=False
    )
    error_message = models.TextField(_("last error details"), blank=True, editable=False)
    # The last good copy: the package's partnership metadata and the rows the page compares
    # (network/packages.py builds it). A failed fetch never overwrites it.
    snapshot = models.JSONField(_("last good copy"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("peer portal")
        verbose_name_plural = _("peer portals")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

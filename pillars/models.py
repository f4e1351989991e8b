from django.db import models
from django.utils.translation import gettext_lazy as _


class Pillar(models.Model):
    """One of the partnership's three areas of work: Settle, Work, Belong."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    summary = models.TextField(_("summary"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

"""The back office writes through the services: helpers for a ModelAdmin's inlines.

A ModelAdmin writes its own record in save_model and delete_model (and delete_queryset, for the
list's bulk deletion), each calling a service with the acting user; its inlines' rows are
written by its save_formset, here. tests/architecture holds every registered admin to it.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Model
from django.forms.models import BaseModelFormSet

if TYPE_CHECKING:
    pass


def formset_save_through(
    formset: "BaseModelFormSet[Any, Any]",
    *,
    save: Callable[[Any], object],
    delete: Callable[[Any], object],
) -> None:
    """Write an inline formset's rows, already validated by its forms, through services:
    `delete(row)` for each row marked for deletion, then `save(row)` for each changed row and
    each new one (its link to the parent record already set)."""
    formset.save(commit=False)
    for row in formset.deleted_objects:
        delete(row)
    changed: list[Model] = [row for row, _fields in formset.changed_objects]
    for row in [*changed, *formset.new_objects]:
        save(row)

"""The back office, safe with hostile input where Django's admin is not (each a 500 before).

- Its autocomplete widget, showing a refused form again (or an add form given initial values in
  its address), looks the values up as keys of the related model: " " for a numeric key raised
  ValueError, a number past the column's range OverflowError on SQLite. The widgets here leave
  out values that cannot be a key (the form already says they are not a valid choice).
- A list with a date hierarchy builds dates from the address (?created_at__year=99999...)
  outside its own error handling: OverflowError, or ValueError past the year 9999. Here they
  count as wrong lookup parameters, which the admin answers by showing the list unfiltered.

And `ReadOnlyAdminMixin`, for what the back office shows and never writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin
    from django.contrib.admin.options import BaseModelAdmin
    from django.contrib.admin.views.main import ChangeList
    from django.contrib.admin.widgets import AutocompleteMixin
    from django.db.models import ForeignKey, ManyToManyField
    from django.forms import ModelChoiceField, ModelMultipleChoiceField
    from django.http import HttpRequest

    # What each mixin goes with, for the type checker; at run time they stand alone.
    _AutocompleteWidget = AutocompleteMixin
    _AnyModelAdmin = BaseModelAdmin[Any]
    _ModelAdmin = ModelAdmin[Any]
else:
    _AutocompleteWidget = _AnyModelAdmin = _ModelAdmin = object


class _KeysOnly(_AutocompleteWidget):
    def optgroups(
        self, name: str, value: Sequence[str], attr: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        remote = self.field.remote_field
        key = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        keys: list[str] = []
        for item in value:
            try:
                key.run_validators(key.to_python(item))  # a number, within the column's range
            except ValidationError:
                continue
            keys.append(item)
        return super().optgroups(name, keys, attr)


class KeysOnlyAutocompleteSelect(_KeysOnly, AutocompleteSelect):
    pass


class KeysOnlyAutocompleteSelectMultiple(_KeysOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin(_AnyModelAdmin):
    """For a ModelAdmin or an inline with autocomplete_fields."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeysOnlyAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeysOnlyAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SafeDateHierarchyMixin(_ModelAdmin):
    """For a ModelAdmin with a date_hierarchy."""

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class ReadOnlyAdminMixin:
    """For a ModelAdmin or an inline whose records the back office reads and never adds,
    changes or deletes (they are written by their services, or never again)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

import django_filters
from django.utils.translation import gettext_lazy as _

from pillars.models import Group, Pillar

from .models import ActionItem, ItemStatus, StrategicDirection


class ActionItemFilter(django_filters.FilterSet):
    """The tracker's filters; each list of choices is limited to what the year's plan uses."""

    pillar = django_filters.ModelChoiceFilter(
        label=_("Pillar"),
        field_name="strategic_direction__pillar",
        to_field_name="slug",
        queryset=Pillar.objects.all(),
        empty_label=_("All pillars"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ItemStatus.choices, empty_label=_("All statuses")
    )
    # A search box, not a list: a large partnership has hundreds of lead organizations a year.
    lead = django_filters.CharFilter(
        label=_("Lead partner"),
        field_name="lead_organization__name",
        lookup_expr="icontains",
        max_length=100,
        help_text=_("Part of the organization's name."),
    )
    strategic_direction = django_filters.ModelChoiceFilter(
        label=_("Strategic direction"),
        queryset=StrategicDirection.objects.none(),
        to_field_name="code",
        empty_label=_("All strategic directions"),
    )
    owning_group = django_filters.ModelChoiceFilter(
        label=_("Group"),
        queryset=Group.objects.none(),
        to_field_name="slug",
        empty_label=_("All groups"),
    )

    class Meta:
        model = ActionItem
        fields = ["pillar", "status", "lead", "strategic_direction", "owning_group"]

    def __init__(self, *args, annual_plan=None, directions=None, **kwargs):
        super().__init__(*args, **kwargs)
        items = ActionItem.objects.filter(annual_plan=annual_plan)
        self.filters["owning_group"].queryset = Group.objects.filter(
            pk__in=items.values("owning_group")
        ).order_by("name")
        if directions is not None:
            self.filters["strategic_direction"].queryset = directions

    def is_narrowed(self):
        """Whether any filter is set (and valid): the list is then a part of the year's items."""
        return (
            self.is_bound
            and self.is_valid()
            and any(value not in (None, "") for value in self.form.cleaned_data.values())
        )

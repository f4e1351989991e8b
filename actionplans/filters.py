import django_filters
from django.utils.translation import gettext_lazy as _

from partners.models import Organization
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
    lead_organization = django_filters.ModelChoiceFilter(
        label=_("Lead partner"),
        queryset=Organization.objects.none(),
        to_field_name="slug",
        empty_label=_("All lead partners"),
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
        fields = ["pillar", "status", "lead_organization", "strategic_direction", "owning_group"]

    def __init__(self, *args, annual_plan=None, directions=None, **kwargs):
        super().__init__(*args, **kwargs)
        items = ActionItem.objects.filter(annual_plan=annual_plan)
        self.filters["lead_organization"].queryset = Organization.objects.filter(
            pk__in=items.values("lead_organization")
        ).order_by("name")
        self.filters["owning_group"].queryset = Group.objects.filter(
            pk__in=items.values("owning_group")
        ).order_by("name")
        if directions is not None:
            self.filters["strategic_direction"].queryset = directions

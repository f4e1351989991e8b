import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pillars.models import Group, Membership

from .models import Organization


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name"),
        method="filter_name",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Organization.Sector.choices, empty_label=_("All sectors")
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Sits on"),
        queryset=Group.objects.order_by("kind", "name"),
        to_field_name="slug",
        method="filter_group",
        empty_label=_("Any group"),
    )

    class Meta:
        model = Organization
        fields = ["q", "sector", "group"]

    def filter_name(self, queryset, name, value):
        # Search both languages: a visitor may know an organization by either name.
        return queryset.filter(Q(name_en__icontains=value) | Q(name_fr__icontains=value))

    def filter_group(self, queryset, name, value):
        seats = Membership.objects.active_on(timezone.localdate()).filter(group=value)
        return queryset.filter(pk__in=seats.values("organization_id"))

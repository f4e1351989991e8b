from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.typing import signed_in_user
from partners.models import Organization

from . import services
from .models import SectorReference

# --- Process and outcome indicators ----------------------------------------------------------


class SectorReferenceForm(forms.ModelForm):
    organization_sectors = forms.MultipleChoiceField(
        label=_("organization sectors"),
        choices=Organization.Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The sectors of partner organizations that count as this sector."),
    )

    class Meta:
        model = SectorReference
        fields = ["name", "organization_sectors", "lived_experience", "order"]

    def clean(self):
        cleaned = super().clean()
        try:
            services.sector_reference_validate(
                organization_sectors=cleaned.get("organization_sectors") or [],
                lived_experience=bool(cleaned.get("lived_experience")),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(SectorReference)
class SectorReferenceAdmin(TranslationAdmin):
    form = SectorReferenceForm
    list_display = ["name", "lived_experience", "order"]

    def save_model(self, request, obj, form, change):
        services.sector_reference_save(by=signed_in_user(request), reference=obj)

    def delete_model(self, request, obj):
        services.sector_reference_delete(by=signed_in_user(request), reference=obj)

    def delete_queryset(self, request, queryset):
        for reference in queryset:
            services.sector_reference_delete(by=signed_in_user(request), reference=reference)

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin_input import SafeAutocompleteMixin, SafeDateHierarchyMixin

from .models import Group, Meeting, Membership, Pillar, TermsOfReference
from .services import (
    chair_clash_message,
    membership_validate,
    term_order_message,
    terms_overlap,
)


@admin.register(Pillar)
class PillarAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    ordering = ["order"]


class MembershipAdminForm(forms.ModelForm):
    """A membership edited on its own: the same rule as every other write."""

    class Meta:
        model = Membership
        fields = ["person", "group", "organization", "role", "term_start", "term_end"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("group") and cleaned.get("term_start"):
            try:
                membership_validate(
                    group=cleaned["group"],
                    role=cleaned.get("role"),
                    term_start=cleaned["term_start"],
                    term_end=cleaned.get("term_end"),
                    exclude_pk=self.instance.pk,
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    """Checks the group's chairs as a whole: the rows being saved with the ones already there,
    so that ending one chair's term and seating the next in the same save is judged correctly."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows, untouched = [], []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if form.instance.pk:
                untouched.append(form.instance.pk)
            if data.get("DELETE") or not data.get("term_start"):
                continue
            if data.get("term_end") and data["term_end"] < data["term_start"]:
                form.add_error("term_end", term_order_message())
                continue
            if data.get("role") == Membership.Role.CHAIR:
                rows.append((form, data["person"], data["term_start"], data.get("term_end")))
        chairs = []
        if self.instance.pk:
            chairs = [
                (None, m.person, m.term_start, m.term_end)
                for m in Membership.objects.filter(group=self.instance, role=Membership.Role.CHAIR)
                .exclude(pk__in=untouched)
                .select_related("person")
            ]
        for form, person, start, end in rows:
            for _other_form, other_person, other_start, other_end in chairs:
                if terms_overlap(start, end, other_start, other_end):
                    form.add_error(
                        "role",
                        chair_clash_message(
                            group=self.instance,
                            person=other_person,
                            term_start=other_start,
                            term_end=other_end,
                        ),
                    )
                    break
            chairs.append((form, person, start, end))


class MembershipInlineForm(forms.ModelForm):
    def validate_constraints(self):
        # The one-chair rule is judged by the formset for the group as a whole (a save may end
        # one chair's term and seat the next); the other constraints are checked here.
        exclude = self._get_validation_exclusions() | {"group"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class MembershipInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Membership
    form = MembershipInlineForm
    formset = MembershipInlineFormSet
    fields = ["person", "organization", "role", "term_start", "term_end"]
    autocomplete_fields = ["person", "organization"]
    extra = 1
    ordering = ["-term_end", "role", "term_start"]


class TermsOfReferenceInline(TranslationStackedInline):
    model = TermsOfReference
    extra = 0


@admin.register(Group)
class GroupAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "pillar", "parent", "formed_on", "sunset_on"]
    list_filter = ["kind", "pillar"]
    list_select_related = ["pillar", "parent"]
    search_fields = ["name_en", "name_fr", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline, TermsOfReferenceInline]


@admin.register(Membership)
class MembershipAdmin(SafeAutocompleteMixin, SafeDateHierarchyMixin, SimpleHistoryAdmin):
    form = MembershipAdminForm
    list_display = ["person", "group", "role", "organization", "term_start", "term_end"]
    list_filter = ["role", "group__kind", "group"]
    list_select_related = ["person", "group", "organization"]
    search_fields = ["person__email", "person__display_name", "group__name_en"]
    autocomplete_fields = ["person", "group", "organization"]
    date_hierarchy = "term_start"


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["group", "version", "adopted_on"]
    list_filter = ["group"]
    list_select_related = ["group"]


@admin.register(Meeting)
class MeetingAdmin(SafeDateHierarchyMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["group", "held_on", "is_published"]
    list_filter = ["is_published", "group"]
    list_select_related = ["group"]
    date_hierarchy = "held_on"
    search_fields = ["group__name_en", "minutes_en", "minutes_fr"]

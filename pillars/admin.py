from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin_input import SafeAutocompleteMixin, SafeDateHierarchyMixin
from core.admin_writes import formset_save_through
from core.typing import signed_in_user

from . import selectors, services
from .models import Group, Meeting, Membership, Pillar, TermsOfReference


@admin.register(Pillar)
class PillarAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    ordering = ["order"]

    def save_model(self, request: HttpRequest, obj: Pillar, form: Any, change: bool) -> None:
        services.pillar_save(by=signed_in_user(request), pillar=obj)

    def delete_model(self, request: HttpRequest, obj: Pillar) -> None:
        services.pillar_delete(by=signed_in_user(request), pillar=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Pillar]) -> None:
        for pillar in queryset:
            services.pillar_delete(by=signed_in_user(request), pillar=pillar)


class MembershipForm(forms.ModelForm):
    """A seat edited in the back office. The service judges its rules (term order, one chair
    at a time), so the model's constraints on the same rules are not checked twice here."""

    class Meta:
        model = Membership
        fields = ["person", "group", "organization", "role", "term_start", "term_end"]

    def validate_constraints(self):
        """Left to the service: both of Membership's constraints are its rules."""

    def seat(self):
        data = self.cleaned_data
        return services.Seat(
            role=data.get("role"),
            term_start=data.get("term_start"),
            term_end=data.get("term_end"),
            person=data.get("person"),
            pk=self.instance.pk,
        )

    def service_fields(self):
        data = self.cleaned_data
        return {
            field: data.get(field)
            for field in ["person", "organization", "role", "term_start", "term_end"]
        }


class MembershipAdminForm(MembershipForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("group") and cleaned.get("term_start"):
            [error] = services.seats_validate(group=cleaned["group"], seats=[self.seat()])
            if error is not None:
                self.add_error(None, error)
        return cleaned


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    """Checks the group's seats as a whole through the service: the rows being saved with the
    ones already there, so that ending one chair's term and seating the next in the same save is
    judged correctly. Each row shows its own error."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows, removed = [], []
        for form in self.forms:
            data = form.cleaned_data
            if data.get("DELETE"):
                if form.instance.pk is not None:
                    removed.append(form.instance.pk)
            elif data.get("term_start"):
                rows.append(form)
        seats = [form.seat() for form in rows]
        results = services.seats_validate(group=self.instance, seats=seats, removed=removed)
        for form, error in zip(rows, results, strict=True):
            if error is not None:
                form.add_error(None, error)
        if any(error is not None for error in results):
            return
        order = services.seats_write_order(group=self.instance, seats=seats, removed=removed)
        if order is None:
            raise forms.ValidationError(
                _(
                    "These chairs' terms cannot all change in one save: save the term that "
                    "ends first, then the others."
                )
            )
        # The rows in the order save_formset writes them.
        self.rows_in_write_order = [rows[index] for index in order]


class MembershipInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Membership
    form = MembershipForm
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

    def save_model(self, request: HttpRequest, obj: Group, form: Any, change: bool) -> None:
        services.group_save(by=signed_in_user(request), group=obj)

    def delete_model(self, request: HttpRequest, obj: Group) -> None:
        services.group_delete(by=signed_in_user(request), group=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Group]) -> None:
        for group in queryset:
            services.group_delete(by=signed_in_user(request), group=group)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is TermsOfReference:
            formset_save_through(
                formset,
                save=lambda terms: services.terms_of_reference_save(
                    by=signed_in_user(request), terms=terms
                ),
                delete=lambda terms: services.terms_of_reference_delete(
                    by=signed_in_user(request), terms=terms
                ),
            )
            return
        # Removed seats first, then the changed and new ones in an order in which each write
        # meets the service's rules (a chair's term ending, or a chair stepping down, before
        # the next chair is seated): the formset found it when it checked the seats.
        formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.membership_delete(by=signed_in_user(request), membership=membership)
        changed = {id(membership) for membership, _fields in formset.changed_objects}
        new = {id(membership) for membership in formset.new_objects}
        for row in getattr(formset, "rows_in_write_order", []):
            membership = row.instance
            if id(membership) in changed:
                services.membership_update(
                    by=signed_in_user(request), membership=membership, **row.service_fields()
                )
            elif id(membership) in new:
                created = services.membership_create(
                    by=signed_in_user(request), group=form.instance, **row.service_fields()
                )
                membership.pk = created.pk


@admin.register(Membership)
class MembershipAdmin(SafeAutocompleteMixin, SafeDateHierarchyMixin, SimpleHistoryAdmin):
    form = MembershipAdminForm
    list_display = ["person", "group", "role", "organization", "term_start", "term_end"]
    list_filter = ["role", "group__kind", "group"]
    list_select_related = ["person", "group", "organization"]
    search_fields = ["person__email", "person__display_name", "group__name_en"]
    autocomplete_fields = ["person", "group", "organization"]
    date_hierarchy = "term_start"

    def save_model(self, request, obj, form, change):
        if change:
            services.membership_update(
                by=signed_in_user(request),
                membership=obj,
                group=form.cleaned_data["group"],
                **form.service_fields(),
            )
        else:
            created = services.membership_create(
                by=signed_in_user(request),
                group=form.cleaned_data["group"],
                **form.service_fields(),
            )
            obj.pk = created.pk

    def delete_model(self, request, obj):
        services.membership_delete(by=signed_in_user(request), membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.membership_delete(by=signed_in_user(request), membership=membership)


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["group", "version", "adopted_on"]
    list_filter = ["group"]
    list_select_related = ["group"]

    def save_model(
        self, request: HttpRequest, obj: TermsOfReference, form: Any, change: bool
    ) -> None:
        services.terms_of_reference_save(by=signed_in_user(request), terms=obj)

    def delete_model(self, request: HttpRequest, obj: TermsOfReference) -> None:
        services.terms_of_reference_delete(by=signed_in_user(request), terms=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TermsOfReference]) -> None:
        for terms in queryset:
            services.terms_of_reference_delete(by=signed_in_user(request), terms=terms)


class MeetingAdminForm(forms.ModelForm):
    """A meeting edited in the back office, judged by the service's rules (a meeting is
    published only with an agenda or minutes); once saved, who attended it too."""

    attended = forms.TypedMultipleChoiceField(
        label=_("Attended"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The members seated on the group on the day of the meeting: tick each who attended."
            " Save the meeting first to record its attendance."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "attended" not in self.fields:
            return
        meeting = self.instance
        if meeting.pk:
            people = services.meeting_expected_people(meeting)
            self.fields["attended"].choices = [
                (person.pk, person.display_name or person.email) for person in people
            ]
            self.initial["attended"] = sorted(selectors.meeting_attended_ids(meeting))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("held_on"):
            return cleaned  # the field says what is missing
        try:
            services.meeting_validate(
                held_on=cleaned.get("held_on"),
                is_published=cleaned.get("is_published"),
                texts=self.texts(),
                starts_at=cleaned.get("starts_at"),
                ends_at=cleaned.get("ends_at"),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def texts(self):
        return {field: self.cleaned_data.get(field) for field in services.MEETING_TEXT_FIELDS}


@admin.register(Meeting)
class MeetingAdmin(SafeDateHierarchyMixin, SimpleHistoryAdmin, TranslationAdmin):
    form = MeetingAdminForm
    list_display = ["group", "held_on", "is_published"]
    list_filter = ["is_published", "group"]
    list_select_related = ["group"]
    date_hierarchy = "held_on"
    search_fields = ["group__name_en", "minutes_en", "minutes_fr"]

    def save_model(self, request, obj, form, change):
        fields = {
            "by": request.user,
            "group": form.cleaned_data["group"],
            "held_on": form.cleaned_data["held_on"],
            "starts_at": form.cleaned_data.get("starts_at"),
            "ends_at": form.cleaned_data.get("ends_at"),
            "is_published": form.cleaned_data["is_published"],
            **form.texts(),
        }
        if change:
            services.meeting_update(meeting=obj, **fields)
            if "attended" in form.changed_data:
                services.meeting_attendance_record(
                    by=signed_in_user(request),
                    meeting=obj,
                    attended=form.cleaned_data["attended"],
                )
        else:
            obj.pk = services.meeting_create(**fields).pk

    def delete_model(self, request, obj):
        services.meeting_delete(by=signed_in_user(request), meeting=obj)

    def delete_queryset(self, request, queryset):
        for meeting in queryset:
            services.meeting_delete(by=signed_in_user(request), meeting=meeting)

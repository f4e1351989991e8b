from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MANDATE_MAX_LENGTH, MEETING_LOCATION_MAX_LENGTH, MEETING_TEXT_MAX_LENGTH


class GroupPageForm(forms.Form):
    mandate_en = forms.CharField(
        label=_("Mandate (English)"),
        widget=forms.Textarea(attrs={"rows": 8, "lang": "en"}),
        max_length=MANDATE_MAX_LENGTH,
        help_text=_("What the group is for and what it is asked to do. Plain text."),
    )
    mandate_fr = forms.CharField(
        label=_("Mandate (French)"),
        widget=forms.Textarea(attrs={"rows": 8, "lang": "fr"}),
        max_length=MANDATE_MAX_LENGTH,
    )


def _text(label, language):
    return forms.CharField(
        label=label,
        required=False,
        max_length=MEETING_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "lang": language}),
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_at = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Optional. Without a time, calendars show the meeting as a whole day."),
    )
    ends_at = forms.TimeField(
        label=_("Ends at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    location = forms.CharField(
        label=_("Location"),
        required=False,
        max_length=MEETING_LOCATION_MAX_LENGTH,
        help_text=_('An address, a room or "online". Shown to the public once published.'),
    )
    agenda_en = _text(_("Agenda (English)"), "en")
    agenda_fr = _text(_("Agenda (French)"), "fr")
    minutes_en = _text(_("Minutes (English)"), "en")
    minutes_fr = _text(_("Minutes (French)"), "fr")
    decisions_en = _text(_("Decisions (English)"), "en")
    decisions_fr = _text(_("Decisions (French)"), "fr")
    is_published = forms.BooleanField(label=_("Publish on the group's public page"), required=False)

    @classmethod
    def initial_from(cls, meeting):
        return {name: getattr(meeting, name) for name in cls.base_fields}


class AttendanceForm(forms.Form):
    """Who attended a meeting: a box for each person seated on the group on its day."""

    attended = forms.TypedMultipleChoiceField(
        label=_("Attended"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick each member who attended. Members not ticked are recorded as absent."),
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (person.pk, person.display_name or person.email) for person in people
        ]

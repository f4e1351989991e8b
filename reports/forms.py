from django import forms
from django.utils.translation import gettext_lazy as _

from .services import NOTE_MAX_LENGTH


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("What changed, in English"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        help_text=_(
            "Needed for a correction of a published report; it is shown with the new version."
        ),
    )
    note_fr = forms.CharField(
        label=_("What changed, in French"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
        help_text=_("The same note, shown on the French pages."),
    )

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.spreadsheets import csv_size_help, csv_upload_text

from .models import ItemStatus
from .services import NARRATIVE_MAX_LENGTH


class ProgressUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    percent = forms.IntegerField(
        label=_("Percent complete"),
        min_value=0,
        max_value=100,
        help_text=_("A whole number from 0 to 100."),
    )
    narrative = forms.CharField(
        label=_("What happened this quarter"),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "A little Markdown works: *emphasis*, **strong**, lists starting with a dash, and "
            "links written as [text](https://example.org)."
        ),
    )
    # The item's version when the form was opened: a later update by someone else is caught.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    period = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProgressImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in spreadsheet (CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = " ".join(
            [
                gettext(
                    "The file exported for this period, with new_status, new_percent and "
                    "new_narrative filled in for the items to update."
                ),
                csv_size_help(),
            ]
        )

    def clean_file(self):
        return csv_upload_text(self.cleaned_data["file"])


class ConfirmForm(forms.Form):
    """The confirmation page's form: staff read what the action does, then confirm it."""

    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ItemStatus
from .services import NARRATIVE_MAX_LENGTH

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


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
        help_text=_(
            "The file exported for this period, with new_status, new_percent and "
            "new_narrative filled in for the items to update."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _('The file is not UTF-8 text: save it as "CSV UTF-8" and try again.')
            ) from error
        if "\x00" in text:
            # The database cannot store a NUL character; it comes from binary files.
            line = len(re.split(r"\r\n|\r|\n", text[: text.index("\x00")]))
            raise forms.ValidationError(
                _(
                    "Line %(line)s holds a NUL character, which text cannot contain: is this "
                    "the exported spreadsheet saved as CSV?"
                )
                % {"line": line}
            )
        return text

from django import forms
from django.utils.translation import gettext_lazy as _

from .questions import DIMENSIONS

INVALID_CHOICE = _("Choose one of the answers offered, or “Prefer not to say”.")


class QuestionnaireForm(forms.Form):
    """The self-identification questions; blank counts as "prefer not to say"."""

    consent = forms.BooleanField(
        label=_("I have read how my answers are kept and who sees what, and I agree."),
        error_messages={
            "required": _("Tick the box to say you agree to how your answers are kept.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in DIMENSIONS:
            self.fields[dimension.code] = forms.ChoiceField(
                label=dimension.label,
                choices=dimension.categories,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": INVALID_CHOICE},
            )
        # The consent box comes after the questions, just above the button.
        self.order_fields([d.code for d in DIMENSIONS] + ["consent"])

    def question_fields(self):
        return [self[dimension.code] for dimension in DIMENSIONS]

    def answers(self):
        return {dimension.code: self.cleaned_data.get(dimension.code) for dimension in DIMENSIONS}

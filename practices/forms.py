from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionItem

from .models import LANGUAGE_CODES, Population, Practice
from .selectors import indicators_for_item


def language_choices() -> list[tuple[str, str]]:
    from core.languages import self_name

    return [(code, self_name(code)) for code in LANGUAGE_CODES]


class PracticeForm(forms.ModelForm):
    """A practice in English and French; the pillar and lead organization are the item's."""

    populations = forms.ModelMultipleChoiceField(
        label=_("Populations served"),
        queryset=Population.objects.order_by("order", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the work was offered in"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators the results are linked to"),
        queryset=ActionItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_consent = forms.BooleanField(
        label=_(
            "The contact agreed to have their name and email shown publicly with this practice."
        ),
        required=False,
    )

    class Meta:
        model = Practice
        fields = [
            "title_en",
            "title_fr",
            "problem_en",
            "problem_fr",
            "what_was_done_en",
            "what_was_done_fr",
            "results_en",
            "results_fr",
            "outcome",
            "contact_name",
            "contact_email",
        ]
        labels = {
            "title_en": _("Title (English)"),
            "title_fr": _("Title (French)"),
            "problem_en": _("The problem (English)"),
            "problem_fr": _("The problem (French)"),
            "what_was_done_en": _("What was done (English)"),
            "what_was_done_fr": _("What was done (French)"),
            "results_en": _("Results (English)"),
            "results_fr": _("Results (French)"),
        }
        widgets = {
            "problem_en": forms.Textarea(attrs={"rows": 4}),
            "problem_fr": forms.Textarea(attrs={"rows": 4}),
            "what_was_done_en": forms.Textarea(attrs={"rows": 6}),
            "what_was_done_fr": forms.Textarea(attrs={"rows": 6}),
            "results_en": forms.Textarea(attrs={"rows": 4}),
            "results_fr": forms.Textarea(attrs={"rows": 4}),
        }

    field_order = [
        "title_en",
        "title_fr",
        "problem_en",
        "problem_fr",
        "what_was_done_en",
        "what_was_done_fr",
        "results_en",
        "results_fr",
        "populations",
        "languages",
        "outcome",
        "indicators",
        "contact_name",
        "contact_email",
        "contact_consent",
    ]

    def __init__(self, *args: Any, item: ActionItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicators = self.fields["indicators"]
        assert isinstance(indicators, forms.ModelMultipleChoiceField)
        indicators.queryset = indicators_for_item(item)
        if self.instance.pk:
            self.initial.setdefault("populations", list(self.instance.populations.all()))
            self.initial.setdefault("indicators", list(self.instance.indicators.all()))
            self.initial.setdefault("languages", self.instance.languages)
            self.initial.setdefault("contact_consent", self.instance.contact_consent)
        self.fields["contact_email"].help_text = _(
            "Shown publicly on the practice's page and in the open data, with the contact's "
            "agreement."
        )

    def apply(self, practice: Practice) -> Practice:
        """Copy the cleaned texts and choices onto the practice (the service saves it)."""
        for name in self.Meta.fields:
            setattr(practice, name, self.cleaned_data.get(name) or "")
        practice.languages = list(self.cleaned_data.get("languages") or [])
        practice.contact_consent = bool(self.cleaned_data.get("contact_consent"))
        return practice


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("publish", _("Publish")), ("return", _("Return with a note"))]
    )
    note = forms.CharField(
        label=_("Note to the organization (when returning)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the practices"), required=False, max_length=200)
    pillar = forms.ChoiceField(label=_("Pillar"), required=False)
    population = forms.ChoiceField(label=_("Population served"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, Any]] = [("", _("All"))]
        for name, key in (
            ("pillar", "pillars"),
            ("population", "populations"),
            ("outcome", "outcomes"),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = everything + choices[key]

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Subscription


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(choices=Subscription.Kind.choices, widget=forms.HiddenInput)
    target = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    source = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)

    def clean_source(self) -> str:
        # The page the form was on: a path of this portal, nothing else.
        source: str = self.cleaned_data.get("source") or ""
        return source if source.startswith("/") and not source.startswith("//") else ""


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Subscription.Frequency.choices, widget=forms.RadioSelect
    )

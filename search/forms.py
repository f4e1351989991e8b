from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pillars.models import Pillar

from . import text
from .models import Kind

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "max_length": _("Type at most %(limit_value)d characters to search for."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Everything")), *Kind.choices]
    )
    pillar = forms.ChoiceField(label=_("Pillar"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pillars = Pillar.objects.order_by("order").values_list("slug", "name")
        pillar = self.fields["pillar"]
        assert isinstance(pillar, forms.ChoiceField)
        pillar.choices = [("", _("All pillars")), *pillars]

    def clean_q(self) -> str:
        query = text.clean(self.cleaned_data.get("q") or "").strip()
        if self.data.get("q") and not text.has_words(query):
            raise forms.ValidationError(
                _("Type a word or two to search for: signs alone find nothing.")
            )
        return query

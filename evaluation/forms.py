from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .health_check import DONT_KNOW, RATING_LABELS

# --- The partnership health check ---------------------------------------------------------------

RATING_CHOICES = RATING_LABELS
RATING_REQUIRED = _("Rate this statement, or choose “Don't know”.")


class HealthCheckForm(forms.Form):
    """One rating per statement (fields "statement_<id>"), the body, an optional comment."""

    body = forms.TypedChoiceField(
        label=_("The body you answer for"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the body you answer for."),
            "invalid_choice": _("Choose one of the bodies you sit on."),
        },
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        help_text=_(
            "Staff read each comment before any part of it is quoted publicly, without your "
            "name or your body. Do not name anyone."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, statements: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        body_field = self.fields["body"]
        assert isinstance(body_field, forms.TypedChoiceField)
        body_field.choices = [(body.pk, body.name) for body in bodies]
        if len(body_field.choices) == 1:
            self.initial.setdefault("body", body_field.choices[0][0])
        for statement in self.statements:
            self.fields[f"statement_{statement.pk}"] = forms.ChoiceField(
                label=statement.text,
                choices=RATING_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": RATING_REQUIRED, "invalid_choice": RATING_REQUIRED},
            )
        self.order_fields(
            [f"statement_{statement.pk}" for statement in self.statements] + ["body", "comment"]
        )

    def statement_fields(self) -> list[forms.BoundField]:
        return [self[f"statement_{statement.pk}"] for statement in self.statements]

    def ratings(self) -> dict[int, int | None]:
        ratings: dict[int, int | None] = {}
        for statement in self.statements:
            value = self.cleaned_data[f"statement_{statement.pk}"]
            ratings[statement.pk] = None if value == DONT_KNOW else int(value)
        return ratings

"""Forms: the public answer form (built from the questions, in the visitor's language), the
staff entry form for paper and session answers, and the back office's per-language fields."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.languages import self_name
from core.translation_review import mark_awaiting_review

from . import form_strings, services
from .languages import ENGLISH_NAMES
from .models import REQUIRED_LANGUAGES, AboutYou, Consultation, Question, Response

QUESTION_FIELD = re.compile(r"^q_(\d+)$")
HONEYPOT_FIELD = "website"


def question_field_name(question):
    return f"q_{question.pk}"


class AnswerForm(forms.Form):
    """The consultation's questions in one language, the optional "about you" questions, a
    honeypot and the one-time token. Every message is in the form's language."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, consultation, questions, language, review=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.questions = questions
        self.language = language
        # In a staff preview: the chrome keys whose translation awaits review, marked in labels.
        self.review = review
        self.question_fields = []
        for question in questions:
            name = question_field_name(question)
            self.fields[name] = self._question_field(question)
            self.question_fields.append(name)
        self.about_fields = []
        for field in AboutYou.FIELDS:
            self.fields[field] = forms.ChoiceField(
                label=self.shown(field),
                required=False,
                choices=self._about_choices(field),
                error_messages={"invalid_choice": self.t("err_choice")},
            )
            self.about_fields.append(field)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=self.t("honeypot"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields["token"].error_messages = {"required": self.t("err_expired")}

    def t(self, key, **values):
        return form_strings.text(key, self.language, **values)

    def shown(self, key, **values):
        """A label or help text: marked in a staff preview if it awaits review (an option of a
        drop-down list cannot hold markup, and an error is never shown in a preview)."""
        value = self.t(key, **values)
        return mark_awaiting_review(value) if key in self.review else value

    def _question_field(self, question):
        label = question.text_in(self.language)
        messages = {
            "required": self.t("err_required"),
            "invalid_choice": self.t("err_choice"),
            "invalid_list": self.t("err_choice"),
            "max_length": self.t("err_too_long", limit=question.text_limit),
            # Django's own wording would be in the page's language, not the form's.
            "null_characters_not_allowed": self.t("err_nul"),
        }
        common = {"label": label, "required": question.required, "error_messages": messages}
        if question.is_text:
            widget = (
                forms.Textarea(attrs={"rows": 5})
                if question.kind == Question.Kind.LONG_TEXT
                else forms.TextInput
            )
            return forms.CharField(
                max_length=question.text_limit,
                widget=widget,
                help_text=self.shown("characters_max", limit=question.text_limit),
                **common,
            )
        choices = question.choices_in(self.language)
        if question.kind == Question.Kind.SEVERAL_CHOICES:
            return forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                help_text=self.shown("choose_all"),
                **common,
            )
        help_text = self.shown("scale_hint") if question.kind == Question.Kind.SCALE else ""
        return forms.ChoiceField(
            choices=choices, widget=forms.RadioSelect, help_text=help_text, **common
        )

    def _about_choices(self, field):
        choices = [("", self.t("choose_one"))]
        for code in AboutYou.FIELDS[field]:
            if field == "first_language" and code != "other":
                choices.append((code, self_name(code)))
            else:
                choices.append((code, self.t(f"{field}.{code}")))
        choices.append((AboutYou.PREFER_NOT, self.t("prefer_not")))
        return choices

    def clean(self):
        cleaned = super().clean()
        if self.data:
            known = set(self.question_fields)
            for key in self.data:
                if QUESTION_FIELD.match(key) and key not in known:
                    raise forms.ValidationError(self.t("err_tampered"), code="tampered")
        return cleaned

    @property
    def honeypot_filled(self):
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def answers(self):
        """{question id: [values]} from the cleaned data, as the service takes them."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if isinstance(value, list):
                result[question.pk] = value
            elif value:
                result[question.pk] = [value]
        return result

    def about(self):
        return {field: self.cleaned_data.get(field) or "" for field in AboutYou.FIELDS}

    def add_service_errors(self, error):
        """Put a service's ValidationError next to the fields it names, in this language."""
        messages = {
            "required": "err_required",
            "invalid_choice": "err_choice",
            "too_long": "err_too_long",
        }
        if hasattr(error, "error_dict"):
            for key, errors in error.error_dict.items():
                field = f"q_{key}" if isinstance(key, int) else key
                for item in errors:
                    chrome_key = messages.get(item.code, "err_choice")
                    if chrome_key == "err_too_long":
                        limit = next(q.text_limit for q in self.questions if q.pk == key)
                        message = self.t(chrome_key, limit=limit)
                    else:
                        message = self.t(chrome_key)
                    self.add_error(field if field in self.fields else None, message)
        else:
            self.add_error(None, self.t(ERROR_KEYS.get(error.code, "err_rejected")))

    def mark_invalid_fields(self):
        """Tie each error to its field for screen readers (aria-invalid, aria-describedby)."""
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = [f"id_{name}_error"]
                if self.fields[name].help_text:
                    described.append(f"id_{name}_helptext")
                attrs["aria-describedby"] = " ".join(described)


ERROR_KEYS = {
    "tampered": "err_tampered",
    "expired": "err_expired",
    "replayed": "err_replayed",
    "closed": "closed",
    "rate": "err_rate",
}


class StaffEntryForm(AnswerForm):
    """Staff type in answers gathered on paper, at a session or in an interview."""

    def __init__(self, *args, consultation, questions, language, **kwargs):
        super().__init__(
            *args, consultation=consultation, questions=questions, language=language, **kwargs
        )
        del self.fields[HONEYPOT_FIELD]
        self.fields["channel"] = forms.ChoiceField(
            label=_("How the answers were gathered"),
            choices=[c for c in Response.Channel.choices if c[0] != Response.Channel.ONLINE],
            initial=Response.Channel.PAPER,
        )
        self.order_fields(["channel"])


# --- Back office -------------------------------------------------------------------------


def configured_languages():
    return [*REQUIRED_LANGUAGES, *settings.CONSULTATION_LANGUAGES]


def _language_label(label, code):
    return f"{label} ({ENGLISH_NAMES.get(code, code)})"


def _add_language_fields(form_class, specs):
    """Declare one field per configured language on a form class, so the admin knows them."""
    for name, field in (
        (f"{prefix}_{code}", make(code))
        for prefix, make in specs
        for code in configured_languages()
    ):
        form_class.base_fields[name] = field
        form_class.declared_fields[name] = field
    return form_class


def language_fieldnames(prefix, codes=None):
    return [f"{prefix}_{code}" for code in (codes or configured_languages())]


class ConsultationAdminForm(forms.ModelForm):
    """A title, description and "what we did" field per configured language, packed into the
    model's {language: text} objects."""

    TEXT_FIELDS = ("title", "description", "what_we_did")

    extra_languages = forms.MultipleChoiceField(
        label=_("Other languages offered"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("English and French are always offered."),
    )

    class Meta:
        model = Consultation
        fields = ["slug", "pillar", "opens_at", "closes_at", "extra_languages"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extra_languages"].choices = [
            (code, ENGLISH_NAMES.get(code, code)) for code in settings.CONSULTATION_LANGUAGES
        ]
        self.initial["extra_languages"] = self.instance.extra_languages
        for field in self.TEXT_FIELDS:
            for code, value in (getattr(self.instance, field) or {}).items():
                self.initial.setdefault(f"{field}_{code}", value)

    def clean(self):
        cleaned = super().clean()
        offered = [*REQUIRED_LANGUAGES, *cleaned.get("extra_languages", [])]
        for code in offered:
            if f"title_{code}" in self.fields and not cleaned.get(f"title_{code}"):
                self.add_error(f"title_{code}", _("A language offered needs its title."))
        # Pack the texts now, so that the model's own validation sees them.
        for field in self.TEXT_FIELDS:
            setattr(
                self.instance,
                field,
                {
                    code: cleaned[f"{field}_{code}"].strip()
                    for code in configured_languages()
                    if (cleaned.get(f"{field}_{code}") or "").strip()
                },
            )
        self.instance.extra_languages = list(cleaned.get("extra_languages", []))
        return cleaned


_add_language_fields(
    ConsultationAdminForm,
    [
        (
            "title",
            lambda code: forms.CharField(
                label=_language_label(_("Title"), code),
                max_length=200,
                required=code in REQUIRED_LANGUAGES,
            ),
        ),
        (
            "description",
            lambda code: forms.CharField(
                label=_language_label(_("Description"), code),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            ),
        ),
        (
            "what_we_did",
            lambda code: forms.CharField(
                label=_language_label(_("What we did"), code),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            ),
        ),
    ],
)


class QuestionAdminForm(forms.ModelForm):
    """The question's text and its choices (one per line) in each configured language."""

    class Meta:
        model = Question
        fields = ["order", "kind", "required"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, value in (self.instance.text or {}).items():
            self.initial.setdefault(f"text_{code}", value)
        for code, labels in (self.instance.choices or {}).items():
            self.initial.setdefault(f"choices_{code}", "\n".join(labels))

    @staticmethod
    def lines(value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        choices = {
            code: self.lines(cleaned.get(f"choices_{code}")) for code in configured_languages()
        }
        problems = services.question_choice_problems(kind=cleaned.get("kind"), choices=choices)
        for code, message in problems.items():
            self.add_error(f"choices_{code}", message)
        return cleaned

    def save(self, commit=True):
        codes = configured_languages()
        self.instance.text = {
            code: self.cleaned_data[f"text_{code}"].strip()
            for code in codes
            if (self.cleaned_data.get(f"text_{code}") or "").strip()
        }
        choices = {}
        if self.cleaned_data.get("kind") in Question.CHOICE_KINDS:
            for code in codes:
                labels = self.lines(self.cleaned_data.get(f"choices_{code}"))
                if labels:
                    choices[code] = labels
        self.instance.choices = choices
        return super().save(commit=commit)


_add_language_fields(
    QuestionAdminForm,
    [
        (
            "text",
            lambda code: forms.CharField(
                label=_language_label(_("Question"), code),
                required=code in REQUIRED_LANGUAGES,
                widget=forms.Textarea(attrs={"rows": 2}),
            ),
        ),
        (
            "choices",
            lambda code: forms.CharField(
                label=_language_label(_("Choices, one per line"), code),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            ),
        ),
    ],
)


class ResultsFilterForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All channels")), *Response.Channel.choices],
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, ENGLISH_NAMES.get(code, code)) for code in consultation.languages
        ]

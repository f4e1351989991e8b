from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import VoteChoice
from .services import COMMENT_MAX_LENGTH, NOTE_MAX_LENGTH, Tally

if TYPE_CHECKING:
    from partners.models import User
    from pillars.models import Meeting


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=VoteChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve, object or abstain.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Members of the body and staff read it; it goes back with a returned item."),
    )


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("What is the conflict? (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: your organization leads an item of this plan. Once declared, you do "
            "not vote on this request and do not count toward its quorum."
        ),
    )


class MeetingVoteForm(forms.Form):
    """A vote taken in a meeting: mover, seconder, and the tally or each member's vote."""

    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        label=_("Meeting"), queryset=None, required=False, empty_label=_("Not in the list")
    )
    mover: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Moved by"), queryset=None)
    seconder: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Seconded by"), queryset=None
    )
    approve = forms.IntegerField(label=_("Votes to approve"), min_value=0, required=False)
    object = forms.IntegerField(label=_("Votes to object"), min_value=0, required=False)
    abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)
    comments = forms.CharField(
        label=_("Comments for the record (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, meetings, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.voters = list(voters)
        self.fields["meeting"].queryset = meetings
        people = [voter.person for voter in self.voters]
        ids = [person.pk for person in people]
        from partners.models import User

        for name in ("mover", "seconder"):
            self.fields[name].queryset = User.objects.filter(pk__in=ids).order_by(
                "display_name", "email"
            )
        for person in people:
            self.fields[f"vote_{person.pk}"] = forms.ChoiceField(
                label=str(person),
                required=False,
                choices=[("", _("Not recorded")), *VoteChoice.choices],
            )

    def member_vote_fields(self):
        return [self[f"vote_{voter.person.pk}"] for voter in self.voters]

    def clean(self):
        cleaned = super().clean()
        votes = {
            voter.person: cleaned.get(f"vote_{voter.person.pk}")
            for voter in self.voters
            if cleaned.get(f"vote_{voter.person.pk}")
        }
        counts = [cleaned.get(name) for name in ("approve", "object", "abstain")]
        has_tally = any(count is not None for count in counts)
        if votes and has_tally:
            raise forms.ValidationError(_("Give either the tally or each member's vote, not both."))
        if not votes and not has_tally:
            raise forms.ValidationError(_("Give the tally or each member's vote."))
        cleaned["votes"] = votes or None
        cleaned["tally"] = None if votes else Tally(*(count or 0 for count in counts))
        return cleaned

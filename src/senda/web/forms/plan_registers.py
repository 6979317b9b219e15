"""Forms of the plan's registers: a risk (and its update), a "You said, we did" entry and a
partner's sign-off. The actions in ``senda.improvement.actions`` validate again and may
raise ``ActionError``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from senda.improvement.models import Partner, Risk
from senda.web.forms.fields import GovUKDateField

SEVERITIES = [("", "Choose a severity"), *((str(v), label) for v, label in Risk.Severity.choices)]


class RiskForm(forms.Form):
    description = forms.CharField(
        label="Risk",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the risk"},
    )
    raised_on = GovUKDateField(label="Date the risk was raised")
    owner = forms.CharField(
        label="Owner", max_length=200, error_messages={"required": "Enter who owns the risk"}
    )
    severity_before = forms.ChoiceField(
        label="Severity before mitigation",
        choices=SEVERITIES,
        error_messages={"required": "Choose the severity before mitigation"},
    )
    severity_after = forms.ChoiceField(
        label="Severity after mitigation",
        choices=SEVERITIES,
        error_messages={"required": "Choose the severity after mitigation"},
    )
    mitigation = forms.CharField(
        label="Mitigation", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RiskUpdateForm(RiskForm):
    progress = forms.CharField(
        label="Progress", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label="Status", choices=Risk.Status.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Why the severity or status changed (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the risk's history with today's date and your name.",
    )


class FeedbackForm(forms.Form):
    source = forms.CharField(
        label="Where it came from", max_length=200, help_text="For example, forum survey"
    )
    received_on = GovUKDateField(label="Date it was received")
    theme = forms.CharField(label="Theme", max_length=200)
    you_said = forms.CharField(label="You said", widget=forms.Textarea(attrs={"rows": 3}))
    we_did = forms.CharField(
        label="We did (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    changed_on = GovUKDateField(label="Date of the change (optional)", required=False)
    published_on = GovUKDateField(label="Date it was published back (optional)", required=False)


class SignOffForm(forms.Form):
    partner = forms.ModelChoiceField(label="Partner organisation", queryset=None)
    signed_by = forms.CharField(label="Signed by", max_length=200, help_text="Name and role")
    signed_on = GovUKDateField(label="Date signed")

    def __init__(self, *args: Any, partners: QuerySet[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["partner"].empty_label = "Choose a partner"  # type: ignore[attr-defined]

"""Forms for signing in (with a second factor) and for searching the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet

from senda.audit.models import AuditEntry
from senda.web.filters import FilterForm
from senda.web.forms.fields import GovUKDateField, WholeNumberField

CODE_LENGTH = 6

#: What a failed sign-in says, whichever of the two was wrong (never which one).
WRONG_DETAILS = "Your username or password is not right. Check them and try again"


class SignInForm(AuthenticationForm):
    """Django's sign-in form in Senda's words (Django's say "Please enter a correct …")."""

    error_messages = {
        "invalid_login": WRONG_DETAILS,
        "inactive": "This account has been switched off. Ask your service manager about it",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class CodeForm(forms.Form):
    """A 6-digit code from an authenticator app. Spaces are ignored (apps show ``123 456``)."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code changes every 30 seconds.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != CODE_LENGTH or not code.isdigit():
            raise forms.ValidationError("Enter the code as 6 numbers, like 123456")
        return code


class AuditSearchForm(FilterForm):
    """Filters of the audit log, all optional, every value an identifier (never a name)."""

    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Who",
        empty_label="Anyone",
    )
    verb = forms.ChoiceField(
        choices=[("", "Any"), *AuditEntry.Verb.choices], required=False, label="Action"
    )
    object_type = forms.ChoiceField(choices=[("", "Any")], required=False, label="Record type")
    case = WholeNumberField(
        required=False,
        min_value=1,
        label="Case number",
        error_messages={"invalid": "Case number must be a number, like 1234"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    child = WholeNumberField(
        required=False,
        min_value=1,
        label="Child number",
        error_messages={"invalid": "Child number must be a number, like 1234"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    since = GovUKDateField(
        required=False, label="Earliest date", help_text="For example, 27 3 2026"
    )
    until = GovUKDateField(required=False, label="Latest date", help_text="For example, 3 4 2026")

    def __init__(
        self,
        *args: Any,
        users: QuerySet[Any],
        object_types: list[tuple[str, str]],
        **kwargs: Any,
    ):
        """``object_types``: (model label, what a reader calls it), e.g. ("casework.Case",
        "Case")."""
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        self.fields["object_type"].choices = [("", "Any"), *object_types]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since: date | None = cleaned.get("since")
        until: date | None = cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "Latest date must be the same as or after the earliest date")
        return cleaned

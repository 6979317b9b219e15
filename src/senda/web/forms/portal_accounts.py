"""Forms of the portal's accounts: inviting a person, accepting an invitation."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.people.models import SettingMember

POSITION_CHOICES = [("", "Choose a position"), *SettingMember.Position.choices]


class InviteForm(forms.Form):
    """Who to invite, and to what: a school or setting (with their position) or an
    advice team. The choices are the manager's own area's."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={"required": "Enter the person's name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The invitation goes to this address. Their username will be this address.",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    setting = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="School or setting",
        help_text="For setting staff: SENCos, heads, college SEND leads, administrators.",
        error_messages={"invalid_choice": "Choose a school or setting of your local area"},
    )
    position = forms.ChoiceField(
        choices=POSITION_CHOICES,
        required=False,
        label="Their position at the school or setting",
        error_messages={"invalid_choice": "Choose a position from the list"},
    )
    team = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="Or: advice team",
        help_text="For advice-givers: health, social care or educational psychology.",
        error_messages={"invalid_choice": "Choose an advice team of your local area"},
    )

    def __init__(
        self,
        *args: Any,
        setting_choices: list[tuple[int, str]],
        team_choices: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].choices = [("", "None"), *setting_choices]  # type: ignore[attr-defined]
        self.fields["team"].choices = [("", "None"), *team_choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        setting, team = cleaned.get("setting"), cleaned.get("team")
        if "setting" in self.errors or "team" in self.errors:
            return cleaned
        if setting is None and team is None:
            self.add_error("setting", "Choose a school or setting, or an advice team")
        elif setting is not None and team is not None:
            self.add_error("team", "Choose a school or setting or an advice team, not both")
        elif setting is not None and not cleaned.get("position"):
            self.add_error("position", "Choose their position at the school or setting")
        return cleaned


def _password(label: str, autocomplete: str, required: str, help_text: str = "") -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        strip=False,
        max_length=200,
        error_messages={"required": required},
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class NewPasswordForm(forms.Form):
    """A new person sets their password (checked by Django's password validators when the
    invitation is accepted)."""

    password = _password(
        "Create a password",
        "new-password",
        "Enter a password",
        "At least 8 characters. Not a common password, not only numbers, not like your email "
        "address. A few words together work well.",
    )
    confirm = _password("Enter the password again", "new-password", "Enter the password again")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, confirm = cleaned.get("password"), cleaned.get("confirm")
        if password and confirm and password != confirm:
            self.add_error("confirm", "The passwords do not match: enter the same password twice")
        return cleaned


class CurrentPasswordForm(forms.Form):
    """Someone who has a Senda account proves it is them with its password."""

    password = _password(
        "Your Senda password", "current-password", "Enter the password of your Senda account"
    )

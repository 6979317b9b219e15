"""Assigning an owner to a data-quality check (``senda.interchange.owners``)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.interchange import owners
from senda.interchange.quality_checks import CHECKS
from senda.people.models import LocalAuthority
from senda.people.names import display_name


class OwnerChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        role = obj.membership.get_role_display()
        return f"{display_name(obj)} ({role.lower()})"


class CheckOwnerForm(forms.Form):
    """``check``: which check (hidden); ``owner``: one of the area's SEND staff, or nobody.
    Each check's form has its own ids (``auto_id``), so many sit on one page."""

    check = forms.ChoiceField(
        widget=forms.HiddenInput,
        choices=[(check.id, check.title) for check in CHECKS],
        error_messages={"invalid_choice": "Choose one of the data-quality checks."},
    )
    owner = OwnerChoice(
        queryset=None,
        required=False,
        label="Owner",
        empty_label="No owner",
        error_messages={"invalid_choice": owners.NOT_STAFF},
    )

    def __init__(self, data: Any = None, *, la: LocalAuthority, check_id: str, **kw: Any) -> None:
        kw.setdefault("auto_id", f"owner-{check_id}-%s")
        super().__init__(data, **kw)
        self.initial.setdefault("check", check_id)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners.staff(la).select_related("membership")
        field.label = "Owner"

    @staticmethod
    def posted_check(data: Any) -> str:
        """The check a posted form names if it is one, else the first (the form is shown
        again in that check's place, with its error)."""
        check = str(data.get("check", ""))
        return check if any(c.id == check for c in CHECKS) else CHECKS[0].id

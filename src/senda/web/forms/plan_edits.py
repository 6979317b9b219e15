"""Forms that keep a plan up to date: change an action or a milestone, set the dates of a
timescale Senda could not read, withdraw something entered in error. The actions in
``senda.improvement.edits`` validate again and may raise ``ActionError``."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from senda.web.forms.fields import GovUKDateField
from senda.web.forms.plans import MilestoneForm

_KPI_SPLIT = re.compile(r"[\s,;]+")


def _text(label: str, *, required: bool = False, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class ActionForm(forms.Form):
    what = _text(
        "What will be done",
        required=True,
        rows=3,
        error_messages={"required": "Enter what will be done"},
    )
    how = _text("How", help_text="The steps, one a line.")
    kpi_ids = forms.CharField(
        label="KPIs it serves",
        required=False,
        help_text="Ids from the KPI catalogue, such as final-plan-20w or parent-satisfaction, "
        "separated by spaces or commas.",
    )
    measures = _text("Other measures and targets", rows=3)
    lead = forms.CharField(
        label="Lead",
        required=False,
        max_length=200,
        error_messages={"max_length": "Lead must be 200 characters or fewer"},
    )
    evidence = _text("Evidence", rows=3, help_text="Documents and links, one a line.")
    impact = _text("Impact", rows=3)

    def clean_kpi_ids(self) -> list[str]:
        return [kpi for kpi in _KPI_SPLIT.split(self.cleaned_data.get("kpi_ids") or "") if kpi]


class TimescaleForm(forms.Form):
    class Kind:
        DATES = "dates"
        ONGOING = "ongoing"

    kind = forms.ChoiceField(
        label="When will it be done?",
        widget=forms.RadioSelect,
        choices=[
            (Kind.DATES, "By an end date"),
            (Kind.ONGOING, "Ongoing: it has no end date"),
        ],
        error_messages={
            "required": "Select whether it has an end date or is ongoing",
            "invalid_choice": "Select whether it has an end date or is ongoing",
        },
    )
    starts_on = GovUKDateField(
        label="Start date (optional)", required=False, help_text="For example, 1 9 2026"
    )
    ends_on = GovUKDateField(
        label="End date", required=False, help_text="Leave blank if it is ongoing."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("kind") == self.Kind.DATES
            and not data.get("ends_on")
            and "ends_on" not in self.errors
        ):
            self.add_error("ends_on", "Enter the end date, or choose ongoing")
        return data


class MilestoneEditForm(MilestoneForm):
    """A milestone's title and due date as when it was added, with a note of the change."""

    note = _text("Note (optional)", rows=3)


class WithdrawForm(forms.Form):
    reason = _text(
        "Why is it being withdrawn?",
        required=True,
        rows=3,
        help_text="For example, it was entered twice. Boards and advisers can read this.",
        error_messages={"required": "Enter why it is being withdrawn"},
    )


class CapitalProjectsForm(forms.Form):
    """Which of the area's capital projects deliver an action (none is an answer)."""

    project_ids = forms.TypedMultipleChoiceField(
        label="Capital projects that deliver this action",
        coerce=int,
        required=False,
        help_text="Select all that apply, or none.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only projects from the list"},
    )

    def __init__(self, *args: Any, projects: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project_ids"].choices = projects

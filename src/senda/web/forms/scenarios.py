"""Forms of the scenarios a service manager defines: its title, and one change at a time
(``senda.sufficiency.scenario_actions`` checks everything again)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from senda.people.models.children import SEN_TYPES
from senda.sufficiency.models import ScenarioChange
from senda.sufficiency.scenario_actions import MAX_FACTOR, MAX_PLACES, Change, forecast_years
from senda.sufficiency.space import NCY_HIGH, NCY_LOW, PROVISION_LABELS, PROVISIONS
from senda.web.formats import academic_year
from senda.web.forms.fields import WholeNumberField, text_field
from senda.web.tables.forecast import group_label

CHOOSE = "Choose from the list"
PROVISION_CHOICES = [(name, PROVISION_LABELS[name]) for name in PROVISIONS]
YEAR_GROUP_CHOICES = [
    (str(ncy), group_label("year group", str(ncy))) for ncy in range(NCY_LOW, NCY_HIGH + 1)
]


def _choice(label: str, choices: list[tuple[str, str]], **kw: Any) -> Any:
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={"invalid_choice": CHOOSE}, **kw
    )


class ScenarioTitleForm(forms.Form):
    title = text_field(
        "Title",
        limit=120,
        rows=0,
        hint="What the scenario supposes, for example “Two new specialist bases from 2028”.",
    )


def year_label(year: int) -> str:
    """A forecast year as its academic year: the changes of the year to that January."""
    return f"{academic_year(year - 1)} (the forecast for January {year})"


def _year_group(value: str | None) -> int | None:
    return int(value) if value else None


class ChangeForm(forms.Form):
    """One change of a scenario: a rate as a percentage of itself, or places."""

    what = forms.ChoiceField(
        label="What changes",
        choices=ScenarioChange.What.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what changes", "invalid_choice": CHOOSE},
    )
    from_year = _choice(
        "From the academic year",
        [],
        help_text="The change applies to this year and every year after it.",
    )
    percent = WholeNumberField(
        label="New rate, as a percentage of today's",
        required=False,
        min_value=0,
        max_value=MAX_FACTOR,
        help_text="For new plans, placements or plans ending: 90 is a tenth fewer, 120 a "
        "fifth more.",
    )
    provision = _choice(
        "Kind of provision",
        [("", "All kinds"), *PROVISION_CHOICES],
        required=False,
        help_text="For placements and places, choose one. For new plans or plans ending, "
        "leave it as all kinds or choose one.",
    )
    transfer_to = _choice(
        "Send the placements taken away to",
        [("", "Nowhere: they do not happen"), *PROVISION_CHOICES],
        required=False,
        help_text="Placements only.",
    )
    need = _choice(
        "Primary need",
        [("", "All needs"), *SEN_TYPES],
        required=False,
        help_text="For a rate only: leave it as all needs, or choose one.",
    )
    ncy_from = _choice(
        "From year group",
        [("", "All year groups"), *YEAR_GROUP_CHOICES],
        required=False,
        help_text="For a rate only: leave it as all year groups, or choose the first and "
        "last year groups it changes for (National Curriculum year: a child's year group "
        "when the forecast's January census is taken).",
    )
    ncy_to = _choice(
        "To year group",
        [("", "All year groups"), *YEAR_GROUP_CHOICES],
        required=False,
        help_text="The last year group, the same as the first for one year group only.",
    )
    places = WholeNumberField(
        label="Places added",
        required=False,
        min_value=-MAX_PLACES,
        max_value=MAX_PLACES,
        help_text="Places only. A minus sign for places taken away: −20 or -20.",
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = [(str(y), year_label(y)) for y in forecast_years(today)]
        self.fields["from_year"].choices = [("", "Choose a year"), *years]  # type: ignore[attr-defined]
        self.fields["from_year"].error_messages["required"] = "Choose the year it begins"

    def change(self) -> Change:
        data = self.cleaned_data
        percent = data.get("percent")
        return Change(
            what=data["what"],
            from_year=int(data["from_year"]),
            percent=None if percent is None else Decimal(percent),
            need=data.get("need") or "",
            provision=data.get("provision") or "",
            transfer_to=data.get("transfer_to") or "",
            places=data.get("places"),
            ncy_from=_year_group(data.get("ncy_from")),
            ncy_to=_year_group(data.get("ncy_to")),
        )

    def full_clean(self) -> None:
        """A minus sign people type (−, U+2212) reads as a hyphen-minus."""
        if self.is_bound and isinstance(self.data.get("places"), str):
            self.data = self.data.copy()
            self.data["places"] = self.data["places"].replace("−", "-")
        super().full_clean()

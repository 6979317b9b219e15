"""The forecast page's questions: which scenario, which breakdown, which scenario beside it
(a GET form: the page works without JavaScript); and the scenario a new forecast is made
under (POST)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.sufficiency.scenarios import SCENARIOS

#: The breakdowns a page offers: (query value, ``summary.Figure.breakdown``, label).
BREAKDOWNS = (
    ("age-band", "age band", "Age band"),
    ("need", "need", "Primary need"),
    ("provision", "provision", "Provision"),
    ("lsrp-provision", "LSRP provision", "Local SEND Reform Plan provision line"),
    ("year-group", "year group", "Year group"),
    ("locality", "locality", "Locality"),
)
BREAKDOWN_OF = {value: breakdown for value, breakdown, _ in BREAKDOWNS}
SCENARIO_CHOICES = [(s.name, s.title) for s in SCENARIOS.values()]
CHOOSE_SCENARIO = "Choose a scenario from the list"


class BreakdownForm(forms.Form):
    """One forecast's page: the breakdown shown."""

    breakdown = forms.ChoiceField(
        label="Break the forecast down by",
        choices=[(value, label) for value, _, label in BREAKDOWNS],
        required=False,
        error_messages={"invalid_choice": "Choose a breakdown from the list"},
    )

    def chosen_breakdown(self) -> str:
        """The breakdown chosen (a ``Figure.breakdown``); age band when none or invalid."""
        data: dict[str, Any] = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return BREAKDOWN_OF[data.get("breakdown") or "age-band"]


class ForecastChoiceForm(BreakdownForm):
    """The forecast page: the scenario, the breakdown and a scenario to compare with."""

    scenario = forms.ChoiceField(
        label="Scenario",
        choices=SCENARIO_CHOICES,
        required=False,
        error_messages={"invalid_choice": CHOOSE_SCENARIO},
    )
    compare = forms.ChoiceField(
        label="Compare with another scenario",
        choices=[("", "None"), *SCENARIO_CHOICES],
        required=False,
        error_messages={"invalid_choice": CHOOSE_SCENARIO},
    )

    def chosen(self) -> dict[str, str]:
        """The scenario, breakdown (a ``Figure.breakdown``) and scenario to compare with
        (``""`` for none); the defaults for anything missing or invalid."""
        data: dict[str, Any] = self.cleaned_data if self.is_bound and self.is_valid() else {}
        scenario = data.get("scenario") or "baseline"
        compare = data.get("compare") or ""
        return {
            "scenario": scenario,
            "breakdown": self.chosen_breakdown(),
            "compare": "" if compare == scenario else compare,
        }


class RequestForecastForm(forms.Form):
    scenario = forms.ChoiceField(
        label="Scenario",
        choices=SCENARIO_CHOICES,
        error_messages={"required": CHOOSE_SCENARIO, "invalid_choice": CHOOSE_SCENARIO},
    )

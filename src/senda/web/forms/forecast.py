"""The forecast page's questions: which scenario, which breakdown, which scenario beside it
(a GET form: the page works without JavaScript); and the scenario a new forecast is made
under (POST). Scenarios are the built-in ones and those defined for the area
(:func:`scenario_choices`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from senda.sufficiency.models import StoredScenario
from senda.sufficiency.scenarios import SCENARIOS

#: The breakdowns a page offers: (query value, ``summary.Figure.breakdown``, label).
BREAKDOWNS = (
    ("age-band", "age band", "Age band"),
    ("need", "need", "Primary need"),
    ("provision", "provision", "Provision"),
    ("lsrp-provision", "LSRP provision", "Local SEND Reform Plan provision line"),
    ("year-group", "year group", "Year group"),
    ("locality", "locality", "Locality where placed"),
    ("home-locality", "home locality", "Locality where living"),
)
BREAKDOWN_OF = {value: breakdown for value, breakdown, _ in BREAKDOWNS}
SCENARIO_CHOICES = [(s.name, s.title) for s in SCENARIOS.values()]
CHOOSE_SCENARIO = "Choose a scenario from the list"


def scenario_choices(la_id: int | None) -> list[tuple[str, str]]:
    """The built-in scenarios, then those defined for area ``la_id`` (by title)."""
    stored = StoredScenario.objects.of_area(la_id).only("pk", "title")
    return [*SCENARIO_CHOICES, *((s.name, s.title) for s in stored)]


class AreaScenarios:
    """A form whose scenario fields offer the area's scenarios too (``la_id=``)."""

    scenario_fields: tuple[str, ...] = ("scenario",)

    def __init__(self, *args: Any, la_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        choices = scenario_choices(la_id)
        for name in self.scenario_fields:
            field = self.fields[name]  # type: ignore[attr-defined]
            field.choices = [("", "None"), *choices] if name == "compare" else choices


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


class ForecastChoiceForm(AreaScenarios, BreakdownForm):
    """The forecast page: the scenario, the breakdown and a scenario to compare with."""

    scenario_fields = ("scenario", "compare")

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


class RequestForecastForm(AreaScenarios, forms.Form):
    scenario = forms.ChoiceField(
        label="Scenario",
        choices=SCENARIO_CHOICES,
        error_messages={"required": CHOOSE_SCENARIO, "invalid_choice": CHOOSE_SCENARIO},
    )


#: How many forecasts a comparison takes at most, and how many recent ones it offers.
COMPARE_MOST, COMPARE_OFFERED = 4, 30


class CompareForm(forms.Form):
    """Forecasts to compare side by side (GET), and the forecast year of the breakdowns
    (the last both have when none is chosen)."""

    runs = forms.MultipleChoiceField(
        label="Forecasts to compare",
        help_text=f"Choose from 2 to {COMPARE_MOST}. The differences are from the baseline "
        "when it is chosen, else from the newest forecast chosen.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose two or more forecasts to compare",
            "invalid_choice": "Choose forecasts from the list",
        },
    )
    year = forms.TypedChoiceField(
        label="Break down the forecast for January of",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose a year from the list"},
    )

    def __init__(self, *args: Any, runs: Sequence[tuple[int, str, range]], **kwargs: Any) -> None:
        """``runs``: the area's finished forecasts offered, as (id, label, forecast years)."""
        super().__init__(*args, **kwargs)
        self.fields["runs"].choices = [(str(pk), text) for pk, text, _ in runs]  # type: ignore[attr-defined]
        years = sorted({year for _, _, span in runs for year in span})
        choices = [("", "The last year they all forecast"), *((str(y), str(y)) for y in years)]
        self.fields["year"].choices = choices  # type: ignore[attr-defined]

    def clean_runs(self) -> list[int]:
        chosen = [int(pk) for pk in self.cleaned_data["runs"]]
        if len(chosen) < 2:
            raise forms.ValidationError("Choose two or more forecasts to compare")
        if len(chosen) > COMPARE_MOST:
            raise forms.ValidationError(f"Choose at most {COMPARE_MOST} forecasts")
        return chosen

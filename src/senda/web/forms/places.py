"""Forms of the places register and the capital programme
(``senda.sufficiency.places_actions`` checks everything again)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.people.models import Setting
from senda.people.models.children import SEN_TYPES
from senda.sufficiency.models import CapitalPhase, CapitalProject, CommissionedPlaces
from senda.sufficiency.models.places import FUNDING_SOURCES, PLACE_PROVISIONS
from senda.sufficiency.places_actions import MAX_PLACES, Phase, Project
from senda.sufficiency.scenarios import SCENARIOS
from senda.web.forms.fields import GovUKDateField, WholeNumberField, text_field
from senda.web.forms.forecast import AreaScenarios
from senda.web.forms.spreadsheet import SpreadsheetUpload

DATE_HINT = "For example, 1 9 2026"
CHOOSE = "Choose from the list"


def _choice(label: str, choices: list[tuple[str, str]], missing: str, **kw: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": missing, "invalid_choice": CHOOSE},
        **kw,
    )


def setting_choices(settings: list[Setting]) -> list[tuple[str, str]]:
    return [("", "Choose")] + [(str(s.pk), f"{s.name} ({s.get_type_display()})") for s in settings]


class YearForm(forms.Form):
    """Which academic year the register shows (GET)."""

    year = WholeNumberField(
        label="Academic year starting in September of", min_value=2000, max_value=2100
    )


class PlacesForm(forms.Form):
    """Places the area commissions at one of its settings; recording them again for the
    same setting, year and kind supersedes the figure before."""

    setting = _choice("Setting", [], "Choose the setting")
    provision = _choice(
        "Kind of place", PLACE_PROVISIONS, "Choose the kind of place", widget=forms.RadioSelect
    )
    year = WholeNumberField(
        label="Academic year",
        help_text="The year of its September: 2026 for 2026/27.",
        min_value=2000,
        max_value=2100,
    )
    places = WholeNumberField(label="Places commissioned", min_value=0, max_value=MAX_PLACES)
    note = text_field(
        "Note", limit=200, required=False, rows=0, hint="Optional: where the figure comes from."
    )

    def __init__(self, *args: Any, settings: list[Setting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = {s.pk: s for s in settings}
        self.fields["setting"].choices = setting_choices(settings)  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(row: CommissionedPlaces) -> dict[str, Any]:
        return {
            "setting": str(row.setting_id),
            "provision": row.provision,
            "year": row.year,
            "places": row.places,
            "note": row.note,
        }

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "setting": self.settings[int(data["setting"])],
            "year": data["year"],
            "provision": data["provision"],
            "places": data["places"],
            "note": data["note"],
        }


class ScenarioForm(AreaScenarios, forms.Form):
    scenario = forms.ChoiceField(
        label="Scenario",
        choices=[(s.name, s.title) for s in SCENARIOS.values()],
        required=False,
        error_messages={"invalid_choice": CHOOSE},
    )

    def chosen(self) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["scenario"] or "baseline"
        return "baseline"


class ProjectForm(forms.Form):
    name = text_field("Project name", limit=200, rows=0)
    provision = _choice(
        "Kind of place", PLACE_PROVISIONS, "Choose the kind of place", widget=forms.RadioSelect
    )
    needs = forms.MultipleChoiceField(
        label="Needs it serves",
        help_text="Select all that apply.",
        required=False,
        choices=[(code, label) for code, label in SEN_TYPES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOOSE},
    )
    setting = _choice("Setting", [], "", required=False, help_text="Leave blank for a new setting.")
    places_planned = WholeNumberField(label="Places planned", min_value=0, max_value=MAX_PLACES)
    places_delivered = WholeNumberField(
        label="Places delivered", min_value=0, max_value=MAX_PLACES, initial=0
    )
    cost = WholeNumberField(
        label="Cost in pounds", required=False, min_value=0, help_text="Leave blank if not known."
    )
    funding_source = _choice("Funding source", FUNDING_SOURCES, "Choose the funding source")
    opens_on = GovUKDateField(label="When its places open", help_text=DATE_HINT)
    status = _choice(
        "Status",
        CapitalProject.Status.choices,
        "Choose the status",
        widget=forms.RadioSelect,
        initial=CapitalProject.Status.PROPOSED,
    )

    def __init__(self, *args: Any, settings: list[Setting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = {s.pk: s for s in settings}
        choices = [("", "None"), *setting_choices(settings)[1:]]
        self.fields["setting"].choices = choices  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(project: CapitalProject) -> dict[str, Any]:
        fields = ("name", "provision", "needs", "places_planned", "places_delivered")
        return {name: getattr(project, name) for name in fields} | {
            "setting": str(project.setting_id or ""),
            "cost": None if project.cost is None else int(project.cost),
            "funding_source": project.funding_source,
            "opens_on": project.opens_on,
            "status": project.status,
        }

    def project(self) -> Project:
        data = self.cleaned_data
        return Project(
            name=data["name"],
            provision=data["provision"],
            places_planned=data["places_planned"],
            places_delivered=data["places_delivered"] or 0,
            funding_source=data["funding_source"],
            opens_on=data["opens_on"],
            status=data["status"],
            needs=tuple(data["needs"]),
            setting=self.settings.get(int(data["setting"])) if data["setting"] else None,
            cost=data["cost"],
        )


class PhaseForm(forms.Form):
    name = text_field(
        "Phase", limit=100, rows=0, hint="For example, design, consultation or build."
    )
    planned_start = GovUKDateField(label="Planned start", help_text=DATE_HINT)
    planned_end = GovUKDateField(label="Planned end", help_text=DATE_HINT)
    actual_start = GovUKDateField(
        label="Actual start", required=False, help_text="Leave blank until it starts."
    )
    actual_end = GovUKDateField(
        label="Actual end", required=False, help_text="Leave blank until it ends."
    )
    status = _choice(
        "Status",
        CapitalPhase.Status.choices,
        "Choose the status",
        widget=forms.RadioSelect,
        initial=CapitalPhase.Status.NOT_STARTED,
    )

    @staticmethod
    def initial_for(phase: CapitalPhase) -> dict[str, Any]:
        names = ("name", "planned_start", "planned_end", "actual_start", "actual_end", "status")
        return {name: getattr(phase, name) for name in names}

    def phase(self) -> Phase:
        return Phase(**self.cleaned_data)


class PostcodeLocalityForm(forms.Form):
    """One postcode district or sector of the area and the locality it is in
    (``home_actions.set_postcode_locality``); one already in the map changes."""

    prefix = text_field(
        "Postcode district or sector",
        limit=8,
        rows=0,
        hint="The first part of a postcode, like NG7, or with the next digit, like NG7 1.",
        missing="Enter a postcode district, like NG7, or sector, like NG7 1",
    )
    locality = text_field("Locality", limit=100, rows=0, missing="Enter the locality")

    def __init__(self, *args: Any, localities: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prefix"].widget.attrs["autocomplete"] = "off"
        if localities:
            names = ", ".join(localities)
            self.fields["locality"].help_text = f"The area's settings are in: {names}."


class PostcodeMapUploadForm(SpreadsheetUpload):
    """The whole map from a spreadsheet (``home_actions.read_postcode_map``)."""

    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV or XLSX file with a ‘Postcode district’ (or ‘Sector’) column and a "
        "‘Locality’ column, smaller than 5 MB.",
        error_messages={
            "required": "Select a spreadsheet to import",
            "empty": "The selected file is empty",
            "invalid": "Select a spreadsheet to import",
        },
    )

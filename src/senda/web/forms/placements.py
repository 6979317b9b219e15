"""Forms for a case's placements and the settings and SEN2 flags of its plan
(``senda.casework.actions.placements`` checks everything again).

Where a child is placed is one list: the area's settings, then SEN2's codes for where
there is none (``s<id>`` or ``c<CODE>``), so a form can only give one of the two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django import forms

from senda.casework.actions.placements import MAX_NAMED, MAX_RANK, OTHER_MAX, Where
from senda.casework.models import RESIDENTIAL, SETTING_CODES, NamedSetting, Placement, Plan
from senda.kernel import ActionError
from senda.people.models import Setting
from senda.web.forms.fields import GovUKDateField, WholeNumberField

DATE_HINT = "For example, 3 9 2025"
FEATURES = [
    ("sen_unit", "An SEN unit of the setting"),
    ("resourced_provision", "A resourced provision of the setting"),
]
PLACEMENT_FEATURES = [*FEATURES, ("work_based", "Work-based learning")]
FLAG_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not recorded")]
FLAG = {"yes": True, "no": False, "unknown": None}
#: Which form field shows an action's message about each of its arguments.
FIELDS = {"setting_code": "setting", "sen_unit": "features", "resourced_provision": "features"}


def where_choices(settings: Iterable[Setting], blank: str) -> list[tuple[str, str]]:
    """The area's settings (with their URN or UKPRN), then SEN2's codes."""
    choices = [("", blank)]
    for setting in settings:
        number = f"URN {setting.urn}" if setting.urn else f"UKPRN {setting.ukprn}"
        choices.append((f"s{setting.pk}", f"{setting.name} ({number})"))
    choices += [(f"c{code}", f"No setting: {label} ({code})") for code, label in SETTING_CODES]
    return choices


def where_value(record: Placement | NamedSetting) -> str:
    return f"s{record.setting_id}" if record.setting_id else f"c{record.setting_code}"


def to_where(value: str, settings: dict[int, Setting], other: str, features: list[str]) -> Where:
    """The action's ``Where`` from a choice of :func:`where_choices`."""
    setting = settings.get(int(value[1:])) if value.startswith("s") else None
    code = value[1:] if value.startswith("c") else ""
    return Where(
        setting=setting,
        code=code,
        other=other,
        sen_unit="sen_unit" in features,
        resourced_provision="resourced_provision" in features,
    )


def save(form: forms.Form, write: Callable[[], Any], fields: dict[str, str] = FIELDS) -> bool:
    """Run ``write``; an ``ActionError`` goes on the form field that asked for the value
    (``fields`` renames an action's argument to it), else above the form."""
    try:
        write()
    except ActionError as error:
        name = fields.get(error.field, error.field)
        form.add_error(name if name in form.fields else None, error.message)
        return False
    return True


def _where_field(label: str, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=required,
        error_messages={
            "required": "Choose the setting, or a code if there is none",
            "invalid_choice": "Choose a setting from the list",
        },
    )


def _other_field(label: str = "What the other setting is") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text="Only for ‘Other’ (OTH), in a few words.",
        required=False,
        max_length=OTHER_MAX,
        error_messages={"max_length": f"Use {OTHER_MAX} characters or fewer"},
    )


class PlacementForm(forms.Form):
    """A placement to record, or a correction of one."""

    setting = _where_field("Where the child is placed")
    setting_other = _other_field()
    rank = WholeNumberField(
        label="Rank",
        help_text="1 for the main placement; 2 and on for others at the same time.",
        min_value=1,
        max_value=MAX_RANK,
        initial=1,
    )
    entered_on = GovUKDateField(label="Date the child started", help_text=DATE_HINT)
    left_on = GovUKDateField(
        label="Date the child left",
        help_text="Leave blank if the child is still there.",
        required=False,
    )
    residential = forms.ChoiceField(
        label="Residential",
        choices=[("", "No, or not recorded"), *RESIDENTIAL],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose up to 38 weeks, 39 to 52 weeks or no"},
    )
    features = forms.MultipleChoiceField(
        label="What the placement is",
        help_text="Select all that apply.",
        required=False,
        choices=PLACEMENT_FEATURES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list"},
    )

    def __init__(self, *args: Any, settings: list[Setting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = {s.pk: s for s in settings}
        self.fields["setting"].choices = where_choices(settings, "Choose")  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(placement: Placement) -> dict[str, Any]:
        features = [name for name, _ in PLACEMENT_FEATURES if getattr(placement, name)]
        return {
            "setting": where_value(placement),
            "setting_other": placement.setting_other,
            "rank": placement.rank,
            "entered_on": placement.entered_on,
            "left_on": placement.left_on,
            "residential": placement.residential,
            "features": features,
        }

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        features = data["features"]
        return {
            "where": to_where(data["setting"], self.settings, data["setting_other"], features),
            "rank": data["rank"],
            "entered_on": data["entered_on"],
            "left_on": data["left_on"],
            "residential": data["residential"],
            "work_based": "work_based" in features,
        }


class EndPlacementForm(forms.Form):
    left_on = GovUKDateField(label="Date the child left", help_text=DATE_HINT)

    def arguments(self) -> dict[str, date]:
        return {"left_on": self.cleaned_data["left_on"]}


class NamedSettingsForm(forms.Form):
    """The settings a plan names, one row each, in rank order; an empty row is skipped."""

    def __init__(
        self, *args: Any, settings: list[Setting], current: list[NamedSetting], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.settings = {s.pk: s for s in settings}
        self.rows = min(MAX_NAMED, max(3, len(current) + 1))
        choices = where_choices(settings, "None")
        for n in range(1, self.rows + 1):
            field = _where_field(f"Setting {n}", required=False)
            field.choices = choices
            self.fields[f"named{n}_setting"] = field
            self.fields[f"named{n}_setting_other"] = _other_field(f"What other setting {n} is")
            self.fields[f"named{n}_features"] = forms.MultipleChoiceField(
                label=f"What setting {n} is",
                required=False,
                choices=FEATURES,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Choose from the list"},
            )
        for n, record in enumerate(current, start=1):
            if n > self.rows:
                break
            self.initial[f"named{n}_setting"] = where_value(record)
            self.initial[f"named{n}_setting_other"] = record.setting_other
            self.initial[f"named{n}_features"] = [k for k, _ in FEATURES if getattr(record, k)]

    def row_fields(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"named{n}_{part}"] for part in ("setting", "setting_other", "features")]
            for n in range(1, self.rows + 1)
        ]

    def chosen(self) -> tuple[list[Where], dict[str, str]]:
        """The settings named, in order, and how each action field maps to its row's."""
        data = self.cleaned_data
        wheres: list[Where] = []
        fields: dict[str, str] = {}
        for n in range(1, self.rows + 1):
            value = data[f"named{n}_setting"]
            other = data[f"named{n}_setting_other"]
            if not value:
                if other:
                    self.add_error(f"named{n}_setting", "Choose the setting, or clear its words")
                continue
            rank = len(wheres) + 1
            for part in ("setting", "setting_other", "setting_code"):
                target = "setting" if part == "setting_code" else part
                fields[f"named{rank}_{part}"] = f"named{n}_{target}"
            feats = data[f"named{n}_features"]
            wheres.append(to_where(value, self.settings, other, feats))
        return wheres, fields


def _flag(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=FLAG_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Choose yes, no or not recorded for ‘{label.lower()}’",
            "invalid_choice": "Choose yes, no or not recorded",
        },
    )


def _flag_initial(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


class PlanFlagsForm(forms.Form):
    residential = forms.ChoiceField(
        label="A residential placement named in the plan",
        choices=[("", "No, or not recorded"), *RESIDENTIAL],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose up to 38 weeks, 39 to 52 weeks or no"},
    )
    work_based = _flag("Work-based learning named in the plan")
    personal_budget = _flag("A personal budget agreed")
    organised_arrangements = _flag("Part of the budget as organised arrangements")
    direct_payments = _flag("Part of the budget as direct payments")

    @staticmethod
    def initial_for(plan: Plan) -> dict[str, Any]:
        return {
            "residential": plan.residential,
            "work_based": _flag_initial(plan.work_based),
            "personal_budget": _flag_initial(plan.personal_budget),
            "organised_arrangements": _flag_initial(plan.organised_arrangements),
            "direct_payments": _flag_initial(plan.direct_payments),
        }

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        flags = ("work_based", "personal_budget", "organised_arrangements", "direct_payments")
        return {"residential": data["residential"]} | {name: FLAG[data[name]] for name in flags}

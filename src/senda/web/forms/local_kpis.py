"""The form of a KPI the partnership defines itself (``senda.performance.local_kpis``): its
definition, and on adding it, its baseline and target. The action validates again."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.performance.catalogue import AREAS
from senda.performance.local_kpis import LIMITS, Definition
from senda.performance.models.local import PERIODS, UNITS
from senda.web.forms.fields import GovUKDateField

BETTER = (("higher", "Higher is better"), ("lower", "Lower is better"))


def _number(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": f"Enter the {label.lower()} as a number, like 42.5",
            "max_digits": f"The {label.lower()} is too large",
            "max_decimal_places": f"The {label.lower()} can have at most 2 decimal places",
            "max_whole_digits": f"The {label.lower()} is too large",
        },
    )


class LocalKpiForm(forms.Form):
    """A local KPI's definition; with ``adding``, its baseline and target too; without,
    what changed and why (a new version)."""

    name = forms.CharField(
        label="Name",
        max_length=LIMITS["name"],
        help_text="As the board will read it, for example, Attendance of children with EHC plans",
        error_messages={"required": "Enter the KPI's name"},
    )
    definition = forms.CharField(
        label="What it measures",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who is counted, over what period, and anyone left out.",
        error_messages={"required": "Enter what the KPI measures"},
    )
    unit = forms.ChoiceField(
        label="Unit",
        choices=UNITS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the KPI's unit"},
    )
    numerator = forms.CharField(
        label="Numerator (for a percentage)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What is counted on top, for example, Sessions attended.",
    )
    denominator = forms.CharField(
        label="Denominator (for a percentage)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What it is counted out of, for example, Possible sessions.",
    )
    better = forms.ChoiceField(
        label="Which way is better",
        choices=BETTER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether higher or lower is better"},
    )
    period = forms.ChoiceField(
        label="How often a value is recorded",
        choices=PERIODS,
        widget=forms.RadioSelect,
        help_text="Terms are fixed: autumn is September to December, spring January to March, "
        "summer April to August. A year is the academic year, September to August.",
        error_messages={"required": "Choose how often a value is recorded"},
    )
    area = forms.ChoiceField(
        label="Improvement area it serves",
        choices=[("", "Choose an area"), *((a.id, a.name) for a in AREAS.values())],
        error_messages={"required": "Choose the improvement area the KPI serves"},
    )
    owner = forms.CharField(
        label="Owner",
        max_length=LIMITS["owner"],
        help_text="The role or team answerable for it, for example, Head of inclusion.",
        error_messages={"required": "Enter who owns the KPI"},
    )
    data_source = forms.CharField(
        label="Where its figure comes from",
        max_length=LIMITS["data_source"],
        help_text="The survey, register, return or report, for example, School census.",
        error_messages={"required": "Enter where its figure comes from"},
    )
    establishing = forms.BooleanField(
        label="We are still working to establish its definition and baseline",
        required=False,
        help_text="It shows “Working to establish definition and baseline” until a version "
        "without this.",
    )

    def __init__(self, *args: Any, adding: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adding = adding
        if adding:
            self.fields["baseline_value"] = _number("Baseline")
            self.fields["baseline_on"] = GovUKDateField(
                label="Date of the baseline",
                required=False,
                help_text="The day the baseline figure stood on. For example, 31 7 2026",
            )
            self.fields["target_value"] = _number("Target")
            self.fields["target_on"] = GovUKDateField(
                label="Date the target is for",
                required=False,
                help_text="For example, 31 7 2028",
            )
        else:
            self.fields["change"] = forms.CharField(
                label="What changed and why",
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Kept with this version. Earlier versions stay on the KPI's page.",
                error_messages={"required": "Enter what changed and why"},
            )

    def definition_of(self) -> Definition:
        data = self.cleaned_data
        return Definition(
            name=data["name"],
            definition=data["definition"],
            unit=data["unit"],
            higher_is_better=data["better"] == "higher",
            period=data["period"],
            owner=data["owner"],
            data_source=data["data_source"],
            area=data["area"],
            numerator=data.get("numerator") or "",
            denominator=data.get("denominator") or "",
            establishing=bool(data.get("establishing")),
        )


def initial_of(definition: Definition) -> dict[str, Any]:
    """A form's initial values from a version's definition (changing it)."""
    return {
        "name": definition.name,
        "definition": definition.definition,
        "unit": definition.unit,
        "numerator": definition.numerator,
        "denominator": definition.denominator,
        "better": "higher" if definition.higher_is_better else "lower",
        "period": definition.period,
        "area": definition.area,
        "owner": definition.owner,
        "data_source": definition.data_source,
        "establishing": definition.establishing,
    }

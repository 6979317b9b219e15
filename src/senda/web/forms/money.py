"""Forms of the High Needs money pages: importing the ledger (the file, what it holds, which
of its columns holds each field, a mapping to use or save) and the deficit projection's
scenario (a GET form: growth, the write-off, the opening deficit, a demand scenario whose
savings to show)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms

from senda.sufficiency.ledger_parse import FIELDS, LABELS
from senda.sufficiency.models.money import CATEGORY_CHOICES
from senda.sufficiency.s251 import S251_LINES, fy_label
from senda.web.forms.spreadsheet import SpreadsheetUpload

#: Every field either kind of import may map, in the form's order.
MAPPED = tuple(dict.fromkeys(FIELDS["actuals"] + FIELDS["budgets"]))


class LedgerImportForm(SpreadsheetUpload):
    kind = forms.ChoiceField(
        label="What the file holds",
        widget=forms.RadioSelect,
        choices=[("actuals", "Monthly actuals"), ("budgets", "Annual budgets")],
        initial="actuals",
        error_messages={"required": "Select what the file holds"},
    )
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV or XLSX file from the finance system, smaller than 5 MB.",
        error_messages={
            "required": "Select a spreadsheet to import",
            "empty": "The selected file is empty",
            "invalid": "Select a spreadsheet to import",
        },
    )
    saved = forms.ChoiceField(label="Use a saved column mapping", required=False)
    save_as = forms.CharField(
        label="Save these column headings as (optional)",
        required=False,
        max_length=100,
        help_text="A name, such as the finance system's, to use them again next time.",
        error_messages={"max_length": "The mapping's name must be 100 characters or fewer"},
    )

    def __init__(self, *args: Any, mappings: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["saved"].choices = [("", "None: use the headings below"), *mappings]
        for field in MAPPED:
            self.fields[f"col_{field}"] = forms.CharField(
                label=f"Column heading for {LABELS[field].lower()} (optional)",
                required=False,
                max_length=200,
                error_messages={"max_length": "A heading must be 200 characters or fewer"},
            )

    def mapping(self) -> dict[str, str]:
        """The headings typed in, by field."""
        data = self.cleaned_data
        return {f: data[f"col_{f}"].strip() for f in MAPPED if data.get(f"col_{f}", "").strip()}

    def heading_fields(self) -> list[Any]:
        return [self[f"col_{field}"] for field in MAPPED]


class LineForm(forms.Form):
    """A budget line's name, category and section 251 line (its code is the finance
    system's and is not changed here)."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter the line's name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    category = forms.ChoiceField(
        label="Category",
        choices=CATEGORY_CHOICES,
        error_messages={"required": "Select a category", "invalid_choice": "Select a category"},
    )
    s251 = forms.ChoiceField(
        label="Section 251 line",
        required=False,
        choices=[
            ("", "Not a section 251 high-needs line"),
            *((code, f"{code} {name}") for code, (name, _) in S251_LINES.items()),
        ],
        help_text="The line of the section 251 budget and outturn statement it is reported in.",
        error_messages={"invalid_choice": "Select a section 251 line"},
    )


class PoundsField(forms.DecimalField):
    """An amount in pounds as people write it: "£64,500,000", "64 500 000" or "64500000"
    (a leading pound sign, thousands commas and spaces set aside, as the ledger import
    reads a cell)."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            text = value.strip()
            text = text.removeprefix("£").strip()
            value = text.replace(",", "").replace(" ", "")
        return super().to_python(value)


def _percent(label: str, initial: int, lowest: int, highest: int, hint: str) -> forms.Field:
    return forms.DecimalField(
        label=label,
        initial=initial,
        min_value=Decimal(lowest),
        max_value=Decimal(highest),
        max_digits=5,
        decimal_places=1,
        help_text=hint,
        error_messages={
            "required": f"Enter {label.lower()}",
            "invalid": f"{label} must be a number, like 7 or 7.5",
            "min_value": f"{label} must be {lowest}%% or more",
            "max_value": f"{label} must be {highest}%% or less",
            "max_digits": f"{label} must be a percentage, like 7.5",
            "max_decimal_places": f"{label} must have no more than 1 decimal place",
        },
    )


class DeficitForm(forms.Form):
    """The scenario of the deficit projection (read from the page's query string)."""

    allocation_growth = _percent(
        "Allocation growth a year", 7, -50, 100, "As a percentage: 7 for 7% a year."
    )
    spend_growth = _percent("Spend growth a year", 10, -50, 100, "As a percentage.")
    write_off = forms.ChoiceField(
        label="Write off part of the deficit at 31 March 2026?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        initial="yes",
        error_messages={"required": "Select whether part of the deficit is written off"},
    )
    write_off_share = _percent(
        "Share written off",
        90,
        0,
        100,
        "The High Needs Stability Grant writes off 90% on approval of the Local SEND Reform Plan.",
    )
    opening_deficit = PoundsField(
        label="Deficit before the ledger's first year, in pounds",
        initial=0,
        min_value=Decimal(-(10**11)),
        max_value=Decimal(10**11),
        max_digits=14,
        decimal_places=2,
        help_text="The cumulative DSG deficit carried into the ledger's first year.",
        error_messages={
            "required": "Enter the deficit before the ledger's first year (0 for none)",
            "invalid": "The deficit must be an amount in pounds, like 1500000",
            "min_value": "The deficit must be under £100 billion",
            "max_value": "The deficit must be under £100 billion",
            "max_digits": "The deficit must be under £100 billion",
            "max_decimal_places": "The deficit must have no more than 2 decimal places",
        },
    )
    years = forms.TypedChoiceField(
        label="Years to project",
        choices=[(n, str(n)) for n in range(1, 11)],
        coerce=int,
        initial=5,
        error_messages={"invalid_choice": "Select how many years to project"},
    )

    demand = forms.ChoiceField(
        label="Savings from a demand scenario",
        required=False,
        help_text="Spend growing by the baseline forecast's cost growth and by the "
        "scenario's, side by side.",
        error_messages={"invalid_choice": "Select a demand scenario with a forecast"},
    )

    def __init__(self, *args: Any, demand: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["demand"].choices = [("", "None"), *demand]

    @classmethod
    def from_query(cls, query: Any, demand: Sequence[tuple[str, str]] = ()) -> DeficitForm:
        """Bound to the query string when it has any field, else unbound (the defaults).
        ``demand``: the scenarios with a stored forecast, (name, title)."""
        if any(name in query for name in cls.base_fields):
            # A field the query leaves out takes its default, as on the unbound form (a
            # link naming only the demand scenario, say), rather than "This field is
            # required".
            data = {
                name: field.initial
                for name, field in cls.base_fields.items()
                if field.initial is not None
            }
            data.update({name: query[name] for name in cls.base_fields if name in query})
            return cls(data, demand=demand)
        return cls(demand=demand)

    def values(self) -> dict[str, Any]:
        """The scenario: the form's cleaned values, or its defaults when unbound."""
        if self.is_bound:
            return dict(self.cleaned_data)
        return {name: field.initial for name, field in self.fields.items()}


class AllocationForm(forms.Form):
    """A financial year's DSG High Needs block allocation and where it comes from."""

    year = forms.TypedChoiceField(
        label="Financial year",
        coerce=int,
        error_messages={
            "required": "Select the financial year",
            "invalid_choice": "Select the financial year",
        },
    )
    amount = PoundsField(
        label="High Needs block allocation, in pounds",
        min_value=Decimal("0.01"),
        max_value=Decimal(10**10) - Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        help_text="The high needs block as DfE's allocation gives it, like 61250000.",
        error_messages={
            "required": "Enter the allocation in pounds",
            "invalid": "The allocation must be an amount in pounds, like £61,250,000",
            "min_value": "The allocation must be more than £0",
            "max_value": "The allocation must be under £10 billion",
            "max_digits": "The allocation must be under £10 billion",
            "max_decimal_places": "The allocation must have no more than 2 decimal places",
        },
    )
    source = forms.CharField(
        label="Source",
        max_length=200,
        help_text="The publication the figure comes from, like “DfE DSG allocations 2026-27”.",
        error_messages={
            "required": "Enter where the figure comes from",
            "max_length": "The source must be 200 characters or fewer",
        },
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Select a year"), *((y, fy_label(y)) for y in years)]


def asked_year(text: str, years: list[int]) -> int | None:
    """The financial year ``?year=`` names, if it is one of ``years``: four ASCII digits
    only (a superscript digit or a number of 5,000 digits is no year)."""
    if len(text) == 4 and text.isascii() and text.isdigit() and int(text) in years:
        return int(text)
    return None

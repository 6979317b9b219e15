"""Forms of the performance pages: the quarter a page is for, a KPI's status, commentary,
trajectory and recorded values, and the quarterly report's quarter. The actions in
``senda.performance`` (``trajectories``, ``recorded``) validate again and may raise
``ActionError``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from senda.performance import periods, recorded, report, trajectories
from senda.performance.catalogue.entry import Entry
from senda.performance.periods import Period
from senda.performance.status_rule import LABELS, Point
from senda.web.forms.errors import show_action_error
from senda.web.forms.fields import GovUKDateField, WholeNumberField

ROWS = range(1, trajectories.MAX_POINTS + 1)


class QuarterForm(forms.Form):
    """A GET form choosing the quarter a page is for."""

    quarter = forms.ChoiceField(label="Quarter")

    def __init__(self, *args: Any, quarters: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q.key, q.long_label) for q in quarters]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        widget=forms.RadioSelect,
        choices=list(LABELS.items()),
        error_messages={"required": "Choose a status", "invalid_choice": "Choose a status"},
    )
    reason = forms.CharField(
        label="Why this status",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Boards read this beside the status. Say what the figure does not show.",
        error_messages={"required": "Enter why the status differs from the derived one"},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentaryForm(forms.Form):
    text = forms.CharField(
        label="Analysis and mitigations",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the figure shows, why, and what is being done. The quarterly report "
        "prints it. A new entry replaces the last for the quarter; every entry is kept.",
        error_messages={"required": "Enter the analysis and mitigations"},
    )


def _number(label: str, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a number, like 42.5",
            "max_digits": f"The {label.lower()} is too large",
            "max_decimal_places": f"The {label.lower()} can have at most 2 decimal places",
            "max_whole_digits": f"The {label.lower()} is too large",
        },
    )


class TrajectoryForm(forms.Form):
    """Baseline, tolerance and six rows of milestones and targets (``point_<n>_<part>``),
    filled from the top; a blank row is left out."""

    baseline_value = _number("Baseline value")
    baseline_on = GovUKDateField(
        label="Date of the baseline",
        help_text="The day the baseline figure stood on. For example, 31 12 2024",
        error_messages={"required": "Enter the date of the baseline"},
    )
    baseline_note = forms.CharField(
        label="About the baseline (optional)",
        required=False,
        max_length=200,
        help_text="For example, calendar year 2024",
    )
    tolerance = _number("Tolerance")

    def __init__(self, *args: Any, entry: Entry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = "percentage points" if entry.is_rate else entry.unit
        self.fields[
            "tolerance"
        ].help_text = f"How far behind the trajectory still counts as close, in {unit}."
        for n in ROWS:
            self.fields[f"point_{n}_on"] = GovUKDateField(
                label=f"Date of point {n}", required=False
            )
            self.fields[f"point_{n}_low"] = _number(f"Value of point {n}", required=False)
            self.fields[f"point_{n}_high"] = _number(f"Top of range of point {n}", required=False)
            self.fields[f"point_{n}_kind"] = forms.ChoiceField(
                label=f"Milestone or target {n}",
                choices=[("milestone", "Milestone"), ("target", "Target")],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"point_{n}_note"] = forms.CharField(
                label=f"Note on point {n} (optional)", required=False, max_length=200
            )
            self.fields[f"point_{n}_high"].help_text = "Only for a range, like 70 to 75."

    def rows(self) -> list[list[Any]]:
        """The bound fields of each point row, for the template."""
        parts = ("on", "low", "high", "kind", "note")
        return [[self[f"point_{n}_{part}"] for part in parts] for n in ROWS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        blank_before = 0
        for n in ROWS:
            filled = [data.get(f"point_{n}_{p}") for p in ("on", "low", "high", "note")]
            if not any(v not in (None, "") for v in filled) and not self._errors_in(n):
                blank_before = blank_before or n
                continue
            if blank_before:
                self.add_error(f"point_{n}_on", f"Fill in point {blank_before} before point {n}")
                continue
            if data.get(f"point_{n}_on") is None and f"point_{n}_on" not in self.errors:
                self.add_error(f"point_{n}_on", f"Enter the date of point {n}")
            if data.get(f"point_{n}_low") is None and f"point_{n}_low" not in self.errors:
                self.add_error(f"point_{n}_low", f"Enter the value of point {n}")
        return data

    def _errors_in(self, n: int) -> bool:
        return any(name.startswith(f"point_{n}_") for name in self.errors)

    def points(self) -> list[Point]:
        data, found = self.cleaned_data, []
        for n in ROWS:
            on, low = data.get(f"point_{n}_on"), data.get(f"point_{n}_low")
            if on is None or low is None:
                continue
            high, note = data.get(f"point_{n}_high"), data.get(f"point_{n}_note") or ""
            if data.get(f"point_{n}_kind") == "target":
                found.append(Point(on, low, high, "target", note))
            else:
                found.append(Point(on, low, high, "milestone", note))
        return found


class ReportQuarterForm(forms.Form):
    """The quarter a report is for: those with figures, the one running marked so."""

    quarter = forms.ChoiceField(label="Quarter")

    def __init__(self, day: date, chosen: Period) -> None:
        super().__init__({"quarter": chosen.key})
        choices = report.quarters.choices(day)
        if chosen not in choices:
            choices.append(chosen)
        current = report.quarters.current(day)
        self.fields["quarter"].choices = [
            (q.key, f"{q.long_label}{' – in progress' if q == current else ''}") for q in choices
        ]


class RecordForm(forms.Form):
    """A KPI's value for a period, with its evidence (``senda.performance.recorded``)."""

    period = forms.ChoiceField(label="Period", error_messages={"required": "Choose the period"})
    value = forms.CharField(label="Value", required=False, max_length=20)
    numerator = WholeNumberField(
        label="Numerator",
        required=False,
        min_value=0,
        error_messages={
            "invalid": "Enter the numerator as a whole number",
            "min_value": "The numerator must be 0 or more",
            "max_value": "The numerator must be 2,147,483,647 or less",
        },
    )
    denominator = WholeNumberField(
        label="Denominator",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter the denominator as a whole number",
            "min_value": "The denominator must be 1 or more",
            "max_value": "The denominator must be 2,147,483,647 or less",
        },
    )
    evidence = forms.CharField(
        label="Evidence",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Where the figure comes from: the survey, register or report, and its date.",
    )
    evidence_url = forms.CharField(
        label="Link to the evidence (optional)",
        required=False,
        max_length=200,
        help_text="A web address starting https://, if the evidence is online.",
    )

    def __init__(
        self,
        *args: Any,
        entry: Entry,
        choices: list[periods.Period],
        today: date,
        la: Any = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.entry, self.today, self.la = entry, today, la
        self.fields["period"].choices = [(p.key, p.long_label) for p in choices]
        self.fields["value"].label, self.fields["value"].help_text = _value_words(entry)
        self.fields["value"].widget.attrs.update({"inputmode": "decimal", "spellcheck": "false"})
        if entry.is_rate:
            self.fields["numerator"].help_text = entry.numerator
            self.fields["denominator"].help_text = entry.denominator
        else:
            del self.fields["numerator"], self.fields["denominator"]
        for name in ("numerator", "denominator"):
            if name in self.fields:
                self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean(self) -> dict[str, Any]:
        """Every problem the action would find, shown at once (the action checks again)."""
        data = super().clean() or {}
        if "period" not in data:
            return data
        figures = ("value", "numerator", "denominator")
        unreadable = any(name in self.errors for name in figures)
        found = recorded.problems(
            kpi_id=self.entry.id,
            period=periods.parse(data["period"]),
            value=(data.get("value") or "").strip() or None,
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
            evidence=data.get("evidence", ""),
            evidence_url=data.get("evidence_url", ""),
            today=self.today,
            la=self.la,
        )
        for problem in found:
            if problem.field in self.errors or (unreadable and problem.field in figures):
                continue  # the field's own error says it already
            show_action_error(self, problem)
        return data


def _value_words(entry: Entry) -> tuple[str, str]:
    if entry.is_rate:
        return (
            "Percentage (optional if you give the numerator and denominator)",
            "A number from 0 to 100, like 42.5. Leave it empty to work it out from the "
            "numerator and denominator below.",
        )
    if entry.unit == "pounds":
        return ("Value in pounds", f"{entry.numerator}. Below zero for a surplus.")
    if entry.unit == "count":
        return ("Value", f"{entry.numerator}: a whole number.")
    return (f"Value in {entry.unit}", entry.numerator)

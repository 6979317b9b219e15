"""Forms of the QA framework pages: a draft's name, thresholds and cap; a domain; a
criterion. The actions (``senda.quality.frameworks``) validate again and may raise
``ActionError``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from senda.quality.frameworks import (
    CITATION_MAX,
    GOOD_MAX,
    NAME_MAX,
    SECTIONS_MAX,
    TEXT_MAX,
)
from senda.quality.models import Grade


def _threshold(label: str, hint: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=hint,
        max_digits=4,
        decimal_places=3,
        min_value=Decimal("0.001"),
        max_value=Decimal(1),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a number between 0 and 1, like 0.7",
            "max_value": "A threshold can be no more than 1 (every criterion met)",
            "min_value": "A threshold must be more than 0",
            "max_digits": "Enter a number between 0 and 1 with up to 3 decimal places",
            "max_decimal_places": "Enter a number with up to 3 decimal places",
            "max_whole_digits": "A threshold can be no more than 1 (every criterion met)",
        },
    )


def _weight() -> forms.DecimalField:
    return forms.DecimalField(
        label="Weight",
        help_text="How much it counts beside the others: more than 0, up to 100 (1 is usual).",
        max_digits=5,
        decimal_places=2,
        initial=Decimal(1),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the weight",
            "invalid": "Enter the weight as a number, like 1 or 2.5",
            "max_digits": "The weight must be more than 0 and no more than 100",
            "max_whole_digits": "The weight must be more than 0 and no more than 100",
            "max_decimal_places": "Enter the weight with up to 2 decimal places",
        },
    )


def _text(label: str, limit: int, *, required: bool = True, **extra: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "max_length": f"The {label.lower()} must be {limit} characters or fewer",
        },
        **extra,
    )


class FrameworkForm(forms.Form):
    name = _text("Name", NAME_MAX)
    outstanding_from = _threshold(
        "Outstanding from",
        "The share of criteria met, 0 to 1, at or above which a plan is Outstanding.",
    )
    good_from = _threshold("Good from", "At or above this share (and below Outstanding): Good.")
    requires_improvement_from = _threshold(
        "Requires improvement from",
        "At or above this share (and below Good): Requires improvement. Below it: Inadequate.",
    )
    statutory_cap = forms.TypedChoiceField(
        label="Highest grade when a legal requirement is not met",
        choices=[(str(v), label) for v, label in Grade.choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the highest grade",
            "invalid_choice": "Choose the highest grade",
        },
    )


class DomainForm(forms.Form):
    name = _text("Name", NAME_MAX)
    sections = _text(
        "Plan sections it reads",
        SECTIONS_MAX,
        required=False,
        help_text="Letters separated by spaces, for example 'F G H1 H2'.",
    )
    weight = _weight()
    is_outcomes = forms.BooleanField(
        label="Its grade is the plan's outcome quality grade", required=False
    )


class CriterionForm(forms.Form):
    text = _text("Criterion", TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    good_looks_like = _text(
        "What good looks like", GOOD_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    weight = _weight()
    statutory = forms.BooleanField(
        label="A legal requirement (not met caps the grade)", required=False
    )
    citation = _text(
        "The law that requires it",
        CITATION_MAX,
        required=False,
        help_text="For example 'SEND Regulations 2014 reg 12(1)(e)'.",
    )

    def __init__(self, *args: Any, domains: list[tuple[str, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        if domains is not None:
            self.fields = {
                "domain": forms.ChoiceField(
                    label="Domain",
                    choices=domains,
                    error_messages={
                        "required": "Choose the domain",
                        "invalid_choice": "Choose the domain",
                    },
                ),
                **self.fields,
            }

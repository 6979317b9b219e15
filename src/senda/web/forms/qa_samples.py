"""Forms for samples of plans for audit (``web/views/qa_samples.py``): draw a sample for a
month or a term, and add a plan on purpose. The action (``quality.samples``) checks again
and may raise ``ActionError``."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from senda.clock.counting import add_months
from senda.people.school_year import academic_year_start
from senda.quality.report import Term, term_of
from senda.quality.sampling import FACET_NAMES, FACETS, period_share
from senda.web.forms.fields import WholeNumberField

PERCENT = re.compile(r"^\d{1,3}(\.\d{1,2})?$")  # the length is capped before matching
CASE_REF = re.compile(r"^R-?(\d{1,10})$", re.IGNORECASE)
#: Terms offered: this academic year's and next year's (the terms of the termly QA
#: report, ``quality.report.term_of``: autumn September–December, spring January–March,
#: summer April–August).
TERMS_OFFERED = 6


class PercentField(forms.Field):
    """A percentage as typed ("5", "4.5", "50%"): 0 to 100, at most two decimals, checked on
    the text before any arithmetic."""

    def __init__(self, *, allow_zero: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.allow_zero = allow_zero

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip().removesuffix("%").strip()
        if not text:
            return None
        what = str(self.label)
        if len(text) > 10 or not (text.isascii() and PERCENT.match(text)):
            raise ValidationError(f"{what} must be a percentage, like 5 or 4.5")
        percent = Decimal(text)
        low = 0 if self.allow_zero else Decimal("0.01")
        if not low <= percent <= 100:
            raise ValidationError(f"{what} must be between {low} and 100")
        return percent


def terms_from(today: date) -> list[Term]:
    """The terms of this academic year and the next, in order (``quality.report.term_of``),
    the first being the one holding the academic year's first day (1 September)."""
    terms = [term_of(date(academic_year_start(today), 9, 1))]
    while len(terms) < TERMS_OFFERED:
        terms.append(term_of(terms[-1].end + timedelta(days=1)))
    return terms


def term_label(term: Term) -> str:
    """``Spring term 2027 (January to March)``."""
    season, _, year = term.name.partition(" ")
    return f"{season} term {year} ({term.start:%B} to {term.end:%B})"


def period_choices(today: date) -> list[tuple[str, str]]:
    """Months from last month to eleven months ahead, then this academic year's and next
    year's terms: ``month-2026-12`` and ``term-2027-01-01`` (a term by its first day)."""
    months = []
    for step in range(-1, 12):
        first = add_months(today.replace(day=1), step)
        months.append((f"month-{first:%Y-%m}", f"{first:%B %Y}"))
    terms = [(f"term-{term.start.isoformat()}", term_label(term)) for term in terms_from(today)]
    return months + terms


def period_dates(value: str) -> tuple[date, date, int]:
    """The first and last days of a ``period_choices`` value, and its months."""
    kind, rest = value.split("-", 1)
    if kind == "month":
        year, month = rest.split("-")
        first = date(int(year), int(month), 1)
        return first, first.replace(day=monthrange(first.year, first.month)[1]), 1
    term = term_of(date.fromisoformat(rest))
    months = (term.end.year - term.start.year) * 12 + term.end.month - term.start.month + 1
    return term.start, term.end, months


class SampleForm(forms.Form):
    label = forms.CharField(
        label="Name of the sample",
        max_length=100,
        help_text="For example, December 2026",
        error_messages={
            "required": "Enter a name for the sample",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    period = forms.ChoiceField(
        label="Period",
        help_text="A month, or a term (the terms of the termly QA report)",
        error_messages={
            "required": "Choose the period",
            "invalid_choice": "Choose the period from the list",
        },
    )
    yearly_share = PercentField(
        label="Share of live plans to audit in a year (%)",
        allow_zero=False,
        initial="5",
        help_text="The period's share is worked out from it: 5% a year is about 0.42% a month",
        error_messages={"required": "Enter the share of plans to audit in a year"},
    )
    review_share = PercentField(
        label="Share of the sample with a recent annual review (%)",
        initial="50",
        help_text="A review meeting in the last 12 months",
        error_messages={"required": "Enter the share of the sample with a recent review"},
    )
    exclude_months = WholeNumberField(
        label="Leave out plans audited in the last (months)",
        min_value=0,
        max_value=120,
        initial=12,
        error_messages={"required": "Enter how many months to look back for audits"},
    )
    strata = forms.MultipleChoiceField(
        label="Stratify by",
        choices=[(facet, FACET_NAMES[facet]) for facet in FACETS],
        required=False,
        initial=list(FACETS),
        help_text="Each group gets its share of the sample. Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only from the list"},
    )
    another = forms.BooleanField(
        label="Draw another sample for this period",
        required=False,
        help_text="Only when the area already has a sample for this period, or part of it",
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = period_choices(today)
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.initial = choices[1][0]

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        start, end, months = period_dates(data["period"])
        yearly = data["yearly_share"] / 100
        share = min(Decimal(1), Decimal(str(period_share(float(yearly), months))))
        return {
            "label": data["label"],
            "period_start": start,
            "period_end": end,
            "share": share,
            "review_share": data["review_share"] / 100,
            "exclude_months": data["exclude_months"],
            "strata": tuple(data["strata"]),
            "another": bool(data.get("another")),
        }


class PurposiveForm(forms.Form):
    case_ref = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="For example, R-1234",
        error_messages={
            "required": "Enter the case reference",
            "max_length": "Enter a case reference like R-1234",
        },
    )
    reason = forms.CharField(
        label="Why is this plan added?",
        max_length=280,
        help_text="For example, thematic audit of post-16 plans, or complaint-led",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the plan is added",
            "max_length": "The reason must be 280 characters or fewer",
        },
    )

    def clean_case_ref(self) -> int:
        match = CASE_REF.match(self.cleaned_data["case_ref"].strip())
        if match is None or int(match.group(1)) > 2**31 - 1:
            raise ValidationError("Enter a case reference like R-1234")
        return int(match.group(1))

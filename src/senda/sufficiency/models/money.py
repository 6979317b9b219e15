"""The High Needs ledger: an area's budget lines, their annual budgets (financial years,
April to March) and monthly actuals, as imported from the council's finance system
(``senda.sufficiency.ledger``); the column mappings saved for its imports, and a row for
every import. Money only: nothing here names a child.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models

from senda.sufficiency.s251 import CATEGORIES, S251_LINES, financial_year, fy_label

CATEGORY_CHOICES = [(key, c.label) for key, c in CATEGORIES.items()]
S251_CHOICES = [("", "Not a section 251 high-needs line"), *((k, k) for k in S251_LINES)]


class BudgetLineQuerySet(models.QuerySet["BudgetLine"]):
    def of_area(self, la_id: int) -> BudgetLineQuerySet:
        return self.filter(la_id=la_id)


class BudgetLine(models.Model):
    """One line of the area's High Needs budget, as the finance system codes it."""

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="budget_lines"
    )
    code = models.CharField(max_length=30, help_text="The finance system's code for the line.")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=30, choices=CATEGORY_CHOICES)
    s251 = models.CharField(
        "section 251 line", max_length=10, choices=S251_CHOICES, blank=True, default=""
    )

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["la_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["la", "code"], name="budget_line_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category].label if self.category in CATEGORIES else self.category


class Budget(models.Model):
    """A line's budget for one financial year (``year``: the year it starts, 2025 = 2025-26)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["line_id", "year"]
        constraints = [models.UniqueConstraint(fields=["line", "year"], name="budget_unique_year")]

    def __str__(self) -> str:
        return f"{self.line_id} {fy_label(self.year)}: {self.amount}"


class ActualQuerySet(models.QuerySet["Actual"]):
    def of_area(self, la_id: int) -> ActualQuerySet:
        return self.filter(line__la_id=la_id)

    def by_line_and_year(self) -> dict[tuple[int, int], Decimal]:
        """Spend summed by (line id, financial year)."""
        totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
        for line_id, month, amount in self.values_list("line_id", "month", "amount"):
            totals[(line_id, financial_year(month))] += amount
        return dict(totals)

    def last_month(self) -> date | None:
        """The latest month with an actual, if any."""
        return self.aggregate(last=models.Max("month"))["last"]


class Actual(models.Model):
    """What a line spent in one month (``month``: its first day)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="actuals")
    month = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    objects = ActualQuerySet.as_manager()

    class Meta:
        ordering = ["line_id", "month"]
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="actual_unique_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="actual_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.line_id} {self.month:%Y-%m}: {self.amount}"


class LedgerKind(models.TextChoices):
    ACTUALS = "actuals", "Monthly actuals"
    BUDGETS = "budgets", "Annual budgets"


class LedgerMapping(models.Model):
    """A saved choice of which of a file's columns holds each field of an import, so the
    finance system's export can be imported again without choosing them."""

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.CASCADE, related_name="ledger_mappings"
    )
    kind = models.CharField(max_length=10, choices=LedgerKind.choices)
    name = models.CharField(max_length=100)
    columns = models.JSONField(help_text="Field → the file's column heading.")

    class Meta:
        ordering = ["la_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["la", "kind", "name"], name="ledger_mapping_unique")
        ]

    def __str__(self) -> str:
        return self.name


class LedgerImport(models.Model):
    """One import of the ledger: who, when, which file and what it held."""

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="ledger_imports"
    )
    kind = models.CharField(max_length=10, choices=LedgerKind.choices)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    total = models.DecimalField(max_digits=16, decimal_places=2)
    created_lines = models.PositiveIntegerField(default=0)
    scan = models.CharField(
        max_length=10, blank=True, help_text="The virus scan's verdict on an upload (page only)."
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} from {self.filename}"


class AllocationQuerySet(models.QuerySet["Allocation"]):
    def of_area(self, la_id: int) -> AllocationQuerySet:
        return self.filter(la_id=la_id)

    def by_year(self) -> dict[int, Decimal]:
        """``{financial year: amount}``."""
        return dict(self.values_list("year", "amount"))


class Allocation(models.Model):
    """The area's Dedicated Schools Grant High Needs block allocation for one financial
    year (``year``: the year it starts, 2025 = 2025-26), as DfE published it: what the
    deficit projection sets spend against. The budget is the council's own spending plan
    and may differ. Recording a year again replaces its figure (the audit log keeps the
    last)."""

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="hn_allocations"
    )
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(
        max_length=200, help_text='Where the figure comes from: "DfE DSG allocations 2026-27".'
    )
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["la_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["la", "year"], name="allocation_unique_year")
        ]

    def __str__(self) -> str:
        return f"{fy_label(self.year)}: {self.amount}"

    @property
    def label(self) -> str:
        return fy_label(self.year)

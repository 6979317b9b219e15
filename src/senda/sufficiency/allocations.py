"""Recording the area's DSG High Needs block allocation for a financial year: the grant the
deficit projection sets spend against (docs/money.md). A finance officer of the area
records it from DfE's published allocations; recording a year again replaces its figure.

    record_allocation(la=la, year=2026, amount=Decimal("61250000"),
                      source="DfE DSG allocations 2026-27", by=user)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from senda import audit, kernel
from senda.kernel import ActionError
from senda.people.models import LocalAuthority
from senda.sufficiency.ledger import may_edit_ledger
from senda.sufficiency.models import Allocation
from senda.sufficiency.s251 import fy_label

__all__ = ["FIRST_YEAR", "MOST", "record_allocation"]

#: The DSG began in 2006-07: no allocation is for a year before it.
FIRST_YEAR = 2006
#: An allocation is under £10 billion (England's whole High Needs block is about £12bn).
MOST = Decimal(10**10)


def record_allocation(
    *, la: LocalAuthority, year: int, amount: Decimal, source: str, by: Any
) -> Allocation:
    """Record ``la``'s High Needs allocation for financial ``year`` (replacing any figure
    for it). Finance officers of the area only; the year from 2006-07 to two years ahead;
    the amount above nought and under £10 billion, in pounds and pence; the source named.
    Audited with the year and both figures."""
    if not may_edit_ledger(by, la):
        raise PermissionDenied("Only a finance officer of the area may record its allocation.")
    latest = kernel.today().year + 2
    if not FIRST_YEAR <= year <= latest:
        raise ActionError(
            "year", f"The financial year must be from {fy_label(FIRST_YEAR)} to {fy_label(latest)}"
        )
    if not Decimal(0) < amount < MOST:
        raise ActionError("amount", "The allocation must be more than £0 and under £10 billion")
    if amount != amount.quantize(Decimal("0.01")):
        raise ActionError("amount", "The allocation must be in pounds and pence, like 61250000.50")
    source = kernel.required_text(source, "source", "Enter where the figure comes from")
    if len(source) > 200:
        raise ActionError("source", "The source must be 200 characters or fewer")
    with transaction.atomic():
        before = Allocation.objects.filter(la=la, year=year).first()
        row, _ = Allocation.objects.update_or_create(
            la=la,
            year=year,
            defaults={
                "amount": amount,
                "source": source,
                "recorded_on": kernel.today(),
                "recorded_by": by,
            },
        )
        was = f" (was {before.amount})" if before is not None else ""
        audit.record(
            user=by,
            verb="write",
            obj=row,
            summary=f"high needs allocation {fy_label(year)} = {amount}{was}",
        )
    return row

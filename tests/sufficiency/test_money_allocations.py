"""The DSG High Needs allocation: recorded by a finance officer (validated, audited) and
set against spend by the deficit projection, apart from the budget."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.sufficiency import spend
from senda.sufficiency.allocations import record_allocation
from senda.sufficiency.models import Allocation
from tests.sufficiency.ledger_factories import make_ledger

pytestmark = pytest.mark.django_db
SOURCE = "DfE DSG allocations 2024-25"


def test_it_records_an_allocation_and_audits_it(personas) -> None:
    row = record_allocation(
        la=personas.la, year=2024, amount=Decimal("1000000"), source=SOURCE,
        by=personas.finance_officer,
    )  # fmt: skip
    assert row.recorded_by == personas.finance_officer and row.source == SOURCE
    entry = AuditEntry.objects.get(object_id=str(row.pk), verb="write")
    assert entry.summary == "high needs allocation 2024-25 = 1000000"


def test_recording_a_year_again_replaces_it_and_the_audit_says_what_it_was(personas) -> None:
    for amount in ("1000000", "1100000.50"):
        record_allocation(
            la=personas.la, year=2024, amount=Decimal(amount), source=SOURCE,
            by=personas.finance_officer,
        )  # fmt: skip
    assert Allocation.objects.get(la=personas.la, year=2024).amount == Decimal("1100000.50")
    assert AuditEntry.objects.filter(summary__endswith="(was 1000000.00)").count() == 1


@pytest.mark.parametrize(
    ("year", "amount", "source", "field"),
    [
        (2024, "0", SOURCE, "amount"),
        (2024, "-5", SOURCE, "amount"),
        (2024, "10000000000", SOURCE, "amount"),
        (2024, "1.005", SOURCE, "amount"),
        (2005, "1000", SOURCE, "year"),
        (2099, "1000", SOURCE, "year"),
        (2024, "1000", "   ", "source"),
        (2024, "1000", "x" * 201, "source"),
    ],
)
def test_it_refuses_what_is_no_allocation(personas, year, amount, source, field) -> None:
    with pytest.raises(ActionError) as refused:
        record_allocation(
            la=personas.la, year=year, amount=Decimal(amount), source=source,
            by=personas.finance_officer,
        )  # fmt: skip
    assert refused.value.field == field
    assert not Allocation.objects.exists()


def test_only_a_finance_officer_of_the_area_records_one(personas) -> None:
    with pytest.raises(PermissionDenied):
        record_allocation(
            la=personas.la, year=2024, amount=Decimal(1), source=SOURCE,
            by=personas.service_manager,
        )  # fmt: skip


def test_the_projection_sets_spend_against_the_allocation_not_the_budget(personas) -> None:
    make_ledger(personas.la)  # 2024-25: budget £1,260,000, spent £1,392,000
    (budgeted,) = spend.known_years(personas.la.pk)
    assert budgeted.allocation == Decimal(1_260_000) and budgeted.budgeted
    record_allocation(
        la=personas.la, year=2024, amount=Decimal(1_000_000), source=SOURCE,
        by=personas.finance_officer,
    )  # fmt: skip
    record_allocation(
        la=personas.la, year=2025, amount=Decimal(1_050_000), source="DfE 2025-26",
        by=personas.finance_officer,
    )  # fmt: skip
    (known,) = spend.known_years(personas.la.pk)
    assert (known.allocation, known.spend, known.budgeted) == (1_000_000, 1_392_000, False)
    assert spend.allocations_ahead(personas.la.pk, [known]) == {2025: Decimal(1_050_000)}

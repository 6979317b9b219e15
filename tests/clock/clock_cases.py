"""Small builders shared by the clock tests (not a test module)."""

from __future__ import annotations

from datetime import date

from senda.clock import Deadline, Event


def d(text: str) -> date:
    return date.fromisoformat(text)


def ev(event_type: str, on: str, /, **fields: object) -> Event:
    """``ev("assess_decision", "2026-02-10", outcome="assess")``."""
    for name in ("last_review", "move_date"):
        if name in fields and isinstance(fields[name], str):
            fields[name] = d(fields[name])
    if "applies_to" in fields and isinstance(fields["applies_to"], list):
        fields["applies_to"] = tuple(fields["applies_to"])
    return Event(event_type, d(on), **fields)  # type: ignore[arg-type]


def of(rows: list[Deadline], rule: str) -> list[Deadline]:
    return [row for row in rows if row.rule == rule]


def one(rows: list[Deadline], rule: str) -> Deadline:
    found = of(rows, rule)
    assert len(found) == 1, f"expected one {rule} row, got {found}"
    return found[0]


def rules(rows: list[Deadline]) -> set[str]:
    return {row.rule for row in rows}

"""docs/kpi-status.md states the rule the code applies: its tables are read and checked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from senda.performance.status_rule import LABELS, RULE, Plan, Point, derive, expected

DOC = Path(__file__).resolve().parents[2] / "docs" / "kpi-status.md"


def _table(heading: str) -> list[list[str]]:
    """The rows of the first table after ``heading`` (cells stripped of backticks)."""
    lines = DOC.read_text().split(heading, 1)[1].splitlines()
    rows = [line for line in lines if line.startswith("|")]
    block: list[list[str]] = []
    started = False
    for line in lines:
        if line.startswith("|"):
            started = True
            block.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
        elif started:
            break
    assert rows, f"no table under {heading!r}"
    return block[2:]  # header and ruler


def test_it_states_the_rule_in_the_codes_order_and_words() -> None:
    rows = _table("## The rule")
    assert [(row[1], row[3]) for row in rows] == list(RULE)
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(RULE) + 1)]
    assert {row[1]: row[2] for row in rows} == LABELS


def test_its_worked_examples_give_the_codes_statuses() -> None:
    reviews = Plan(
        baseline_value=Decimal(25),
        baseline_on=date(2024, 12, 31),
        points=(
            Point(date(2026, 9, 30), Decimal(40)),
            Point(date(2027, 12, 31), Decimal(70), Decimal(75), "target"),
            Point(date(2028, 12, 31), Decimal(95), Decimal(100), "target"),
        ),
        tolerance=Decimal(5),
    )
    rows = _table("## Worked examples")
    assert len(rows) >= 6
    for on_text, value_text, expected_text, status in rows:
        on = date.fromisoformat(on_text)
        value = None if value_text == "none" else Decimal(value_text)
        assert expected(reviews, on) == Decimal(expected_text), on_text
        assert derive(reviews, value, on, True).status == status, (on_text, value_text)

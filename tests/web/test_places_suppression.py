"""Secondary suppression of the places register's counts of children (what a board member
sees): no count hidden for being small can be worked out from the register's three tables —
a kind's total, its localities, its settings — by subtraction (docs/suppression.md)."""

from __future__ import annotations

import itertools
import random
from types import SimpleNamespace

import pytest

from senda.sufficiency.capacity import Line
from senda.web.tables.places import Hidden, suppressed

pytestmark = pytest.mark.once


def line(locality: str, placed: int, provision: str = "special") -> Line:
    setting = SimpleNamespace(locality=locality, name=f"{locality} {placed}")
    return Line(setting, provision, 20, placed, None)  # type: ignore[arg-type]


def test_nothing_more_is_hidden_when_nothing_is_small() -> None:
    assert suppressed([line("North", 12), line("North", 9), line("South", 30)], 5) == Hidden()


def test_a_small_setting_beside_one_other_in_its_locality_hides_that_one_too() -> None:
    lines = [line("North", 3), line("North", 9), line("South", 30), line("South", 11)]
    hidden = suppressed(lines, 5)
    # North's total (12) less the shown 9 would give the 3: so the 9 goes; and then the
    # kind's total less the shown settings gives 3 + 9, two parts: safe.
    assert hidden.lines == {1}
    assert hidden.localities == set() and hidden.kinds == set()


def test_a_small_locality_hides_another_locality_and_the_settings_that_would_give_it() -> None:
    lines = [line("North", 2), line("South", 30), line("South", 11), line("East", 50)]
    hidden = suppressed(lines, 5)
    assert hidden.localities == {("South", "special")}  # 41, the smallest beside the 2
    assert hidden.lines == {2}  # South's 11: else 30 + 11 would give South's 41


def test_with_no_threshold_nothing_is_hidden() -> None:
    assert suppressed([line("North", 1), line("South", 30)], 0) == Hidden()


def recoverable(lines: list[Line], hidden: Hidden, below: int) -> bool:
    """Whether a reader could work out a hidden non-zero count: some sum of the three
    tables with exactly one unknown part (hidden, non-zero) whose total is shown."""
    places: dict[tuple[str, str], int] = {}
    for each in lines:
        key = (each.setting.locality, each.provision)
        places[key] = places.get(key, 0) + each.placed

    def off_line(i: int) -> bool:
        return 0 < lines[i].placed < below or i in hidden.lines

    def off_place(key: tuple[str, str]) -> bool:
        return 0 < places[key] < below or key in hidden.localities

    for kind in {each.provision for each in lines}:
        total = sum(each.placed for each in lines if each.provision == kind)
        if 0 < total < below or kind in hidden.kinds:
            continue
        unknown = [k for k in places if k[1] == kind and off_place(k)]
        if len(unknown) == 1 and places[unknown[0]]:
            return True
        unknown_lines = [
            i for i, each in enumerate(lines) if each.provision == kind and off_line(i)
        ]
        if len(unknown_lines) == 1 and lines[unknown_lines[0]].placed:
            return True
    for key, total in places.items():
        at = [i for i, each in enumerate(lines) if (each.setting.locality, each.provision) == key]
        unknown_lines = [i for i in at if off_line(i)]
        if not off_place(key) and len(unknown_lines) == 1 and lines[unknown_lines[0]].placed:
            return True
        if off_place(key) and not unknown_lines and total:
            return True  # a hidden locality that its shown settings add up to
    return False


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_count_can_be_worked_out_from_random_registers(seed: int) -> None:
    rng = random.Random(seed)
    lines = [
        line(
            rng.choice(["North", "South", "East"]), rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40]), kind
        )
        for kind, _ in itertools.product(["special", "unit"], range(rng.randint(1, 6)))
    ]
    hidden = suppressed(lines, 5)
    assert not recoverable(lines, hidden, 5), (lines, hidden)

"""senda.rows: many rows in one executemany, read back as bulk_create would have written them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from senda.casework.models import CaseEvent
from senda.rows import insert_rows, inserted_ids, update_rows
from tests.factories import Personas


def _steps(personas: Personas, n: int) -> list[CaseEvent]:
    return [
        CaseEvent(
            case=personas.case,
            type="request_received",
            on=date(2026, 1, 1 + i),
            outcome="yes" if i % 2 else "",
            applies_to=["R1", f"R{i}"] if i % 3 else None,
            last_review=date(2025, 12, 31) if i == 1 else None,
            source=2,
            recorded_by=personas.case_officer,
        )
        for i in range(n)
    ]


def test_it_writes_every_value_as_bulk_create_does(personas: Personas) -> None:
    before = timezone.now()
    fast, slow = _steps(personas, 5), _steps(personas, 5)
    assert insert_rows(fast) == 5
    CaseEvent.objects.bulk_create(slow)
    columns = [f.attname for f in CaseEvent._meta.concrete_fields if not f.primary_key]
    rows = list(CaseEvent.objects.order_by("pk").values_list(*columns))
    written, expected = rows[:5], rows[5:]
    at = columns.index("recorded_at")
    assert [r[:at] + r[at + 1 :] for r in written] == [r[:at] + r[at + 1 :] for r in expected]
    assert all(r[at] >= before for r in written)  # auto_now_add is filled
    assert written[2][columns.index("applies_to")] == ["R1", "R2"]  # JSON, not its text
    assert all(step.pk is None for step in fast)


def test_it_gives_the_rows_their_ids_when_asked(personas: Personas) -> None:
    insert_rows(_steps(personas, 2))  # earlier rows of the same case
    steps = _steps(personas, 4)
    insert_rows(steps, ids_where={"case": personas.case})
    assert [s.pk for s in steps] == sorted(s.pk for s in steps)
    for step in steps:
        assert CaseEvent.objects.get(pk=step.pk).on == step.on
        assert not step._state.adding
    assert inserted_ids(CaseEvent, 4, case=personas.case) == [s.pk for s in steps]


def test_it_says_when_fewer_rows_match_than_were_asked_for(personas: Personas) -> None:
    insert_rows(_steps(personas, 2))
    with pytest.raises(RuntimeError, match="found 2 rows of 3"):
        inserted_ids(CaseEvent, 3, case=personas.case)


def test_it_refuses_saved_rows_and_rows_of_another_model(personas: Personas) -> None:
    steps = _steps(personas, 1)
    steps[0].save()
    with pytest.raises(ValueError, match="already has an id"):
        insert_rows(steps)
    with pytest.raises(TypeError, match="is not a CaseEvent"):
        insert_rows([*_steps(personas, 1), personas.case])  # type: ignore[list-item]
    assert insert_rows([]) == 0


def test_it_updates_the_fields_named_and_no_others(personas: Personas) -> None:
    steps = _steps(personas, 3)
    insert_rows(steps, ids_where={"case": personas.case})
    for step in steps:
        step.on, step.outcome = date(2026, 2, 1), "changed"
    assert update_rows(steps, ["on"]) == 3
    assert set(CaseEvent.objects.values_list("on", "outcome")) == {
        (date(2026, 2, 1), ""),
        (date(2026, 2, 1), "yes"),
    }


def _attributes(row) -> dict:
    return {f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields}


@pytest.mark.parametrize("model", ["CaseEvent", "DeadlineRow", "KpiFact", "PlanSection"])
def test_unsaved_makes_the_row_the_model_makes(model) -> None:
    """Every concrete field as ``Model(**values)`` sets it (defaults too, a callable one
    called per row), unsaved, with no database touched."""
    from django.apps import apps

    from senda.rows import unsaved

    cls = next(m for m in apps.get_models() if m.__name__ == model)
    given = {"id": None}
    slow, fast = cls(**given), unsaved(cls, **given)
    assert type(fast) is cls and fast.pk is None and fast._state.adding
    made, want = _attributes(fast), _attributes(slow)
    assert made.keys() == want.keys()
    for name, value in want.items():
        if isinstance(value, datetime):  # a callable default (now): called a moment apart
            assert abs(made[name] - value).total_seconds() < 5, name
        else:
            assert made[name] == value, name


def test_unsaved_rows_are_written_as_made(personas: Personas, db) -> None:
    from senda.rows import unsaved

    rows = [
        unsaved(CaseEvent, case_id=personas.case.pk, type="request_received",
                on=date(2026, 1, 1 + i), source=2, recorded_by_id=personas.case_officer.pk)
        for i in range(3)
    ]  # fmt: skip
    assert rows[0].applies_to is None and rows[0].outcome == ""
    assert insert_rows(rows) == 3
    stored = CaseEvent.objects.filter(case=personas.case).order_by("on")
    assert [e.on for e in stored] == [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 3)]
    with pytest.raises(TypeError, match="no field case"):
        unsaved(CaseEvent, case=personas.case)  # a relation is given by its id

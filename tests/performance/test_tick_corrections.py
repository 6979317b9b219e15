"""senda tick after a correction: the stored days a correction can change are rebuilt (and
only those), the figures become what a clean history gives, and the mark is cleared unless
a correction marked the area again meanwhile."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from senda.casework import actions
from senda.casework.actions.corrections import correct_event, withdraw_event
from senda.casework.models import CaseEvent
from senda.casework.stale_facts import facts_stale, mark_facts_stale
from senda.performance import kpi_figures, tick
from senda.performance.models import KpiFact
from senda.performance.periods import containing
from tests.casework.flows import with_plan

pytestmark = pytest.mark.django_db

# The plan was issued on 3 March 2025, so its first annual review is due on 3 March 2026.
HELD = date(2026, 3, 2)  # on time, as first recorded
REALLY_HELD = date(2026, 4, 8)  # late, as corrected
FEBRUARY, MARCH, APRIL, MAY = (date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30),
                               date(2026, 5, 31))  # fmt: skip
TODAY = date(2026, 6, 1)
STORED = [FEBRUARY, MARCH, APRIL, MAY]


def facts(la, on: date) -> set[tuple]:
    return set(
        KpiFact.objects.filter(la=la, on=on).values_list(
            "kpi", "period", "period_start", "dimension", "member", "numerator",
            "denominator", "numerator_with_exceptions", "denominator_with_exceptions",
        )
    )  # fmt: skip


def computed_at(la) -> dict[date, set]:
    found: dict[date, set] = {}
    for on, at in KpiFact.objects.filter(la=la).values_list("on", "computed_at"):
        found.setdefault(on, set()).add(at)
    return found


def on_time(la, day: date) -> tuple:
    value = kpi_figures.value(la, "annual-review-on-time", containing(day, "month"))
    return (value.numerator, value.denominator)


def reviewed(personas) -> CaseEvent:
    """The personas' case with its review meeting recorded as held on time, and the
    months' facts stored as the nightly runs left them."""
    with_plan(personas.case, personas.case_officer)
    meeting = actions.record_review_meeting(
        case=personas.case, on=HELD, by=personas.case_officer, today=HELD
    )
    tick.run(personas.la, STORED, today=TODAY)
    return meeting


def corrected(personas, meeting: CaseEvent) -> CaseEvent:
    return correct_event(
        event=meeting,
        on=REALLY_HELD,
        reason="The meeting was postponed; the planned date was typed in",
        by=personas.team_manager,
        today=TODAY,
    )


def test_it_rebuilds_the_stored_days_from_the_correction_and_clears_the_mark(personas) -> None:
    la = personas.la
    meeting = reviewed(personas)
    assert on_time(la, MARCH) == (1, 1)
    corrected(personas, meeting)
    assert facts_stale(la.pk).since == HELD
    assert on_time(la, MARCH) == (1, 1)  # stored, not yet rebuilt
    before = computed_at(la)

    summary = tick.run(la, [TODAY], today=TODAY)

    assert summary.rebuilt == [MARCH, APRIL, MAY]
    assert summary.days == [MARCH, APRIL, MAY, TODAY]
    assert on_time(la, MARCH) == (0, 1)  # not held by 31 March: late
    overdue = kpi_figures.value(la, "overdue-reviews", containing(MARCH, "month"))
    assert overdue.numerator == 1
    assert computed_at(la)[FEBRUARY] == before[FEBRUARY]  # before the step: untouched
    assert facts_stale(la.pk) is None
    assert "3 past days rebuilt after corrections" in summary.line()


def test_it_leaves_the_figures_a_clean_history_gives(personas) -> None:
    la = personas.la
    corrected(personas, reviewed(personas))
    tick.run(la, [TODAY], today=TODAY)
    rebuilt = {day: facts(la, day) for day in STORED}

    KpiFact.objects.filter(la=la).delete()
    tick.run(la, [*STORED, TODAY], today=TODAY)

    assert {day: facts(la, day) for day in STORED} == rebuilt


def test_a_second_run_rebuilds_nothing_more(personas) -> None:
    la = personas.la
    corrected(personas, reviewed(personas))
    tick.run(la, [TODAY], today=TODAY)
    before = computed_at(la)
    stored = {day: facts(la, day) for day in STORED}

    summary = tick.run(la, [TODAY], today=TODAY)

    assert summary.rebuilt == [] and summary.days == [TODAY]
    after = computed_at(la)
    assert all(after[day] == before[day] for day in STORED)
    assert {day: facts(la, day) for day in STORED} == stored


def test_it_keeps_a_mark_made_while_it_runs(personas, monkeypatch) -> None:
    la = personas.la
    corrected(personas, reviewed(personas))
    read_records = tick.read_records

    def a_correction_meanwhile(area, **options):
        records = read_records(area, **options)
        mark_facts_stale(la.pk, since=APRIL)  # committed after the run read the cases
        return records

    monkeypatch.setattr(tick, "read_records", a_correction_meanwhile)
    assert tick.run(la, [TODAY], today=TODAY).rebuilt == [MARCH, APRIL, MAY]
    assert facts_stale(la.pk).since == HELD  # kept, to be rebuilt again

    monkeypatch.setattr(tick, "read_records", read_records)
    assert tick.run(la, [TODAY], today=TODAY).rebuilt == [MARCH, APRIL, MAY]
    assert facts_stale(la.pk) is None


def test_a_withdrawal_rebuilds_from_the_withdrawn_steps_day(personas) -> None:
    la = personas.la
    meeting = reviewed(personas)
    withdraw_event(
        event=meeting, reason="Recorded on the wrong case", by=personas.team_manager, today=TODAY
    )
    summary = tick.run(la, [TODAY], today=TODAY)
    assert summary.rebuilt == [MARCH, APRIL, MAY]
    assert on_time(la, MARCH) == (0, 1)


def test_it_rebuilds_only_the_days_it_holds_from_the_mark(personas) -> None:
    la = personas.la
    reviewed(personas)
    mark_facts_stale(la.pk, since=date(2026, 4, 1))
    assert tick.run(la, [TODAY], today=TODAY).rebuilt == [APRIL, MAY]
    mark_facts_stale(la.pk, since=date(2026, 6, 1))
    assert tick.run(la, [TODAY], today=TODAY).rebuilt == []  # today is ticked anyway
    assert facts_stale(la.pk) is None


def test_the_command_rebuilds_after_a_correction_for_an_explicit_day_too(
    personas, today_is
) -> None:
    la = personas.la
    corrected(personas, reviewed(personas))
    today_is(TODAY)
    out = StringIO()
    call_command("tick", "--la", la.code, "--date", "2026-04-30", stdout=out)
    # Every stored day from the mark: 31 May too, or clearing the mark would leave it stale.
    assert f"{la.code}: 3 days (2026-03-31 to 2026-05-31)" in out.getvalue()
    assert "2 past days rebuilt after corrections" in out.getvalue()
    assert on_time(la, MARCH) == (0, 1)
    assert facts_stale(la.pk) is None
    call_command("tick", "--la", la.code, "--date", "2026-04-30", stdout=out)
    assert out.getvalue().count("rebuilt after corrections") == 1

"""senda tick: facts per day, idempotent, rebuildable for a past day, and the refresh of
deadline rows that time made stale."""

from __future__ import annotations

import sys
import time
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from senda.audit.models import AuditEntry
from senda.casework.deadlines import refresh_deadlines
from senda.casework.models import Case, CaseEvent, DeadlineRow
from senda.people.models import Membership
from senda.performance import kpi_figures, tick
from senda.performance.management.commands.tick import history_days
from senda.performance.models import KpiFact
from senda.performance.periods import containing
from tests.factories import make_case, make_child, make_la, make_setting, make_user

pytestmark = pytest.mark.django_db

DAY = date(2026, 5, 31)


def add(case: Case, type: str, on: str, **fields) -> None:
    manager = Membership.objects.filter(la=case.la, role="team_manager").first()
    user = manager.user if manager else make_user("team_manager", case.la)
    CaseEvent.objects.create(case=case, type=type, on=date.fromisoformat(on), recorded_by=user,
                             **fields)  # fmt: skip


def area():
    """Three cases: final plans issued on time, late, and one with an exception."""
    la = make_la()
    officer = make_user("case_officer", la, first_name="Ada", last_name="Lovelace")
    setting = make_setting(la, locality="North")
    cases = []
    for final, exception in (("2026-05-20", False), ("2026-05-28", False), ("2026-05-11", True)):
        case = make_case(make_child(la, setting=setting), officer=officer)
        add(case, "request_received", "2026-01-05")
        if exception:
            add(case, "exception", "2026-02-01", ground="personal-circumstances")
        add(case, "final_plan_issued", final)
        refresh_deadlines(case, today=DAY)
        cases.append(case)
    return la, cases


def facts(la, on=None) -> set[tuple]:
    rows = KpiFact.objects.filter(la=la) if on is None else KpiFact.objects.filter(la=la, on=on)
    return set(
        rows.values_list(
            "kpi", "on", "period", "period_start", "dimension", "member", "numerator",
            "denominator", "numerator_with_exceptions", "denominator_with_exceptions",
        )
    )  # fmt: skip


def test_a_day_writes_month_and_quarter_facts_for_every_dimension() -> None:
    la, cases = area()
    summary = tick.run(la, [DAY], today=date(2026, 6, 10))
    assert summary.facts == KpiFact.objects.filter(la=la).count() > 0
    may, q1 = containing(DAY, "month"), containing(DAY, "quarter")
    whole = kpi_figures.value(la, "final-plan-20w", may)
    assert (whole.numerator, whole.denominator) == (1, 2)
    assert (whole.with_exceptions.numerator, whole.with_exceptions.denominator) == (2, 3)
    assert kpi_figures.value(la, "final-plan-20w", q1).as_of == DAY
    officer = str(cases[0].officer_id)
    dims = set(
        KpiFact.objects.filter(la=la, kpi="final-plan-20w", period="month").values_list(
            "dimension", "member"
        )
    )
    assert {("all", ""), ("officer", officer), ("need", "ASD"), ("locality", "North")} <= dims
    assert ("phase", "primary") in dims and ("setting_type", "maintained") in dims
    labels = dict(kpi_figures.breakdown(la, "final-plan-20w", may, "officer"))
    assert labels["Ada Lovelace"].value == 50
    assert not KpiFact.objects.filter(kpi="caseload-at-target").exists()  # a past day


def test_running_twice_gives_the_same_rows() -> None:
    la, _cases = area()
    tick.run(la, [DAY], today=DAY)
    first = facts(la)
    tick.run(la, [DAY], today=DAY)
    assert facts(la) == first
    assert KpiFact.objects.filter(la=la).count() == len(first)


def test_rebuilding_a_past_day_gives_the_facts_as_they_stood_then() -> None:
    la, cases = area()
    tick.run(la, [DAY], today=DAY)
    on_the_day = facts(la, DAY)
    add(cases[0], "review_meeting", "2026-06-03")
    add(cases[1], "plan_ceased", "2026-06-02")
    late = make_case(make_child(la))
    add(late, "request_received", "2026-01-05")
    add(late, "final_plan_issued", "2026-06-01")
    tick.run(la, [DAY, date(2026, 6, 30)], today=date(2026, 6, 30))
    assert facts(la, DAY) == on_the_day
    june = kpi_figures.value(la, "final-plan-20w", containing(date(2026, 6, 30), "month"))
    assert (june.numerator, june.denominator) == (0, 1)


def test_caseload_at_target_is_for_today_only_and_a_rebuild_keeps_it() -> None:
    la, _cases = area()
    tick.run(la, [DAY], today=DAY)
    kept = facts(la, DAY)
    caseload = {f for f in kept if f[0] == "caseload-at-target"}
    assert {(f[2], f[6], f[7]) for f in caseload} == {("month", 1, 1), ("quarter", 1, 1)}
    tick.run(la, [DAY], today=date(2026, 6, 1))  # the same day rebuilt later
    assert facts(la, DAY) == kept


def test_today_refreshes_deadline_rows_that_time_made_stale() -> None:
    la = make_la()
    case = make_case(make_child(la))
    add(case, "request_received", "2026-01-05")  # decision due 16 February
    refresh_deadlines(case, today=date(2026, 1, 10))
    settled = make_case(make_child(la))
    add(settled, "request_received", "2026-01-05")
    add(settled, "assess_decision", "2026-02-01", outcome="refuse")
    # Transferred in 1 June 2025: review due 1 December 2025, not held; the family to be
    # told by 13 July 2025 (reg 15(4)), not told.
    add(settled, "transferred_in", "2025-06-01")
    refresh_deadlines(settled, today=date(2026, 2, 10))
    untouched = set(DeadlineRow.objects.filter(case=settled).values_list("pk", "status"))
    assert {status for _pk, status in untouched} == {"met", "overdue"}
    assert len(untouched) == 3
    summary = tick.run(la, [date(2026, 3, 1)], today=date(2026, 3, 1))
    row = DeadlineRow.objects.get(case=case, rule="assess-decision")
    assert (row.status, row.evaluated_for) == ("overdue", date(2026, 3, 1))
    assert summary.refreshed_cases == 1
    assert set(DeadlineRow.objects.filter(case=settled).values_list("pk", "status")) == untouched
    case.refresh_from_db()
    assert (case.next_rule, case.next_due) == ("assess-decision", date(2026, 2, 16))


def test_a_past_day_does_not_touch_deadline_rows() -> None:
    la = make_la()
    case = make_case(make_child(la))
    add(case, "request_received", "2026-01-05")
    refresh_deadlines(case, today=date(2026, 1, 10))
    tick.run(la, [date(2026, 2, 28)], today=date(2026, 3, 1))
    assert DeadlineRow.objects.get(case=case).status == "pending"


def test_one_audit_entry_per_run() -> None:
    la, _cases = area()
    before = AuditEntry.objects.count()
    tick.run(la, [date(2026, 4, 30), DAY], today=DAY)
    entry = AuditEntry.objects.latest("id")
    assert AuditEntry.objects.count() == before + 1
    assert (entry.verb, entry.la_id) == ("write", la.pk)
    assert entry.summary.startswith("tick 2 day(s)")


def test_a_day_after_today_is_refused() -> None:
    la = make_la()
    with pytest.raises(ValueError):
        tick.run(la, [date(2026, 6, 2)], today=date(2026, 6, 1))


def test_the_command_ticks_the_chosen_areas_and_days(today_is) -> None:
    la, _cases = area()
    other = make_la()
    today_is(date(2026, 6, 10))
    out = StringIO()
    call_command("tick", "--la", la.code, "--date", "2026-05-31", stdout=out)
    assert f"{la.code}: 2026-05-31" in out.getvalue()
    assert not KpiFact.objects.filter(la=other).exists()
    call_command("tick", "--la", la.code, "--from", "2026-06-01", "--to", "2026-06-03",
                 stdout=out)  # fmt: skip
    days = set(KpiFact.objects.filter(la=la).values_list("on", flat=True))
    assert days == {date(2026, 5, 31), date(2026, 6, 1), date(2026, 6, 2), date(2026, 6, 3)}
    call_command("tick", stdout=out)
    assert KpiFact.objects.filter(la=other, on=date(2026, 6, 10)).exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "2026-13-01"],
        ["--date", "2026-06-11"],
        ["--la", "000"],
        ["--from", "2026-06-01"],
        ["--from", "2026-06-03", "--to", "2026-06-01"],
        ["--history-months", "-1"],
    ],
)
def test_the_command_refuses_bad_arguments(today_is, args) -> None:
    make_la()
    today_is(date(2026, 6, 10))
    with pytest.raises(CommandError) as error:
        call_command("tick", *args, stdout=StringIO())
    assert error.value.returncode == 2


def test_history_days_are_month_ends_and_the_day() -> None:
    assert history_days(date(2026, 11, 22), 3) == [
        date(2026, 8, 31),
        date(2026, 9, 30),
        date(2026, 10, 31),
        date(2026, 11, 22),
    ]
    assert history_days(date(2026, 11, 30), 1) == [date(2026, 10, 31), date(2026, 11, 30)]


# The fork reads no database: the same on any (once).
@pytest.mark.once
def test_a_second_process_gives_the_facts_one_process_gives(monkeypatch) -> None:
    """Past days' tallies forked off (``workers=2``) while this process counts the KPIs
    from records: the same rows as one process. pytest-xdist runs threads, so the fork is
    allowed here on purpose (the forked process reads no database)."""
    la, cases = area()
    add(cases[0], "review_meeting", "2026-03-03")
    days = history_days(date(2026, 6, 10), 4)
    assert len(days) - 1 >= tick.ELSEWHERE_FROM
    tick.run(la, [date(2026, 6, 10)], today=date(2026, 6, 10))  # deadline rows brought up to date
    one = tick.run(la, days, today=date(2026, 6, 10))
    alone = facts(la)
    assert one.processes == 1
    KpiFact.objects.filter(la=la).delete()
    monkeypatch.setattr(tick, "_may_fork", lambda: True)
    two = tick.run(la, days, today=date(2026, 6, 10), workers=2)
    assert two.processes == 2 and two.facts == one.facts
    assert facts(la) == alone and len(alone) > 100


def test_few_days_or_threads_keep_one_process(monkeypatch) -> None:
    la, _cases = area()
    assert tick.run(la, [date(2026, 4, 30), DAY], today=DAY, workers=2).processes == 1
    monkeypatch.setattr(tick.threading, "active_count", lambda: 2)  # a web server's threads
    days = history_days(DAY, 4)
    assert tick.run(la, days, today=DAY, workers=2).processes == 1


#: The file the fork's tasks wait for (set before the fork, which inherits it).
_GO: list[Path] = []


def _tally_day_when_told(day, periods):
    """The fork's task, held until this process has taken days back (module-level: the
    task is pickled by name), so the test does not depend on the machine's speed."""
    deadline = time.monotonic() + 60
    while not _GO[0].exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return tick._tally(tick._RECORDS, day, periods)


@pytest.mark.once
def test_this_process_takes_back_the_days_the_fork_has_not_begun(monkeypatch, tmp_path) -> None:
    """The fork holds its first day until this process has counted the KPIs from records
    and taken back the days the fork had not begun: both processes tally some days."""
    la, cases = area()
    add(cases[0], "review_meeting", "2026-03-03")
    today = date(2026, 6, 10)
    days = history_days(today, 4)
    tick.run(la, [today], today=today)
    tick.run(la, days, today=today)
    alone = facts(la)
    KpiFact.objects.filter(la=la).delete()
    monkeypatch.setattr(tick, "_may_fork", lambda: True)
    monkeypatch.setattr(tick, "_tally_day", _tally_day_when_told)
    monkeypatch.setattr(sys.modules[__name__], "_GO", [tmp_path / "go"])
    taken: list[date] = []
    take_back = tick._Elsewhere.take_back

    def spied(self) -> None:
        take_back(self)
        taken.extend(self.here)
        _GO[0].touch()  # the fork may go on

    monkeypatch.setattr(tick._Elsewhere, "take_back", spied)
    assert tick.run(la, days, today=today, workers=2).processes == 2
    assert 0 < len(taken) < len(days) - 1  # both processes tallied some days
    assert facts(la) == alone


def test_the_figures_are_broken_down_by_vulnerable_group() -> None:
    la, cases = area()
    from senda.people.groups import record_period

    manager = make_user("service_manager", la)
    record_period(child=cases[0].child, group="looked_after", start=date(2025, 1, 1), by=manager)
    record_period(
        child=cases[0].child, group="previously_looked_after", how="adopted",
        start=date(2020, 1, 1), end=date(2024, 12, 31), by=manager,
    )  # fmt: skip
    cases[1].child.elective_home_education = True
    cases[1].child.missing_education = True
    cases[1].child.save()
    tick.run(la, [DAY], today=DAY)
    may = containing(DAY, "month")
    groups = {
        label: (v.numerator, v.denominator)
        for label, v in kpi_figures.breakdown(la, "final-plan-20w", may, "group")
    }
    # On time (case 0, looked after), late (case 1, home educated and missing education);
    # case 2's plan is an exception: left out of the figure without exceptions.
    assert groups == {
        "Looked after": (1, 1),
        "Electively home educated": (0, 1),
        "Missing education": (0, 1),
        "None of these groups": (0, 0),
    }

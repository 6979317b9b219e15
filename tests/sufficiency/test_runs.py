"""Stored forecasts: a service manager asks for one, the queue makes it on the real
database backend (ADR 0017), and its figures are kept; asking twice, for an unknown
scenario or as anyone else is refused; a failure is kept with why."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from senda.audit.models import AuditEntry
from senda.casework.models import Placement, Plan
from senda.kernel import ActionError
from senda.people.models import LocalAuthority
from senda.sufficiency import actions, forecast
from senda.sufficiency.models import ForecastRun
from senda.sufficiency.tasks import run_forecast
from tests.factories import make_case, make_child, make_la, make_setting, make_user
from tests.sufficiency.runs import make_forecast_run

TODAY = date(2026, 3, 1)


def _area_with_history() -> LocalAuthority:
    la = make_la()
    school = make_setting(la)
    for n in range(60):
        born, issued = date(2008 + n % 10, 1 + n % 12, 1), date(2020 + n % 6, 2, 1)
        plan = Plan.objects.create(
            case=make_case(make_child(la, date_of_birth=born)), issued_on=issued
        )
        Placement.objects.create(
            case=plan.case, setting=school, entered_on=issued, recorded_on=issued
        )
    return la


def _worker() -> None:
    call_command("worker", "--once", stdout=StringIO())


@time_machine.travel(TODAY, tick=False)
def test_it_queues_a_forecast_and_the_worker_makes_it(transactional_db: None) -> None:
    la = _area_with_history()
    manager = make_user("service_manager", la)
    run = actions.request_forecast(la=la, scenario="early-help", by=manager, simulations=40)
    assert run.status == ForecastRun.Status.QUEUED
    assert (run.start_year, run.requested_by) == (2026, manager)
    [queued] = DBTaskResult.objects.filter(task_path="senda.sufficiency.tasks.run_forecast")
    assert AuditEntry.objects.filter(verb="write", object_id=str(run.pk)).exists()
    _worker()
    run.refresh_from_db()
    assert run.status == ForecastRun.Status.DONE and run.finished_at is not None
    assert [year for year, _ in run.history_totals()] == [2022, 2023, 2024, 2025, 2026]
    assert [f.year for f in run.totals()] == [2027, 2028, 2029, 2030, 2031]
    assert {f.breakdown for f in run.figure_list()} >= {"total", "age band", "need"}
    assert run.scores() and run.scores()[0].origin == 2023
    assert run.actual_list()[0].year == 2022
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.return_value == "done"
    assert ForecastRun.objects.latest_done(la.pk, "early-help") == run
    assert run_forecast.call(run.pk) == "skipped"  # run twice, made once


@pytest.mark.django_db
def test_it_refuses_an_unknown_scenario_a_second_pending_forecast_and_others() -> None:
    la = make_la()
    manager = make_user("service_manager", la)
    with pytest.raises(ActionError) as unknown:
        actions.request_forecast(la=la, scenario="nonsense", by=manager)
    assert unknown.value.field == "scenario"
    for who in (make_user("board_member", la), make_user("service_manager", make_la())):
        with pytest.raises(ActionError, match="Only service managers"):
            actions.request_forecast(la=la, scenario="baseline", by=who)
    actions.request_forecast(la=la, scenario="baseline", by=manager)
    with pytest.raises(ActionError, match="already queued"):
        actions.request_forecast(la=la, scenario="baseline", by=manager)
    actions.request_forecast(la=la, scenario="early-help", by=manager)
    assert ForecastRun.objects.of_area(la.pk).pending().count() == 2


@pytest.mark.django_db
def test_a_forecast_that_fails_is_kept_with_why(monkeypatch) -> None:
    la = make_la()
    run = actions.request_forecast(la=la, scenario="baseline", by=make_user("service_manager", la))

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("the censuses have a gap")

    monkeypatch.setattr(forecast, "make", broken)
    assert run_forecast.call(run.pk) == "failed"
    run.refresh_from_db()
    assert run.status == ForecastRun.Status.FAILED
    assert run.error == "ValueError: the censuses have a gap"
    # No longer pending: a new one may be asked for.
    actions.request_forecast(la=la, scenario="baseline", by=make_user("service_manager", la))


@pytest.mark.django_db
def test_it_finds_the_latest_done_forecast_of_each_scenario() -> None:
    la = make_la()
    old = make_forecast_run(la)
    new = make_forecast_run(la)
    other = make_forecast_run(la, "fewer-independent")
    failed = make_forecast_run(la, "early-help", status=ForecastRun.Status.FAILED)
    make_forecast_run(make_la())
    assert ForecastRun.objects.latest_done(la.pk, "baseline") == new != old
    assert ForecastRun.objects.latest_done_by_scenario(la.pk) == {
        "baseline": new,
        "fewer-independent": other,
    }
    assert list(ForecastRun.objects.of_area(la.pk)) == [failed, other, new, old]


@pytest.mark.django_db
def test_a_forecast_left_pending_for_an_hour_is_abandoned_when_another_is_asked_for() -> None:
    la = make_la()
    manager = make_user("service_manager", la)
    stuck = actions.request_forecast(la=la, scenario="baseline", by=manager)
    ForecastRun.objects.filter(pk=stuck.pk).update(
        status=ForecastRun.Status.RUNNING,
        requested_at=stuck.requested_at - actions.ABANDONED_AFTER - timedelta(minutes=1),
    )
    fresh = actions.request_forecast(la=la, scenario="baseline", by=manager)
    stuck.refresh_from_db()
    assert stuck.status == ForecastRun.Status.FAILED and "abandoned" in stuck.error
    assert fresh.status == ForecastRun.Status.QUEUED

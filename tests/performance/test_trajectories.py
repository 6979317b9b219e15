"""Setting trajectories, overriding and withdrawing statuses, commentary
(``senda.performance.trajectories``) and what ``senda.performance.status_shown`` then shows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.performance import status_shown, trajectories
from senda.performance.kpi_figures import KpiFigure
from senda.performance.models import Commentary, KpiFact, StatusOverride, Trajectory
from senda.performance.periods import Period, containing
from senda.performance.status_rule import Point

D = Decimal
Q3 = Period(date(2026, 10, 1), "quarter")
POINTS = [
    Point(date(2026, 9, 30), D(40)),
    Point(date(2027, 12, 31), D(70), D(75), "target", "2027"),
    Point(date(2028, 12, 31), D(95), D(100), "target"),
]


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(date(2026, 11, 20))


def _set(personas, kpi="annual-review-on-time", by=None, **changes):
    args = {
        "la": personas.la,
        "kpi_id": kpi,
        "baseline_value": D(25),
        "baseline_on": date(2024, 12, 31),
        "baseline_note": "calendar 2024",
        "tolerance": D(5),
        "points": POINTS,
        "by": by or personas.service_manager,
    } | changes
    return trajectories.set_trajectory(**args)


def _fact(la, kpi, period, on, numerator, denominator):
    KpiFact.objects.create(
        la=la,
        kpi=kpi,
        on=on,
        period=period.kind,
        period_start=period.start,
        numerator=numerator,
        denominator=denominator,
    )


def _value(percent: str) -> KpiFigure:
    return KpiFigure("annual-review-on-time", Q3, 1, 2, D(percent), date(2026, 11, 20), "computed")


def test_it_sets_a_trajectory_with_its_points_and_audits(personas) -> None:
    row = _set(personas)
    row.refresh_from_db()
    assert (row.baseline_value, row.baseline_on, row.tolerance) == (D(25), date(2024, 12, 31), 5)
    assert [(p.on, p.low, p.high, p.kind) for p in row.points.all()] == [
        (date(2026, 9, 30), D(40), None, "milestone"),
        (date(2027, 12, 31), D(70), D(75), "target"),
        (date(2028, 12, 31), D(95), D(100), "target"),
    ]
    assert row.set_by == personas.service_manager
    entry = AuditEntry.objects.get(object_type="performance.Trajectory")
    assert entry.la_id == personas.la.pk and entry.verb == "write"


def test_it_replaces_a_trajectory_rather_than_adding_one(personas) -> None:
    _set(personas)
    _set(personas, points=POINTS[:1], by=personas.team_manager, tolerance=D(2))
    row = Trajectory.objects.get(la=personas.la)
    assert row.points.count() == 1 and row.tolerance == 2
    assert AuditEntry.objects.filter(object_type="performance.Trajectory").count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"baseline_value": D(101)}, "baseline_value"),
        ({"baseline_value": D(-1)}, "baseline_value"),
        ({"tolerance": D(-1)}, "tolerance"),
        ({"points": [Point(date(2024, 12, 31), D(30))]}, "point_1_on"),
        (
            {"points": [Point(date(2026, 1, 1), D(30)), Point(date(2026, 1, 1), D(40))]},
            "point_2_on",
        ),
        ({"points": [Point(date(2026, 1, 1), D(30), D(20))]}, "point_1_high"),
        ({"points": [Point(date(2026, 1, 1), D(130))]}, "point_1_low"),
        ({"points": [Point(date(2026, 1, n), D(30)) for n in range(1, 8)]}, "points"),
        ({"kpi": "no-such-kpi"}, "__all__"),
    ],
)
def test_it_refuses_a_trajectory_that_does_not_make_sense(personas, changes, field) -> None:
    with pytest.raises(ActionError) as refused:
        _set(personas, **changes)
    assert refused.value.field == field
    assert not Trajectory.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", ["case_officer", "qa_auditor", "board_member", "senco", "parent"])
def test_it_lets_only_service_and_team_managers_change_anything(personas, role) -> None:
    who = getattr(personas, role)
    assert not trajectories.can_manage(who, personas.la)
    with pytest.raises(ActionError):
        _set(personas, by=who)
    with pytest.raises(ActionError):
        trajectories.add_commentary(
            la=personas.la, kpi_id="advice-6w", quarter=Q3, text="x", by=who
        )


def test_it_refuses_a_manager_of_another_area(personas) -> None:
    from tests.factories import make_user

    other = make_user("service_manager", personas.other_la)
    with pytest.raises(ActionError):
        _set(personas, by=other)
    assert trajectories.can_manage(personas.team_manager, personas.la)


def test_it_keeps_an_override_beside_the_derived_status(personas) -> None:
    _set(personas)
    _fact(personas.la, "annual-review-on-time", Q3, date(2026, 11, 20), 30, 100)  # 30%: off
    row = trajectories.override_status(
        la=personas.la,
        kpi_id="annual-review-on-time",
        quarter=Q3,
        status="close",
        reason="Reviews held in October are still being logged.",
        by=personas.team_manager,
    )
    assert (row.status, row.derived_status, row.withdrawn) == ("close", "off", False)
    shown = status_shown.shown(personas.la, "annual-review-on-time", Q3, _value("30.0"))
    assert shown.status == "close" and shown.derived.status == "off"
    assert shown.label == "Close to trajectory"
    assert shown.reason == "Reviews held in October are still being logged."
    assert shown.overridden and shown.history == (row,)
    assert AuditEntry.objects.filter(object_type="performance.StatusOverride").count() == 1


def test_it_withdraws_an_override_keeping_the_history(personas) -> None:
    _set(personas)
    common = {"la": personas.la, "kpi_id": "annual-review-on-time", "quarter": Q3}
    first = trajectories.override_status(
        **common, status="on-target", reason="r", by=personas.service_manager
    )
    withdrawn = trajectories.withdraw_override(**common, by=personas.service_manager)
    assert withdrawn.withdrawn and withdrawn.status == withdrawn.derived_status == "no-data"
    shown = status_shown.shown(personas.la, "annual-review-on-time", Q3, None)
    assert shown.override is None and shown.status == "no-data"
    assert shown.history == (withdrawn, first)
    with pytest.raises(ActionError, match="No status has been set"):
        trajectories.withdraw_override(**common, by=personas.service_manager)
    assert StatusOverride.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "splendid"}, "status"),
        ({"reason": "  "}, "reason"),
        ({"quarter": Period(date(2027, 1, 1), "quarter")}, "quarter"),
        ({"quarter": Period(date(2026, 10, 1), "month")}, "quarter"),
    ],
)
def test_it_refuses_an_override_without_status_reason_or_past_quarter(
    personas, changes, field
) -> None:
    args = {
        "la": personas.la,
        "kpi_id": "annual-review-on-time",
        "quarter": Q3,
        "status": "close",
        "reason": "because",
        "by": personas.service_manager,
    } | changes
    with pytest.raises(ActionError) as refused:
        trajectories.override_status(**args)
    assert refused.value.field == field
    assert not StatusOverride.objects.exists()


def test_it_keeps_every_commentary_and_shows_the_latest(personas) -> None:
    common = {"la": personas.la, "kpi_id": "final-plan-20w", "quarter": Q3}
    trajectories.add_commentary(**common, text="First go.", by=personas.team_manager)
    trajectories.add_commentary(**common, text=" Second go. ", by=personas.service_manager)
    earlier = Period(date(2026, 7, 1), "quarter")
    trajectories.add_commentary(
        **(common | {"quarter": earlier}), text="Q2.", by=personas.service_manager
    )
    assert [c.text for c in status_shown.commentary(personas.la, "final-plan-20w")] == [
        "Second go.",
        "First go.",
        "Q2.",
    ]
    latest = status_shown.commentary_for_quarter(personas.la, ["final-plan-20w", "advice-6w"], Q3)
    assert list(latest) == ["final-plan-20w"] and latest["final-plan-20w"].text == "Second go."
    assert AuditEntry.objects.filter(object_type="performance.Commentary").count() == 3
    with pytest.raises(ActionError) as refused:
        trajectories.add_commentary(**common, text="", by=personas.service_manager)
    assert refused.value.field == "text"
    assert Commentary.objects.count() == 3


def test_it_derives_statuses_for_many_kpis_in_constant_queries(personas) -> None:
    _set(personas)
    _set(
        personas,
        kpi="overdue-reviews",
        baseline_value=D(120),
        points=[Point(date(2027, 3, 31), D(60))],
    )
    ids = ["annual-review-on-time", "overdue-reviews", "final-plan-20w", "advice-6w"]
    values = {("annual-review-on-time", Q3.key): _value("47.0")}
    with CaptureQueriesContext(connection) as queries:
        shown = status_shown.for_quarter(personas.la, ids, Q3, values)
    assert len(queries) == 3
    assert shown["annual-review-on-time"].status == "on-target"
    assert shown["annual-review-on-time"].expected == D("43.3")  # on 20 November 2026
    assert shown["overdue-reviews"].status == "no-data"
    assert shown["final-plan-20w"].status == "establishing"
    assert shown["final-plan-20w"].plan is None


def test_it_judges_a_lower_is_better_kpi_by_its_plan(personas) -> None:
    _set(
        personas,
        kpi="overdue-reviews",
        baseline_value=D(120),
        points=[Point(date(2027, 3, 31), D(60), D(70), "target")],
        tolerance=D(10),
    )
    value = KpiFigure("overdue-reviews", Q3, 75, None, D(75), date(2026, 12, 31), "computed")
    shown = status_shown.shown(personas.la, "overdue-reviews", Q3, value)
    assert shown.status == "on-target"  # the line to 70 (the range's high end) expects ~81
    done = KpiFigure("overdue-reviews", Q3, 70, None, D(70), date(2026, 12, 31), "computed")
    assert status_shown.shown(personas.la, "overdue-reviews", Q3, done).status == "complete"


def test_it_judges_a_running_quarter_without_a_value_as_of_today(personas) -> None:
    _set(personas)
    shown = status_shown.shown(
        personas.la, "annual-review-on-time", containing(date(2026, 11, 20), "quarter"), None
    )
    assert shown.expected == D("43.3")


def test_it_judges_a_running_quarter_as_of_the_day_in_london_not_the_servers(personas) -> None:
    _set(personas)
    july = Period(date(2026, 7, 1), "quarter")
    # 23:30 UTC on 30 June, on a server whose zone is UTC: it is already 1 July in London.
    with time_machine.travel(datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert date.today() == date(2026, 6, 30)
        shown = status_shown.shown(personas.la, "annual-review-on-time", july, None)
    assert shown.expected == D("37.9")  # 37.8 was expected on 30 June


def test_it_never_shows_another_areas_overrides(personas) -> None:
    from tests.factories import make_user

    other = make_user("service_manager", personas.other_la)
    trajectories.override_status(
        la=personas.other_la, kpi_id="advice-6w", quarter=Q3, status="off", reason="x", by=other
    )
    assert status_shown.shown(personas.la, "advice-6w", Q3, None).override is None


def test_it_judges_which_quarter_may_be_written_as_of_the_day_given(personas) -> None:
    later = Period(date(2027, 1, 1), "quarter")
    common = {
        "la": personas.la,
        "kpi_id": "advice-6w",
        "quarter": later,
        "by": personas.team_manager,
    }
    with pytest.raises(ActionError):
        trajectories.add_commentary(**common, text="Too soon.")
    row = trajectories.add_commentary(**common, text="In time.", today=date(2027, 1, 2))
    assert row.period_start == later.start


def test_it_allows_a_value_below_zero_only_in_pounds(personas) -> None:
    surplus = [Point(date(2027, 3, 31), D(-250000), kind="target")]
    row = _set(personas, kpi="hnb-deficit-in-year", baseline_value=D(1200000), points=surplus)
    assert row.points.get().low == D(-250000)
    with pytest.raises(ActionError):
        _set(personas, kpi="overdue-reviews", baseline_value=D(-1), points=POINTS[:1])

"""The board pack's content: what changed since the previous pack's meeting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.audit.models import AuditEntry
from senda.improvement import boardpack
from senda.improvement.models import BoardPack, Feedback, Milestone, Rating, Risk
from senda.kernel import ActionError
from senda.performance import catalogue, local_kpis
from senda.performance.models import RecordedValue, Trajectory, TrajectoryPoint
from senda.performance.periods import parse
from tests.factories import make_action, make_area, make_board_pack, make_plan, make_user

pytestmark = pytest.mark.django_db

LAST, THIS = date(2026, 1, 14), date(2026, 3, 4)


def rate(action, value, on, by=None, rationale="Because"):
    return Rating.objects.create(
        action=action, value=value, rated_on=on, author=by, rationale=rationale
    )


@pytest.fixture
def plan(personas):
    return make_plan(personas.la)


@pytest.fixture
def packs(plan):
    return make_board_pack(plan, meeting_on=LAST), make_board_pack(plan, meeting_on=THIS)


def test_it_finds_the_previous_pack_by_meeting_date(plan, packs):
    last, this = packs
    assert boardpack.previous_pack(this) == last
    assert boardpack.previous_pack(last) is None


def test_it_lists_ratings_changed_since_the_last_pack_with_what_they_replaced(
    personas, plan, packs
):
    area = make_area(plan)
    steady, moved, new = make_action(area), make_action(area), make_action(area)
    personas.service_manager.first_name = "Sam"
    personas.service_manager.save()
    rate(steady, "green", date(2025, 12, 1))
    rate(moved, "green", date(2025, 12, 1))
    rate(moved, "amber", date(2026, 1, 10))  # before the last pack: its "from"
    rate(moved, "red", date(2026, 2, 2), by=personas.service_manager, rationale="Delayed")
    rate(new, "pink", date(2026, 3, 4))  # on the meeting day: counts
    rate(new, "green", date(2026, 3, 5))  # after the meeting: not in this pack
    content = boardpack.build(packs[1], today=date(2026, 3, 10))
    assert content.since == LAST
    changes = [(c.reference, c.before and c.before.code, c.after.code) for c in content.changes]
    assert changes == [(moved.reference, "amber", "red"), (new.reference, None, "pink")]
    red = content.changes[0]
    assert (red.rated_on, red.author, red.rationale) == (date(2026, 2, 2), "Sam", "Delayed")
    assert content.changes[1].first


def test_it_counts_everything_for_a_plans_first_pack(plan, packs):
    action = make_action(make_area(plan))
    rate(action, "green", date(2025, 6, 1))
    content = boardpack.build(packs[0], today=date(2026, 3, 10))
    assert content.since is None
    assert [c.after.code for c in content.changes] == ["green"]


def test_it_lists_milestones_due_before_the_meeting_and_not_done(plan, packs):
    action = make_action(make_area(plan))
    late = Milestone.objects.create(action=action, title="Late", due_on=date(2026, 2, 1))
    Milestone.objects.create(
        action=action, title="Done", due_on=date(2026, 2, 1), done_on=date(2026, 2, 20)
    )
    Milestone.objects.create(
        action=action, title="Done after", due_on=date(2026, 1, 1), done_on=date(2026, 3, 10)
    )
    Milestone.objects.create(action=action, title="Not yet due", due_on=date(2026, 3, 20))
    slipped = boardpack.build(packs[1], today=date(2026, 3, 10)).slipped
    assert [(s.title, s.days_late) for s in slipped] == [("Done after", 62), (late.title, 31)]


def test_it_orders_open_risks_by_severity_after_then_before(plan, packs):
    def risk(before, after, status="open"):
        return Risk.objects.create(
            plan=plan,
            description=f"{before}/{after}",
            raised_on=LAST,
            owner="Owner",
            severity_before=before,
            severity_after=after,
            status=status,
        )

    low, high_high, high_medium, _closed = risk(2, 1), risk(4, 3), risk(3, 3), risk(4, 4, "closed")
    risks = boardpack.build(packs[1], today=THIS).risks
    assert risks == [high_high, high_medium, low]


def recorded(la, kpi, quarter, value):
    by = make_user("service_manager", la)
    return RecordedValue.objects.create(
        entered_by=by,
        la=la,
        kpi=kpi,
        period="quarter",
        period_start=parse(quarter).start,
        value=Decimal(value),
        evidence="Survey",
    )


def trajectory(la, kpi, baseline, on, target, by):
    plan = Trajectory.objects.create(la=la, kpi=kpi, baseline_value=baseline, baseline_on=on)
    TrajectoryPoint.objects.create(trajectory=plan, on=by, low=target, kind="target")


def test_it_shows_each_linked_kpi_with_its_figure_status_and_trend(plan, packs):
    area = make_area(plan)
    make_action(area, kpi_ids=["final-plan-20w", "parent-satisfaction", "no-such-kpi"])
    make_action(area, kpi_ids=["final-plan-20w"])
    # A recorded KPI: this quarter (January to March 2026) worse than the last, off trajectory.
    recorded(plan.la, "parent-satisfaction", "2025-26-q3", 60)
    recorded(plan.la, "parent-satisfaction", "2025-26-q4", 50)
    trajectory(plan.la, "parent-satisfaction", 40, date(2025, 1, 1), 90, date(2026, 12, 31))
    content = boardpack.build(packs[1], today=THIS)
    assert content.quarter.key == "2025-26-q4"
    lines = {line.kpi_id: line for line in content.kpis}
    assert list(lines) == ["final-plan-20w", "parent-satisfaction", "no-such-kpi"]
    satisfaction = lines["parent-satisfaction"]
    assert (satisfaction.value, satisfaction.last) == ("50%", "60%")
    assert (satisfaction.status, satisfaction.status_label) == ("off", "Currently off trajectory")
    assert (satisfaction.direction, satisfaction.trend) == ("worse", "Worsening")
    assert satisfaction.target == "90% by 31 Dec 2026"
    assert satisfaction.title == catalogue.get("parent-satisfaction").name
    unknown = lines["no-such-kpi"]
    assert (unknown.value, unknown.status_label) == ("not yet measured", "Not a KPI of the area")
    computed = lines["final-plan-20w"]
    assert computed.status == "establishing"  # no trajectory set
    assert len(computed.references) == 2


def test_it_says_a_kpi_improving_or_unchanged(plan, packs):
    make_action(make_area(plan), kpi_ids=["parent-satisfaction", "warm-audits"])
    recorded(plan.la, "parent-satisfaction", "2025-26-q3", 60)
    recorded(plan.la, "parent-satisfaction", "2025-26-q4", 70)
    recorded(plan.la, "warm-audits", "2025-26-q4", 30)
    lines = {line.kpi_id: line for line in boardpack.build(packs[1], today=THIS).kpis}
    assert lines["parent-satisfaction"].trend == "Improving"
    assert lines["warm-audits"].trend == "Not enough figures"  # no figure last quarter
    recorded(plan.la, "warm-audits", "2025-26-q3", 30)
    lines = {line.kpi_id: line for line in boardpack.build(packs[1], today=THIS).kpis}
    assert lines["warm-audits"].trend == "No change"


def test_it_lists_you_said_we_did_since_the_last_pack(plan, packs):
    def entry(received, **dates):
        return Feedback.objects.create(
            plan=plan,
            source="Forum",
            received_on=received,
            theme="Waiting",
            you_said="Too slow",
            **dates,
        )

    old = entry(date(2025, 11, 1))
    acted_on = entry(date(2025, 11, 1), changed_on=date(2026, 2, 1))
    new = entry(date(2026, 2, 10))
    entry(date(2026, 3, 6))  # after the meeting
    assert old not in boardpack.build(packs[1], today=THIS).feedback
    assert boardpack.build(packs[1], today=THIS).feedback == [acted_on, new]


def test_it_counts_actions_by_rating_per_area_as_they_stood_at_the_meeting(plan, packs):
    one, two = make_area(plan), make_area(plan)
    a, b, c = make_action(one), make_action(one), make_action(two)
    rate(a, "green", date(2026, 1, 1))
    rate(a, "red", date(2026, 3, 1))
    rate(b, "red", date(2026, 3, 9))  # after the meeting: b was not rated then
    rate(c, "blue", date(2026, 2, 1))
    summary = boardpack.build(packs[1], today=THIS).summary
    counts = {s.area: {k: n for k, n in s.counts if n} for s in summary}
    assert counts == {str(one): {"Red": 1, "Not rated": 1}, str(two): {"Blue": 1}}
    assert [s.total for s in summary] == [2, 1]


def test_it_builds_a_pack_in_a_fixed_number_of_queries(plan, packs, django_assert_max_num_queries):
    area = make_area(plan)
    for n in range(12):
        action = make_action(area)
        rate(action, "green", date(2026, 2, n + 1))
        Milestone.objects.create(action=action, title=f"M{n}", due_on=date(2026, 2, 1))
        action.kpi_ids = ["final-plan-20w", "parent-satisfaction", f"kpi-{n}"]
        action.save()
    # 14, and 4 for next quarter's key actions: the stored list, the actions and milestones
    # due then (drawn while no list is started), the areas
    with django_assert_max_num_queries(18):
        boardpack.build(packs[1], today=THIS)


def test_it_adds_a_board_pack_for_an_editor_and_audits_it(personas, plan):
    pack = boardpack.add_board_pack(plan=plan, meeting_on=THIS, by=personas.service_manager)
    assert BoardPack.objects.get(plan=plan).pk == pack.pk
    entry = AuditEntry.objects.get(verb="write", object_id=str(plan.pk))
    assert entry.la_id == plan.la_id and f"board pack {pack.pk}" in entry.summary


def test_it_refuses_a_second_pack_for_the_same_meeting(personas, plan):
    boardpack.add_board_pack(plan=plan, meeting_on=THIS, by=personas.service_manager)
    with pytest.raises(ActionError) as error:
        boardpack.add_board_pack(plan=plan, meeting_on=THIS, by=personas.team_manager)
    assert error.value.field == "meeting_on"


def test_it_refuses_a_board_pack_from_someone_who_may_not_edit(personas, plan):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        boardpack.add_board_pack(plan=plan, meeting_on=THIS, by=personas.board_member)
    assert not BoardPack.objects.exists()


def test_it_shows_a_local_kpi_the_partnership_defined(personas, plan, packs, today_is):
    today_is(THIS)
    definition = local_kpis.Definition(
        name="Attendance of children with EHC plans",
        definition="Sessions attended by pupils with an EHC plan.",
        numerator="Sessions attended",
        denominator="Possible sessions",
        unit="percent",
        higher_is_better=True,
        period="quarter",
        owner="Head of inclusion",
        data_source="School census",
        area="families",
        establishing=True,
    )
    local = local_kpis.add_local_kpi(by=personas.service_manager, la=plan.la, definition=definition)
    make_action(make_area(plan), kpi_ids=[local.kpi])
    (line,) = boardpack.build(packs[1], today=THIS).kpis
    assert line.title == "Attendance of children with EHC plans" and line.row is not None
    assert line.status_label == "Working to establish definition and baseline"

"""The governance room's actions: who may write, what they check, what they keep."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.governance import actions as act
from senda.governance import queries as gq
from senda.governance.access import (
    can_manage_bodies,
    can_raise_on_action,
    can_raise_on_kpi,
    can_record,
    may_see_governance,
    visible_bodies,
)
from senda.governance.models import Body, Decision, Escalation, EscalationDecision, LogItem
from senda.kernel import ActionError
from tests.factories import (
    make_action,
    make_area,
    make_board_pack,
    make_la,
    make_plan,
    make_plan_member,
    make_user,
)
from tests.governance.factories import make_body, make_meeting, make_member

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 20)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def body_of(personas, **fields):
    return act.create_body(
        la_id=personas.la.pk,
        name=fields.get("name", "SEND delivery group"),
        kind=fields.get("kind", Body.Kind.DELIVERY_GROUP),
        terms_of_reference="Timescales and KPIs of the improvement plan.",
        meets="every 6 to 8 weeks",
        by=personas.service_manager,
    )


def test_a_service_manager_creates_and_edits_a_body_audited(personas):
    body = body_of(personas)
    assert AuditEntry.objects.filter(verb="write", object_id=str(body.pk)).exists()
    act.update_body(
        body=body,
        name="Delivery group",
        kind=Body.Kind.DELIVERY_GROUP,
        terms_of_reference="Revised.",
        by=personas.service_manager,
    )
    body.refresh_from_db()
    assert (body.name, body.terms_of_reference) == ("Delivery group", "Revised.")


@pytest.mark.parametrize("role", ["team_manager", "case_officer", "board_member"])
def test_only_service_managers_create_bodies(personas, role):
    with pytest.raises(ActionError):
        act.create_body(
            la_id=personas.la.pk,
            name="Board",
            kind=Body.Kind.PARTNERSHIP_BOARD,
            terms_of_reference="x",
            by=getattr(personas, role),
        )
    assert not Body.objects.exists()


def test_a_body_checks_its_fields(personas):
    with pytest.raises(ActionError) as error:
        act.create_body(
            la_id=personas.la.pk,
            name=" ",
            kind="delivery_group",
            terms_of_reference="x",
            by=personas.service_manager,
        )
    assert error.value.field == "name"
    with pytest.raises(ActionError) as error:
        act.create_body(
            la_id=personas.la.pk,
            name="A",
            kind="cabal",
            terms_of_reference="x",
            by=personas.service_manager,
        )
    assert error.value.field == "kind"
    body_of(personas)
    with pytest.raises(ActionError) as error:
        body_of(personas, name="send DELIVERY group")
    assert error.value.field == "name"


def test_members_join_and_leave_and_are_kept(personas):
    body = body_of(personas)
    member = act.add_member(
        body=body,
        name="",
        role="Chair",
        joined_on=date(2026, 1, 5),
        user=personas.team_manager,
        by=personas.service_manager,
    )
    assert member.name == (personas.team_manager.get_full_name() or personas.team_manager.username)
    assert can_record(personas.team_manager, body)
    with pytest.raises(ActionError) as error:
        act.add_member(
            body=body,
            name="",
            role="Vice chair",
            joined_on=date(2026, 1, 5),
            user=personas.team_manager,
            by=personas.service_manager,
        )
    assert error.value.field == "user"
    stranger = make_user("case_officer", make_la())
    with pytest.raises(ActionError) as error:
        act.add_member(
            body=body,
            name="X",
            role="Y",
            joined_on=date(2026, 1, 5),
            user=stranger,
            by=personas.service_manager,
        )
    assert error.value.field == "user"
    with pytest.raises(ActionError) as error:
        act.member_leaves(member=member, left_on=date(2025, 12, 1), by=personas.service_manager)
    assert error.value.field == "left_on"
    act.member_leaves(member=member, left_on=date(2026, 5, 1), by=personas.service_manager)
    member.refresh_from_db()
    assert member.left_on == date(2026, 5, 1)
    assert not can_record(personas.team_manager, body)
    assert body.members.count() == 1


def test_a_body_member_with_an_account_records_their_body_only(personas):
    partner = make_plan_member(make_plan(personas.la)).user
    body = body_of(personas)
    other = body_of(personas, name="Partnership board", kind=Body.Kind.PARTNERSHIP_BOARD)
    act.add_member(
        body=body,
        name="Dr Pat Health",
        role="DCO",
        joined_on=date(2026, 1, 5),
        user=partner,
        by=personas.service_manager,
    )
    assert may_see_governance(partner)
    assert list(visible_bodies(partner)) == [body]
    meeting = act.add_meeting(body=body, held_on=date(2026, 5, 1), by=partner)
    assert meeting.body == body
    with pytest.raises(ActionError):
        act.add_meeting(body=other, held_on=date(2026, 5, 1), by=partner)
    assert not can_manage_bodies(partner, personas.la.pk)


def test_who_sees_governance(personas):
    body = make_body(personas.la)
    for role in (
        "case_officer",
        "team_manager",
        "qa_auditor",
        "service_manager",
        "board_member",
        "finance_officer",
    ):
        assert list(visible_bodies(getattr(personas, role))) == [body], role
    for role in ("senco", "parent", "advice_giver", "other_la_officer"):
        assert list(visible_bodies(getattr(personas, role))) == [], role
    assert not may_see_governance(personas.parent)
    assert not can_record(personas.board_member, body)


def test_a_meeting_considers_a_board_pack_of_the_areas_plan(personas):
    body = make_body(personas.la)
    pack = make_board_pack(make_plan(personas.la))
    meeting = act.add_meeting(
        body=body, held_on=date(2026, 3, 10), board_pack=pack, by=personas.service_manager
    )
    assert meeting.board_pack == pack
    elsewhere = make_board_pack(make_plan(make_la()))
    with pytest.raises(ActionError) as error:
        act.add_meeting(
            body=body,
            held_on=date(2026, 3, 10),
            board_pack=elsewhere,
            by=personas.service_manager,
        )
    assert error.value.field == "board_pack"
    with pytest.raises(ActionError) as error:
        act.add_meeting(body=body, held_on=date(1990, 3, 10), by=personas.service_manager)
    assert error.value.field == "held_on"
    with pytest.raises(ActionError) as error:
        act.add_meeting(body=body, held_on=None, by=personas.service_manager)
    assert error.value.field == "held_on"


def test_attendance_is_for_the_bodys_members_on_the_day(personas):
    body = make_body(personas.la)
    chair = make_member(body, name="Chair", role="Chair", joined_on=date(2025, 1, 1))
    late = make_member(body, name="Late", role="Member", joined_on=date(2026, 4, 1))
    meeting = make_meeting(body, held_on=date(2026, 3, 10))
    act.record_attendance(
        meeting=meeting, statuses={chair.pk: "present"}, by=personas.service_manager
    )
    with pytest.raises(ActionError):
        act.record_attendance(
            meeting=meeting, statuses={late.pk: "present"}, by=personas.service_manager
        )
    with pytest.raises(ActionError):
        act.record_attendance(
            meeting=meeting, statuses={chair.pk: "asleep"}, by=personas.service_manager
        )
    act.record_attendance(
        meeting=meeting, statuses={chair.pk: "apologies"}, by=personas.service_manager
    )
    assert [(a.member.name, a.status) for a in meeting.attendance.all()] == [("Chair", "apologies")]
    full = gq.meeting_in_full(meeting)
    assert full.not_recorded == []


def test_a_correction_supersedes_a_decision_and_keeps_the_original(personas):
    meeting = make_meeting(make_body(personas.la))
    first = act.record_decision(
        meeting=meeting, text="Agree timescale A.", by=personas.service_manager
    )
    second = act.record_decision(
        meeting=meeting, text="Note the risk.", by=personas.service_manager
    )
    with pytest.raises(ActionError) as error:
        act.correct_decision(
            decision=first, text="Agree timescale B.", reason=" ", by=personas.service_manager
        )
    assert error.value.field == "reason"
    fixed = act.correct_decision(
        decision=first,
        text="Agree timescale B.",
        reason="Minutes misrecorded the date.",
        by=personas.service_manager,
    )
    assert Decision.objects.filter(pk=first.pk, text="Agree timescale A.").exists()
    assert fixed.supersedes == first
    with pytest.raises(ActionError):
        act.correct_decision(decision=first, text="C", reason="r", by=personas.service_manager)
    log = gq.decision_log(meeting)
    assert [e.decision.text for e in log] == ["Agree timescale B.", "Note the risk."]
    assert [d.text for d in log[0].earlier] == ["Agree timescale A."]
    assert set(Decision.objects.current()) == {fixed, second}
    with pytest.raises(ActionError):
        act.record_decision(meeting=meeting, text="x", by=personas.board_member)


def test_the_action_log_owner_sees_and_closes_their_item(personas):
    meeting = make_meeting(make_body(personas.la), held_on=date(2026, 3, 10))
    with pytest.raises(ActionError) as error:
        act.add_log_item(
            meeting=meeting,
            text="Report back",
            owner=None,
            due_on=date(2026, 4, 1),
            by=personas.service_manager,
        )
    assert error.value.field == "owner"
    with pytest.raises(ActionError) as error:
        act.add_log_item(
            meeting=meeting,
            text="Report back",
            owner=make_user("case_officer", make_la()),
            due_on=date(2026, 4, 1),
            by=personas.service_manager,
        )
    assert error.value.field == "owner"
    with pytest.raises(ActionError) as error:
        act.add_log_item(
            meeting=meeting,
            text="Report back",
            owner=personas.case_officer,
            due_on=date(2026, 3, 1),
            by=personas.service_manager,
        )
    assert error.value.field == "due_on"
    assert not LogItem.objects.exists()
    item = act.add_log_item(
        meeting=meeting,
        text="Report back",
        owner=personas.case_officer,
        due_on=date(2026, 4, 1),
        by=personas.service_manager,
    )
    assert list(gq.overdue_log_items(personas.case_officer, TODAY)) == [item]
    assert list(gq.my_log_items(personas.case_officer)) == [item]
    with pytest.raises(ActionError):
        act.complete_log_item(item=item, done_on=TODAY, by=personas.qa_auditor)
    with pytest.raises(ActionError) as error:
        act.complete_log_item(item=item, done_on=date(2026, 6, 1), by=personas.case_officer)
    assert error.value.field == "done_on"
    act.complete_log_item(
        item=item, done_on=TODAY, note="Done at the May meeting", by=personas.case_officer
    )
    assert list(gq.my_log_items(personas.case_officer)) == []
    assert LogItem.objects.get(pk=item.pk).done_on == TODAY


def test_an_action_lead_escalates_and_the_history_stays_with_the_action(personas):
    plan = make_plan(personas.la)
    action = make_action(make_area(plan), lead_user=personas.case_officer)
    group = make_body(personas.la)
    board = make_body(personas.la, name="SEND partnership board", kind=Body.Kind.PARTNERSHIP_BOARD)
    assert can_raise_on_action(personas.case_officer, action)
    assert not can_raise_on_action(personas.qa_auditor, action)
    with pytest.raises(ActionError):
        act.raise_on_action(action=action, body=group, reason="Late", by=personas.qa_auditor)
    with pytest.raises(ActionError) as error:
        act.raise_on_action(
            action=action, body=make_body(make_la()), reason="Late", by=personas.case_officer
        )
    assert error.value.field == "body"
    first = act.raise_on_action(
        action=action,
        body=group,
        reason="The provider cannot start until September.",
        by=personas.case_officer,
    )
    with pytest.raises(ActionError) as error:
        act.decide_escalation(
            escalation=first,
            outcome="escalate",
            note="Needs the board",
            decided_on=TODAY,
            by=personas.service_manager,
        )
    assert error.value.field == "next_body"
    act.decide_escalation(
        escalation=first,
        outcome="escalate",
        note="Needs the board's funding decision.",
        decided_on=TODAY,
        next_body=board,
        by=personas.service_manager,
    )
    with pytest.raises(ActionError):
        act.decide_escalation(
            escalation=first,
            outcome="accept",
            note="x",
            decided_on=TODAY,
            by=personas.service_manager,
        )
    history = gq.action_history(action)
    assert [e.body for e in history] == [group, board]
    assert history[1].escalated_from == first
    assert history[0].decision.next_body == board
    act.decide_escalation(
        escalation=history[1],
        outcome="resequence",
        note="Start in September.",
        decided_on=TODAY,
        by=personas.service_manager,
    )
    assert [e.decision.outcome for e in gq.action_history(action)] == ["escalate", "resequence"]
    assert gq.chain(history[1])[0] == first


def test_a_kpi_owner_escalates_a_kpi(personas):
    body = make_body(personas.la)
    assert can_raise_on_kpi(personas.team_manager, personas.la.pk)
    assert not can_raise_on_kpi(personas.case_officer, personas.la.pk)
    with pytest.raises(ActionError) as error:
        act.raise_on_kpi(
            la_id=personas.la.pk,
            kpi_id="no-such-kpi",
            body=body,
            reason="x",
            by=personas.team_manager,
        )
    assert error.value.field == "kpi_id"
    with pytest.raises(ActionError) as error:
        act.raise_on_kpi(
            la_id=personas.la.pk,
            kpi_id="final-plan-20w",
            body=body,
            reason=" ",
            by=personas.team_manager,
        )
    assert error.value.field == "reason"
    made = act.raise_on_kpi(
        la_id=personas.la.pk,
        kpi_id="final-plan-20w",
        body=body,
        reason="Timeliness fell for a second quarter.",
        by=personas.team_manager,
    )
    act.decide_escalation(
        escalation=made,
        outcome=EscalationDecision.Outcome.CORRECTIVE,
        note="Agency case officers for 12 weeks.",
        decided_on=TODAY,
        meeting=make_meeting(body),
        by=personas.service_manager,
    )
    assert [e.pk for e in gq.kpi_history(personas.la.pk, "final-plan-20w")] == [made.pk]
    assert gq.kpi_history(make_la().pk, "final-plan-20w") == []
    assert Escalation.objects.count() == 1


def test_a_kpi_the_partnership_defined_itself_may_be_escalated_but_not_another_areas(personas):
    """Escalations resolve KPI ids through ``performance.kpis``, as every other reader: an
    area's own (local) KPI may be raised with its body; another area's may not."""
    import dataclasses
    from decimal import Decimal

    from senda.performance import local_kpis
    from tests.performance.test_local_kpis import ATTENDANCE

    def add(la, by, definition=ATTENDANCE):
        return local_kpis.add_local_kpi(
            by=by,
            la=la,
            definition=definition,
            baseline_value=Decimal("88.0"),
            baseline_on=date(2026, 7, 31),
            target_value=Decimal("93.0"),
            target_on=date(2028, 7, 31),
        )

    ours = add(personas.la, personas.service_manager)
    other_la = make_la()
    exclusions = dataclasses.replace(ATTENDANCE, name="Exclusions of children with EHC plans")
    theirs = add(other_la, make_user("service_manager", other_la), exclusions)
    body = make_body(personas.la)
    made = act.raise_on_kpi(
        la_id=personas.la.pk,
        kpi_id=ours.kpi,
        body=body,
        reason="Falling.",
        by=personas.team_manager,
    )
    assert [e.pk for e in gq.kpi_history(personas.la.pk, ours.kpi)] == [made.pk]
    assert theirs.kpi != ours.kpi
    with pytest.raises(ActionError) as error:
        act.raise_on_kpi(
            la_id=personas.la.pk, kpi_id=theirs.kpi, body=body, reason="x", by=personas.team_manager
        )
    assert error.value.field == "kpi_id"

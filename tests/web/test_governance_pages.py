"""The governance pages: a service manager sets up a body and its members, records a
meeting (the board pack it considered, attendance, decisions, the action log); the action
log reaches its owner's own work; action leads and KPI owners escalate, and the body's
decision stays with the action or KPI. Who may do what is the role matrix's; here, what the
pages do and refuse."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.governance.models import (
    Attendance,
    Body,
    Decision,
    Escalation,
    EscalationDecision,
    LogItem,
    Meeting,
    Member,
)
from tests.factories import make_action, make_area, make_board_pack, make_plan
from tests.governance.factories import (
    make_body,
    make_decision,
    make_escalation,
    make_log_item,
    make_meeting,
    make_member,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 20)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def when(prefix: str, day: date) -> dict[str, int]:
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def page(response) -> str:
    return " ".join(response.content.decode().split())


def test_a_service_manager_sets_up_a_body_and_its_members(client, personas):
    client.force_login(personas.service_manager)
    response = client.post(
        reverse("web:governance-body-new"),
        {
            "name": "SEND delivery group",
            "kind": "delivery_group",
            "terms_of_reference": "Oversees timescales and KPIs.",
            "meets": "every 6 to 8 weeks",
        },
    )
    body = Body.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{body.pk}/")
    response = client.post(
        reverse("web:governance-member-new", args=[body.pk]),
        {"user": personas.team_manager.pk, "role": "Chair", **when("joined_on", date(2026, 1, 5))},
    )
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.user == personas.team_manager
    response = client.post(
        reverse("web:governance-body-edit", args=[body.pk]),
        {"name": "Delivery group", "kind": "delivery_group", "terms_of_reference": "Revised."},
    )
    assert response.status_code == 302
    shown = page(client.get(reverse("web:governance-body", args=[body.pk])))
    assert "Delivery group" in shown and "Revised." in shown and "Chair" in shown
    response = client.post(
        reverse("web:governance-member-leave", args=[body.pk, member.pk]),
        when("left_on", date(2026, 5, 1)),
    )
    assert response.status_code == 302
    assert Member.objects.get().left_on == date(2026, 5, 1)
    assert "Former members" in page(client.get(reverse("web:governance-body", args=[body.pk])))


def test_hostile_input_is_a_form_error(client, personas):
    client.force_login(personas.service_manager)
    body = make_body(personas.la)
    response = client.post(
        reverse("web:governance-body-new"),
        {"name": "x" * 500, "kind": "cabal", "terms_of_reference": ""},
    )
    assert response.status_code == 200 and "There is a problem" in page(response)
    response = client.post(
        reverse("web:governance-meeting-new", args=[body.pk]),
        {"held_on-day": "31", "held_on-month": "2", "held_on-year": "2026", "board_pack": "999999"},
    )
    assert response.status_code == 200 and "There is a problem" in page(response)
    response = client.post(
        reverse("web:governance-meeting-new", args=[body.pk]), when("held_on", date(1066, 10, 14))
    )
    assert response.status_code == 200 and "There is a problem" in page(response)
    assert not Meeting.objects.exists()
    meeting = make_meeting(body)
    response = client.post(
        reverse("web:governance-log-new", args=[meeting.pk]),
        {"text": "x", "owner": "not-a-number", **when("due_on", date(2026, 6, 1))},
    )
    assert response.status_code == 200 and not LogItem.objects.exists()


def test_a_meeting_records_its_pack_attendance_decisions_and_action_log(client, personas):
    client.force_login(personas.service_manager)
    plan = make_plan(personas.la)
    pack = make_board_pack(plan, meeting_on=date(2026, 3, 4))
    body = make_body(personas.la)
    chair = make_member(body, name="Sam Chair", role="Chair", joined_on=date(2025, 1, 1))
    dco = make_member(body, name="Dr Lee", role="DCO", joined_on=date(2025, 1, 1))
    response = client.post(
        reverse("web:governance-meeting-new", args=[body.pk]),
        {"board_pack": pack.pk, "notes": "Quarterly review.", **when("held_on", date(2026, 3, 10))},
    )
    meeting = Meeting.objects.get()
    assert meeting.board_pack == pack
    url = reverse("web:governance-meeting", args=[meeting.pk])
    assert response["Location"] == url
    client.post(
        reverse("web:governance-attendance", args=[meeting.pk]),
        {f"member_{chair.pk}": "present", f"member_{dco.pk}": "apologies"},
    )
    assert dict(Attendance.objects.values_list("member__name", "status")) == {
        "Sam Chair": "present",
        "Dr Lee": "apologies",
    }
    client.post(reverse("web:governance-decision-new", args=[meeting.pk]), {"text": "Agree A."})
    decision = Decision.objects.get()
    client.post(
        reverse("web:governance-decision-correct", args=[decision.pk]),
        {"text": "Agree B.", "reason": "Minuted wrongly."},
    )
    assert Decision.objects.count() == 2
    client.post(
        reverse("web:governance-log-new", args=[meeting.pk]),
        {
            "text": "Bring the tribunal figures",
            "owner": personas.case_officer.pk,
            **when("due_on", date(2026, 4, 1)),
        },
    )
    item = LogItem.objects.get()
    assert item.owner == personas.case_officer
    shown = page(client.get(url))
    pack_url = reverse("web:plan-board-pack-view", args=[plan.pk, pack.pk])
    assert f'href="{pack_url}"' in shown
    for words in (
        "Sam Chair",
        "Apologies",
        "Agree B.",
        "Agree A.",
        "Minuted wrongly.",
        "Bring the tribunal figures",
        "Overdue",
    ):
        assert words in shown, words


def test_the_action_log_reaches_its_owners_work(client, personas):
    meeting = make_meeting(make_body(personas.la), held_on=date(2026, 3, 10))
    item = make_log_item(meeting, owner=personas.case_officer, due_on=date(2026, 4, 1))
    later = make_log_item(
        meeting, owner=personas.case_officer, text="Later one", due_on=date(2026, 9, 1)
    )
    client.force_login(personas.case_officer)
    home = page(client.get(reverse("web:home")))
    assert "1 action from governance meetings is overdue" in home
    mine = page(client.get(reverse("web:my-actions")))
    assert item.text in mine and "Later one" in mine
    response = client.post(
        reverse("web:governance-log-done", args=[item.pk]),
        {"note": "Sent", **when("done_on", TODAY)},
    )
    assert response.status_code == 302
    assert LogItem.objects.get(pk=item.pk).done_on == TODAY
    assert "from governance meetings is overdue" not in page(client.get(reverse("web:home")))
    assert item.text not in page(client.get(reverse("web:my-actions")))
    assert later.text in page(client.get(reverse("web:my-actions")))
    client.force_login(personas.team_manager)
    response = client.post(
        reverse("web:governance-log-done", args=[later.pk]), when("done_on", TODAY)
    )
    assert response.status_code == 403


def test_an_action_lead_escalates_and_the_body_decides(client, personas):
    action = make_action(make_area(make_plan(personas.la)), lead_user=personas.case_officer)
    group = make_body(personas.la)
    board = make_body(personas.la, name="SEND partnership board", kind="partnership_board")
    action_url = reverse("web:plan-action", args=[action.area.plan_id, action.pk])
    client.force_login(personas.case_officer)
    shown = page(client.get(action_url))
    assert "Nobody has raised this" in shown and "Raise this with a governance body" in shown
    response = client.post(
        reverse("web:plan-action-escalate", args=[action.area.plan_id, action.pk]),
        {"body": group.pk, "reason": "The provider cannot start until September."},
    )
    escalation = Escalation.objects.get()
    assert response["Location"] == reverse("web:governance-escalation", args=[escalation.pk])
    # The lead is not a member of the body: they read the escalation, they do not decide it.
    assert "Record the body" not in page(client.get(response["Location"]))
    assert client.post(response["Location"], {"outcome": "accept"}).status_code == 403
    client.force_login(personas.service_manager)
    response = client.post(
        reverse("web:governance-escalation", args=[escalation.pk]),
        {"outcome": "escalate", "note": "Needs the board.", **when("decided_on", TODAY)},
    )
    assert response.status_code == 200 and "There is a problem" in page(response)
    response = client.post(
        reverse("web:governance-escalation", args=[escalation.pk]),
        {
            "outcome": "escalate",
            "note": "Needs the board's funding decision.",
            "next_body": board.pk,
            **when("decided_on", TODAY),
        },
    )
    assert response.status_code == 302
    assert EscalationDecision.objects.get().next_body == board
    onward = Escalation.objects.get(escalated_from=escalation)
    assert onward.body == board and onward.action == action
    shown = page(client.get(action_url))
    assert (
        "Raised with SEND delivery group" in shown and "Raised with SEND partnership board" in shown
    )
    assert "Escalate further" in shown and "Awaiting decision" in shown


def test_a_kpi_owner_escalates_a_kpi_and_its_page_keeps_the_history(client, personas):
    body = make_body(personas.la)
    client.force_login(personas.team_manager)
    kpi_url = reverse("web:kpi", args=["final-plan-20w"])
    assert "Raise this with a governance body" in page(client.get(kpi_url))
    response = client.post(
        reverse("web:kpi-escalate", args=["final-plan-20w"]),
        {"body": body.pk, "reason": "Second quarter off trajectory."},
    )
    assert response.status_code == 302
    escalation = Escalation.objects.get()
    assert escalation.kpi_id == "final-plan-20w" and escalation.action is None
    assert "Second quarter off trajectory." in page(client.get(kpi_url))
    client.force_login(personas.board_member)
    shown = page(client.get(kpi_url))
    assert "Second quarter off trajectory." in shown
    assert "Raise this with a governance body" not in shown


def test_a_body_member_records_their_bodys_meeting(client, personas):
    body = make_body(personas.la)
    make_member(
        body,
        name="Board member",
        role="Member",
        user=personas.board_member,
        joined_on=date(2025, 1, 1),
    )
    meeting = make_meeting(body)
    make_decision(meeting)
    client.force_login(personas.board_member)
    response = client.post(
        reverse("web:governance-decision-new", args=[meeting.pk]), {"text": "Agree C."}
    )
    assert response.status_code == 302
    other = make_body(personas.la, name="Workstream")
    assert client.get(reverse("web:governance-meeting-new", args=[other.pk])).status_code == 403
    assert client.get(reverse("web:governance-body-edit", args=[body.pk])).status_code == 403


def test_the_index_lists_bodies_and_waiting_escalations(client, personas):
    body = make_body(personas.la)
    make_escalation(body)
    client.force_login(personas.qa_auditor)
    shown = page(client.get(reverse("web:governance")))
    assert body.name in shown and "Escalations awaiting a decision" in shown
    assert "Add a body" not in shown
    client.force_login(personas.service_manager)
    assert "Add a body" in page(client.get(reverse("web:governance")))

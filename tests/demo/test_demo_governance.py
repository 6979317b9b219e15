"""The demo's governance (``senda.demo.governance``): the delivery group's meeting shows the
board pack it considered, its attendance, decisions (one corrected) and action log (some
overdue), and the escalations keep their decisions with the action and the KPI."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from senda.demo.build import Built
from senda.demo.governance import BOARD, DELIVERY_GROUP
from senda.governance import queries as gq
from senda.governance.models import Body, Escalation, Meeting
from tests.demo.conftest import TODAY
from tests.web.page_audit import AuditingClient


def test_the_delivery_groups_meeting_has_its_pack_decisions_and_action_log(area: Built) -> None:
    group = Body.objects.get(la=area.la, name=DELIVERY_GROUP)
    board = Body.objects.get(la=area.la, name=BOARD)
    assert group.members.count() >= 4 and board.members.count() >= 4
    meeting = Meeting.objects.filter(body=group).latest("held_on")
    assert meeting.board_pack is not None and meeting.board_pack.plan.la_id == area.la.pk
    full = gq.meeting_in_full(meeting)
    assert {row.status for row in full.attendance} == {"present", "apologies"}
    assert len(full.decisions) == 3 and any(entry.earlier for entry in full.decisions)
    assert any(item.overdue(TODAY) for item in full.log_items)
    assert any(item.done_on for item in full.log_items)

    client = AuditingClient()
    client.force_login(User.objects.get(username="board-member"))
    page = client.get(reverse("web:governance-meeting", args=[meeting.pk]))
    text = page.content.decode()
    pack = meeting.board_pack
    assert reverse("web:plan-board-pack-view", args=[pack.plan_id, pack.pk]) in text
    assert "end of April" in text and "Overdue" in text


def test_the_escalations_keep_the_bodys_decisions(area: Built) -> None:
    onward = Escalation.objects.get(body__la=area.la, escalated_from__isnull=False)
    history = gq.action_history(onward.action)
    assert [e.body.name for e in history] == [DELIVERY_GROUP, BOARD]
    assert history[0].decision.outcome == "escalate"
    [kpi] = gq.kpi_history(area.la.pk, "final-plan-20w")
    assert kpi.decision.outcome == "corrective"

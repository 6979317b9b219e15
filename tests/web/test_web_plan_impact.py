"""An action's stage and impact page (ADR 0034): those who may rate the action record, with
the rules' messages on the form; those who may only read it see the history; the action's
page, the area's list and the board pack show the current stage and impact. (Who gets
404: tests/web/test_role_matrix.py.)"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.improvement.models import ImpactRecord
from tests.factories import (
    make_action,
    make_area,
    make_board_pack,
    make_la,
    make_plan,
    make_plan_member,
    make_user,
)
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 6, 15)
EVIDENCE = "Plans issued within 20 weeks rose from 38% to 61%; families' survey agrees."


@pytest.fixture
def action(db, today_is):
    today_is(TODAY)
    la = make_la()
    plan = make_plan(la, inspected_on=date(2025, 10, 1))
    return make_action(make_area(plan), kpi_ids=["final-plan-20w"], reference="1.1")


def url(action, name="plan-action-impact"):
    return reverse(f"web:{name}", args=[action.area.plan_id, action.pk])


def text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def test_it_records_a_stage_with_evidence_and_shows_it_everywhere(client, action):
    manager = make_user("service_manager", action.area.plan.la)
    client.force_login(manager)
    assert "Save stage and impact" in text(client.get(url(action)))
    form = {"stage": "impact-evidenced", "impact": "some", "evidence": EVIDENCE}
    response = client.post(url(action), {**form, "kpi_ids": ["final-plan-20w"]})
    assert response.status_code == 302
    record = ImpactRecord.objects.get(action=action)
    assert (record.stage, record.impact, record.kpi_ids) == (
        "impact-evidenced",
        "some",
        ["final-plan-20w"],
    )
    assert AuditEntry.objects.filter(object_id=str(record.pk), verb="write").exists()
    page = text(client.get(url(action, "plan-action")))
    assert "Stage: Impact evidenced since 15 June 2026. Impact: Some" in page
    area = reverse("web:plan-area", args=[action.area.plan_id, action.area_id])
    assert "Impact evidenced Some" in text(client.get(area))
    history = text(client.get(url(action)))
    assert "Plans issued within 20 weeks" in history and "(KPIs: " in history
    pack = make_board_pack(action.area.plan, meeting_on=TODAY)
    packed = text(client.get(reverse("web:plan-board-pack-view", args=[pack.plan_id, pack.pk])))
    assert "Delivery and impact" in packed and "Impact evidenced 1" in packed


def test_it_shows_the_rule_broken_on_the_form(client, action):
    client.force_login(make_user("team_manager", action.area.plan.la))
    response = client.post(url(action), {"stage": "sustained", "impact": "clear"})
    assert response.status_code == 200
    page = text(response)  # the audit checks the "Error: " title and the summary's links
    assert "cannot be recorded as “Sustained” without saying what shows it" in page
    response = client.post(url(action), {"stage": "sustained", "impact": "clear", "evidence": "x"})
    assert "only after it has been recorded as “Impact evidenced”" in text(response)
    assert not ImpactRecord.objects.exists()


def test_it_lets_readers_see_the_history_and_nothing_more(client, action):
    client.force_login(make_user("board_member", action.area.plan.la))
    page = text(client.get(url(action)))
    assert "Stage and impact of action 1.1" in page and "Save stage and impact" not in page
    assert client.post(url(action), {"stage": "planned", "impact": "not-yet"}).status_code == 403
    assert not ImpactRecord.objects.exists()


@pytest.mark.parametrize(("leads", "status"), [(True, 302), (False, 403)])
def test_a_partner_records_only_the_actions_they_lead(client, action, leads, status):
    member = make_plan_member(action.area.plan, access="edit")
    if leads:
        action.lead_user = member.user
        action.save(update_fields=["lead_user"])
    client.force_login(member.user)
    response = client.post(url(action), {"stage": "in-progress", "impact": "not-yet"})
    assert response.status_code == status
    assert ImpactRecord.objects.filter(action=action).exists() is leads

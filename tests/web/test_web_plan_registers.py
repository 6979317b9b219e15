"""A plan's risk register, "You said, we did" and sign-off, per persona."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.improvement.models import Feedback, Risk, SignOff
from tests.factories import make_partner, make_plan, make_plan_member, make_risk


@pytest.fixture
def plan(personas):
    return make_plan(personas.la, title="Local area SEND plan")


def url(name, plan, **kw):
    return reverse(f"web:{name}", kwargs={"plan_id": plan.pk, **kw})


def day(prefix, on):
    return {f"{prefix}-day": on.day, f"{prefix}-month": on.month, f"{prefix}-year": on.year}


RISK = {
    "description": "Officers leave",
    "owner": "Head of SEND",
    "severity_before": "4",
    "severity_after": "2",
    "mitigation": "Retention payments",
    **day("raised_on", date(2026, 1, 5)),
}


def test_it_lists_risks_by_severity(client, personas, plan):
    make_risk(plan, description="Low one", severity_before=2, severity_after=1)
    make_risk(plan, description="High one", severity_before=4, severity_after=4)
    client.force_login(personas.board_member)
    html = client.get(url("plan-risks", plan)).content.decode()
    assert html.index("High one") < html.index("Low one")
    assert "Add a risk" not in html and "Change" not in html


def test_it_adds_a_risk_for_an_editor(client, personas, plan):
    client.force_login(personas.service_manager)
    response = client.post(url("plan-risks", plan), RISK)
    assert response.status_code == 302
    risk = Risk.objects.get(plan=plan)
    assert (risk.description, risk.severity_before, risk.severity_after) == (
        "Officers leave",
        4,
        2,
    )
    assert AuditEntry.objects.filter(verb="write", object_id=str(risk.pk)).exists()
    assert "Risk added" in client.get(url("plan-risks", plan)).content.decode()


def test_it_shows_errors_on_the_risk_form(client, personas, plan):
    client.force_login(personas.team_manager)
    response = client.post(url("plan-risks", plan), {**RISK, "description": "", "owner": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the risk" in html and "Enter who owns the risk" in html
    assert not Risk.objects.exists()


def test_it_shows_an_actions_error_on_its_field(client, personas, plan):
    client.force_login(personas.team_manager)
    response = client.post(url("plan-risks", plan), {**RISK, **day("raised_on", date(2099, 1, 1))})
    assert "Date the risk was raised must be today or in the past" in response.content.decode()
    assert not Risk.objects.exists()


@pytest.mark.parametrize("who", ["board_member", "qa_auditor", "case_officer"])
def test_it_refuses_changes_to_the_registers_from_viewers(client, personas, plan, who):
    risk = make_risk(plan)
    partner = make_partner(plan)
    client.force_login(getattr(personas, who))
    assert client.post(url("plan-risks", plan), RISK).status_code == 403
    assert client.get(url("plan-risk", plan, risk_id=risk.pk)).status_code == 403
    assert client.post(url("plan-risk", plan, risk_id=risk.pk), RISK).status_code == 403
    assert client.post(url("plan-feedback", plan), {"theme": "x"}).status_code == 403
    data = {"partner": partner.pk, "signed_by": "x", **day("signed_on", date(2026, 1, 1))}
    assert client.post(url("plan-sign-off", plan), data).status_code == 403
    assert Risk.objects.count() == 1 and not Feedback.objects.exists()
    assert not SignOff.objects.exists()


@pytest.mark.parametrize("who", ["senco", "parent", "other_la_officer"])
def test_it_hides_the_registers_from_those_who_may_not_see_the_plan(client, personas, plan, who):
    risk = make_risk(plan)
    client.force_login(getattr(personas, who))
    for name, kw in [
        ("plan-risks", {}),
        ("plan-risk", {"risk_id": risk.pk}),
        ("plan-feedback", {}),
        ("plan-sign-off", {}),
    ]:
        assert client.get(url(name, plan, **kw)).status_code == 404
        assert client.post(url(name, plan, **kw), RISK).status_code == 404
    assert Risk.objects.count() == 1


def test_it_updates_a_risk(client, personas, plan):
    risk = make_risk(plan)
    client.force_login(personas.service_manager)
    form = client.get(url("plan-risk", plan, risk_id=risk.pk)).content.decode()
    assert risk.description in form
    data = {**RISK, "progress": "Two posts filled", "status": "closed"}
    response = client.post(url("plan-risk", plan, risk_id=risk.pk), data)
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.progress, risk.status, risk.severity_after) == ("Two posts filled", "closed", 2)
    assert AuditEntry.objects.filter(verb="write", object_id=str(risk.pk)).exists()


def test_it_hides_another_plans_risk(client, personas, plan):
    other = make_risk(make_plan(personas.la))
    client.force_login(personas.service_manager)
    assert client.get(url("plan-risk", plan, risk_id=other.pk)).status_code == 404


def test_it_lets_an_editing_partner_change_the_registers(client, plan):
    member = make_plan_member(plan, access="edit")
    client.force_login(member.user)
    assert client.post(url("plan-risks", plan), RISK).status_code == 302
    viewer = make_plan_member(plan, access="view")
    client.force_login(viewer.user)
    assert client.get(url("plan-risks", plan)).status_code == 200
    assert client.post(url("plan-risks", plan), RISK).status_code == 403


def test_it_records_you_said_we_did(client, personas, plan):
    client.force_login(personas.service_manager)
    data = {
        "source": "Forum survey",
        "theme": "Communication",
        "you_said": "We never hear back",
        "we_did": "Monthly newsletter",
        **day("received_on", date(2026, 1, 5)),
        **day("changed_on", date(2026, 2, 1)),
    }
    assert client.post(url("plan-feedback", plan), data).status_code == 302
    entry = Feedback.objects.get(plan=plan)
    assert (entry.theme, entry.changed_on, entry.published_on) == (
        "Communication",
        date(2026, 2, 1),
        None,
    )
    page = client.get(url("plan-feedback", plan)).content.decode()
    assert "We never hear back" in page and "Monthly newsletter" in page


def test_it_shows_errors_on_the_feedback_form(client, personas, plan):
    client.force_login(personas.service_manager)
    data = {
        "source": "Forum",
        "theme": "T",
        "you_said": "Y",
        **day("received_on", date(2026, 1, 5)),
        **day("published_on", date(2026, 2, 1)),
    }
    response = client.post(url("plan-feedback", plan), data)
    assert response.status_code == 200
    assert "Enter what was done before recording it as published." in response.content.decode()
    assert not Feedback.objects.exists()


def test_it_records_a_partners_sign_off(client, personas, plan):
    partner = make_partner(plan, name="Integrated Care Board")
    client.force_login(personas.service_manager)
    data = {"partner": partner.pk, "signed_by": "Chief Nurse", **day("signed_on", date(2026, 2, 1))}
    assert client.post(url("plan-sign-off", plan), data).status_code == 302
    sign_off = SignOff.objects.get(plan=plan)
    assert (sign_off.partner, sign_off.signed_on) == (partner, date(2026, 2, 1))
    page = client.get(url("plan-sign-off", plan)).content.decode()
    assert "Integrated Care Board" in page and "Chief Nurse" in page


def test_it_offers_only_this_plans_partners(client, personas, plan):
    make_partner(plan, name="Ours")
    theirs = make_partner(make_plan(personas.la), name="Theirs")
    client.force_login(personas.service_manager)
    page = client.get(url("plan-sign-off", plan)).content.decode()
    assert "Ours" in page and "Theirs" not in page
    data = {"partner": theirs.pk, "signed_by": "X", **day("signed_on", date(2026, 2, 1))}
    assert client.post(url("plan-sign-off", plan), data).status_code == 200
    assert not SignOff.objects.exists()

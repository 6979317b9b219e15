"""Decision panels on the web: a QA lead sets up a panel, adds members and cases, a team
manager records a decision that lands on the case through the casework action, and
learning is shared then acted on; hostile input is a form error, never a 500."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.casework.models import CaseEvent, Decision
from senda.quality.models import Panel, PanelItem, PanelLearning, PanelMember
from tests.casework.flows import requested
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def dated(on: date, name: str) -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


@pytest.fixture
def panel(client, personas):
    client.force_login(personas.team_manager)
    response = client.post(
        reverse("web:qa-panel-new"),
        {"name": "Assessment panel", "chair": str(personas.team_manager.pk)}
        | dated(date(2026, 6, 1), "meets_on"),
    )
    panel = Panel.objects.get()
    assert response.status_code == 302 and response.url == reverse("web:qa-panel", args=[panel.pk])
    return panel


def test_a_lead_builds_the_agenda_and_records_a_decision(client, personas, panel):
    case = requested(personas.case, personas.case_officer)
    address = reverse("web:qa-panel", args=[panel.pk])
    assert (
        client.post(
            address, {"form": "item", "item-case": case.pk, "item-question": "assess"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            address,
            {
                "form": "member",
                "member-name": "Dr A",
                "member-organisation": "health",
                "member-present": "on",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            address,
            {"form": "held", "held-quorum_met": "yes"} | dated(date(2026, 6, 1), "held-held_on"),
        ).status_code
        == 302
    )
    item = PanelItem.objects.get()
    assert PanelMember.objects.get().organisation == "health"
    assert Panel.objects.get().quorum_met is True
    decide = reverse("web:qa-panel-decide", args=[panel.pk]) + f"?item={item.pk}"
    assert "Record the panel's decision" in page_text(client.get(decide))
    response = client.post(
        reverse("web:qa-panel-decide", args=[panel.pk]),
        {"item": item.pk, "decision": "assess", "reasons": "Needs not met by the setting"}
        | dated(date(2026, 6, 2), "decided_on"),
    )
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=case, type="assess_decision")
    item.refresh_from_db()
    assert item.event == event and item.reasons == "Needs not met by the setting"
    text = page_text(client.get(address))
    assert "Needs not met by the setting" in text and "Dr A, Health" in text
    assert personas.child.family_name not in text


def test_a_top_up_decision_and_its_errors(client, personas, panel):
    address = reverse("web:qa-panel", args=[panel.pk])
    client.post(address, {"form": "item", "item-case": personas.case.pk, "item-question": "top_up"})
    item = PanelItem.objects.get()
    decide = reverse("web:qa-panel-decide", args=[panel.pk])
    for data, message in [
        ({"decision": "Band C", "reasons": "x"}, "Enter the top-up band"),
        (
            {
                "decision": "Band C",
                "band": "C",
                "reasons": "x",
                **dated(date(2027, 1, 1), "decided_on"),
            },
            "must be today or in the past",
        ),
        (
            {
                "decision": "Band C",
                "band": "C",
                "reasons": "x",
                **dated(date(2026, 5, 1), "decided_on"),
            },
            "The decision cannot be before the panel met",
        ),
        (
            {"decision": "x" * 400, "band": "C", "reasons": "x"},
            "Decision must be 300 characters or fewer",
        ),
    ]:
        response = client.post(
            decide, {"item": item.pk, **dated(date(2026, 6, 2), "decided_on"), **data}
        )
        assert response.status_code == 200
        assert message in page_text(response)
    assert not Decision.objects.exists()
    client.post(
        decide,
        {"item": item.pk, "decision": "Band C", "band": "C", "reasons": "1:1 most of the day"}
        | dated(date(2026, 6, 2), "decided_on"),
    )
    assert Decision.objects.get().band == "C"


def test_hostile_agenda_input_is_a_form_error(client, personas, panel):
    address = reverse("web:qa-panel", args=[panel.pk])
    for case in ("99999999999999999999", "abc", "-1", "999999"):
        response = client.post(
            address, {"form": "item", "item-case": case, "item-question": "assess"}
        )
        assert response.status_code == 200
        assert "There is a problem" in page_text(response)
    assert not PanelItem.objects.exists()
    assert (
        client.get(
            reverse("web:qa-panel-decide", args=[panel.pk]) + "?item=99999999999999"
        ).status_code
        == 404
    )


def test_learning_is_shared_then_acted_on(client, personas, panel):
    learning_url = reverse("web:qa-panel-learning", args=[panel.pk])
    response = client.post(
        learning_url,
        {
            "do": "add",
            "learning-text": "Advice lacked impact on learning",
            "learning-partner": "EP service",
            "learning-team": str(personas.advice_team.pk),
        },
    )
    assert response.status_code == 302
    learning = PanelLearning.objects.get()
    assert learning.team == personas.advice_team
    client.post(learning_url, {"do": "share", "learning": learning.pk})
    response = client.post(
        learning_url, {"do": "acted", "learning": learning.pk, f"acted-{learning.pk}-note": ""}
    )
    assert "Enter what was done" in page_text(response)
    client.post(
        learning_url,
        {"do": "acted", "learning": learning.pk, f"acted-{learning.pk}-note": "Template changed"},
    )
    learning.refresh_from_db()
    assert (learning.shared_on, learning.acted_on, learning.acted_note) == (
        TODAY,
        TODAY,
        "Template changed",
    )
    assert "Acted on" in page_text(client.get(reverse("web:qa-panel", args=[panel.pk])))


def test_a_case_officer_reads_but_does_not_change(client, personas, panel):
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:qa-panels")).status_code == 200
    text = page_text(client.get(reverse("web:qa-panel", args=[panel.pk])))
    assert "Add a case to the agenda" not in text
    response = client.post(reverse("web:qa-panel", args=[panel.pk]), {"form": "member"})
    assert response.status_code == 403


def test_a_held_panel_is_fixed_and_its_page_says_things_once(client, personas, panel):
    """Walk 15: a held panel's agenda, members and meeting forms went on being offered;
    "Top-up funding at band B (band B)"; "For Community paediatrics (Community
    paediatrics)"; an advice-team option "None"."""
    address = reverse("web:qa-panel", args=[panel.pk])
    client.post(address, {"form": "item", "item-case": personas.case.pk, "item-question": "top_up"})
    item = PanelItem.objects.get()
    page = page_text(client.get(address))
    assert "Add the learning" in page and "Not one of the advice teams" in page
    assert '<option value="">None</option>' not in client.get(address).content.decode()
    held = {"form": "held", "held-quorum_met": "yes"} | dated(date(2026, 6, 1), "held-held_on")
    assert client.post(address, held).status_code == 302
    client.post(
        reverse("web:qa-panel-decide", args=[panel.pk]),
        {"item": item.pk, "decision": "Top-up funding at band B", "band": "B", "reasons": "1:1"}
        | dated(date(2026, 6, 2), "decided_on"),
    )
    team = personas.advice_team
    client.post(
        reverse("web:qa-panel-learning", args=[panel.pk]),
        {
            "do": "add",
            "learning-text": "Advice lacked impact on learning",
            "learning-partner": team.name,
            "learning-team": str(team.pk),
        },
    )
    page = page_text(client.get(address))
    assert "Top-up funding at band B, 2 Jun 2026" in page and "(band B)" not in page
    assert f"For {team.name}" in page
    assert f"({team.name})" not in page
    for hidden in ("Add a case to the agenda", "Add a member", "Record the meeting"):
        assert hidden not in page
    assert "Add the learning" in page  # learning still follows the meeting
    member = {"form": "member", "member-name": "Late", "member-organisation": "health"}
    response = client.post(address, member, follow=True)
    assert response.status_code == 200
    assert "The panel has met: its agenda, members and meeting can no longer change" in (
        page_text(response)
    )
    assert not PanelMember.objects.exists()
    again = {"form": "held", "held-quorum_met": "no"} | dated(date(2026, 6, 3), "held-held_on")
    client.post(address, again)
    assert Panel.objects.get().held_on == date(2026, 6, 1)

"""The partnership's priorities in the quarterly report (HTML and XLSX; the PDF in
test_performance_report.py) and the pages that write them: statements, a quarter's rating,
the key actions for the coming quarter."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from senda.improvement import priority_actions as write
from senda.improvement.models import KeyAction, KeyActionList, PriorityRating
from tests.improvement.priority_factories import I_WORDS, WE_WORDS, priority_plan

TODAY = date(2026, 11, 22)
Q2 = "2026-27-q2"


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


@pytest.fixture
def made(personas):
    return priority_plan(personas.la, personas.service_manager)


def test_the_report_has_a_page_per_priority(client, personas, made):
    client.force_login(personas.board_member)
    html = client.get(reverse("web:report") + f"?quarter={Q2}").content.decode()
    assert 'href="#priorities"' in html
    assert "Priority 1: Timeliness of EHC plans" in html
    assert "Priority 2: Preparing for adulthood" in html
    assert "I know who is looking after my child&#x27;s assessment" in html
    assert WE_WORDS in html
    assert "Plans within 20 weeks rose to 58% in September." in html
    assert "govuk-tag--green" in html and "(Q1 2026-27: Red)" in html
    assert 'href="#kpi-final-plan-20w"' in html  # the KPIs it serves, linked to their pages
    assert "Key actions for the coming quarter (Q3 2026-27)" in html
    assert "Interviews held (action 1.2)" in html
    assert "drawn from the actions and milestones due" in html


def test_the_workbook_has_priorities_and_key_actions_sheets(client, personas, made):
    by = personas.service_manager
    key_list = write.start_key_actions(plan=made.plan, quarter=Q2, by=by)
    write.add_key_action(key_list=key_list, area=made.second, text="=HYPERLINK(1)", by=by)
    client.force_login(personas.qa_auditor)
    response = client.get(reverse("web:report-xlsx", args=[Q2]))
    book = load_workbook(BytesIO(response.content))
    rows = list(book["Priorities"].iter_rows(min_row=2, values_only=True))
    first = rows[0]
    assert first[:5] == (1, "Timeliness of EHC plans", "Head of SEND", I_WORDS, WE_WORDS)
    assert first[6] == "Green" and first[10] == "Red"
    assert "Plans within 20 weeks rose" in first[7]
    assert "New EHC plans issued within 20 weeks" in first[11] or "final-plan-20w" in first[11]
    assert rows[1][6] == "Not rated"
    keys = list(book["Key actions"].iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in keys] == [
        made.ending.what,
        "Interviews held (action 1.2)",
        "=HYPERLINK(1)",
    ]
    cell = book["Key actions"].cell(row=4, column=3)
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula
    assert keys[0][6] == "Draft: may still change"


def test_a_manager_writes_the_statements_and_the_old_ones_are_kept(client, personas, made):
    client.force_login(personas.team_manager)
    url = reverse("web:plan-priority-statements", args=[made.plan.pk, made.first.pk])
    assert "I know who is looking after my child" in client.get(url).content.decode()
    response = client.post(url, {"i_statement": "I am told.", "we_statement": "We tell."})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "I am told." in html and "I hear from them." in html  # the history
    response = client.post(url, {"i_statement": "", "we_statement": "x" * 3000})
    html = response.content.decode()
    assert "Enter the “I” statement" in html and "2,000 characters or fewer" in html


def test_a_manager_rates_a_quarter_and_the_report_shows_it(client, personas, made):
    client.force_login(personas.service_manager)
    url = reverse("web:plan-priority-rate", args=[made.plan.pk, made.second.pk, Q2])
    response = client.post(url, {"value": "amber", "narrative": "Two of five actions slipped."})
    assert response.status_code == 302
    assert PriorityRating.objects.get(area=made.second).value == "amber"
    response = client.post(url, {"value": "purple", "narrative": ""})
    html = response.content.decode()
    assert "Select a rating" in html and "Enter the narrative for this rating" in html
    report = client.get(reverse("web:report") + f"?quarter={Q2}").content.decode()
    assert "Two of five actions slipped." in report
    not_started = reverse(
        "web:plan-priority-rate", args=[made.plan.pk, made.second.pk, "2027-28-q4"]
    )
    assert client.get(not_started).status_code == 404


def test_the_key_actions_page_starts_edits_and_publishes_the_list(client, personas, made):
    client.force_login(personas.service_manager)
    url = reverse("web:plan-key-actions", args=[made.plan.pk, Q2])
    html = client.get(url).content.decode()
    assert "Interviews held (action 1.2)" in html and "Start the list" in html
    assert client.post(url, {"op": "start"}).status_code == 302
    key_list = KeyActionList.objects.get(plan=made.plan, quarter=Q2)
    first, second = KeyAction.objects.filter(key_list=key_list)
    client.post(url, {"op": "reword", "item": first.pk, f"item-{first.pk}-text": "Track weekly."})
    client.post(url, {"op": "remove", "item": second.pk})
    client.post(
        url,
        {
            "op": "add",
            "area": made.second.pk,
            "text": "Hold a transition fair.",
            "due_on-day": "1",
            "due_on-month": "12",
            "due_on-year": "2026",
        },
    )
    texts = [k.text for k in KeyAction.objects.filter(key_list=key_list)]
    assert texts == ["Track weekly.", "Hold a transition fair."]
    response = client.post(url, {"op": "add", "area": made.second.pk, "text": ""})
    assert "Enter the key action" in response.content.decode()
    assert client.post(url, {"op": "reword", "item": "x"}).status_code == 404
    assert client.post(url, {"op": "publish"}).status_code == 302
    html = client.get(url).content.decode()
    assert "Published on" in html and "Save the wording" not in html
    response = client.post(url, {"op": "add", "area": made.second.pk, "text": "Late."})
    assert "can no longer change" in response.content.decode()
    report = client.get(reverse("web:report") + f"?quarter={Q2}").content.decode()
    assert "Track weekly." in report and "Interviews held" not in report

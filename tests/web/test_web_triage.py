"""Triage (/triage/): overdue and soon-due work across the area, highest risk first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senda.casework import actions
from senda.casework.models import DeadlineRow
from senda.casework.summary import resummarise
from tests.factories import make_case, make_child, make_user
from tests.web.page_audit import audit_page, text_of

TRIAGE = reverse("web:triage")
LA_STAFF = ["case_officer", "team_manager", "qa_auditor", "service_manager"]


def today():
    return timezone.localdate()


def add_deadline(case, rule, days, status=None):
    status = status or ("overdue" if days < 0 else "pending")
    row = DeadlineRow.objects.create(
        case=case,
        rule=rule,
        due=today() + timedelta(days=days),
        status=status,
        citation="x",
        evaluated_for=today(),
    )
    resummarise(case)
    return row


def listed(response):
    return [case.pk for _, case in response.context["rows"]]


def main_text(response):
    return text_of(audit_page(response).find(".//main"))


@pytest.mark.parametrize("role", LA_STAFF)
def test_it_lists_the_las_overdue_and_soon_due_cases_highest_risk_first(client, personas, role):
    report = make_case(la=personas.la)
    add_deadline(report, "review-report", -60)
    add_deadline(personas.case, "final-plan", -1)
    soon = make_case(la=personas.la)
    add_deadline(soon, "advice", 20)
    later = make_case(la=personas.la)
    add_deadline(later, "annual-review", 40)
    elsewhere = make_case(la=personas.other_la)
    add_deadline(elsewhere, "final-plan", -100)
    client.force_login(getattr(personas, role))
    response = client.get(TRIAGE)
    assert response.status_code == 200
    assert listed(response) == [personas.case.pk, report.pk, soon.pk]
    assert "3 cases" in main_text(response)


@pytest.mark.parametrize("role", ["senco", "parent", "board_member"])
def test_it_refuses_triage_to_roles_outside_the_la(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(TRIAGE).status_code == 403


def test_it_shows_another_las_officer_nothing_of_this_la(client, personas):
    add_deadline(personas.case, "final-plan", -10)
    client.force_login(personas.other_la_officer)
    response = client.get(TRIAGE, {"officer": personas.case_officer.pk})
    assert listed(response) == []
    assert str(personas.child) not in main_text(response)


def test_it_explains_why_each_case_is_here(client, personas):
    add_deadline(personas.case, "final-plan", -15)
    add_deadline(personas.case, "advice", -3)
    client.force_login(personas.case_officer)
    response = client.get(TRIAGE)
    details = audit_page(response).find(".//main//table//details")
    text = text_of(details)
    assert text.startswith("47 points: show why")
    assert "Final EHC plan issued (reg 13(2)) missed: its statutory weight 40 points" in text
    assert "Overdue by 15 days: a point a full week 2 points" in text
    assert "1 other overdue deadline 5 points" in text
    assert "Total 47 points" in text


def test_it_explains_the_rule_on_the_page(client, personas):
    client.force_login(personas.case_officer)
    text = main_text(client.get(TRIAGE))
    assert "How the risk score works" in text
    assert "Each open complaint 15, up to 30" in text
    assert "Final EHC plan issued 40 The 20-week limit" in text


def test_it_links_each_row_to_its_case(client, personas):
    add_deadline(personas.case, "annual-review", -3)
    client.force_login(personas.case_officer)
    links = [a.get("href") for a in audit_page(client.get(TRIAGE)).iterfind(".//table//a")]
    assert links == [reverse("web:case-detail", args=[personas.case.pk])]


def test_it_moves_a_case_with_an_open_complaint_up(client, personas):
    rival = make_case(la=personas.la)
    add_deadline(rival, "annual-review", -30)
    add_deadline(personas.case, "annual-review", -10)
    client.force_login(personas.case_officer)
    assert listed(client.get(TRIAGE)) == [rival.pk, personas.case.pk]
    actions.record_complaint(
        case=personas.case,
        received_on=today(),
        stage=1,
        summary="The review was late.",
        by=personas.case_officer,
    )
    response = client.get(TRIAGE)
    assert listed(response) == [personas.case.pk, rival.pk]
    assert "1 open complaint" in main_text(response)


def test_it_filters_by_officer_rule_and_window(client, personas):
    other = make_user("case_officer", personas.la)
    theirs = make_case(la=personas.la, officer=other)
    add_deadline(theirs, "review-report", -5)
    add_deadline(personas.case, "final-plan", 40)
    client.force_login(personas.team_manager)
    assert listed(client.get(TRIAGE)) == [theirs.pk]
    assert listed(client.get(TRIAGE, {"window": 56})) == [personas.case.pk, theirs.pk]
    assert listed(client.get(TRIAGE, {"window": 56, "officer": other.pk})) == [theirs.pk]
    assert listed(client.get(TRIAGE, {"window": 56, "rule": "final-plan"})) == [personas.case.pk]


def test_it_shows_an_invalid_filter_as_an_error(client, personas):
    client.force_login(personas.case_officer)
    response = client.get(TRIAGE, {"window": "365", "rule": "no-such-rule"})
    assert response.status_code == 200
    # the page audit checks the "Error: " title
    assert "Select an option from the ‘Deadline’ list" in main_text(response)


def test_it_pages_25_at_a_time_and_keeps_the_filters(client, personas):
    for n in range(30):
        add_deadline(make_case(la=personas.la), "annual-review", -n - 1)
    client.force_login(personas.case_officer)
    first = client.get(TRIAGE, {"rule": "annual-review"})
    assert len(listed(first)) == 25
    href = audit_page(first).find(".//a[@rel='next']").get("href")
    assert href == "?rule=annual-review&page=2"
    second = client.get(TRIAGE, {"rule": "annual-review", "page": 2})
    assert len(listed(second)) == 5
    assert len(set(listed(first) + listed(second))) == 30


def test_it_shows_triage_in_the_navigation_of_la_staff_only(client, personas):
    client.force_login(personas.qa_auditor)
    header = text_of(audit_page(client.get(reverse("web:home"))).find(".//header"))
    assert "Triage" in header
    client.force_login(personas.parent)
    header = text_of(audit_page(client.get(reverse("web:home"))).find(".//header"))
    assert "Triage" not in header


def test_it_lists_triage_in_a_constant_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    add_deadline(personas.case, "final-plan", -3)
    client.force_login(personas.case_officer)
    with CaptureQueriesContext(connection) as one_case:
        client.get(TRIAGE)
    for n in range(30):
        case = make_case(make_child(personas.la), officer=personas.case_officer)
        add_deadline(case, "annual-review", -n)
        add_deadline(case, "review-report", 3)
        actions.record_complaint(
            case=case, received_on=today(), stage=1, summary="Late.", by=personas.team_manager
        )
    with django_assert_max_num_queries(len(one_case)):
        response = client.get(TRIAGE)
    assert len(listed(response)) == 25

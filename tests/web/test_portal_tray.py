"""The council's pages of the portal: the received tray, one report (log it, return it),
support and challenge on a setting's returns page, a plan's outcomes and the advice
incorporated in it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent, IncorporatedAdvice, PlanOutcome
from senda.portal.models import Escalation, Message, ReviewReport, SupportContact
from tests.casework.flows import with_plan
from tests.factories import make_case, make_child
from tests.portal.tray_reports import other_area_report, submitted_report
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 3, 20)
TRAY = reverse("web:portal-tray")


@pytest.fixture
def report(personas, today_is):
    today_is(TODAY)
    personas.senco.email = "senco@school.example"
    personas.senco.save()
    return submitted_report(personas.case, personas.case_officer, personas.senco)


def url(name, report):
    return reverse(f"web:{name}", args=[report.pk])


def test_it_lists_the_tray_oldest_first(client, personas, report) -> None:
    older = submitted_report(
        make_case(make_child(personas.la, setting=personas.setting)),
        personas.case_officer,
        personas.senco,
        meeting=date(2026, 3, 2),
        received=date(2026, 3, 9),
    )
    client.force_login(personas.qa_auditor)
    response = client.get(TRAY)
    assert response.status_code == 200
    page = text_of(audit_page(response).find(".//table"))
    assert page.index(f"Case {older.case_id}") < page.index(f"Case {report.case_id}")
    assert "Overdue" in page
    assert AuditEntry.objects.filter(summary__startswith="received tray").exists()


def test_it_shows_a_report_with_its_answers_and_forms(client, personas, report) -> None:
    client.force_login(personas.case_officer)
    response = client.get(url("portal-tray-report", report))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Likes maths" in text and "Log this review" in text
    assert personas.child.family_name not in text.split("</title>")[0]
    assert AuditEntry.objects.filter(
        summary=f"case {report.case_id}: review report {report.pk} read"
    )
    client.force_login(personas.qa_auditor)
    assert "Log this review" not in client.get(url("portal-tray-report", report)).content.decode()


def test_it_reads_the_answers_as_the_check_page_does(client, personas, today_is) -> None:
    today_is(TODAY)
    report = submitted_report(personas.case, personas.case_officer, personas.senco, answers={})
    outcome = PlanOutcome.objects.create(
        plan=report.plan, number=1, text="Reads a short book on her own", recorded_on=TODAY
    )
    report.answers = {
        "review-details": {"review_type": "annual", "previous_review_on": "2025-11-25"},
        "child-views": {"views": "Likes maths", "how_given": "spoken"},
        "progress": {
            f"o{outcome.pk}_progress": "achieved",
            f"o{outcome.pk}_evidence": "Read three books",
            f"o{outcome.pk}_still_right": "yes",
        },
        "recommendation": {"recommendation": "maintain", "why": "Going well"},
        "old-section": {"note": "Kept"},
    }
    report.save()
    client.force_login(personas.case_officer)
    response = client.get(url("portal-tray-report", report))
    assert response.status_code == 200
    text = text_of(audit_page(response).find(".//main"))
    for shown in (
        "What kind of review was it?",
        "Annual review",
        "Date of the previous review",
        "25 November 2025",
        "How did they give their views?",
        "Spoke at the meeting",
        "Outcome 1: progress (Reads a short book on her own)",
        "Achieved",
        "Outcome 1: is the outcome still right? (Reads a short book on her own)",
        "Keep the plan as it is",
        "Not provided",  # the parents' views and other questions not answered
        "Kept",  # answers under a section the definitions do not know are still shown
    ):
        assert shown in text, shown
    for raw in ("annual", "2025-11-25", "spoken", "maintain", f"o{outcome.pk}_", "Review type"):
        assert raw not in text, raw


def test_it_lists_the_reports_files(client, personas, report) -> None:
    from senda.portal.models import Upload
    from tests.portal.upload_helpers import make_upload

    clean = make_upload(personas, report, name="views.pdf")
    infected = make_upload(personas, report, name="bad.pdf", scan=Upload.Scan.INFECTED)
    client.force_login(personas.case_officer)
    response = client.get(url("portal-tray-report", report))
    page = audit_page(response)
    text = text_of(page.find(".//main"))
    assert "views.pdf" in text and "bad.pdf" in text and "Removed" in text
    links = {a.get("href") for a in page.iter("a")}
    assert reverse("web:file", args=[clean.pk]) in links
    assert reverse("web:file", args=[infected.pk]) not in links
    assert url("portal-report-files", report) in links


def test_it_says_when_a_report_has_no_files(client, personas, report) -> None:
    client.force_login(personas.case_officer)
    response = client.get(url("portal-tray-report", report))
    text = text_of(audit_page(response).find(".//main"))
    assert "has not added any files" in text
    assert url("portal-report-files", report) in response.content.decode()


def test_it_logs_a_report(client, personas, report) -> None:
    client.force_login(personas.case_officer)
    response = client.post(url("portal-tray-log", report))
    assert response.status_code == 302 and response["Location"] == TRAY
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.LOGGED
    assert CaseEvent.objects.get(type="review_logged").on == TODAY
    assert client.post(url("portal-tray-log", report)).status_code == 302
    assert CaseEvent.objects.filter(type="review_logged").count() == 1


def test_it_returns_a_report_and_notifies_the_setting(client, personas, report) -> None:
    client.force_login(personas.case_officer)
    response = client.post(url("portal-tray-return", report), {"reason": "Add section 3."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.RETURNED
    message = Message.objects.get(template="report_returned")
    assert message.to == "senco@school.example"
    assert message.personalisation["reason"] == "Add section 3."
    # A returned report cannot be logged.
    response = client.post(url("portal-tray-log", report))
    assert response.status_code == 200
    assert "Only a report the setting has sent" in response.content.decode()
    assert not CaseEvent.objects.filter(type="review_logged").exists()


def test_it_refuses_a_reason_naming_the_child(client, personas, report) -> None:
    client.force_login(personas.case_officer)
    reason = f"{personas.child.given_name} needs more views"
    response = client.post(url("portal-tray-return", report), {"reason": reason})
    assert response.status_code == 200
    audit_page(response)
    assert "must not name the child" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.SUBMITTED
    assert not Message.objects.exists()


@pytest.mark.parametrize("persona", ["senco", "parent", "advice_giver", "board_member"])
def test_partners_may_not_use_the_tray(client, personas, report, persona) -> None:
    client.force_login(getattr(personas, persona))
    assert client.get(TRAY).status_code == 403
    for name in ("portal-tray-report", "portal-tray-log", "portal-tray-return"):
        assert client.get(url(name, report)).status_code in (403, 404)
    assert client.post(url("portal-tray-log", report)).status_code in (403, 404)
    assert client.post(url("portal-tray-return", report), {"reason": "x"}).status_code in (
        403,
        404,
    )
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.SUBMITTED


def test_another_areas_report_is_not_found(client, personas, report) -> None:
    other = other_area_report()
    client.force_login(personas.service_manager)
    for name in ("portal-tray-report", "portal-tray-log", "portal-tray-return"):
        assert client.get(url(name, other)).status_code == 404
    assert client.post(url("portal-tray-log", other)).status_code == 404
    client.force_login(personas.other_la_officer)
    assert client.get(url("portal-tray-report", report)).status_code == 404


def test_a_qa_auditor_may_not_log(client, personas, report) -> None:
    client.force_login(personas.qa_auditor)
    assert client.post(url("portal-tray-log", report)).status_code == 403
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.SUBMITTED


# --- Support and challenge on the setting's returns page -------------------------------


@pytest.fixture
def late_case(personas, today_is):
    """A case at the personas' setting whose review report came 12 days late."""
    today_is(date(2026, 6, 1))
    case = make_case(make_child(personas.la, setting=personas.setting))
    submitted_report(case, personas.case_officer, personas.senco, received=date(2026, 3, 30))
    return case


def returns_url(personas):
    return reverse("web:returns-setting", args=[personas.setting.pk])


def test_it_records_a_support_contact(client, personas, late_case) -> None:
    client.force_login(personas.case_officer)
    data = {
        "form": "contact",
        "contact-kind": "call",
        "contact-on-day": "2",
        "contact-on-month": "4",
        "contact-on-year": "2026",
        "contact-note": "Talked about deadlines",
    }
    response = client.post(returns_url(personas), data)
    assert response.status_code == 302
    contact = SupportContact.objects.get()
    assert (contact.kind, contact.on, contact.setting) == (
        "call",
        date(2026, 4, 2),
        personas.setting,
    )
    page = client.get(returns_url(personas))
    assert "Talked about deadlines" in page.content.decode()


def test_it_shows_errors_on_the_contact_form(client, personas, late_case) -> None:
    client.force_login(personas.case_officer)
    response = client.post(returns_url(personas), {"form": "contact", "contact-kind": "fax"})
    assert response.status_code == 200
    audit_page(response)
    assert not SupportContact.objects.exists()


def test_it_escalates_and_a_manager_resolves(client, personas, late_case) -> None:
    client.force_login(personas.case_officer)
    page = client.get(returns_url(personas)).content.decode()
    assert f"{late_case.child} (case {late_case.pk})" in page
    data = {
        "form": "escalate",
        "escalate-level": "team_manager",
        "escalate-reason": "Reports keep coming late",
        "escalate-cases": [str(late_case.pk)],
        "escalate-on-day": "10",
        "escalate-on-month": "4",
        "escalate-on-year": "2026",
    }
    assert client.post(returns_url(personas), data).status_code == 302
    escalation = Escalation.objects.get()
    assert list(escalation.cases.all()) == [late_case]
    resolve = {"form": "resolve", "resolve-escalation": str(escalation.pk)}
    assert client.post(returns_url(personas), resolve).status_code == 403  # an officer
    client.force_login(personas.team_manager)
    assert "as resolved" in client.get(returns_url(personas)).content.decode()
    assert client.post(returns_url(personas), resolve).status_code == 302
    escalation.refresh_from_db()
    assert escalation.resolved_on == date(2026, 6, 1)


def test_it_refuses_an_escalation_of_a_case_that_was_not_late(client, personas, late_case) -> None:
    client.force_login(personas.case_officer)
    data = {
        "form": "escalate",
        "escalate-level": "team_manager",
        "escalate-reason": "Late",
        "escalate-cases": [str(personas.case.pk)],
        "escalate-on-day": "10",
        "escalate-on-month": "4",
        "escalate-on-year": "2026",
    }
    response = client.post(returns_url(personas), data)
    assert response.status_code == 200
    audit_page(response)
    assert not Escalation.objects.exists()


@pytest.mark.parametrize("persona", ["senco", "qa_auditor"])
def test_others_may_not_record_support(client, personas, late_case, persona) -> None:
    client.force_login(getattr(personas, persona))
    data = {"form": "contact", "contact-kind": "call"}
    assert client.post(returns_url(personas), data).status_code == 403
    page = client.get(returns_url(personas)).content.decode()
    assert ("Support and challenge" in page) is (persona == "qa_auditor")
    assert "Record a contact" not in page
    assert not SupportContact.objects.exists()


# --- A plan's outcomes and the advice incorporated ---------------------------------------


@pytest.fixture
def plan(personas, today_is):
    today_is(TODAY)
    return with_plan(personas.case, personas.case_officer).plans.get()


def test_an_officer_types_the_plans_outcomes(client, personas, plan) -> None:
    client.force_login(personas.case_officer)
    outcomes_url = reverse("web:plan-outcomes", args=[personas.case.pk])
    case_page = client.get(reverse("web:case-detail", args=[personas.case.pk]))
    assert outcomes_url in case_page.content.decode()
    assert client.get(outcomes_url).status_code == 200
    data = {"area_1": "learning", "text_1": "Reads a short book", "text_2": "Makes a friend"}
    assert client.post(outcomes_url, data).status_code == 302
    data = {"area_1": "", "text_1": "Reads a long book"}
    assert client.post(outcomes_url, data).status_code == 302
    current = PlanOutcome.objects.filter(plan=plan, superseded_on__isnull=True)
    assert [o.text for o in current] == ["Reads a long book"]
    page = client.get(outcomes_url).content.decode()
    assert "Outcomes replaced" in page and "Makes a friend" in page


def test_it_refuses_empty_or_bad_outcomes(client, personas, plan) -> None:
    client.force_login(personas.case_officer)
    outcomes_url = reverse("web:plan-outcomes", args=[personas.case.pk])
    for data in ({}, {"area_1": "flying", "text_1": "Flies"}, {"text_1": "x" * 2001}):
        response = client.post(outcomes_url, data)
        assert response.status_code == 200
        audit_page(response)
    assert not PlanOutcome.objects.exists()


def test_a_qa_auditor_reads_but_may_not_change_outcomes(client, personas, plan) -> None:
    client.force_login(personas.qa_auditor)
    outcomes_url = reverse("web:plan-outcomes", args=[personas.case.pk])
    assert "Save outcomes" not in client.get(outcomes_url).content.decode()
    assert client.post(outcomes_url, {"text_1": "A"}).status_code == 403
    client.force_login(personas.senco)
    assert client.get(outcomes_url).status_code == 403


def test_an_officer_records_advice_incorporated(client, personas, plan) -> None:
    client.force_login(personas.case_officer)
    advice_url = reverse("web:advice-incorporated", args=[personas.case.pk])
    assert client.get(advice_url).status_code == 200
    data = {"issued_on": "2025-03-03", "advice": ["health"]}
    assert client.post(advice_url, data).status_code == 302
    record = IncorporatedAdvice.objects.get()
    assert (record.issued_on, record.health, record.social_care) == (date(2025, 3, 3), True, False)
    response = client.post(advice_url, data)
    assert response.status_code == 200
    audit_page(response)
    assert "recorded already" in response.content.decode()
    response = client.post(advice_url, {"issued_on": "2025-13-40"})
    assert response.status_code == 200
    assert IncorporatedAdvice.objects.count() == 1

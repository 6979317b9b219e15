"""Correct or withdraw a step from the case's timeline: links, forms, banners, struck-through
originals, and who may."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.actions.corrections import correct_event
from senda.casework.models import Case, CaseEvent, EventCorrection
from tests.casework.flows import with_plan
from tests.web.page_audit import audit_page, text_of
from tests.web.test_web_steps import dated

MEETING = date(2026, 2, 26)
SETUP_DAY = date(2026, 6, 30)


@pytest.fixture
def meeting(personas) -> CaseEvent:
    with_plan(personas.case, personas.case_officer)
    return actions.record_review_meeting(
        case=personas.case, on=MEETING, by=personas.case_officer, today=SETUP_DAY
    )


def correct_url(event: CaseEvent) -> str:
    return reverse("web:correct-step", args=[event.case_id, event.pk])


def withdraw_url(event: CaseEvent) -> str:
    return reverse("web:withdraw-step", args=[event.case_id, event.pk])


def case_page(client, user, case: Case):
    client.force_login(user)
    response = client.get(reverse("web:case-detail", args=[case.pk]))
    assert response.status_code == 200
    return audit_page(response)


def timeline_html(client, user, case: Case) -> str:
    client.force_login(user)
    html = client.get(reverse("web:case-detail", args=[case.pk]), follow=True).content.decode()
    # A family member lands on their own page of the record, which has no staff timeline.
    return html[html.index("Timeline") :] if "Timeline" in html else html


def test_it_links_each_current_step_to_its_correction_for_writers(client, personas, meeting):
    for who in ("case_officer", "team_manager", "service_manager"):
        html = timeline_html(client, getattr(personas, who), personas.case)
        assert correct_url(meeting) in html and withdraw_url(meeting) in html, who
        assert 'Correct<span class="govuk-visually-hidden"> review meeting, 26 Feb 2026' in html
    for who in ("qa_auditor", "senco", "parent"):
        html = timeline_html(client, getattr(personas, who), personas.case)
        assert correct_url(meeting) not in html and withdraw_url(meeting) not in html, who


def test_it_corrects_a_step_from_its_form(client, personas, meeting):
    client.force_login(personas.case_officer)
    form = audit_page(client.get(correct_url(meeting)))
    assert text_of(form.find(".//h1")) == "Correct review meeting"
    assert form.find(".//input[@name='on-day']").get("value") == "26"
    assert personas.child.given_name not in text_of(form.find(".//title"))
    response = client.post(
        correct_url(meeting), {**dated(date(2026, 3, 5)), "why": "Typed the wrong week"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:case-detail", args=[personas.case.pk])
    correction = EventCorrection.objects.get(event=meeting)
    assert (correction.replacement.on, correction.reason, correction.by) == (
        date(2026, 3, 5),
        "Typed the wrong week",
        personas.case_officer,
    )
    page = client.get(response["Location"])
    banner = text_of(audit_page(page).find(".//main"))
    assert "Review meeting corrected. Next:" in banner


def test_it_shows_the_original_struck_through_with_who_when_and_why(client, personas, meeting):
    correct_event(
        event=meeting, on=date(2026, 3, 5), reason="Typed the wrong week", by=personas.case_officer
    )
    today = timezone.localdate()
    when = f"{today.day} {today:%b} {today.year}"
    html = timeline_html(client, personas.team_manager, personas.case)
    assert "<del>26 Feb 2026</del>" in html
    assert '<span class="govuk-visually-hidden">Corrected step: </span>Review meeting</del>' in html
    name = personas.case_officer.get_username()
    assert f"Corrected by {name} on {when}: Typed the wrong week" in html
    assert "5 Mar 2026" in html
    family = timeline_html(client, personas.parent, personas.case)
    assert "Typed the wrong week" not in family and name not in family


def test_it_withdraws_a_step_from_its_form(client, personas, meeting):
    client.force_login(personas.case_officer)
    page = audit_page(client.get(withdraw_url(meeting)))
    assert text_of(page.find(".//h1")) == "Withdraw review meeting"
    response = client.post(withdraw_url(meeting), {"why": "Recorded on the wrong case"})
    assert response.status_code == 302
    assert EventCorrection.objects.get(event=meeting).kind == "withdrawn"
    main = text_of(audit_page(client.get(response["Location"])).find(".//main"))
    assert "Review meeting withdrawn." in main
    assert not personas.case.events.current().filter(type="review_meeting").exists()


@pytest.mark.parametrize("url", [correct_url, withdraw_url])
def test_it_asks_for_a_reason(client, personas, meeting, url):
    client.force_login(personas.case_officer)
    data = {**dated(date(2026, 3, 5)), "why": "  "}
    response = client.post(url(meeting), data)
    assert response.status_code == 200
    page = audit_page(response)
    assert text_of(page.find(".//title")).startswith("Error: ")
    assert "Enter why you are" in text_of(page.find(".//main"))
    assert not EventCorrection.objects.exists()


def test_it_shows_the_actions_refusal_on_the_form(client, personas, meeting):
    client.force_login(personas.case_officer)
    response = client.post(correct_url(meeting), {**dated(MEETING), "why": "Checking"})
    assert response.status_code == 200
    assert "Nothing has changed" in text_of(audit_page(response).find(".//main"))
    assert not EventCorrection.objects.exists()


def test_it_corrects_a_plan_ceasing_reason(client, personas):
    with_plan(personas.case, personas.case_officer)
    ceased = actions.record_plan_ceased(
        case=personas.case, on=date(2026, 3, 2), reason=2, by=personas.case_officer
    )
    client.force_login(personas.case_officer)
    form = audit_page(client.get(correct_url(ceased)))
    assert form.find(".//input[@name='reason'][@value='2']").get("checked") is not None
    # A plan ends without a decision only for 7 or 8; the recorded reason stays offered.
    assert form.find(".//input[@name='reason'][@value='6']") is None
    assert form.find(".//input[@name='reason'][@value='7']") is not None
    data = {**dated(date(2026, 3, 2)), "reason": "7", "why": "Wrong reason chosen"}
    assert client.post(correct_url(ceased), data).status_code == 302
    assert personas.case.plans.get().cease_reason == 7


def test_it_corrects_the_la_a_plan_transferred_in_from(client, personas):
    moved = actions.record_transferred_in(
        case=personas.case, on=date(2026, 3, 2), from_la="873", by=personas.case_officer
    )
    client.force_login(personas.case_officer)
    form = audit_page(client.get(correct_url(moved)))
    assert form.find(".//input[@name='from_la']").get("value") == "873"
    data = {**dated(date(2026, 3, 2)), "from_la": "999", "why": "Wrong LA"}
    errors = audit_page(client.post(correct_url(moved), data))
    assert "999 is not a DfE local authority number" in text_of(errors.find(".//main"))
    data["from_la"] = "874"
    assert client.post(correct_url(moved), data).status_code == 302
    assert personas.case.plans.get().transferred_from_la == "874"
    assert "From LA 874" in timeline_html(client, personas.case_officer, personas.case)


def age(event: CaseEvent, days: int) -> None:
    CaseEvent.objects.filter(pk=event.pk).update(recorded_at=timezone.now() - timedelta(days=days))


def test_it_leaves_a_step_recorded_long_ago_to_managers(client, personas, meeting):
    age(meeting, 31)
    html = timeline_html(client, personas.case_officer, personas.case)
    assert correct_url(meeting) not in html
    assert client.get(correct_url(meeting)).status_code == 403
    response = client.post(withdraw_url(meeting), {"why": "Wrong case"})
    assert response.status_code == 403
    assert not EventCorrection.objects.exists()
    html = timeline_html(client, personas.team_manager, personas.case)
    assert correct_url(meeting) in html
    assert client.get(correct_url(meeting)).status_code == 200


def test_it_sends_a_step_already_corrected_back_to_the_case(client, personas, meeting):
    correct_event(event=meeting, on=date(2026, 3, 5), reason="Wrong week", by=personas.case_officer)
    client.force_login(personas.case_officer)
    response = client.get(correct_url(meeting))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:case-detail", args=[personas.case.pk])
    assert correct_url(meeting) not in timeline_html(client, personas.case_officer, personas.case)


def test_it_refuses_a_closed_case(client, personas, meeting):
    actions.close_case(case=personas.case, by=personas.case_officer)
    client.force_login(personas.case_officer)
    assert client.get(correct_url(meeting)).status_code == 409
    assert correct_url(meeting) not in timeline_html(client, personas.case_officer, personas.case)


def test_it_answers_404_for_a_step_of_another_case(client, personas, meeting):
    other = Case.objects.create(la=personas.la, child=personas.child, opened_on=date(2026, 1, 5))
    client.force_login(personas.case_officer)
    url = reverse("web:correct-step", args=[other.pk, meeting.pk])
    assert client.get(url).status_code == 404


def test_it_audits_the_form_as_a_read(client, personas, meeting):
    client.force_login(personas.case_officer)
    before = AuditEntry.objects.filter(verb="read").count()
    client.get(correct_url(meeting))
    entry = AuditEntry.objects.filter(verb="read").latest("id")
    assert AuditEntry.objects.filter(verb="read").count() == before + 1
    assert (entry.child, entry.object_id) == (personas.child, str(personas.case.pk))


# --- the step that closed the case ----------------------------------------------------------

OUT = date(2026, 4, 1)


@pytest.fixture
def transfer_out(personas, meeting) -> CaseEvent:
    """The case's plan transferred out after the meeting, which closed the case."""
    return actions.record_transferred_out(
        case=personas.case, on=OUT, by=personas.case_officer, today=SETUP_DAY
    )


def test_it_offers_to_change_only_the_step_that_closed_the_case(
    client, personas, meeting, transfer_out
):
    html = timeline_html(client, personas.case_officer, personas.case)
    assert correct_url(transfer_out) in html and withdraw_url(transfer_out) in html
    assert correct_url(meeting) not in html and withdraw_url(meeting) not in html
    main = text_of(case_page(client, personas.case_officer, personas.case).find(".//main"))
    assert "withdraw it from the timeline to reopen the case" in main
    assert client.get(correct_url(meeting)).status_code == 409
    assert client.post(withdraw_url(meeting), {"why": "Not held"}).status_code == 409
    for who in ("qa_auditor", "senco", "parent"):
        html = timeline_html(client, getattr(personas, who), personas.case)
        assert withdraw_url(transfer_out) not in html, who
    assert not EventCorrection.objects.exists()


def test_it_withdraws_a_transfer_out_and_reopens_the_case(client, personas, transfer_out):
    client.force_login(personas.case_officer)
    page = audit_page(client.get(withdraw_url(transfer_out)))
    assert text_of(page.find(".//h1")) == "Withdraw transfer out"
    response = client.post(withdraw_url(transfer_out), {"why": "Moved school, not area"})
    assert response.status_code == 302
    personas.case.refresh_from_db()
    assert personas.case.is_open
    main = text_of(audit_page(client.get(response["Location"])).find(".//main"))
    assert "Transfer out withdrawn. The case is open again. Next:" in main
    assert "This case is closed" not in main


def test_it_corrects_a_transfer_outs_date_and_keeps_the_case_closed(client, personas, transfer_out):
    client.force_login(personas.case_officer)
    form = audit_page(client.get(correct_url(transfer_out)))
    assert text_of(form.find(".//h1")) == "Correct transfer out"
    assert form.find(".//input[@name='reason']") is None  # the date only: reason 5 stands
    data = {**dated(date(2026, 4, 8)), "why": "Moved a week later"}
    response = client.post(correct_url(transfer_out), data)
    assert response.status_code == 302
    personas.case.refresh_from_db()
    assert not personas.case.is_open
    plan = personas.case.plans.get()
    assert (plan.ceased_on, plan.cease_reason) == (date(2026, 4, 8), 5)
    main = text_of(audit_page(client.get(response["Location"])).find(".//main"))
    assert "Transfer out corrected." in main and "open again" not in main

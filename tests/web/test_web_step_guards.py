"""A step that cannot have happened is refused on its form with the GOV.UK error summary,
saying what must come first (the ordering rules of ``senda.clock.order``)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.models import CaseEvent
from tests.casework.flows import with_plan
from tests.web.page_audit import audit_page, has_class, text_of
from tests.web.test_web_steps import SCENARIOS, dated, step_url

SETUP_DAY = date(2026, 6, 30)
MEETING = date(2026, 3, 4)


def post_refused(client, case, officer, slug: str, data: dict[str, str]) -> dict[str, str]:
    """POST a step the case refuses: nothing written, no write audited, and the error
    summary's messages with the fields they link to."""
    client.force_login(officer)
    events, writes = CaseEvent.objects.count(), AuditEntry.objects.filter(verb="write").count()
    response = client.post(step_url(case, slug), data)
    assert response.status_code == 200
    assert CaseEvent.objects.count() == events
    assert AuditEntry.objects.filter(verb="write").count() == writes
    page = audit_page(response)
    assert text_of(page.find(".//title")).startswith("Error: ")
    summary = next(e for e in page.iter() if has_class(e, "govuk-error-summary"))
    assert "There is a problem" in text_of(summary)
    return {text_of(a): a.get("href") for a in summary.iter("a")}


def test_it_shows_a_second_review_meeting_in_the_error_summary(client, personas) -> None:
    case, officer = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=MEETING, by=officer, today=SETUP_DAY)
    errors = post_refused(client, case, officer, "review-meeting", dated(date(2026, 3, 5)))
    assert errors == {
        "The review meeting of 4 March 2026 has no decision recorded: record the review "
        "decision first": "#id_on-day"
    }


def test_it_shows_a_date_before_the_step_it_follows_on_the_date(client, personas) -> None:
    case, officer = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=MEETING, by=officer, today=SETUP_DAY)
    data = {**dated(date(2026, 3, 1)), "outcome": "maintain"}
    errors = post_refused(client, case, officer, "review-decision", data)
    assert errors == {
        "The date the decision was notified must be on or after the review meeting "
        "(4 March 2026)": "#id_on-day"
    }


def test_it_shows_an_amended_plan_with_no_notice_in_force(client, personas) -> None:
    case, officer = with_plan(personas.case, personas.case_officer), personas.case_officer
    errors = post_refused(client, case, officer, "amended-plan-issued", dated(date(2026, 5, 1)))
    assert errors == {"Record the amendment notice first": "#id_on-day"}


@pytest.mark.parametrize("slug", list(SCENARIOS))
def test_it_refuses_every_step_recorded_twice(client, personas, slug) -> None:
    history, answers, on = SCENARIOS[slug]
    case, officer = personas.case, personas.case_officer
    history(case, officer)
    client.force_login(officer)
    assert client.post(step_url(case, slug), {**dated(on), **answers}).status_code == 302
    errors = post_refused(client, case, officer, slug, {**dated(on), **answers})
    assert len(errors) == 1
    if slug not in ("final-plan-issued", "transferred-in", "plan-ceased"):
        # (those three are refused by the plan record first: the case has, or no longer
        # has, a current plan)
        assert next(iter(errors)).endswith("is already recorded"), errors

"""Record a step: every step's form renders, saves through its action, and explains refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.models import Case, CaseEvent, DeadlineRow
from senda.casework.next_step import STEPS
from senda.web.views.steps import ACTIONS
from tests.casework.flows import assessing, requested, with_plan
from tests.factories import make_child, make_setting, make_user
from tests.web.page_audit import audit_page, has_class, text_of

SETUP_DAY = date(2026, 6, 30)
ON = date(2026, 3, 10)


def dated(on: date, name: str = "on") -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def step_url(case, slug: str) -> str:
    return reverse("web:record-step", args=[case.pk, slug])


def choose_url(case) -> str:
    return reverse("web:record-step-choose", args=[case.pk])


def _advice_asked(case, by):
    assessing(case, by)
    actions.record_advice_requested(
        case=case, on=date(2026, 2, 12), discipline="health", by=by, today=SETUP_DAY
    )


def _drafted(case, by):
    assessing(case, by)
    actions.record_draft_plan(case=case, on=date(2026, 2, 20), by=by, today=SETUP_DAY)


def _met(case, by):
    with_plan(case, by)
    actions.record_review_meeting(case=case, on=date(2026, 2, 26), by=by, today=SETUP_DAY)


def _noticed(case, by):
    with_plan(case, by)
    actions.record_amendment_notice(case=case, on=date(2026, 2, 20), by=by, today=SETUP_DAY)


def _moving(case, by):
    with_plan(case, by)
    actions.record_phase_transfer(
        case=case, on=date(2027, 9, 1), kind="school", by=by, today=SETUP_DAY
    )


def _nothing(case, by):
    pass


#: slug -> (history before the step, the step's own answers, its date)
SCENARIOS = {
    "request-received": (_nothing, {"source": "2"}, ON),
    "assess-decision": (requested, {"outcome": "assess"}, ON),
    "advice-requested": (assessing, {"discipline": "Education"}, ON),
    "advice-received": (_advice_asked, {"discipline": "health"}, ON),
    "exception": (requested, {"ground": "personal-circumstances"}, ON),
    "issue-decision": (assessing, {"outcome": "issue"}, ON),
    "draft-plan-issued": (assessing, {}, ON),
    "final-plan-issued": (_drafted, {}, ON),
    "review-invitations-sent": (with_plan, {}, ON),
    "review-advice-circulated": (with_plan, {}, ON),
    "review-meeting": (with_plan, {}, ON),
    "review-report-received": (_met, {}, ON),
    "review-logged": (_met, {}, ON),
    "review-decision": (_met, {"outcome": "amend"}, ON),
    "amendment-notice-issued": (with_plan, {}, ON),
    "amended-plan-issued": (_noticed, {}, ON),
    "phase-transfer": (with_plan, {"kind": "school"}, date(2027, 9, 1)),
    "phase-transfer-plan-issued": (_moving, {}, ON),
    "plan-ceased": (with_plan, {"reason": "7"}, ON),
    "transferred-in": (_nothing, {"from_la": "931", **dated(date(2025, 6, 1), "last_review")}, ON),
}
#: The steps of issue 12 (re-assessment, moving between areas, ceasing) and the transfer
#: out, whose action changed with them, are in tests/web/test_web_new_steps.py.


#: Recorders that are not statutory steps, with pages of their own: complaints, which advice
#: an issued plan incorporated (``advice-incorporated``), and the preparing-for-adulthood
#: outcomes agreed at a review from Year 9 (``adulthood-outcomes``).
NOT_STATUTORY_STEPS = {
    "record_complaint",
    "record_incorporated_advice",
    "record_adulthood_outcomes",
}


def test_it_has_a_form_and_an_action_for_every_step():
    from tests.web.test_web_new_steps import NEW_SCENARIOS

    assert not set(SCENARIOS) & set(NEW_SCENARIOS)
    assert set(SCENARIOS) | set(NEW_SCENARIOS) == set(STEPS) == set(ACTIONS)
    recorders = {
        name
        for name in actions.__all__
        if name.startswith("record_") and name not in NOT_STATUTORY_STEPS
    }
    assert {ACTIONS[slug] for slug in SCENARIOS} <= recorders


@pytest.mark.parametrize("slug", list(SCENARIOS))
def test_it_renders_each_steps_form(client, personas, slug):
    SCENARIOS[slug][0](personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    response = client.get(step_url(personas.case, slug))
    assert response.status_code == 200
    page = audit_page(response)
    assert text_of(page.find(".//h1")) == STEPS[slug].title
    assert page.find(".//input[@name='on-day']") is not None
    assert page.find(".//input[@name='csrfmiddlewaretoken']") is not None


def saves_through_its_action(client, personas, slug, scenario) -> None:
    """Post ``slug``'s form after its ``scenario`` (history, answers, date): one event of the
    step's type, by the officer, audited as a write, and the case's deadlines refreshed."""
    history, answers, on = scenario
    case, officer = personas.case, personas.case_officer
    history(case, officer)
    audited_before = AuditEntry.objects.order_by("id").values_list("id", flat=True).last() or 0
    events_before = case.events.count()
    client.force_login(officer)
    response = client.post(step_url(case, slug), {**dated(on), **answers})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("web:case-detail", args=[case.pk])
    assert case.events.count() == events_before + 1
    event = case.events.order_by("-recorded_at", "-id").first()
    assert (event.type, event.on, event.recorded_by) == (STEPS[slug].event_type, on, officer)
    today = timezone.localdate()
    assert DeadlineRow.objects.filter(case=case, evaluated_for=today).exists()
    assert not DeadlineRow.objects.filter(case=case).exclude(evaluated_for=today).exists()
    write = AuditEntry.objects.get(
        id__gt=audited_before, verb="write", object_type="casework.CaseEvent"
    )
    assert (write.user, write.child, write.object_id) == (officer, personas.child, str(event.pk))


@pytest.mark.parametrize("slug", list(SCENARIOS))
def test_it_saves_each_step_through_its_action(client, personas, slug):
    saves_through_its_action(client, personas, slug, SCENARIOS[slug])


def test_it_saves_the_steps_own_answer(client, personas):
    with_plan(personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    client.post(
        step_url(personas.case, "exception"),
        {**dated(ON), "ground": "absent-from-area", "applies_to": ["final-plan"]},
    )
    event = CaseEvent.objects.get(type="exception")
    assert (event.ground, event.applies_to) == ("absent-from-area", ["final-plan"])


def test_it_says_what_was_recorded_and_what_is_next(client, personas):
    with_plan(personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    meeting = timezone.localdate() - timedelta(days=1)
    response = client.post(step_url(personas.case, "review-meeting"), dated(meeting), follow=True)
    page = audit_page(response)
    banner = next(e for e in page.iter() if has_class(e, "govuk-notification-banner--success"))
    text = text_of(banner)
    assert "Review meeting recorded. Next:" in text
    assert "due" in text


def test_it_shows_the_banner_once_from_the_layout(client, personas):
    with_plan(personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    meeting = timezone.localdate() - timedelta(days=1)
    response = client.post(step_url(personas.case, "review-meeting"), dated(meeting), follow=True)
    main = audit_page(response).find(".//main")
    banners = [e for e in main.iter() if has_class(e, "govuk-notification-banner--success")]
    assert len(banners) == 1
    assert response.content.decode().count("Review meeting recorded") == 1


def test_it_closes_the_case_on_a_transfer_out(client, personas):
    with_plan(personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    response = client.post(step_url(personas.case, "transferred-out"), dated(ON), follow=True)
    assert "Transfer out recorded. No statutory step is due now." in text_of(
        audit_page(response).find(".//main")
    )
    personas.case.refresh_from_db()
    assert personas.case.status == Case.Status.CLOSED


# --- invalid input -------------------------------------------------------------------------


def post_invalid(client, personas, slug, data):
    client.force_login(personas.case_officer)
    before = CaseEvent.objects.count()
    response = client.post(step_url(personas.case, slug), data)
    assert response.status_code == 200
    assert CaseEvent.objects.count() == before
    page = audit_page(response)
    assert text_of(page.find(".//title")).startswith("Error: ")
    summary = next(e for e in page.iter() if has_class(e, "govuk-error-summary"))
    return {text_of(a): a.get("href") for a in summary.iter("a")}


def test_it_names_the_missing_date(client, personas):
    with_plan(personas.case, personas.case_officer)
    errors = post_invalid(client, personas, "review-meeting", {})
    assert errors == {"Enter the date of the review meeting": "#id_on-day"}


def test_it_refuses_a_date_in_the_future(client, personas):
    with_plan(personas.case, personas.case_officer)
    tomorrow = timezone.localdate() + timedelta(days=1)
    errors = post_invalid(client, personas, "review-meeting", dated(tomorrow))
    assert errors == {"The date of the review meeting must be today or in the past": "#id_on-day"}


def test_it_names_the_missing_answer(client, personas):
    _met(personas.case, personas.case_officer)
    errors = post_invalid(client, personas, "review-decision", dated(ON))
    assert errors == {"Select the decision": "#id_outcome"}


def test_it_shows_the_actions_refusal_on_the_date(client, personas):
    _met(personas.case, personas.case_officer)
    errors = post_invalid(client, personas, "review-report-received", dated(date(2026, 2, 1)))
    assert errors == {
        "The date the review report was received must be on or after the review meeting "
        "(26 February 2026)": "#id_on-day"
    }


def test_it_shows_a_refusal_of_the_whole_step_above_the_form(client, personas):
    assessing(personas.case, personas.case_officer)
    errors = post_invalid(client, personas, "final-plan-issued", dated(ON))
    assert errors == {"Record the draft plan first": "#id_on-day"}


def test_it_refuses_an_exception_the_law_does_not_allow(client, personas):
    requested(personas.case, personas.case_officer)
    data = {**dated(ON), "ground": "missed-appointment", "applies_to": ["final-plan"]}
    errors = post_invalid(client, personas, "exception", data)
    assert errors == {
        "An exception to ‘Final EHC plan issued’ cannot be made on that ground": "#id_applies_to"
    }


def test_it_refuses_a_last_review_after_the_transfer(client, personas):
    data = {**dated(ON), "from_la": "931", **dated(date(2026, 4, 1), "last_review")}
    errors = post_invalid(client, personas, "transferred-in", data)
    assert list(errors.values()) == ["#id_last_review-day"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter the number of the local authority the plan transferred from"),
        ("93", "Enter the local authority's number as 3 digits, for example 931"),
        ("9311", "Enter the local authority's number as 3 digits, for example 931"),
        ("999", "999 is not a DfE local authority number: check it with the other authority"),
    ],
)
def test_it_asks_for_the_la_the_plan_transferred_from(client, personas, code, message):
    errors = post_invalid(client, personas, "transferred-in", {**dated(ON), "from_la": code})
    assert errors == {message: "#id_from_la"}


def test_it_records_the_la_the_plan_transferred_from(client, personas):
    client.force_login(personas.case_officer)
    response = client.post(
        step_url(personas.case, "transferred-in"), {**dated(ON), "from_la": " 873 "}
    )
    assert response.status_code == 302
    plan = personas.case.plans.get()
    assert (plan.transferred_in_on, plan.transferred_from_la) == (ON, "873")
    page = audit_page(client.get(step_url(personas.case, "transferred-in")))
    hint = page.find(".//div[@id='id_from_la-hint']")
    assert "for example 931" in text_of(hint)


def test_it_offers_the_outstanding_advice_as_choices(client, personas):
    _advice_asked(personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    page = audit_page(client.get(step_url(personas.case, "advice-received")))
    radios = page.findall(".//input[@name='discipline'][@type='radio']")
    assert [r.get("value") for r in radios] == ["health"]


# --- choosing a step -------------------------------------------------------------------------


def test_it_lists_the_steps_that_make_sense_now(client, personas):
    _met(personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    response = client.get(choose_url(personas.case))
    assert response.status_code == 200
    main = text_of(audit_page(response).find(".//main"))
    assert "Record review decision" in main
    assert [s.slug for s in response.context["steps"]][:3] == [
        "request-received",
        "review-invitations-sent",
        "review-advice-circulated",
    ]
    assert response.context["next"].step.slug in {s.slug for s in response.context["steps"]}


# --- who may ------------------------------------------------------------------------------


WRITERS = ["case_officer", "team_manager", "service_manager"]
READ_ONLY = ["qa_auditor", "senco", "parent"]


@pytest.mark.parametrize("role", WRITERS)
def test_it_lets_casework_roles_record(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(choose_url(personas.case)).status_code == 200
    assert client.get(step_url(personas.case, "request-received")).status_code == 200
    response = client.post(step_url(personas.case, "request-received"), {**dated(ON), "source": 1})
    assert response.status_code == 302
    assert CaseEvent.objects.filter(recorded_by=getattr(personas, role)).count() == 1


@pytest.mark.parametrize("role", READ_ONLY)
def test_it_refuses_read_only_roles_with_403(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(choose_url(personas.case)).status_code == 403
    assert client.get(step_url(personas.case, "request-received")).status_code == 403
    response = client.post(step_url(personas.case, "request-received"), {**dated(ON), "source": 1})
    assert response.status_code == 403
    assert not CaseEvent.objects.exists()


def _other_senco(personas):
    return make_user("senco", personas.la, setting=make_setting(personas.la))


def _other_parent(personas):
    return make_user("parent", personas.la, child=make_child(personas.la))


@pytest.mark.parametrize(
    "outsider",
    [
        lambda p: p.other_la_officer,
        lambda p: p.board_member,
        _other_senco,
        _other_parent,
    ],
    ids=["other-la-officer", "board-member", "other-senco", "other-parent"],
)
def test_it_hides_the_case_from_outsiders_with_404(client, personas, outsider):
    client.force_login(outsider(personas))
    assert client.get(choose_url(personas.case)).status_code == 404
    assert client.get(step_url(personas.case, "request-received")).status_code == 404
    response = client.post(step_url(personas.case, "request-received"), {**dated(ON), "source": 1})
    assert response.status_code == 404
    assert not CaseEvent.objects.exists()


def test_it_answers_404_for_an_unknown_step(client, personas):
    client.force_login(personas.case_officer)
    assert client.get(step_url(personas.case, "tea-break")).status_code == 404


def test_it_offers_no_forms_on_a_closed_case(client, personas):
    actions.close_case(case=personas.case, by=personas.case_officer)
    client.force_login(personas.case_officer)
    for url in (choose_url(personas.case), step_url(personas.case, "request-received")):
        response = client.get(url)
        assert response.status_code == 409
        assert "This case is closed" in text_of(audit_page(response).find(".//h1"))
    response = client.post(step_url(personas.case, "request-received"), {**dated(ON), "source": 1})
    assert response.status_code == 409
    assert not CaseEvent.objects.exists()


def test_it_checks_the_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.case_officer)
    response = client.post(step_url(personas.case, "request-received"), {**dated(ON), "source": 1})
    assert response.status_code == 403
    assert not CaseEvent.objects.exists()


def test_it_audits_the_form_as_a_read_of_the_case(client, personas):
    client.force_login(personas.case_officer)
    client.get(step_url(personas.case, "request-received"))
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.object_id, entry.child) == (
        "read",
        str(personas.case.pk),
        personas.child,
    )

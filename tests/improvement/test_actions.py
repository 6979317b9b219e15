"""Writes to a plan: permission, validation, the records written and their audit rows."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.improvement.actions import (
    add_milestone,
    add_update,
    complete_action,
    complete_milestone,
    rate_action,
    record_feedback,
    record_risk,
    record_sign_off,
    update_risk,
)
from senda.improvement.models import Milestone, Rating, Risk
from senda.kernel import ActionError
from tests.factories import (
    Personas,
    make_action,
    make_area,
    make_partner,
    make_plan,
    make_plan_member,
)

TODAY = date(2026, 6, 15)
LATER = date(2026, 6, 16)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def plan(personas: Personas):
    return make_plan(personas.la)


@pytest.fixture
def action(plan):
    return make_action(make_area(plan), starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))


def writes(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(verb="write", object_type=obj._meta.label, object_id=str(obj.pk))
    )


def assert_audited(obj, user, la, summary):
    (entry,) = writes(obj)
    assert (entry.user, entry.la, entry.summary) == (user, la, summary)


# --- Permission ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["case_officer", "qa_auditor", "board_member", "senco", "parent", "other_la_officer"]
)
def test_it_refuses_anyone_who_may_not_edit(personas, plan, action, persona):
    user = getattr(personas, persona)
    with pytest.raises(ActionError) as refused:
        rate_action(action=action, value="green", rationale="Fine", by=user)
    assert (refused.value.field, refused.value.message) == (
        "__all__",
        "You do not have permission to change this plan.",
    )
    with pytest.raises(ActionError):
        add_update(action=action, text="Hello", by=user)
    with pytest.raises(ActionError):
        record_risk(
            plan=plan,
            description="Staffing",
            raised_on=TODAY,
            owner="Head of SEND",
            severity_before=3,
            severity_after=2,
            by=user,
        )
    assert not Rating.objects.exists()
    assert not AuditEntry.objects.filter(verb="write").exists()


def test_it_refuses_a_view_only_partner_and_lets_an_edit_partner_write(personas, plan, action):
    viewer = make_plan_member(plan, access="view").user
    with pytest.raises(ActionError):
        add_update(action=action, text="Begun", by=viewer)
    editor = make_plan_member(plan, access="edit").user
    action.lead_user = editor  # a partner updates only the actions they lead
    action.save(update_fields=["lead_user"])
    update = add_update(action=action, text="Begun", by=editor)
    assert update.author == editor
    # A partner has no LA membership: the entry is still filed under the plan's LA.
    assert_audited(
        update,
        editor,
        personas.la,
        f"plan {plan.pk}: added update {update.pk} to action {action.pk}",
    )


def test_it_lets_a_team_manager_write(personas, action):
    assert add_update(action=action, text="Begun", by=personas.team_manager).pk


# --- Ratings ------------------------------------------------------------------------------


def test_it_rates_an_action_storing_the_suggestion_and_its_reasons(personas, plan, action):
    rating = rate_action(
        action=action, value="green", rationale="On plan", by=personas.service_manager
    )
    rating.refresh_from_db()
    assert (rating.value, rating.rated_on, rating.author) == (
        "green",
        TODAY,
        personas.service_manager,
    )
    assert rating.suggested == "green"
    assert "no linked KPI is off trajectory" in rating.suggestion_reason
    assert not rating.overrides_suggestion
    assert_audited(
        rating,
        personas.service_manager,
        personas.la,
        f"plan {plan.pk}: rated action {action.pk} (rating {rating.pk})",
    )


def test_it_asks_why_when_overriding_the_suggestion(personas, action):
    Milestone.objects.create(action=action, title="Month 3 review", due_on=date(2026, 4, 1))
    with pytest.raises(ActionError) as refused:
        rate_action(action=action, value="green", rationale="  ", by=personas.service_manager)
    assert refused.value.field == "rationale"
    assert "different rating from Senda's suggestion (Amber)" in refused.value.message
    rating = rate_action(
        action=action,
        value="green",
        rationale="Review held late by agreement",
        by=personas.service_manager,
    )
    assert (rating.suggested, rating.overrides_suggestion) == ("amber", True)
    assert rating.suggestion_reason == (
        "Milestone 'Month 3 review' was due 1 April 2026 and is not done."
    )


def test_it_requires_a_rationale_even_when_agreeing(personas, action):
    with pytest.raises(ActionError) as refused:
        rate_action(action=action, value="green", rationale="", by=personas.service_manager)
    assert (refused.value.field, refused.value.message) == (
        "rationale",
        "Enter the reason for this rating.",
    )
    assert not Rating.objects.exists()


def test_it_takes_kpi_status_into_the_suggestion(personas, plan):
    action = make_action(make_area(plan), kpi_ids=["final-plan-20w"])
    rating = rate_action(
        action=action,
        value="amber",
        rationale="Timeliness slipping",
        by=personas.service_manager,
        kpi_status={"final-plan-20w": "off"},
    )
    assert rating.suggested == "amber"


@pytest.mark.parametrize("value", ["on-track", "purple", ""])
def test_it_refuses_a_value_off_the_plans_scale(personas, action, value):
    with pytest.raises(ActionError) as refused:
        rate_action(action=action, value=value, rationale="x", by=personas.service_manager)
    assert refused.value.field == "value"
    assert "BRAG(P)" in refused.value.message


def test_it_rates_on_the_progress_scale(personas):
    plan = make_plan(personas.la, scale="progress")
    action = make_action(make_area(plan))
    rating = rate_action(
        action=action, value="on-track", rationale="Fine", by=personas.service_manager
    )
    assert rating.suggested == "on-track"
    with pytest.raises(ActionError):
        rate_action(action=action, value="green", rationale="x", by=personas.service_manager)


def test_it_refuses_a_rating_dated_in_the_future(personas, action):
    with pytest.raises(ActionError) as refused:
        rate_action(
            action=action, value="green", rationale="x", by=personas.service_manager, on=LATER
        )
    assert refused.value.field == "on"


def test_it_keeps_the_rating_history_in_order_with_the_latest_current(personas, action):
    first = rate_action(
        action=action,
        value="amber",
        rationale="Recruitment delayed",
        by=personas.service_manager,
        on=date(2026, 3, 1),
    )
    second = rate_action(
        action=action, value="green", rationale="Team in post", by=personas.team_manager
    )
    history = list(action.ratings.all())
    assert history == [second, first]
    assert action.ratings.first() == second
    assert [r.value for r in history] == ["green", "amber"]
    assert [r.author for r in history] == [personas.team_manager, personas.service_manager]


# --- Updates, completion, milestones --------------------------------------------------------


def test_it_adds_a_dated_update(personas, plan, action):
    update = add_update(
        action=action, text="  Panel met  ", by=personas.service_manager, on=date(2026, 6, 1)
    )
    update.refresh_from_db()
    assert (update.text, update.on, update.author) == (
        "Panel met",
        date(2026, 6, 1),
        personas.service_manager,
    )
    assert len(writes(update)) == 1


@pytest.mark.parametrize("text,on,field", [("", None, "text"), ("x", LATER, "on")])
def test_it_refuses_an_empty_or_future_update(personas, action, text, on, field):
    with pytest.raises(ActionError) as refused:
        add_update(action=action, text=text, by=personas.service_manager, on=on)
    assert refused.value.field == field
    assert not action.updates.exists()


def test_it_completes_an_action_once(personas, plan, action):
    complete_action(action=action, on=date(2026, 6, 1), by=personas.service_manager)
    action.refresh_from_db()
    assert action.completed_on == date(2026, 6, 1)
    assert_audited(
        action,
        personas.service_manager,
        personas.la,
        f"plan {plan.pk}: completed action {action.pk}",
    )
    with pytest.raises(ActionError) as refused:
        complete_action(action=action, on=TODAY, by=personas.service_manager)
    assert refused.value.message == "This action was already completed on 1 June 2026."
    with pytest.raises(ActionError):
        complete_action(action=make_action(action.area), on=LATER, by=personas.service_manager)


def test_it_adds_and_completes_a_milestone(personas, plan, action):
    milestone = add_milestone(
        action=action, title="Month 6 review", due_on=date(2026, 7, 1), by=personas.service_manager
    )
    assert (milestone.title, milestone.due_on, milestone.done_on) == (
        "Month 6 review",
        date(2026, 7, 1),
        None,
    )
    complete_milestone(milestone=milestone, done_on=TODAY, by=personas.service_manager)
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY
    summaries = [entry.summary for entry in writes(milestone)]
    assert sorted(summaries) == [
        f"plan {plan.pk}: added milestone {milestone.pk} to action {action.pk}",
        f"plan {plan.pk}: completed milestone {milestone.pk}",
    ]
    with pytest.raises(ActionError):
        complete_milestone(milestone=milestone, done_on=TODAY, by=personas.service_manager)


@pytest.mark.parametrize(
    "title,due_on,field", [("", date(2026, 7, 1), "title"), ("Review", None, "due_on")]
)
def test_it_refuses_a_milestone_without_title_or_date(personas, action, title, due_on, field):
    with pytest.raises(ActionError) as refused:
        add_milestone(action=action, title=title, due_on=due_on, by=personas.service_manager)
    assert refused.value.field == field


def test_it_refuses_a_milestone_done_in_the_future(personas, action):
    milestone = Milestone.objects.create(action=action, title="Review", due_on=TODAY)
    with pytest.raises(ActionError) as refused:
        complete_milestone(milestone=milestone, done_on=LATER, by=personas.service_manager)
    assert refused.value.field == "done_on"
    with pytest.raises(ActionError):
        complete_milestone(milestone=milestone, done_on=TODAY, by=personas.case_officer)


# --- Risks, feedback, sign-off ---------------------------------------------------------------


def risk_fields(**overrides):
    fields = {
        "description": "Not enough educational psychologists",
        "raised_on": date(2026, 5, 1),
        "owner": "Principal EP",
        "severity_before": 4,
        "severity_after": "2",
        "mitigation": "Locum cover",
    }
    return {**fields, **overrides}


def test_it_records_and_updates_a_risk(personas, plan):
    risk = record_risk(plan=plan, by=personas.service_manager, **risk_fields())
    risk.refresh_from_db()
    assert (risk.severity_before, risk.severity_after, risk.status) == (4, 2, "open")
    update_risk(risk=risk, by=personas.team_manager, status="closed", progress=" Recruited ")
    risk.refresh_from_db()
    assert (risk.status, risk.progress, risk.description) == (
        "closed",
        "Recruited",
        "Not enough educational psychologists",
    )
    assert sorted(entry.summary for entry in writes(risk)) == [
        f"plan {plan.pk}: recorded risk {risk.pk}",
        f"plan {plan.pk}: updated risk {risk.pk}: progress, status",
    ]


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"description": " "}, "description"),
        ({"owner": ""}, "owner"),
        ({"raised_on": None}, "raised_on"),
        ({"raised_on": LATER}, "raised_on"),
        ({"severity_before": 5}, "severity_before"),
        ({"severity_after": "high"}, "severity_after"),
    ],
)
def test_it_refuses_an_invalid_risk(personas, plan, overrides, field):
    with pytest.raises(ActionError) as refused:
        record_risk(plan=plan, by=personas.service_manager, **risk_fields(**overrides))
    assert refused.value.field == field
    assert not Risk.objects.exists()


def test_it_refuses_an_invalid_risk_update(personas, plan):
    risk = record_risk(plan=plan, by=personas.service_manager, **risk_fields())
    with pytest.raises(ActionError) as refused:
        update_risk(risk=risk, by=personas.service_manager, status="maybe")
    assert refused.value.field == "status"
    with pytest.raises(TypeError):
        update_risk(risk=risk, by=personas.service_manager, plan=None)
    with pytest.raises(ActionError):
        update_risk(risk=risk, by=personas.qa_auditor, status="closed")
    risk.refresh_from_db()
    assert risk.status == "open"


def feedback_fields(**overrides):
    fields = {
        "source": "Parent carer forum survey",
        "received_on": date(2026, 3, 1),
        "theme": "Communication",
        "you_said": "We don't know who our case officer is",
        "we_did": "Named officer in every letter",
        "changed_on": date(2026, 4, 1),
        "published_on": date(2026, 5, 1),
    }
    return {**fields, **overrides}


def test_it_records_you_said_we_did(personas, plan):
    feedback = record_feedback(plan=plan, by=personas.service_manager, **feedback_fields())
    feedback.refresh_from_db()
    assert (feedback.theme, feedback.published_on) == ("Communication", date(2026, 5, 1))
    assert_audited(
        feedback,
        personas.service_manager,
        personas.la,
        f"plan {plan.pk}: recorded feedback {feedback.pk}",
    )


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"source": ""}, "source"),
        ({"theme": ""}, "theme"),
        ({"you_said": ""}, "you_said"),
        ({"received_on": None}, "received_on"),
        ({"received_on": LATER}, "received_on"),
        ({"changed_on": date(2026, 2, 1)}, "changed_on"),
        ({"published_on": LATER}, "published_on"),
        ({"we_did": ""}, "we_did"),
    ],
)
def test_it_refuses_invalid_feedback(personas, plan, overrides, field):
    with pytest.raises(ActionError) as refused:
        record_feedback(plan=plan, by=personas.service_manager, **feedback_fields(**overrides))
    assert refused.value.field == field
    assert not plan.feedback.exists()


def test_it_records_feedback_not_yet_acted_on(personas, plan):
    feedback = record_feedback(
        plan=plan,
        by=personas.service_manager,
        **feedback_fields(we_did="", changed_on=None, published_on=None),
    )
    assert feedback.we_did == ""


def test_it_records_a_sign_off_by_a_partner_of_the_plan(personas, plan):
    partner = make_partner(plan, name="Integrated Care Board")
    sign_off = record_sign_off(
        plan=plan,
        partner=partner,
        signed_by="Chief Nurse",
        signed_on=date(2026, 2, 1),
        by=personas.service_manager,
    )
    assert (sign_off.partner, sign_off.signed_on) == (partner, date(2026, 2, 1))
    assert_audited(
        sign_off,
        personas.service_manager,
        personas.la,
        f"plan {plan.pk}: recorded sign-off {sign_off.pk} by partner {partner.pk}",
    )


def test_it_refuses_a_sign_off_by_another_plans_partner(personas, plan):
    stranger = make_partner(make_plan(personas.la))
    with pytest.raises(ActionError) as refused:
        record_sign_off(
            plan=plan, partner=stranger, signed_by="X", signed_on=TODAY, by=personas.service_manager
        )
    assert refused.value.field == "partner"
    partner = make_partner(plan)
    for signed_by, signed_on, field in [("", TODAY, "signed_by"), ("X", LATER, "signed_on")]:
        with pytest.raises(ActionError) as refused:
            record_sign_off(
                plan=plan,
                partner=partner,
                signed_by=signed_by,
                signed_on=signed_on,
                by=personas.service_manager,
            )
        assert refused.value.field == field
    assert not plan.sign_offs.exists()

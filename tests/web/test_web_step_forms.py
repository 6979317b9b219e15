"""The forms of the clock's new steps (issue 12): what each asks for and checks (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.next_step import STEPS
from senda.web.forms.steps import (
    CeaseAppealDecidedForm,
    CeaseDecisionForm,
    MoveOutForm,
    PlanCeasedForm,
    ReassessDecisionForm,
    ReassessmentOutcomeForm,
    ReassessmentRequestForm,
    StepForm,
    form_for,
)

TODAY = date(2026, 6, 30)
ON = date(2026, 6, 1)


def dated(on: date, name: str = "on") -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def bound(form_class: type[StepForm], slug: str, data: dict[str, str]) -> StepForm:
    return form_class(data, step=STEPS[slug], today=TODAY)


@pytest.mark.parametrize(
    ("slug", "form_class"),
    [
        ("reassessment-requested", ReassessmentRequestForm),
        ("reassess-decision", ReassessDecisionForm),
        ("reassessment-outcome", ReassessmentOutcomeForm),
        ("move-out-known", MoveOutForm),
        ("cease-decision", CeaseDecisionForm),
        ("cease-appeal-decided", CeaseAppealDecidedForm),
        ("plan-ceased", PlanCeasedForm),
    ],
)
def test_each_step_with_more_than_a_date_has_its_form(slug, form_class):
    assert form_for(STEPS[slug]) is form_class


@pytest.mark.parametrize(
    "slug", ["cease-proposed", "cease-appealed", "transfer-in-notified", "transferred-out"]
)
def test_the_other_new_steps_ask_only_the_date(slug):
    assert form_for(STEPS[slug]) is StepForm


@pytest.mark.parametrize(
    ("form_class", "slug", "field", "message"),
    [
        (
            ReassessmentRequestForm,
            "reassessment-requested",
            "source",
            "Select who asked for the re-assessment",
        ),
        (ReassessDecisionForm, "reassess-decision", "outcome", "Select the decision"),
        (ReassessmentOutcomeForm, "reassessment-outcome", "outcome", "Select what was issued"),
        (MoveOutForm, "move-out-known", "move_date", "Enter the date of the move"),
        (CeaseDecisionForm, "cease-decision", "outcome", "Select the decision"),
        (CeaseAppealDecidedForm, "cease-appeal-decided", "outcome", "Select the decision"),
    ],
)
def test_each_new_form_requires_its_answer(form_class, slug, field, message):
    form = bound(form_class, slug, dated(ON))
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert "on" not in form.errors


def test_the_re_assessment_request_is_from_the_family_or_the_setting():
    form = bound(ReassessmentRequestForm, "reassessment-requested", {})
    assert [value for value, _ in form.fields["source"].choices] == [1, 2]
    valid = bound(ReassessmentRequestForm, "reassessment-requested", {**dated(ON), "source": "2"})
    assert valid.is_valid(), valid.errors
    assert valid.arguments() == {"on": ON, "source": 2}
    health = bound(ReassessmentRequestForm, "reassessment-requested", {**dated(ON), "source": "3"})
    assert not health.is_valid()


def test_the_plan_after_a_re_assessment_is_amended_replaced_or_unchanged():
    form = bound(
        ReassessmentOutcomeForm, "reassessment-outcome", {**dated(ON), "outcome": "no-change"}
    )
    assert form.is_valid(), form.errors
    assert [v for v, _ in form.fields["outcome"].choices] == ["amend", "replace", "no-change"]


def test_the_move_may_be_in_the_future_but_learning_of_it_may_not():
    future = date(2027, 1, 15)
    form = bound(MoveOutForm, "move-out-known", {**dated(ON), **dated(future, "move_date")})
    assert form.is_valid(), form.errors
    assert form.arguments() == {"on": ON, "move_date": future}
    assert "future" in str(form.fields["move_date"].help_text)
    ahead = bound(MoveOutForm, "move-out-known", {**dated(future), **dated(future, "move_date")})
    assert not ahead.is_valid()
    assert ahead.errors["on"] == ["The date the move became known must be today or in the past"]


def test_a_decision_to_cease_needs_its_reason():
    form = bound(CeaseDecisionForm, "cease-decision", {**dated(ON), "outcome": "cease"})
    assert not form.is_valid()
    assert form.errors == {"reason": ["Select why the plan is ceasing"]}
    given = bound(
        CeaseDecisionForm, "cease-decision", {**dated(ON), "outcome": "cease", "reason": "2"}
    )
    assert given.is_valid(), given.errors
    assert given.arguments() == {"on": ON, "outcome": "cease", "reason": 2}


def test_a_decision_to_keep_the_plan_needs_no_reason_and_keeps_none():
    form = bound(CeaseDecisionForm, "cease-decision", {**dated(ON), "outcome": "maintain"})
    assert form.is_valid(), form.errors
    assert form.arguments() == {"on": ON, "outcome": "maintain", "reason": None}
    # Without JavaScript the reasons show whatever is chosen: a stray one is dropped.
    stray = bound(
        CeaseDecisionForm, "cease-decision", {**dated(ON), "outcome": "maintain", "reason": "2"}
    )
    assert stray.is_valid(), stray.errors
    assert stray.arguments()["reason"] is None


def test_a_decision_to_cease_offers_every_reason_but_a_transfer():
    form = bound(CeaseDecisionForm, "cease-decision", {})
    assert [v for v, _ in form.fields["reason"].choices] == [1, 2, 3, 4, 6, 7, 8, 9]
    transfer = bound(
        CeaseDecisionForm, "cease-decision", {**dated(ON), "outcome": "cease", "reason": "5"}
    )
    assert not transfer.is_valid()
    assert transfer.errors == {"reason": ["Select why the plan is ceasing"]}


def test_a_plan_ends_without_a_decision_only_when_the_young_person_left_england_or_died():
    form = bound(PlanCeasedForm, "plan-ceased", {**dated(ON), "reason": "2"})
    assert [v for v, _ in form.fields["reason"].choices] == [7, 8]
    assert not form.is_valid()
    assert form.errors == {"reason": ["Select why the plan ended"]}
    assert bound(PlanCeasedForm, "plan-ceased", {**dated(ON), "reason": "8"}).is_valid()
    assert STEPS["plan-ceased"].title == "Record plan ended without a decision"


def test_a_correction_of_an_older_plan_ceasing_keeps_its_reason():
    form = PlanCeasedForm(None, step=STEPS["plan-ceased"], today=TODAY, initial={"reason": 2})
    assert [v for v, _ in form.fields["reason"].choices] == [2, 7, 8]
    fresh = PlanCeasedForm(None, step=STEPS["plan-ceased"], today=TODAY)
    assert [v for v, _ in fresh.fields["reason"].choices] == [7, 8]


def test_the_reason_is_its_own_question_answered_only_when_ceasing():
    """No conditional reveal: GOV.UK Frontend's sets aria-expanded on a radio, which axe-core
    refuses; the reason is a second question, required only with "cease"."""
    from senda.web.forms.render import render_field

    form = bound(CeaseDecisionForm, "cease-decision", {})
    outcome, reason = str(render_field(form["outcome"])), str(render_field(form["reason"]))
    assert "govuk-radios__conditional" not in outcome and 'name="reason"' not in outcome
    assert 'name="reason"' in reason and "If the plan is ceasing, why?" in reason


def test_the_timeline_names_the_new_steps_and_their_answers():
    from types import SimpleNamespace

    from senda.web.tables.timeline import event_detail, step_name

    def event(type: str, **fields):
        blank = dict.fromkeys(("outcome", "discipline", "ground", "applies_to", "kind"))
        return SimpleNamespace(type=type, last_review=None, **(blank | fields))

    assert step_name("transferred_out") == "Transfer out"
    assert step_name("plan_ceased") == "Plan ceased"  # older records: any reason
    assert step_name("cease_appealed") == "Appeal against ceasing"
    decided = event("cease_decision", outcome="cease", cease_reason=2)
    assert event_detail(decided) == "Cease the plan; Needs met without a plan"
    unchanged = event("reassessment_outcome", outcome="no-change")
    assert event_detail(unchanged) == "Notice that the plan stays as it is"
    moving = event("move_out_known", move_date=date(2027, 1, 15))
    assert event_detail(moving) == "Moving on 15 Jan 2027"

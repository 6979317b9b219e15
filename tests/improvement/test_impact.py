"""Recording an action's stage and impact (``senda.improvement.impact``): who may, the
rules, the appended history, corrections and the audit row."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.improvement.impact import current_of, history_of, record_impact
from senda.improvement.models import Action, ImpactRecord
from senda.kernel import ActionError
from tests.factories import make_action, make_area, make_la, make_plan, make_user

TODAY = date(2026, 6, 15)
EVIDENCE = "20-week timeliness up from 38% to 61% over two quarters (final-plan-20w)."


@pytest.fixture
def la(db, today_is):
    today_is(TODAY)
    return make_la()


@pytest.fixture
def manager(la):
    return make_user("service_manager", la)


@pytest.fixture
def action(la) -> Action:
    return make_action(make_area(make_plan(la)), kpi_ids=["final-plan-20w"])


def record(action, by, **fields):
    fields.setdefault("stage", "in-progress")
    fields.setdefault("impact", "not-yet")
    return record_impact(action=action, by=by, **fields)


def refusal(action, by, **fields) -> dict[str, str]:
    with pytest.raises(ActionError) as refused:
        record(action, by, **fields)
    return dict(refused.value.errors)


def test_it_appends_a_record_with_its_author_and_audit_row(action, manager):
    first = record(action, manager)
    second = record(
        action, manager, stage="impact-evidenced", impact="some", evidence=EVIDENCE,
        kpi_ids=["final-plan-20w"],
    )  # fmt: skip
    assert ImpactRecord.objects.filter(action=action).count() == 2
    assert (second.author, second.recorded_on, second.kpi_ids) == (
        manager,
        TODAY,
        ["final-plan-20w"],
    )
    assert current_of(history_of(action)).record == second
    assert history_of(action) == [second, first]
    (entry,) = AuditEntry.objects.filter(object_id=str(second.pk), verb="write")
    assert (
        entry.summary
        == f"plan {action.area.plan_id}: recorded impact record {second.pk} of action {action.pk}"
    )


def test_it_refuses_anyone_who_may_not_rate_the_action(action, la):
    officer = make_user("case_officer", la)
    with pytest.raises(ActionError, match="permission"):
        record(action, officer)
    assert not ImpactRecord.objects.exists()


def test_it_needs_evidence_to_claim_impact(action, manager):
    errors = refusal(action, manager, stage="impact-evidenced", impact="not-yet")
    assert (
        "cannot be recorded as “Impact evidenced” without saying what shows it"
        in errors["evidence"]
    )
    assert "cannot go with “Not yet known”" in errors["impact"]
    assert refusal(action, manager, impact="clear") == {
        "evidence": "Enter the evidence that shows this impact."
    }


def test_it_allows_sustained_only_after_impact_was_evidenced(action, manager):
    record(action, manager, stage="complete")
    errors = refusal(action, manager, stage="sustained", impact="clear", evidence=EVIDENCE)
    assert errors["stage"].startswith("An action's impact can be recorded as sustained only after")
    record(action, manager, stage="impact-evidenced", impact="some", evidence=EVIDENCE)
    sustained = record(action, manager, stage="sustained", impact="clear", evidence=EVIDENCE)
    assert current_of(history_of(action)).stage == "sustained" == sustained.stage


def test_it_needs_a_reason_to_go_back_a_stage(action, manager):
    record(action, manager, stage="complete")
    errors = refusal(action, manager, stage="in-progress")
    assert errors == {
        "reason": "Enter why the action has gone back from “Complete” to “In progress”."
    }
    back = record(action, manager, stage="in-progress", reason="Reopened: the audit found gaps.")
    assert back.reason == "Reopened: the audit found gaps."


def test_a_correction_supersedes_and_keeps_the_record(action, manager):
    record(action, manager, stage="complete")
    wrong = record(action, manager, stage="impact-evidenced", impact="clear", evidence=EVIDENCE)
    assert refusal(action, manager, stage="complete", correct=True) == {
        "reason": "Enter why you are correcting the latest record."
    }
    # Correcting it away: "sustained" cannot rest on the evidence that was wrong.
    errors = refusal(
        action, manager, stage="sustained", impact="clear", evidence=EVIDENCE, correct=True,
        reason="x",
    )  # fmt: skip
    assert "stage" in errors
    fixed = record(
        action, manager, stage="complete", correct=True, reason="The figures were last year's."
    )
    assert fixed.corrects == wrong
    assert ImpactRecord.objects.filter(pk=wrong.pk).exists()
    assert current_of(history_of(action)).record == fixed
    annotated = Action.objects.with_impact().get(pk=action.pk)
    assert (annotated.impact_stage, annotated.impact_rating) == ("complete", "not-yet")
    as_it_stood = Action.objects.with_impact(date(2026, 6, 14)).get(pk=action.pk)
    assert as_it_stood.impact_stage is None


def test_it_refuses_every_mistake_at_once(action, manager):
    errors = refusal(action, manager, stage="finished", impact="huge", kpi_ids=["not-named"])
    assert set(errors) == {"stage", "impact", "kpi_ids"}
    assert refusal(action, manager, correct=True) == {
        "correct": "There is no record of this action's impact to correct."
    }

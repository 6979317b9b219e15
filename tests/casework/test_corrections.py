"""Correcting and withdrawing a recorded step: nothing is deleted, everything is recomputed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.actions.corrections import correct_event, withdraw_event
from senda.casework.deadlines import refresh_deadlines
from senda.casework.models import (
    Case,
    CaseEvent,
    EventCorrection,
    Plan,
    Review,
)
from senda.casework.projector import project_records
from senda.casework.stale_facts import clear_facts_stale, facts_stale
from senda.kernel import ActionError
from senda.performance import tick
from tests.casework.flows import deadlines, snapshot, with_plan

MEETING = date(2026, 3, 4)
TODAY = date(2026, 6, 1)


def records_of(case: Case) -> dict[str, list[tuple]]:
    """The case's structured records as plain tuples, in a stable order."""
    return {
        "requests": list(
            case.requests.order_by("received_on", "id").values_list(
                "received_on",
                "source",
                "assess_outcome",
                "assess_decided_on",
                "issue_outcome",
                "issue_decided_on",
            )
        ),
        "plans": list(
            case.plans.order_by("id").values_list(
                "issued_on", "transferred_in_on", "amended_on", "ceased_on", "cease_reason"
            )
        ),
        "reviews": list(
            case.reviews.order_by("meeting_on", "id").values_list(
                "meeting_on", "plan__issued_on", "report_received_on", "logged_on", "outcome"
            )
        ),
    }


def met(personas, on: date = MEETING) -> tuple[Case, CaseEvent]:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    return case, actions.record_review_meeting(case=case, on=on, by=by, today=TODAY)


def all_rows(case: Case) -> list[tuple]:
    return sorted(case.deadlines.values_list("rule", "due", "done", "status", "discipline"))


def test_it_supersedes_a_step_and_keeps_the_original(personas) -> None:
    case, meeting = met(personas)
    new = correct_event(
        event=meeting,
        on=date(2026, 3, 11),
        reason="Typed the wrong week",
        by=personas.case_officer,
        today=TODAY,
    )
    original = CaseEvent.objects.get(pk=meeting.pk)
    assert (original.type, original.on, original.recorded_at) == (
        "review_meeting",
        MEETING,
        meeting.recorded_at,
    )
    assert (new.type, new.on, new.recorded_by) == (
        "review_meeting",
        date(2026, 3, 11),
        new.recorded_by,
    )
    current = set(case.events.current().values_list("pk", flat=True))
    assert new.pk in current and meeting.pk not in current
    correction = EventCorrection.objects.get(event=meeting)
    assert (correction.kind, correction.replacement, correction.reason) == (
        "corrected",
        new,
        "Typed the wrong week",
    )
    assert (correction.was_on, correction.now_on, correction.affected_from) == (
        MEETING,
        date(2026, 3, 11),
        MEETING,
    )
    assert (correction.by, correction.la, correction.event_type) == (
        personas.case_officer,
        personas.la,
        "review_meeting",
    )
    assert [e.on for e in case.clock_events() if e.type == "review_meeting"] == [date(2026, 3, 11)]


def test_it_moves_the_review_deadlines_when_a_meeting_date_is_corrected(personas) -> None:
    case, meeting = met(personas)
    correct_event(
        event=meeting,
        on=date(2026, 3, 11),
        reason="Wrong week",
        by=personas.case_officer,
        today=TODAY,
    )
    rows = deadlines(case)
    assert rows["review-report"][0] == date(2026, 3, 25)
    assert rows["review-decision"][0] == date(2026, 4, 8)
    assert date(2027, 3, 11) in case.deadlines.filter(rule="annual-review").values_list(
        "due", flat=True
    )
    assert Review.objects.get(case=case).meeting_on == date(2026, 3, 11)
    case.refresh_from_db()
    assert case.last_review_on == date(2026, 3, 11)


def test_it_closes_the_deadlines_a_duplicate_review_meeting_opened(personas) -> None:
    case, _meeting = met(personas)
    single = all_rows(case)
    # Recorded twice (before the step guards refused it): a second set of deadlines opened.
    duplicate = (
        actions.record_review_meeting(
            case=case, on=date(2026, 3, 5), by=personas.case_officer, today=TODAY
        )
        if _duplicates_allowed(case)
        else _write_duplicate(case, personas)
    )
    assert all_rows(case) != single
    withdraw_event(event=duplicate, reason="Recorded twice", by=personas.case_officer, today=TODAY)
    assert all_rows(case) == single
    assert list(Review.objects.filter(case=case).values_list("meeting_on", flat=True)) == [MEETING]


def _duplicates_allowed(case: Case) -> bool:
    try:
        from senda.clock import order  # noqa: F401  (part A1's guards)
    except ImportError:
        return True
    return False


def _write_duplicate(case: Case, personas) -> CaseEvent:
    """A second meeting written as it was before the guards (the history the issue saw)."""
    event = CaseEvent.objects.create(
        case=case, type="review_meeting", on=date(2026, 3, 5), recorded_by=personas.case_officer
    )
    Review.objects.create(case=case, plan=case.plans.get(), meeting_on=event.on)
    refresh_deadlines(case, today=TODAY)
    return event


def test_it_withdraws_a_step_recorded_in_error(personas) -> None:
    case, _meeting = met(personas)
    logged = actions.record_review_logged(
        case=case, on=date(2026, 3, 9), by=personas.case_officer, today=TODAY
    )
    assert deadlines(case)["review-logged"][1] == date(2026, 3, 9)
    withdrawal = withdraw_event(
        event=logged, reason="Logged on the wrong case", by=personas.case_officer, today=TODAY
    )
    assert (withdrawal.kind, withdrawal.replacement, withdrawal.now_on) == ("withdrawn", None, None)
    assert CaseEvent.objects.filter(pk=logged.pk).exists()
    assert not case.events.current().filter(pk=logged.pk).exists()
    assert deadlines(case)["review-logged"][1:] == (None, "overdue")
    assert Review.objects.get(case=case).logged_on is None


def test_it_corrects_a_steps_detail(personas) -> None:
    case, _meeting = met(personas)
    decision = actions.record_review_decision(
        case=case, on=date(2026, 3, 20), outcome="amend", by=personas.case_officer, today=TODAY
    )
    new = correct_event(
        event=decision,
        on=decision.on,
        outcome="maintain",
        reason="The panel maintained it",
        by=personas.case_officer,
        today=TODAY,
    )
    assert new.outcome == "maintain"
    assert Review.objects.get(case=case).outcome == "maintain"
    request = case.events.current().get(type="request_received")
    correct_event(
        event=request,
        on=request.on,
        source=3,
        reason="Health asked",
        by=personas.case_officer,
        today=TODAY,
    )
    assert case.requests.get().source == 3


def test_it_rebuilds_the_records_as_the_actions_made_them(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    actions.record_review_report(case=case, on=date(2026, 3, 16), by=by, today=TODAY)
    actions.record_review_logged(case=case, on=date(2026, 3, 9), by=by, today=TODAY)
    actions.record_review_decision(
        case=case, on=date(2026, 3, 25), outcome="amend", by=by, today=TODAY
    )
    actions.record_amendment_notice(case=case, on=date(2026, 3, 25), by=by, today=TODAY)
    actions.record_amended_plan(case=case, on=date(2026, 5, 13), by=by, today=TODAY)
    actions.record_plan_ceased(case=case, on=date(2026, 5, 20), reason=2, by=by, today=TODAY)
    before = records_of(case)
    project_records(case)
    assert records_of(case) == before


def test_it_keeps_a_plan_that_predates_the_events(personas) -> None:
    case, by = personas.case, personas.case_officer
    Plan.objects.create(case=case, issued_on=date(2019, 5, 1))
    meeting = actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    withdraw_event(event=meeting, reason="Wrong child", by=by, today=TODAY)
    assert records_of(case)["plans"] == [(date(2019, 5, 1), None, None, None, None)]
    assert not case.reviews.exists()


def test_it_requires_a_reason(personas) -> None:
    _case, meeting = met(personas)
    before = snapshot()
    for reason in ("", "   "):
        with pytest.raises(ActionError) as refused:
            withdraw_event(event=meeting, reason=reason, by=personas.case_officer, today=TODAY)
        assert refused.value.field == "reason"
    with pytest.raises(ActionError):
        correct_event(
            event=meeting, on=MEETING, reason="x" * 501, by=personas.case_officer, today=TODAY
        )
    assert snapshot() == before
    assert not EventCorrection.objects.exists()


def test_it_refuses_a_correction_that_changes_nothing(personas) -> None:
    _case, meeting = met(personas)
    with pytest.raises(ActionError, match="Nothing has changed"):
        correct_event(
            event=meeting, on=MEETING, reason="Checking", by=personas.case_officer, today=TODAY
        )


def test_it_refuses_a_detail_the_step_does_not_have(personas) -> None:
    _case, meeting = met(personas)
    with pytest.raises(ActionError) as refused:
        correct_event(
            event=meeting,
            on=MEETING,
            outcome="amend",
            reason="x",
            by=personas.case_officer,
            today=TODAY,
        )
    assert refused.value.field == "outcome"


def test_it_refuses_a_step_already_corrected_or_withdrawn(personas) -> None:
    _case, meeting = met(personas)
    by = personas.case_officer
    correct_event(event=meeting, on=date(2026, 3, 11), reason="Wrong week", by=by, today=TODAY)
    with pytest.raises(ActionError, match="already been corrected"):
        withdraw_event(event=meeting, reason="Again", by=by, today=TODAY)
    assert EventCorrection.objects.count() == 1


def age(event: CaseEvent, days: int) -> None:
    CaseEvent.objects.filter(pk=event.pk).update(recorded_at=timezone.now() - timedelta(days=days))


def test_it_needs_a_manager_to_correct_a_step_recorded_long_ago(personas) -> None:
    _case, meeting = met(personas)
    age(meeting, 31)
    with pytest.raises(ActionError, match="Only a team manager or service manager"):
        withdraw_event(event=meeting, reason="Wrong child", by=personas.case_officer)
    assert not EventCorrection.objects.exists()
    withdrawal = withdraw_event(event=meeting, reason="Wrong child", by=personas.team_manager)
    assert withdrawal.needed_manager is True


def test_it_lets_an_officer_correct_a_recent_step(personas, settings) -> None:
    _case, meeting = met(personas)
    age(meeting, 31)
    settings.SENDA_CORRECTION_MANAGER_AFTER_DAYS = 40
    withdrawal = withdraw_event(event=meeting, reason="Wrong child", by=personas.case_officer)
    assert withdrawal.needed_manager is False


def test_it_counts_a_correction_of_a_correction_from_the_first_recording(personas) -> None:
    _case, meeting = met(personas)
    age(meeting, 31)
    new = correct_event(
        event=meeting, on=date(2026, 3, 11), reason="Wrong week", by=personas.team_manager
    )
    with pytest.raises(ActionError, match="Only a team manager"):
        correct_event(event=new, on=date(2026, 3, 12), reason="Wrong day", by=personas.case_officer)


@pytest.mark.parametrize(
    "who", ["qa_auditor", "senco", "parent", "board_member", "other_la_officer"]
)
def test_it_refuses_roles_that_cannot_record(personas, who) -> None:
    _case, meeting = met(personas)
    with pytest.raises(ActionError, match="permission"):
        withdraw_event(event=meeting, reason="Wrong", by=getattr(personas, who), today=TODAY)
    assert not EventCorrection.objects.exists()


def test_it_writes_an_audit_entry(personas) -> None:
    _case, meeting = met(personas)
    before = AuditEntry.objects.count()
    new = correct_event(
        event=meeting,
        on=date(2026, 3, 11),
        reason="Wrong week",
        by=personas.case_officer,
        today=TODAY,
    )
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("id")
    correction = EventCorrection.objects.get()
    assert (entry.verb, entry.user, entry.child, entry.la) == (
        "write",
        personas.case_officer,
        personas.child,
        personas.la,
    )
    assert (entry.object_type, entry.object_id) == ("casework.EventCorrection", str(correction.pk))
    assert f"event {meeting.pk} -> {new.pk}" in entry.summary
    assert "Wrong week" not in entry.summary  # the reason stays on the correction


def test_it_marks_the_areas_facts_stale_from_the_earliest_day_affected(personas) -> None:
    _case, meeting = met(personas)
    by = personas.case_officer
    assert facts_stale(personas.la.pk) is None
    new = correct_event(
        event=meeting, on=date(2026, 3, 11), reason="Wrong week", by=by, today=TODAY
    )
    assert facts_stale(personas.la.pk).since == MEETING
    moved = correct_event(event=new, on=date(2026, 3, 2), reason="Wrong again", by=by, today=TODAY)
    mark = facts_stale(personas.la.pk)
    assert mark.since == date(2026, 3, 2)
    withdraw_event(event=moved, reason="Not held", by=by, today=TODAY)
    assert facts_stale(personas.la.pk).since == date(2026, 3, 2)
    assert clear_facts_stale(facts_stale(personas.la.pk)) is True
    assert facts_stale(personas.la.pk) is None


def test_it_keeps_a_mark_made_again_after_it_was_read(personas) -> None:
    _case, meeting = met(personas)
    by = personas.case_officer
    new = correct_event(
        event=meeting, on=date(2026, 3, 11), reason="Wrong week", by=by, today=TODAY
    )
    read = facts_stale(personas.la.pk)
    correct_event(event=new, on=date(2026, 3, 12), reason="Wrong day", by=by, today=TODAY)
    assert clear_facts_stale(read) is False
    assert facts_stale(personas.la.pk) is not None


def test_it_leaves_withdrawn_steps_out_of_the_kpi_facts(personas) -> None:
    case, meeting = met(personas)
    withdraw_event(event=meeting, reason="Wrong child", by=personas.case_officer, today=TODAY)
    (record,) = [r for r in tick.read_records(personas.la) if r.case_id == case.pk]
    assert "review_meeting" not in {e.type for e in record.events}
    assert len(record.events) == case.events.current().count()


# --- the ordering rules every step is recorded by (senda.clock.order, issue 10 part A1) ---


def reported(personas) -> tuple[Case, CaseEvent, CaseEvent]:
    case, meeting = met(personas)
    report = actions.record_review_report(
        case=case, on=date(2026, 3, 12), by=personas.case_officer, today=TODAY
    )
    return case, meeting, report


def test_it_checks_a_corrected_step_by_the_ordering_rules(personas) -> None:
    _case, _meeting, report = reported(personas)
    before = snapshot()
    with pytest.raises(ActionError):
        correct_event(
            event=report, on=date(2026, 3, 1), reason="Wrong", by=personas.case_officer, today=TODAY
        )
    assert snapshot() == before


def test_it_refuses_to_withdraw_a_step_another_step_follows(personas) -> None:
    case, meeting, report = reported(personas)
    by = personas.case_officer
    with pytest.raises(ActionError, match="review report received of 12 March 2026 out of order"):
        withdraw_event(event=meeting, reason="Not held", by=by, today=TODAY)
    with pytest.raises(ActionError, match="out of order"):
        correct_event(event=meeting, on=date(2026, 3, 13), reason="Later", by=by, today=TODAY)
    assert not EventCorrection.objects.exists()
    withdraw_event(event=report, reason="Not received", by=by, today=TODAY)
    withdraw_event(event=meeting, reason="Not held", by=by, today=TODAY)
    assert not case.reviews.exists()


# --- the step that closed the case ----------------------------------------------------------

OUT = date(2026, 4, 1)


def transferred_out(personas) -> tuple[Case, CaseEvent, CaseEvent]:
    """A case with a review meeting, then a transfer out (which closed it)."""
    case, meeting = met(personas)
    out = actions.record_transferred_out(case=case, on=OUT, by=personas.case_officer, today=TODAY)
    case.refresh_from_db()
    assert not case.is_open
    return case, meeting, out


def test_it_reopens_the_case_when_the_transfer_out_that_closed_it_is_withdrawn(personas) -> None:
    case, _meeting, out = transferred_out(personas)
    next_review = case.deadlines.filter(rule="annual-review", due=date(2027, 3, 4))
    assert not next_review.exists()
    withdraw_event(event=out, reason="Moved school, not area", by=personas.case_officer)
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert case.plans.get().ceased_on is None  # the plan is current again
    assert next_review.get().status == "pending"
    reopened = AuditEntry.objects.latest("id")
    correction = EventCorrection.objects.get(event=out)
    assert (reopened.verb, reopened.object_type, reopened.object_id) == (
        "write",
        "casework.Case",
        str(case.pk),
    )
    assert reopened.summary == (
        f"case {case.pk}: reopened: the transferred_out event {out.pk} that closed it was "
        f"withdrawn (correction {correction.pk})"
    )
    assert correction.reason == "Moved school, not area"
    # Open again, steps can be recorded.
    actions.record_review_decision(
        case=case, on=date(2026, 4, 2), outcome="maintain", by=personas.case_officer
    )


def test_it_keeps_the_case_closed_when_the_closing_steps_date_is_corrected(personas) -> None:
    case, _meeting, out = transferred_out(personas)
    entries = AuditEntry.objects.count()
    new = correct_event(
        event=out, on=date(2026, 4, 8), reason="Moved a week later", by=personas.case_officer
    )
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert (new.type, new.on) == ("transferred_out", date(2026, 4, 8))
    assert (case.plans.get().ceased_on, case.plans.get().cease_reason) == (
        date(2026, 4, 8),
        Plan.CeaseReason.TRANSFERRED,
    )
    assert AuditEntry.objects.count() == entries + 1  # the correction only: not reopened
    # The corrected step is now the one that closed the case: it can be withdrawn in turn.
    withdraw_event(event=new, reason="Never moved", by=personas.case_officer)
    case.refresh_from_db()
    assert case.is_open


def test_it_refuses_to_correct_any_other_step_of_a_closed_case(personas) -> None:
    _case, meeting, _out = transferred_out(personas)
    before = snapshot()
    with pytest.raises(ActionError, match="only the step that closed it"):
        withdraw_event(event=meeting, reason="Not held", by=personas.case_officer)
    with pytest.raises(ActionError, match="only the step that closed it"):
        correct_event(
            event=meeting, on=date(2026, 3, 5), reason="Wrong day", by=personas.case_officer
        )
    assert snapshot() == before
    assert not EventCorrection.objects.exists()


def test_it_refuses_every_step_of_a_case_closed_with_no_closing_step_last(personas) -> None:
    case, meeting = met(personas)
    actions.close_case(case=case, by=personas.case_officer)
    with pytest.raises(ActionError, match="only the step that closed it"):
        withdraw_event(event=meeting, reason="Not held", by=personas.case_officer)


def test_it_keeps_the_closing_step_last_when_its_date_is_corrected(personas) -> None:
    _case, _meeting, out = transferred_out(personas)
    with pytest.raises(ActionError) as refused:
        correct_event(event=out, on=date(2026, 3, 1), reason="Earlier", by=personas.case_officer)
    assert refused.value.field == "on"
    assert "must stay its last step" in refused.value.message
    assert not EventCorrection.objects.exists()


def test_it_needs_a_manager_to_undo_a_closing_step_recorded_long_ago(personas) -> None:
    case, _meeting, out = transferred_out(personas)
    age(out, 31)
    with pytest.raises(ActionError, match="Only a team manager or service manager"):
        withdraw_event(event=out, reason="Wrong child", by=personas.case_officer)
    withdraw_event(event=out, reason="Wrong child", by=personas.team_manager)
    case.refresh_from_db()
    assert case.is_open


def test_it_reopens_a_case_closed_by_a_refusal_corrected_to_a_decision_to_assess(
    personas,
) -> None:
    case, by = personas.case, personas.case_officer
    actions.record_request_received(case=case, on=date(2026, 1, 5), source=2, by=by, today=TODAY)
    refusal = actions.record_assess_decision(
        case=case, on=date(2026, 2, 10), outcome="refuse", by=by, today=TODAY
    )
    actions.close_case(case=case, by=by)
    new = correct_event(event=refusal, on=refusal.on, outcome="assess", reason="Misread", by=by)
    case.refresh_from_db()
    assert case.is_open
    assert case.requests.get().assess_outcome == "assess"
    assert f"the assess_decision event {refusal.pk} that closed it was corrected" in (
        AuditEntry.objects.latest("id").summary
    )
    assert new.outcome == "assess"


def test_a_correction_keeps_the_plans_and_reviews_rows_and_what_points_at_them(personas) -> None:
    """Plans and reviews are matched, not rebuilt: the plan's named settings, SEN2 flags and
    issued versions, and a review's row, survive a correction of another step."""
    from senda.casework.models import NamedSetting, PlanVersion

    case, meeting = met(personas)
    plan = case.plans.get()
    Plan.objects.filter(pk=plan.pk).update(personal_budget=True, residential="A")
    NamedSetting.objects.create(plan=plan, setting_code="OLA", recorded_on=MEETING)
    version = PlanVersion.objects.create(
        plan=plan,
        case=case,
        kind="new",
        issued_on=plan.issued_on,
        recorded_by=personas.case_officer,
    )
    review = case.reviews.get()
    correct_event(
        event=meeting,
        on=date(2026, 3, 11),
        reason="Wrong week",
        by=personas.case_officer,
        today=TODAY,
    )
    kept = case.plans.get()
    assert kept.pk == plan.pk and kept.personal_budget and kept.residential == "A"
    assert kept.named_settings.count() == 1
    assert PlanVersion.objects.get(pk=version.pk).plan_id == plan.pk
    again = case.reviews.get()
    assert again.pk == review.pk and again.meeting_on == date(2026, 3, 11)


def test_withdrawing_the_start_of_a_plan_others_hold_on_to_is_refused(personas) -> None:
    from senda.casework.models import PlanVersion

    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    start = case.events.get(type="final_plan_issued")
    PlanVersion.objects.create(
        plan=case.plans.get(), case=case, kind="new", issued_on=start.on, recorded_by=by
    )
    with pytest.raises(ActionError, match="hold on to"):
        withdraw_event(event=start, reason="Wrong child", by=by, today=TODAY)
    assert case.plans.count() == 1
    assert case.events.current().filter(type="final_plan_issued").exists()

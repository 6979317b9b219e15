"""Audit actions tracked to completion: raised for council staff with a due date, an
early review asked for through casework, completed on time or late, overdue while open."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework.models import EarlyReview
from senda.kernel import ActionError
from senda.quality.audit_actions import (
    actions_for,
    cancel_action,
    complete_action,
    on_time,
    raise_action,
)
from senda.quality.audit_people import add_auditor
from senda.quality.models import AuditAction
from tests.factories import make_la, make_user
from tests.quality.factories import make_audit, make_audit_action

DAY = date(2026, 11, 2)
DUE = date(2026, 11, 30)


@pytest.fixture
def scene(db):
    la = make_la()
    lead = make_user("qa_auditor", la)
    officer = make_user("case_officer", la)
    return la, lead, officer, make_audit(la, lead=lead)


def raise_for(audit, to, by, **extra):
    return raise_action(
        audit=audit,
        text="Quantify the speech and language therapy in section F",
        assigned_to=to,
        due_on=extra.pop("due_on", DUE),
        by=by,
        today=DAY,
        **extra,
    )


def test_it_raises_an_action_for_council_staff(scene):
    _la, lead, officer, audit = scene
    action = raise_for(audit, officer, lead)
    action.refresh_from_db()
    assert (action.assigned_to, action.due_on, action.raised_on, action.raised_by) == (
        officer,
        DUE,
        DAY,
        lead,
    )
    assert action.early_review is None
    entry = AuditEntry.objects.get(object_type="quality.AuditAction", object_id=str(action.pk))
    assert entry.summary == (
        f"audit {audit.pk}: action {action.pk} raised for {officer.pk} due 2026-11-30"
    )
    assert entry.child == audit.case.child


def test_an_action_can_bring_the_review_forward(scene):
    _la, lead, officer, audit = scene
    action = raise_for(audit, officer, lead, early_review_by=date(2026, 12, 15))
    early = EarlyReview.objects.get()
    assert action.early_review == early
    assert (early.case, early.review_by, early.asked_on, early.asked_by) == (
        audit.case,
        date(2026, 12, 15),
        DAY,
        lead,
    )
    assert early.source == f"QA audit {audit.pk}"
    assert early.reason == "Quantify the speech and language therapy in section F"


def test_an_early_review_in_the_past_is_refused_and_nothing_is_kept(scene):
    _la, lead, officer, audit = scene
    with pytest.raises(ActionError) as error:
        raise_for(audit, officer, lead, early_review_by=date(2026, 10, 1))
    assert error.value.field == "early_review_by"
    assert not AuditAction.objects.exists()
    assert not EarlyReview.objects.exists()


@pytest.mark.parametrize("who", ["advice_giver", "other_area_officer", "board_member"])
def test_it_is_assigned_only_to_council_staff_of_the_area(scene, who):
    la, lead, _officer, audit = scene
    to = {
        "advice_giver": lambda: make_user("advice_giver", la),
        "other_area_officer": lambda: make_user("case_officer", make_la()),
        "board_member": lambda: make_user("board_member", la),
    }[who]()
    with pytest.raises(ActionError) as error:
        raise_for(audit, to, lead)
    assert error.value.field == "assigned_to"
    assert not AuditAction.objects.exists()


def test_the_due_date_is_today_or_later(scene):
    _la, lead, officer, audit = scene
    with pytest.raises(ActionError) as error:
        raise_for(audit, officer, lead, due_on=date(2026, 11, 1))
    assert error.value.field == "due_on"
    assert raise_for(audit, officer, lead, due_on=DAY).due_on == DAY


def test_the_lead_or_an_auditor_raises_actions(scene):
    la, lead, officer, audit = scene
    with pytest.raises(ActionError):
        raise_for(audit, officer, officer)  # staff, but not on the audit
    nurse = make_user("advice_giver", la)
    add_auditor(audit=audit, user=nurse, organisation="health", by=lead)
    assert raise_for(audit, officer, nurse).raised_by == nurse
    # an outside auditor cannot bring a review forward: that is the council's decision
    with pytest.raises(ActionError):
        raise_for(audit, officer, nurse, early_review_by=date(2026, 12, 1))
    assert AuditAction.objects.count() == 1


def test_completed_by_the_due_date_is_on_time_and_after_it_late(scene):
    _la, lead, officer, audit = scene
    early = make_audit_action(audit, to=officer, due_on=date(2026, 11, 20))
    late = make_audit_action(audit, to=officer, due_on=date(2026, 11, 20))
    assert on_time(early) is None
    complete_action(action=early, note="Done", by=officer, today=date(2026, 11, 20))
    complete_action(action=late, note="Done late", by=lead, today=date(2026, 11, 21))
    early.refresh_from_db()
    late.refresh_from_db()
    assert (on_time(early), on_time(late)) == (True, False)
    assert late.completion_note == "Done late"
    assert AuditEntry.objects.filter(summary__endswith="completed late").count() == 1


def test_completing_needs_a_note_and_the_assignee_or_a_lead(scene):
    la, _lead, officer, audit = scene
    action = make_audit_action(audit, to=officer)
    with pytest.raises(ActionError) as error:
        complete_action(action=action, note=" ", by=officer, today=DAY)
    assert error.value.field == "note"
    with pytest.raises(ActionError):
        complete_action(action=action, note="Done", by=make_user("case_officer", la), today=DAY)
    action.refresh_from_db()
    assert action.completed_on is None


def test_overdue_is_open_and_past_due(scene):
    _la, _lead, officer, audit = scene
    past = make_audit_action(audit, to=officer, due_on=date(2026, 11, 1))
    make_audit_action(audit, to=officer, due_on=date(2026, 11, 2))
    done = make_audit_action(audit, to=officer, due_on=date(2026, 10, 1))
    done.completed_on = date(2026, 10, 5)
    done.save()
    assert list(AuditAction.objects.overdue(DAY)) == [past]


def test_a_lead_cancels_with_a_reason_and_it_counts_neither_way(scene):
    _la, lead, officer, audit = scene
    action = make_audit_action(audit, to=officer)
    with pytest.raises(ActionError):
        cancel_action(action=action, reason="Not needed", by=officer, today=DAY)
    with pytest.raises(ActionError) as error:
        cancel_action(action=action, reason="", by=lead, today=DAY)
    assert error.value.field == "reason"
    cancel_action(action=action, reason="The plan ceased", by=lead, today=DAY)
    action.refresh_from_db()
    assert (action.cancelled_on, on_time(action)) == (DAY, None)
    assert not AuditAction.objects.open().exists()
    with pytest.raises(ActionError):
        complete_action(action=action, note="Done", by=officer, today=DAY)


def test_a_lead_sees_every_action_and_others_their_own_first(scene):
    la, lead, officer, audit = scene
    theirs = make_audit_action(audit, to=officer, due_on=date(2026, 12, 5))
    mine = make_audit_action(audit, to=lead, due_on=date(2026, 12, 20))
    assert list(actions_for(lead)) == [mine, theirs]
    assert list(actions_for(officer)) == [theirs]
    assert list(actions_for(make_user("advice_giver", la))) == []
    assert list(actions_for(make_user("qa_auditor", make_la()))) == []

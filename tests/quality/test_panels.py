"""Decision panels: a decision on "assess" goes through the casework action (the clock's
event is written and the case's stage moves); a top-up band is a casework Decision;
learning is shared, then acted on."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework.models import AssessmentRequest, Case, CaseEvent, Decision
from senda.kernel import ActionError
from senda.quality import panels
from senda.quality.models import Panel, PanelItem
from tests.casework.flows import assessing, requested
from tests.factories import make_case, make_la, make_user

MEETS = date(2026, 1, 20)
TODAY = date(2026, 6, 30)


@pytest.fixture
def panel(personas):
    return panels.create_panel(
        la=personas.la,
        name="Assessment panel",
        meets_on=MEETS,
        chair=personas.team_manager,
        by=personas.team_manager,
    )


def test_a_decision_to_assess_writes_the_clock_event_and_moves_the_stage(personas, panel):
    case = requested(personas.case, personas.case_officer)
    assert Case.objects.get(pk=case.pk).stage == "requested"
    item = panels.add_item(panel=panel, case=case, question="assess", by=personas.team_manager)
    panels.record_item_decision(
        item=item,
        decision="assess",
        reasons="The evidence shows needs the setting cannot meet from its own resources.",
        decided_on=date(2026, 1, 21),
        family_told_on=date(2026, 1, 22),
        by=personas.team_manager,
        today=TODAY,
    )
    item.refresh_from_db()
    event = CaseEvent.objects.get(case=case, type="assess_decision")
    assert item.event == event and (event.on, event.outcome) == (date(2026, 1, 21), "assess")
    assert item.decision == "assess" and item.family_told_on == date(2026, 1, 22)
    assert AssessmentRequest.objects.get(case=case).assess_outcome == "assess"
    assert Case.objects.get(pk=case.pk).stage != "requested"
    entry = AuditEntry.objects.filter(object_type="quality.PanelItem").last()
    assert entry.child == personas.child and personas.child.family_name not in entry.summary
    with pytest.raises(ActionError, match="recorded already"):
        panels.record_item_decision(
            item=item,
            decision="refuse",
            reasons="x",
            decided_on=MEETS,
            by=personas.team_manager,
            today=TODAY,
        )


def test_a_top_up_band_is_a_casework_decision(personas, panel):
    item = panels.add_item(
        panel=panel, case=personas.case, question="top_up", by=personas.team_manager
    )
    panels.record_item_decision(
        item=item,
        decision="Band C top-up agreed",
        reasons="Needs 1:1 support for most of the day",
        band="C",
        decided_on=MEETS,
        by=personas.team_manager,
        today=TODAY,
    )
    item.refresh_from_db()
    decision = Decision.objects.get(case=personas.case)
    assert item.case_decision == decision
    assert (decision.kind, decision.band, decision.source) == ("top_up", "C", f"Panel {panel.pk}")
    assert decision.reasons == "Needs 1:1 support for most of the day"


def test_an_issue_decision_checks_its_outcome_and_dates(personas, panel):
    case = assessing(personas.case, personas.case_officer)
    item = panels.add_item(panel=panel, case=case, question="issue", by=personas.team_manager)
    bad = [
        ({"decision": "maybe"}, "decision"),
        ({"reasons": " "}, "reasons"),
        ({"decided_on": date(2026, 1, 1)}, "decided_on"),
        ({"decided_on": date(2026, 7, 1)}, "decided_on"),
        ({"family_told_on": date(2026, 4, 19)}, "family_told_on"),
    ]
    good = {
        "decision": "issue",
        "reasons": "Needs met only by a plan",
        "decided_on": date(2026, 4, 20),
    }
    for change, field in bad:
        with pytest.raises(ActionError) as error:
            panels.record_item_decision(
                item=item, by=personas.team_manager, today=TODAY, **(good | change)
            )
        assert error.value.field == field
    assert not CaseEvent.objects.filter(case=case, type="issue_decision").exists()
    panels.record_item_decision(item=item, by=personas.team_manager, today=TODAY, **good)
    assert AssessmentRequest.objects.get(case=case).issue_outcome == "issue"


def test_learning_is_shared_then_acted_on(personas, panel):
    learning = panels.add_learning(
        panel=panel,
        text="Advice often described needs without their impact on learning.",
        partner="Educational psychology service",
        team=personas.advice_team,
        by=personas.qa_auditor,
    )
    with pytest.raises(ActionError, match="Share the learning"):
        panels.mark_acted_on(learning=learning, note="x", by=personas.qa_auditor)
    panels.share_learning(learning=learning, by=personas.qa_auditor, today=date(2026, 2, 1))
    panels.mark_acted_on(
        learning=learning, note="Template changed", by=personas.qa_auditor, today=date(2026, 3, 1)
    )
    learning.refresh_from_db()
    assert (learning.shared_on, learning.acted_on, learning.acted_note) == (
        date(2026, 2, 1),
        date(2026, 3, 1),
        "Template changed",
    )


def test_members_quorum_and_agenda(personas, panel):
    panels.add_member(panel=panel, name="Dr A", organisation="health", by=personas.qa_auditor)
    panels.add_member(
        panel=panel, name="B", organisation="social_care", present=False, by=personas.qa_auditor
    )
    with pytest.raises(ActionError):
        panels.add_member(panel=panel, name="C", organisation="police", by=personas.qa_auditor)
    assert list(panel.members.values_list("present", flat=True)) == [True, False]
    panels.record_held(panel=panel, held_on=MEETS, quorum_met=True, by=personas.team_manager)
    assert Panel.objects.get(pk=panel.pk).quorum_met is True
    first = panels.add_item(
        panel=panel, case=personas.case, question="assess", by=personas.qa_auditor
    )
    second = panels.add_item(
        panel=panel, case=make_case(la=personas.la), question="placement", by=personas.qa_auditor
    )
    assert (first.order, second.order) == (1, 2)
    with pytest.raises(ActionError, match="already"):
        panels.add_item(panel=panel, case=personas.case, question="assess", by=personas.qa_auditor)
    with pytest.raises(ActionError):
        panels.add_item(
            panel=panel, case=make_case(la=make_la()), question="assess", by=personas.qa_auditor
        )
    assert PanelItem.objects.filter(panel=panel).count() == 2


def test_only_leads_of_the_area_write(personas, panel):
    for user in (personas.case_officer, personas.other_la_officer, personas.senco):
        with pytest.raises(ActionError):
            panels.add_member(panel=panel, name="X", organisation="health", by=user)
        with pytest.raises(ActionError):
            panels.create_panel(
                la=personas.la, name="P", meets_on=MEETS, chair=personas.team_manager, by=user
            )
    with pytest.raises(ActionError) as error:
        panels.create_panel(
            la=personas.la,
            name="P",
            meets_on=MEETS,
            chair=make_user("team_manager", make_la()),
            by=personas.team_manager,
        )
    assert error.value.field == "chair"

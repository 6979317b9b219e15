"""Decision panels: a multi-agency meeting with an agenda of cases. Each item's decision is
written through the casework actions (one path, so the clock, the case's stage and its
audit trail see it as they would an officer's form): whether to assess
(``record_assess_decision``), whether to issue (``record_issue_decision``), a placement
or a top-up band (``record_decision``); the item keeps the event or decision with the
panel's reasons. Learning from the panel is shared with named partners and marked acted
on. QA leads and team managers of the area write (``quality.access.qa_lead``); the
casework actions check again that the writer may record on the case."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from senda import audit, kernel
from senda.casework.actions.assessment import record_assess_decision, record_issue_decision
from senda.casework.actions.decisions import record_decision
from senda.casework.models import Case
from senda.kernel import ActionError, check_choice, check_not_future, check_permission
from senda.kernel import required_text as required
from senda.people.models import AdviceTeam, LocalAuthority, Setting
from senda.quality.access import membership_of, qa_lead
from senda.quality.models import Panel, PanelItem, PanelLearning, PanelMember
from senda.quality.models.grades import Organisation

NAME_MAX = 100
PERSON_MAX = 200
TEXT_MAX = 5000
#: What a panel may decide on each question that the clock records.
CLOCK_OUTCOMES = {"assess": ("assess", "refuse"), "issue": ("issue", "not-issue")}


def _check_lead(by: Any, la_id: int) -> None:
    membership = qa_lead(by)
    check_permission(
        membership is not None and membership.la_id == la_id,
        "Only the council's QA leads and team managers can change a panel.",
    )


def _text(value: str, field: str, missing: str, limit: int) -> str:
    text = required(value, field, missing)
    if len(text) > limit:
        raise ActionError(
            field,
            f"{missing.removeprefix('Enter ').capitalize()} must be {limit:,} characters or fewer",
        )
    return text


def _panel_audit(by: Any, panel: Panel, obj: Any, summary: str, child: Any = None) -> None:
    audit.record(user=by, verb="write", obj=obj, child=child, la_id=panel.la_id, summary=summary)


@transaction.atomic
def create_panel(
    *, la: LocalAuthority, name: str, meets_on: date, chair: Any, by: Any, today: date | None = None
) -> Panel:
    """A panel of ``la`` meeting on ``meets_on``, chaired by a member of the area's staff."""
    _check_lead(by, la.pk)
    name = _text(name, "name", "Enter the panel's name", NAME_MAX)
    if meets_on is None:
        raise ActionError("meets_on", "Enter the date the panel meets")
    chair_membership = membership_of(chair)
    if chair_membership is None or chair_membership.la_id != la.pk:
        raise ActionError("chair", "Choose the chair from the council's staff")
    panel = Panel.objects.create(la=la, name=name, meets_on=meets_on, chair=chair)
    _panel_audit(by, panel, panel, f"panel {panel.pk} created, meets {meets_on:%Y-%m-%d}")
    return panel


@transaction.atomic
def add_member(
    *, panel: Panel, name: str, organisation: str, by: Any, present: bool = True
) -> PanelMember:
    """Someone who sits on the panel, from which part of the partnership."""
    _check_lead(by, panel.la_id)
    name = _text(name, "name", "Enter the member's name", PERSON_MAX)
    check_choice(organisation, Organisation.values, "organisation", "the member's organisation")
    member = PanelMember.objects.create(
        panel=panel, name=name, organisation=organisation, present=bool(present)
    )
    _panel_audit(by, panel, member, f"panel {panel.pk}: member {member.pk} ({organisation})")
    return member


@transaction.atomic
def add_item(*, panel: Panel, case: Case, question: str, by: Any) -> PanelItem:
    """A case on the panel's agenda, with the question the panel answers."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    _check_lead(by, panel.la_id)
    if case is None or case.la_id != panel.la_id:
        raise ActionError("case", "Enter a case of this council")
    check_choice(question, PanelItem.Question.values, "question", "the question")
    if panel.items.filter(case=case, question=question).exists():
        raise ActionError("case", "This case is on the agenda for that question already")
    order = (panel.items.aggregate(last=Max("order"))["last"] or 0) + 1
    item = PanelItem.objects.create(panel=panel, case=case, question=question, order=order)
    _panel_audit(
        by,
        panel,
        item,
        f"panel {panel.pk}: item {item.pk} case {case.pk} ({question})",
        child=case.child,
    )
    return item


@transaction.atomic
def record_item_decision(
    *,
    item: PanelItem,
    decision: str,
    reasons: str,
    by: Any,
    decided_on: date,
    band: str = "",
    setting: Setting | None = None,
    family_told_on: date | None = None,
    today: date | None = None,
) -> PanelItem:
    """The panel's decision on ``item``, with its reasons, written through the casework
    action for its question: the clock's decision (``assess``/``refuse``,
    ``issue``/``not-issue``) or a casework ``Decision`` (placement, top-up band)."""
    item = (
        PanelItem.objects.select_for_update().select_related("panel", "case__child").get(pk=item.pk)
    )
    panel, case = item.panel, item.case
    _check_lead(by, panel.la_id)
    today = today or kernel.today()
    if item.decided_on is not None:
        raise ActionError("decision", "The panel's decision on this case is recorded already")
    reasons = _text(reasons, "reasons", "Enter the reasons for the decision", TEXT_MAX)
    if decided_on is None:
        raise ActionError("decided_on", "Enter the date of the decision")
    check_not_future(decided_on, today, "decided_on")
    if decided_on < panel.meets_on:
        raise ActionError("decided_on", "The decision cannot be before the panel met")
    if family_told_on is not None:
        check_not_future(family_told_on, today, "family_told_on")
        if family_told_on < decided_on:
            raise ActionError(
                "family_told_on", "The family cannot be told before the decision was made"
            )
    if item.question in CLOCK_OUTCOMES:
        check_choice(decision, CLOCK_OUTCOMES[item.question], "decision", "the decision")
        write = record_assess_decision if item.question == "assess" else record_issue_decision
        item.event = write(case=case, on=decided_on, outcome=decision, by=by, today=today)
    else:
        decision = _text(decision, "decision", "Enter the decision", 300)
        item.case_decision = record_decision(
            case=case,
            kind=item.question,
            decided_on=decided_on,
            decision=decision,
            reasons=reasons,
            by=by,
            band=band,
            setting=setting,
            source=f"Panel {panel.pk}",
            today=today,
        )
    item.decision = decision
    item.reasons = reasons
    item.decided_on = decided_on
    item.family_told_on = family_told_on
    item.save()
    _panel_audit(
        by,
        panel,
        item,
        f"panel {panel.pk}: item {item.pk} case {case.pk} decided {decided_on:%Y-%m-%d}",
        child=case.child,
    )
    return item


@transaction.atomic
def record_held(*, panel: Panel, held_on: date, quorum_met: bool, by: Any) -> Panel:
    """The panel met on ``held_on`` (not in the future), quorate or not."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    _check_lead(by, panel.la_id)
    if held_on is None:
        raise ActionError("held_on", "Enter the date the panel met")
    check_not_future(held_on, kernel.today(), "held_on")
    panel.held_on = held_on
    panel.quorum_met = bool(quorum_met)
    panel.save(update_fields=["held_on", "quorum_met"])
    _panel_audit(
        by, panel, panel, f"panel {panel.pk} held {held_on:%Y-%m-%d} quorum={panel.quorum_met}"
    )
    return panel


@transaction.atomic
def add_learning(
    *, panel: Panel, text: str, partner: str, by: Any, team: AdviceTeam | None = None
) -> PanelLearning:
    """Something the panel learnt, for ``partner`` (and an advice team, if it is theirs)."""
    _check_lead(by, panel.la_id)
    text = _text(text, "text", "Enter what the panel learnt", TEXT_MAX)
    partner = _text(partner, "partner", "Enter who it is shared with", PERSON_MAX)
    if team is not None and team.la_id != panel.la_id:
        raise ActionError("team", "Choose an advice team of this council")
    learning = PanelLearning.objects.create(panel=panel, text=text, partner=partner, team=team)
    _panel_audit(by, panel, learning, f"panel {panel.pk}: learning {learning.pk} added")
    return learning


@transaction.atomic
def share_learning(*, learning: PanelLearning, by: Any, today: date | None = None) -> PanelLearning:
    """The learning was shared with its partner ``today``."""
    learning = PanelLearning.objects.select_for_update().select_related("panel").get(pk=learning.pk)
    _check_lead(by, learning.panel.la_id)
    if learning.shared_on is not None:
        raise ActionError("learning", "This learning is shared already")
    learning.shared_on = today or kernel.today()
    learning.save(update_fields=["shared_on"])
    _panel_audit(
        by, learning.panel, learning, f"panel {learning.panel_id}: learning {learning.pk} shared"
    )
    return learning


@transaction.atomic
def mark_acted_on(
    *, learning: PanelLearning, note: str, by: Any, today: date | None = None
) -> PanelLearning:
    """The partner acted on shared learning: what they did, ``today``."""
    learning = PanelLearning.objects.select_for_update().select_related("panel").get(pk=learning.pk)
    _check_lead(by, learning.panel.la_id)
    if learning.shared_on is None:
        raise ActionError("note", "Share the learning before marking it acted on")
    if learning.acted_on is not None:
        raise ActionError("note", "This learning is marked acted on already")
    learning.acted_note = _text(note, "note", "Enter what was done", TEXT_MAX)
    learning.acted_on = today or kernel.today()
    learning.save(update_fields=["acted_on", "acted_note"])
    _panel_audit(
        by, learning.panel, learning, f"panel {learning.panel_id}: learning {learning.pk} acted on"
    )
    return learning

"""The time limits of families' disagreements: mediation, appeals to the SEND Tribunal,
complying with the tribunal's orders, and council complaints.

Each is computed from its own record's dates (a mediation, an appeal, an order, a complaint),
never from a child's case events: ``evaluate(events)`` gives none of these rows (ADR 0018).
The rules, their citations and how sure each is live in the one catalogue
(``senda.clock.rules``, group ``DISAGREEMENT_RULES``); the status of a row is read as every
other row's is (``senda.clock.status.status``: met, late, pending, overdue).

    from senda.clock.disagreements import MediationFacts, mediation_deadlines
    rows = mediation_deadlines(MediationFacts(decision_on=date(2026, 3, 2)), today=...)

Pure: no Django, no I/O; ``today`` is always an argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from senda.clock import rules as r
from senda.clock.calendar import (
    TribunalCalendar,
    WorkingDayCalendar,
    england_and_wales,
    working_days_before,
)
from senda.clock.model import Deadline
from senda.clock.status import status

#: Mediation choices and certificate kinds (the values of casework's Mediation choices).
MEDIATE: Final = "mediate"
DECLINE: Final = "decline"
CERTIFICATES: Final = ("declined", "after", "deemed")


def _row(rule: str, due: date, done: date | None, today: date, cite: str | None = None) -> Deadline:
    """One deadline row, its status read as every row's is."""
    return Deadline(rule, due, done, status(due, done, today), cite or r.citation(rule))


def _sorted(rows: list[Deadline]) -> list[Deadline]:
    return sorted(rows, key=lambda row: (row.due, row.rule))


def _calendar(calendar: WorkingDayCalendar | None) -> WorkingDayCalendar:
    return calendar if calendar is not None else england_and_wales()


# --- mediation -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MediationFacts:
    """The dates of one mediation (casework ``Mediation``)."""

    decision_on: date  # decision notice sent
    adviser_contacted_on: date | None = None
    choice: str = ""  # "mediate" | "decline" | ""
    la_told_on: date | None = None  # family told LA it wants mediation
    health_sought: bool = False
    health_only: bool = False  # only health provision in dispute -> ICB arranges (reg 36)
    icb_notified_on: date | None = None
    notice_on: date | None = None  # family told date and place
    meeting_on: date | None = None
    ended_on: date | None = None
    cannot_arrange_on: date | None = None  # LA told adviser it cannot arrange in time
    certificate_on: date | None = None
    certificate: str = ""  # "declined" | "after" | "deemed" | ""


def _certificate(facts: MediationFacts, kind: str) -> date | None:
    """The certificate's date, when it is of this kind (or its kind was not recorded)."""
    return facts.certificate_on if facts.certificate in (kind, "") else None


def mediation_deadlines(
    facts: MediationFacts, today: date, calendar: WorkingDayCalendar | None = None
) -> list[Deadline]:
    """Every limit of one mediation that applies as it stands on ``today``, sorted by due.

    - ``mediation-adviser-contact`` always (the family's own limit, ``FAMILY_RULES``).
    - ``certificate-declined`` once the family has declined, from the day it contacted the
      adviser.
    - Once the family has told the council it wants mediation: ``health-issues-notified``
      when health provision is sought; ``mediation-health-only`` (from the day the health
      commissioner was told, once recorded) when only health is in dispute, otherwise
      ``mediation-arranged``; ``certificate-deemed`` once the council has told the adviser
      it cannot arrange it in time.
    - ``mediation-notice`` once a meeting date is known (at the latest 5 working days
      before it); ``certificate-after-mediation`` once it has ended.
    """
    cal = _calendar(calendar)
    add = cal.add_working_days
    rows = [
        _row(
            "mediation-adviser-contact",
            r.mediation_adviser_contact(facts.decision_on),
            facts.adviser_contacted_on,
            today,
        )
    ]
    if facts.choice == DECLINE and facts.adviser_contacted_on is not None:
        due = r.certificate_declined(facts.adviser_contacted_on, add)
        rows.append(_row("certificate-declined", due, _certificate(facts, "declined"), today))
    if facts.choice == MEDIATE and facts.la_told_on is not None:
        told = facts.la_told_on
        if facts.health_sought or facts.health_only:
            due = r.health_issues_notified(told, add)
            rows.append(_row("health-issues-notified", due, facts.icb_notified_on, today))
        if facts.health_only:
            if facts.icb_notified_on is not None:
                due = r.mediation_health_only(facts.icb_notified_on)
                rows.append(_row("mediation-health-only", due, facts.meeting_on, today))
        else:
            rows.append(
                _row("mediation-arranged", r.mediation_arranged(told), facts.meeting_on, today)
            )
        if facts.cannot_arrange_on is not None:
            due = r.certificate_deemed(facts.cannot_arrange_on, add)
            rows.append(_row("certificate-deemed", due, _certificate(facts, "deemed"), today))
    if facts.meeting_on is not None:
        due = r.mediation_notice(facts.meeting_on, lambda end, n: working_days_before(cal, end, n))
        rows.append(_row("mediation-notice", due, facts.notice_on, today))
    if facts.ended_on is not None:
        due = r.certificate_after_mediation(facts.ended_on, add)
        rows.append(_row("certificate-after-mediation", due, _certificate(facts, "after"), today))
    return _sorted(rows)


# --- appeals ---------------------------------------------------------------------------


def appeal_deadline(
    decision_on: date,
    certificate_on: date | None = None,
    *,
    calendar: WorkingDayCalendar | None = None,
) -> date:
    """The last day the tribunal may receive an appeal (HESC Rules 2008 r20(1)(c)): the
    later of 2 months after the decision notice was sent and 1 month after the mediation
    certificate; a limit ending 25 December–1 January moves to the first working day after
    1 January, one ending in August to the first working day after 31 August (r12(3)(a));
    one ending on another non-working day to the next working day (r12(2))."""
    return r.appeal_deadline_due(decision_on, certificate_on, _calendar(calendar).is_working_day)


@dataclass(frozen=True, slots=True)
class AppealFacts:
    """The dates of one appeal (casework ``Appeal``)."""

    decision_on: date
    certificate_on: date | None = None
    lodged_on: date | None = None
    registered_on: date | None = None
    #: Set by the tribunal's directions; if None, 30 working days from ``registered_on``
    #: (directions under HESC r21: confirmed only through a secondary source).
    response_due_on: date | None = None
    response_on: date | None = None
    decided_on: date | None = None
    recommendations_answered_on: date | None = None
    #: An extended appeal: it asks for recommendations on health or social care.
    extended: bool = False


def appeal_deadlines(
    facts: AppealFacts, today: date, calendar: WorkingDayCalendar | None = None
) -> list[Deadline]:
    """Every limit of one appeal that applies as it stands on ``today``, sorted by due:
    ``appeal-deadline`` always (the family's own limit); ``la-response`` once the appeal is
    registered or the tribunal has set a date; ``recommendations-response`` once an extended
    appeal is decided."""
    cal = _calendar(calendar)
    rows = [
        _row(
            "appeal-deadline",
            appeal_deadline(facts.decision_on, facts.certificate_on, calendar=cal),
            facts.lodged_on,
            today,
        )
    ]
    due = facts.response_due_on
    if due is None and facts.registered_on is not None:
        due = r.la_response(facts.registered_on, TribunalCalendar(cal).add_working_days)
    if due is not None:
        rows.append(_row("la-response", due, facts.response_on, today))
    if facts.extended and facts.decided_on is not None:
        due = r.recommendations_response(facts.decided_on)
        rows.append(_row("recommendations-response", due, facts.recommendations_answered_on, today))
    return _sorted(rows)


# --- orders ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """One thing the tribunal ordered, or the council conceded (casework ``AppealOrder``).

    ``kind`` is a value of casework's ``AppealOrder.Kind``. ``made_on`` is the order's date,
    or the council's notice to the tribunal that it will not oppose (``by_concession``,
    reg 45). ``done_on`` is when it was done (for ``make_plan``, the final plan);
    ``draft_on`` is when the draft plan was issued (``make_plan`` only).
    """

    kind: str  # assess, make_plan, amend_contents, change_school, school_and_contents,
    # continue, cease, recommendation
    made_on: date
    done_on: date | None = None
    by_concession: bool = False
    draft_on: date | None = None


#: The rule of each kind of order (``make_plan`` has two: the draft, then the final plan).
ORDER_KIND_RULES: Final[dict[str, tuple[str, ...]]] = {
    "assess": ("order-assess",),
    "make_plan": ("order-make-plan-draft", "order-make-plan-final"),
    "amend_contents": ("order-amend",),
    "change_school": ("order-change-school",),
    "school_and_contents": ("order-school-and-contents",),
    "continue": ("order-continue",),
    "cease": ("order-cease",),
    "recommendation": ("recommendations-response",),
}
_CONCEDED = (
    "SEND Regulations 2014 reg 45 (as amended by SI 2015/359), from the council's notice "
    "that it will not oppose the appeal"
)


def order_deadlines(order: OrderFacts, today: date) -> list[Deadline]:
    """The limit (or, for ``make_plan``, the two limits) of one order, as it stands on
    ``today``. A conceded appeal's limits run from the council's notice to the tribunal
    and cite reg 45. For ``make_plan``, the draft's row is left out when the final plan is
    recorded and the draft's date is not (the final plan answers it). An unknown kind gives
    no rows."""
    rows = []
    for rule in ORDER_KIND_RULES.get(order.kind, ()):
        due = r.RULES[rule].due(order.made_on)
        done = order.done_on
        if rule == "order-make-plan-draft":
            if order.draft_on is None and order.done_on is not None:
                continue
            done = order.draft_on
        cite = None
        if order.by_concession and rule in r.TRIBUNAL_ORDER_RULES:
            cite = _CONCEDED
        rows.append(_row(rule, due, done, today, cite))
    return _sorted(rows)


# --- complaints ------------------------------------------------------------------------


def complaint_deadlines(
    *,
    received_on: date,
    acknowledged_on: date | None = None,
    stage1_responded_on: date | None = None,
    extended_to: date | None = None,
    escalated_on: date | None = None,
    stage2_responded_on: date | None = None,
    stage1_days: int = 10,
    stage2_days: int = 20,
    today: date,
    stage2_acknowledged_on: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> list[Deadline]:
    """The council's own targets for one complaint (LGSCO Complaint Handling Code: guidance,
    not law), sorted by due: acknowledged in 5 working days and answered in ``stage1_days``
    (one extension, to ``extended_to``, of up to 10 more working days); once escalated,
    acknowledged in 5 working days and answered in ``stage2_days``. The stage 2
    acknowledgement row appears only when its date is recorded or still owed."""
    add = _calendar(calendar).add_working_days
    rows = [
        _row(
            "complaint-stage1-acknowledged",
            r.complaint_stage1_acknowledged(received_on, add),
            acknowledged_on,
            today,
        ),
        _row(
            "complaint-stage1",
            r.complaint_stage1(received_on, stage1_days, extended_to, add),
            stage1_responded_on,
            today,
        ),
    ]
    if escalated_on is not None:
        due = r.complaint_stage2_acknowledged(escalated_on, add)
        if stage2_acknowledged_on is not None or stage2_responded_on is None:
            done = stage2_acknowledged_on
            rows.append(_row("complaint-stage2-acknowledged", due, done, today))
        due = r.complaint_stage2(escalated_on, stage2_days, add)
        rows.append(_row("complaint-stage2", due, stage2_responded_on, today))
    return _sorted(rows)


# --- rights ----------------------------------------------------------------------------


def rights_transfer_deadline(date_of_birth: date, today: date) -> Deadline:
    """The day a child's rights pass to them (``rights-transfer``): ``met`` from that day
    on (done that day), ``pending`` before it."""
    due = r.rights_transfer(date_of_birth)
    return _row("rights-transfer", due, due if today >= due else None, today)

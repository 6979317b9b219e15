"""Plain value types the clock reads and writes. No Django, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, NamedTuple

EventType = Literal[
    "request_received",
    "assess_decision",
    "advice_requested",
    "advice_received",
    "exception",
    "issue_decision",
    "draft_plan_issued",
    "final_plan_issued",
    "review_invitations_sent",
    "review_advice_circulated",
    "review_meeting",
    "review_report_received",
    "review_logged",
    "review_decision",
    "amendment_notice_issued",
    "amended_plan_issued",
    "plan_ceased",
    "phase_transfer",
    "phase_transfer_plan_issued",
    "transferred_in",
    "transfer_in_notified",
    "move_out_known",
    "transferred_out",
    "reassessment_requested",
    "reassess_decision",
    "reassessment_outcome",
    "cease_proposed",
    "cease_decision",
    "cease_appealed",
    "cease_appeal_decided",
]

Status = Literal["met", "late", "pending", "overdue", "excepted", "breached", "lapsed"]

EVENT_TYPES: Final[tuple[str, ...]] = EventType.__args__  # type: ignore[attr-defined]

#: Allowed values of the one extra field, by event type.
OUTCOMES: Final[dict[str, tuple[str, ...]]] = {
    "assess_decision": ("assess", "refuse"),
    "issue_decision": ("issue", "not-issue"),
    "review_decision": ("maintain", "amend", "cease"),
    "reassess_decision": ("reassess", "refuse"),
    "reassessment_outcome": ("amend", "replace", "no-change"),
    "cease_decision": ("cease", "maintain"),
    "cease_appeal_decided": ("cease", "maintain"),
}
#: SEN2's reasons an EHC plan ceased (DfE SEN2 return, "reason EHC plan ceased"): the
#: ``reason`` of a decision to cease. Reason 5 (transferred to another LA) is written by a
#: transfer out, never by a decision to cease.
CEASE_REASONS: Final[dict[int, str]] = {
    1: "Reached maximum age",
    2: "Needs met without a plan",
    3: "Moved on to higher education",
    4: "Moved on to paid employment",
    5: "Transferred to another LA",
    6: "No longer engaging in education or training",
    7: "Moved outside England",
    8: "Deceased",
    9: "Other",
}
TRANSFERRED_REASON: Final = 5
EXCEPTION_GROUNDS: Final[tuple[str, ...]] = (
    "setting-closure",
    "early-years-closure",
    "personal-circumstances",
    "absent-from-area",
    "missed-appointment",
)
PHASE_TRANSFER_KINDS: Final[tuple[str, ...]] = ("school", "post16")
DEFAULT_EXCEPTION_RULES: Final[tuple[str, ...]] = (
    "assess-decision",
    "no-issue-notice",
    "final-plan",
)
#: The rules an exception recorded during a re-assessment makes inapplicable by default.
REASSESSMENT_EXCEPTION_RULES: Final[tuple[str, ...]] = ("reassessment-plan",)


@dataclass(frozen=True, slots=True)
class Event:
    """One dated statutory step of a child's case.

    Only the field named for the type is set: ``outcome`` (decisions), ``discipline``
    (advice), ``ground`` and ``applies_to`` (exception), ``kind`` (phase transfer),
    ``last_review`` (transferred in), ``move_date`` (the day of a move to another local
    authority, on ``move_out_known``), ``reason`` (SEN2's cease reason, on a decision to
    cease).
    """

    type: str
    on: date
    outcome: str | None = None
    discipline: str | None = None
    ground: str | None = None
    applies_to: tuple[str, ...] | None = None
    kind: str | None = None
    last_review: date | None = None
    move_date: date | None = None
    reason: int | None = None


@dataclass(frozen=True, slots=True)
class Child:
    date_of_birth: date | None = None


@dataclass(frozen=True, slots=True)
class LocalPolicy:
    """Local standards a local area may switch off or change.

    ``review_logged_working_days`` is the ``review-logged`` standard (None or 0 switches it
    off). ``under_five_review_months`` is the ``under-five-review`` guidance (review a plan
    of a child under five every so many months, 3 to 6; None, the default, switches it off).
    """

    review_logged_working_days: int | None = 5
    under_five_review_months: int | None = None


DEFAULT_POLICY: Final = LocalPolicy()


class Deadline(NamedTuple):
    """One row of the clock's answer: a rule, when it is due, when it was done, its status."""

    rule: str
    due: date
    done: date | None
    status: str
    citation: str
    discipline: str | None = None

    def as_json(self) -> dict[str, str | None]:
        row: dict[str, str | None] = {
            "rule": self.rule,
            "due": self.due.isoformat(),
            "done": self.done.isoformat() if self.done else None,
            "status": self.status,
            "citation": self.citation,
        }
        if self.rule == "advice":
            row["discipline"] = self.discipline
        return row


#: Where the law allows each exception ground (reg 5(4), 10(4), 13(3); reg 8(2)).
LAWFUL_GROUNDS: Final[dict[str, tuple[str, ...]]] = {
    "assess-decision": EXCEPTION_GROUNDS[:4],
    "no-issue-notice": EXCEPTION_GROUNDS[:4],
    "final-plan": EXCEPTION_GROUNDS[:4],
    "advice": ("personal-circumstances", "absent-from-area", "missed-appointment"),
    "reassessment-plan": EXCEPTION_GROUNDS[:4],
}


def exception_rules(event: Event, *, reassessing: bool = False) -> tuple[str, ...]:
    """The rules an exception event makes inapplicable.

    Given ``applies_to``, exactly those; otherwise the default rules for which the ground
    is lawful (``assess-decision``, ``no-issue-notice``, ``final-plan``; during a
    re-assessment, ``reassessment-plan``), or ``advice`` for a ground that is lawful only
    there (a missed appointment).
    """
    if event.applies_to is not None:
        return event.applies_to
    ground = event.ground or ""
    defaults = REASSESSMENT_EXCEPTION_RULES if reassessing else DEFAULT_EXCEPTION_RULES
    found = tuple(rule for rule in defaults if ground in LAWFUL_GROUNDS[rule])
    return found or ("advice",)

"""Worked examples of the rules, printed under each rule in ``docs/clock.md`` and replayed
by the tests (``tests/clock/test_worked_examples.py``), so an example in the reference is
always what the clock answers.

Each example is one case as the ``senda deadlines`` contract reads it, a day to replay it
on, and the row of its rule the clock gives then. A disagreement rule's example
(``RECORD_EXAMPLES``) is one record's facts instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from senda.clock.disagreements import (
    AppealFacts,
    MediationFacts,
    OrderFacts,
    appeal_deadlines,
    complaint_deadlines,
    mediation_deadlines,
    order_deadlines,
)
from senda.clock.model import Deadline


@dataclass(frozen=True, slots=True)
class Example:
    rule: str
    story: str
    events: tuple[dict[str, Any], ...]
    as_of: str
    due: str
    status: str
    done: str | None = None
    date_of_birth: str | None = None
    #: Options as ``senda deadlines`` takes them (``--under-five-review-months``).
    options: tuple[str, ...] = field(default_factory=tuple)

    @property
    def case(self) -> dict[str, Any]:
        found: dict[str, Any] = {"events": [dict(event) for event in self.events]}
        if self.date_of_birth:
            found["child"] = {"date_of_birth": self.date_of_birth}
        return found


PLAN: Final = {"type": "final_plan_issued", "date": "2025-06-02"}

EXAMPLES: Final[tuple[Example, ...]] = (
    Example(
        "reassess-decision",
        "A parent asks for a re-assessment on Mon 5 Jan 2026; on Wed 21 Jan no decision has "
        "been sent: it was due on Tue 20 Jan.",
        (PLAN, {"type": "reassessment_requested", "date": "2026-01-05"}),
        "2026-01-21",
        "2026-01-20",
        "overdue",
    ),
    Example(
        "reassessment-plan",
        "The LA tells the family on Thu 15 Jan 2026 that it will re-assess and issues the "
        "replacement plan on Thu 23 Apr, the last day of the 14 weeks.",
        (
            PLAN,
            {"type": "reassessment_requested", "date": "2026-01-05"},
            {"type": "reassess_decision", "date": "2026-01-15", "outcome": "reassess"},
            {"type": "reassessment_outcome", "date": "2026-04-23", "outcome": "replace"},
        ),
        "2026-05-01",
        "2026-04-23",
        "met",
        done="2026-04-23",
    ),
    Example(
        "reassessment-plan",
        "The same re-assessment, but the school was closed for the summer while its advice "
        "was awaited: an exception (reg 27(3)(a)) lifts the 14 weeks.",
        (
            PLAN,
            {"type": "reassessment_requested", "date": "2026-06-01"},
            {"type": "reassess_decision", "date": "2026-06-10", "outcome": "reassess"},
            {"type": "exception", "date": "2026-07-20", "ground": "setting-closure"},
        ),
        "2026-10-01",
        "2026-09-16",
        "excepted",
    ),
    Example(
        "amendment-comment-period",
        "An amendment notice is served on Mon 2 Mar 2026; the amended plan is issued on Mon "
        "16 Mar, the last day of the family's 15 days: too early.",
        (
            PLAN,
            {"type": "amendment_notice_issued", "date": "2026-03-02"},
            {"type": "amended_plan_issued", "date": "2026-03-16"},
        ),
        "2026-04-01",
        "2026-03-16",
        "breached",
        done="2026-03-16",
    ),
    Example(
        "transfer-out",
        "The LA learns on Wed 25 Mar 2026 that the family moves to another area on Wed 1 "
        "Apr: less than 15 working days' notice, so the plan is due to transfer within 15 "
        "working days beginning 25 Mar — Good Friday and Easter Monday do not count.",
        (PLAN, {"type": "move_out_known", "date": "2026-03-25", "move_date": "2026-04-01"}),
        "2026-04-10",
        "2026-04-16",
        "pending",
    ),
    Example(
        "transfer-out",
        "Learnt on Mon 2 Mar 2026 of a move on Wed 1 Apr: enough notice, so the plan "
        "transfers on the day of the move; it went on Thu 2 Apr, a day late.",
        (
            PLAN,
            {"type": "move_out_known", "date": "2026-03-02", "move_date": "2026-04-01"},
            {"type": "transferred_out", "date": "2026-04-02"},
        ),
        "2026-05-01",
        "2026-04-01",
        "late",
        done="2026-04-02",
    ),
    Example(
        "transfer-in-notice",
        "A plan transfers in on Mon 5 Jan 2026; the new LA writes to the family on Mon 16 "
        "Feb, the last day of the 6 weeks.",
        (
            {"type": "transferred_in", "date": "2026-01-05"},
            {"type": "transfer_in_notified", "date": "2026-02-16"},
        ),
        "2026-03-01",
        "2026-02-16",
        "met",
        done="2026-02-16",
    ),
    Example(
        "under-five-review",
        "A local area that follows the guidance every 6 months: a plan issued on Mon 5 Jan "
        "2026 for a child born on 1 Sep 2022 is due its first review on Sun 5 Jul 2026.",
        ({"type": "final_plan_issued", "date": "2026-01-05"},),
        "2026-07-06",
        "2026-07-05",
        "overdue",
        date_of_birth="2022-09-01",
        options=("--under-five-review-months", "6"),
    ),
)


@dataclass(frozen=True, slots=True)
class RecordExample:
    """A worked example of a disagreement rule: one record's facts (a mediation, an appeal,
    an order, or a complaint's keyword arguments), a day, and the row the clock gives then
    (``senda.clock.disagreements``)."""

    rule: str
    story: str
    facts: Any
    as_of: str
    due: str
    status: str
    done: str | None = None

    def rows(self) -> list[Deadline]:
        today = date.fromisoformat(self.as_of)
        facts = self.facts
        if isinstance(facts, MediationFacts):
            return mediation_deadlines(facts, today)
        if isinstance(facts, AppealFacts):
            return appeal_deadlines(facts, today)
        if isinstance(facts, OrderFacts):
            return order_deadlines(facts, today)
        return complaint_deadlines(**facts, today=today)

    def row(self) -> Deadline:
        found = [row for row in self.rows() if row.rule == self.rule]
        if len(found) != 1:
            raise ValueError(f"{self.rule}: {len(found)} rows")
        return found[0]


_D = date.fromisoformat

RECORD_EXAMPLES: Final[tuple[RecordExample, ...]] = (
    RecordExample(
        "mediation-adviser-contact",
        "A decision notice is sent on Mon 2 Mar 2026; the family contacts the mediation "
        "adviser on Fri 1 May, the day before the 2 months end.",
        MediationFacts(_D("2026-03-02"), adviser_contacted_on=_D("2026-05-01")),
        "2026-05-04",
        "2026-05-02",
        "met",
        done="2026-05-01",
    ),
    RecordExample(
        "certificate-declined",
        "The family tells the adviser on Thu 2 Apr 2026 that it does not want mediation; "
        "Good Friday and Easter Monday are not working days, so the certificate is due on "
        "Thu 9 Apr.",
        MediationFacts(_D("2026-03-02"), adviser_contacted_on=_D("2026-04-02"), choice="decline"),
        "2026-04-08",
        "2026-04-09",
        "pending",
    ),
    RecordExample(
        "mediation-notice",
        "A mediation on Fri 10 Apr 2026: the family must be told by Wed 1 Apr, 5 working days "
        "before it (Easter does not count); told on Thu 2 Apr, a day late.",
        MediationFacts(
            _D("2026-03-02"),
            choice="mediate",
            la_told_on=_D("2026-03-12"),
            meeting_on=_D("2026-04-10"),
            notice_on=_D("2026-04-02"),
        ),
        "2026-04-20",
        "2026-04-01",
        "late",
        done="2026-04-02",
    ),
    RecordExample(
        "appeal-deadline",
        "A decision notice sent on Fri 30 Oct 2026: 2 months end on Wed 30 Dec, between 25 "
        "December and 1 January, so the appeal is in time on the first working day after 1 "
        "January, Mon 4 Jan 2027.",
        AppealFacts(_D("2026-10-30")),
        "2026-12-31",
        "2027-01-04",
        "pending",
    ),
    RecordExample(
        "appeal-deadline",
        "A decision notice sent on Mon 15 Jun 2026: 2 months end on Sat 15 Aug, in August, so "
        "the appeal is in time on the first working day after 31 August (a bank holiday in "
        "2026), Tue 1 Sep.",
        AppealFacts(_D("2026-06-15"), lodged_on=_D("2026-09-01")),
        "2026-09-02",
        "2026-09-01",
        "met",
        done="2026-09-01",
    ),
    RecordExample(
        "appeal-deadline",
        "A decision notice sent on Mon 5 Jan 2026 and a mediation certificate issued on Fri 20 "
        "Feb: 1 month after the certificate (Fri 20 Mar) is later than 2 months after the "
        "notice (Thu 5 Mar), so it wins.",
        AppealFacts(_D("2026-01-05"), certificate_on=_D("2026-02-20")),
        "2026-03-10",
        "2026-03-20",
        "pending",
    ),
    RecordExample(
        "la-response",
        "An appeal registered on Wed 1 Jul 2026 with no date set by the tribunal: 30 working "
        "days, none in August, end on Thu 10 Sep.",
        AppealFacts(_D("2026-03-02"), lodged_on=_D("2026-04-20"), registered_on=_D("2026-07-01")),
        "2026-09-14",
        "2026-09-10",
        "overdue",
    ),
    RecordExample(
        "order-make-plan-final",
        "The council concedes an appeal against a refusal to issue a plan, telling the "
        "tribunal on Mon 2 Mar 2026 (reg 45): the final plan is due within 11 weeks.",
        OrderFacts("make_plan", _D("2026-03-02"), by_concession=True, draft_on=_D("2026-04-06")),
        "2026-05-01",
        "2026-05-18",
        "pending",
    ),
    RecordExample(
        "complaint-stage1",
        "A complaint received on Mon 2 Mar 2026; the council extends once, explaining why, to "
        "Fri 27 Mar (within 10 more working days) and answers that day.",
        {
            "received_on": _D("2026-03-02"),
            "extended_to": _D("2026-03-27"),
            "stage1_responded_on": _D("2026-03-27"),
        },
        "2026-04-01",
        "2026-03-27",
        "met",
        done="2026-03-27",
    ),
)

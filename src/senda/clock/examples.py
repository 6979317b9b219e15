"""Worked examples of the rules, printed under each rule in ``docs/clock.md`` and replayed
by the tests (``tests/clock/test_worked_examples.py``), so an example in the reference is
always what the clock answers.

Each example is one case as the ``senda deadlines`` contract reads it, a day to replay it
on, and the row of its rule the clock gives then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final


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

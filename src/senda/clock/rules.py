"""The rule catalogue: one small unit per statutory limit, named by its stable rule id.

Each function's docstring is the rule and its citation; ``docs/clock.md`` is generated
from this module (``python -m senda.clock.docs``), so the reference cannot drift.
Sources: Children and Families Act 2014 Part 3 ("CFA"); the Special Educational Needs and
Disability Regulations 2014, SI 2014/1530, as amended ("reg"). Re-check
legislation.gov.uk before changing a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from senda.clock.counting import add_months, add_weeks, weeks_before, window_close

#: What kind of time limit a rule is: done within its span of a start ("within"), done at
#: the latest a span before an event ("at-latest"), a period that must pass first
#: ("minimum"), a fixed calendar date ("by-date"), a local standard, not law ("local"), or
#: statutory guidance a local area chooses to follow, not law ("guidance").
LimitKind = Literal["within", "at-latest", "minimum", "by-date", "local", "guidance"]

#: Exception grounds (event field ``ground``) and where the law allows each.
GROUNDS_EHC: Final = (
    "setting-closure",
    "early-years-closure",
    "personal-circumstances",
    "absent-from-area",
)
GROUNDS_ADVICE: Final = ("personal-circumstances", "absent-from-area", "missed-appointment")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    citation: str
    limit_kind: LimitKind
    span: str
    exception_citation: str | None
    grounds: tuple[str, ...]
    due: Callable[..., date]
    #: How sure the citation is, where it is not read from the regulation's own text.
    note: str = ""
    #: One sentence for families, in plain English (reading age about 9): what happens,
    #: who does it and by when. Shown beside the citation on families' pages.
    plain: str = ""

    @property
    def statement(self) -> str:
        return " ".join((self.due.__doc__ or "").split())


RULES: dict[str, Rule] = {}


def _rule(
    rule_id: str,
    *,
    title: str,
    citation: str,
    span: str,
    limit_kind: LimitKind = "within",
    exception_citation: str | None = None,
    grounds: tuple[str, ...] = (),
    note: str = "",
    plain: str = "",
) -> Callable[[Callable[..., date]], Callable[..., date]]:
    def register(due: Callable[..., date]) -> Callable[..., date]:
        RULES[rule_id] = Rule(
            rule_id,
            title,
            citation,
            limit_kind,
            span,
            exception_citation,
            grounds,
            due,
            note,
            plain,
        )
        return due

    return register


@_rule(
    "assess-decision",
    title="Decision whether to assess",
    citation="reg 5(1)",
    span="request received → decision notified",
    exception_citation="reg 5(4)",
    grounds=GROUNDS_EHC,
)
def assess_decision(request_received: date) -> date:
    """The local authority decides whether to carry out an EHC needs assessment, and tells
    the family, within 6 weeks of receiving the request."""
    return add_weeks(request_received, 6)


@_rule(
    "advice",
    title="Advice returned",
    citation="reg 8(1)",
    span="advice requested → advice received (per discipline)",
    exception_citation="reg 8(2)",
    grounds=GROUNDS_ADVICE,
)
def advice(requested: date) -> date:
    """Each body asked for advice for an EHC needs assessment (education, health, social
    care…) provides it within 6 weeks of the request; a waiting list is no exception."""
    return add_weeks(requested, 6)


@_rule(
    "no-issue-notice",
    title="Notice of a decision not to issue a plan",
    citation="reg 10(1)",
    span="request received → notice",
    exception_citation="reg 10(4)",
    grounds=GROUNDS_EHC,
)
def no_issue_notice(request_received: date) -> date:
    """After an assessment, a decision not to issue an EHC plan is notified to the family
    within 16 weeks of the request."""
    return add_weeks(request_received, 16)


@_rule(
    "draft-comment-period",
    title="Family's time to comment on the draft plan",
    citation="reg 13(1)",
    span="draft served → earliest final issue",
    limit_kind="minimum",
)
def draft_comment_period(draft_served: date) -> date:
    """The family has at least 15 days, beginning with the day the draft plan is served, to
    comment and ask for a school; the final plan must not be issued before that window
    closes. Due is the window's last day: a final plan issued after it meets the rule, one
    issued on or before it breaches it."""
    return window_close(draft_served, 15)


@_rule(
    "final-plan",
    title="Final EHC plan issued",
    citation="reg 13(2)",
    span="request received → final plan issued",
    exception_citation="reg 13(3) (= reg 10(4)(a)–(d))",
    grounds=GROUNDS_EHC,
)
def final_plan(request_received: date) -> date:
    """The final EHC plan is issued within 20 weeks of the request for an assessment."""
    return add_weeks(request_received, 20)


@_rule(
    "annual-review",
    title="Annual review meeting",
    citation="CFA 2014 s44(1); reg 18–20",
    span="plan issued / last review meeting → next review meeting",
)
def annual_review(plan_issued_or_last_review: date) -> date:
    """The plan is reviewed at least every 12 months: first within 12 months of the date it
    was issued, then within 12 months of the previous review meeting."""
    return add_months(plan_issued_or_last_review, 12)


@_rule(
    "review-notice",
    title="Notice of the review meeting",
    citation="reg 20(3), 21(3)",
    span="invitations sent ≤ meeting − 14 days",
    limit_kind="at-latest",
)
def review_notice(meeting: date) -> date:
    """Everyone invited to a review meeting gets at least 2 weeks' notice of it: invitations
    go out at the latest 14 days before the meeting."""
    return weeks_before(meeting, 2)


@_rule(
    "review-advice-circulated",
    title="Review advice circulated",
    citation="reg 20(4), 21(4)",
    span="advice circulated ≤ meeting − 14 days",
    limit_kind="at-latest",
)
def review_advice_circulated(meeting: date) -> date:
    """Advice and information for a review meeting is circulated to invitees at least 2
    weeks before the meeting."""
    return weeks_before(meeting, 2)


@_rule(
    "review-report",
    title="Review report to the local authority",
    citation="reg 20(7), 21(7)",
    span="meeting → report received",
)
def review_report(meeting: date) -> date:
    """The review report reaches the local authority within 2 weeks of the review meeting."""
    return add_weeks(meeting, 2)


@_rule(
    "review-decision",
    title="Review decision notified",
    citation="reg 20(10), 21(8)",
    span="meeting → decision notified",
)
def review_decision(meeting: date) -> date:
    """The local authority decides to maintain, amend or cease the plan and notifies the
    family within 4 weeks of the review meeting."""
    return add_weeks(meeting, 4)


@_rule(
    "amended-plan",
    title="Amended plan issued",
    citation="reg 22(3)–(4)",
    span="amendment notice → amended plan issued",
)
def amended_plan(amendment_notice: date) -> date:
    """After a notice of proposed amendments, the final amended plan is issued within 8
    weeks of the notice."""
    return add_weeks(amendment_notice, 8)


@_rule(
    "review-to-final",
    title="Amended plan final after review",
    citation="reg 20 + reg 22; High Court (Devon, 2022)",
    span="meeting → amended plan issued",
)
def review_to_final(meeting: date) -> date:
    """Taken together (4 weeks to decide and notify, then 8 weeks to amend), a plan that a
    review decides to amend is final within 12 weeks of the review meeting."""
    return add_weeks(meeting, 12)


@_rule(
    "phase-transfer",
    title="Plan amended for a phase transfer",
    citation="reg 18(1)",
    span="transfer year → amended plan naming the new setting",
    limit_kind="by-date",
)
def phase_transfer(move: date, kind: str) -> date:
    """Before a child moves between phases of education the plan is reviewed and amended to
    name the new setting by 15 February of the calendar year of the transfer; by 31 March
    for a young person moving from secondary school to post-16 education."""
    return date(move.year, 3, 31) if kind == "post16" else date(move.year, 2, 15)


@_rule(
    "transfer-in-review",
    title="First review after a transfer in",
    citation="reg 15",
    span="transfer → review meeting",
)
def transfer_in_review(transferred: date, last_review: date | None) -> date:
    """When an EHC plan transfers in from another local authority, the next review is due by
    the later of 12 months from the last review and 3 months from the transfer (3 months
    when the last review date is not known)."""
    after_transfer = add_months(transferred, 3)
    if last_review is None:
        return after_transfer
    return max(add_months(last_review, 12), after_transfer)


@_rule(
    "transfer-in-notice",
    title="Family told the plan has transferred in",
    citation="reg 15(4)",
    span="transfer → family told",
)
def transfer_in_notice(transferred: date) -> date:
    """When an EHC plan transfers in from another local authority, the new authority tells
    the family within 6 weeks of the transfer that the plan has transferred, whether it
    will make an EHC needs assessment, and when it will review the plan."""
    return add_weeks(transferred, 6)


@_rule(
    "transfer-out",
    title="Plan transferred to the new local authority",
    citation="reg 15(2)",
    span="move known → plan transferred",
)
def transfer_out(learned: date, move: date, add_working_days: Callable[[date, int], date]) -> date:
    """When a child with an EHC plan moves to another local authority, the old authority
    transfers the plan to the new one on the day of the move; when it learnt of the move
    less than 15 working days before it, within 15 working days beginning with the day it
    learnt of it. Due is the later of the move and the 15th working day counted from (and,
    when it is a working day, including) the day the authority learnt of it."""
    return max(move, working_day_window(learned, 15, add_working_days))


@_rule(
    "amendment-comment-period",
    title="Family's time to comment on proposed amendments",
    citation="reg 22(2)(c)",
    span="amendment notice served → earliest amended plan",
    limit_kind="minimum",
)
def amendment_comment_period(notice_served: date) -> date:
    """After a notice of proposed amendments the family has at least 15 days, beginning
    with the day it was served, to comment, ask for a school and ask for a meeting; the
    amended plan must not be issued before that window closes. Due is the window's last
    day: an amended plan issued after it meets the rule, one issued on or before it
    breaches it."""
    return window_close(notice_served, 15)


@_rule(
    "reassess-decision",
    title="Decision whether to re-assess",
    citation="reg 25(1)",
    span="request to re-assess received → decision notified",
    note=(
        "The paragraph is confirmed from reg 27(2), which counts from 'the notification "
        "under regulation 25(1)'; the 15 days is read from councils' published guidance, not "
        "from the regulation's own text. Reg 24 sets when a request may be refused."
    ),
)
def reassess_decision(request_received: date) -> date:
    """When the family or the setting asks for a re-assessment of an EHC plan, the local
    authority decides whether to re-assess, and tells them, within 15 days of receiving the
    request."""
    return request_received + timedelta(days=15)


@_rule(
    "reassessment-plan",
    title="Plan final after a re-assessment",
    citation="reg 27(2)",
    span="decision to re-assess notified → amended or replacement plan, or no-change notice",
    exception_citation="reg 27(3) (as reg 10(4)(a)–(d))",
    grounds=GROUNDS_EHC,
    note=(
        "Reg 27(2) and 27(3)(a)–(c) are confirmed from the regulation's text; 27(3)(d) "
        "(absence from the area) is taken to match reg 10(4)(d). The same 14 weeks for a "
        "notice that the plan stays as it is after a re-assessment is not confirmed from "
        "the text."
    ),
)
def reassessment_plan(reassess_notified: date) -> date:
    """After deciding to re-assess, the local authority issues the final amended or
    replacement plan within 14 weeks of telling the family it will re-assess; a decision
    not to amend the plan after the re-assessment is notified within the same 14 weeks."""
    return add_weeks(reassess_notified, 14)


@_rule(
    "under-five-review",
    title="Review of a plan for a child under five (guidance)",
    citation="SEND Code of Practice 2015, 9.178 (guidance, not statutory)",
    span="plan issued / last review meeting → next review meeting, while under five",
    limit_kind="guidance",
    note="Paragraph 9.178 is confirmed from three councils' and advisers' pages that quote it.",
)
def under_five_review(plan_issued_or_last_review: date, months: int) -> date:
    """Guidance, not law: local authorities should consider reviewing the plan of a child
    under five at least every 3 to 6 months. A local area that follows it chooses the
    number of months; it is off unless chosen. Each review of a child still under five is
    due that many months after the plan was issued or after the previous review meeting."""
    return add_months(plan_issued_or_last_review, months)


@_rule(
    "review-logged",
    title="Review logged (local standard)",
    citation="local standard (not statutory): logged within 5 working days of the meeting",
    span="meeting → review logged",
    limit_kind="local",
)
def review_logged(meeting: date, working_days: int, add_working_days: Callable[..., date]) -> date:
    """Local standard, not law: the local authority logs the review within a set number of
    working days of the meeting (default 5, one city's target). A local area may change the
    number or switch the standard off."""
    return add_working_days(meeting, working_days)


def working_day_window(
    start: date, days: int, add_working_days: Callable[[date, int], date]
) -> date:
    """The last of ``days`` working days beginning with ``start``: the first is ``start``
    itself when it is a working day, otherwise the next working day."""
    day_before = start - timedelta(days=1)
    first = add_working_days(day_before, 1)
    return add_working_days(first, days - 1)


def citation(rule_id: str, working_days: int = 5, months: int = 6) -> str:
    """The citation printed with every row, e.g. ``SEND Regulations 2014 reg 5(1)``; a local
    standard or guidance says it is not law and names its number (``working_days`` for
    ``review-logged``, ``months`` for ``under-five-review``)."""
    rule = RULES[rule_id]
    if rule.limit_kind == "local":
        return f"local standard (not statutory): logged within {working_days} working days"
    if rule.limit_kind == "guidance":
        return (
            f"guidance (not statutory): SEND Code of Practice 9.178, reviewed every {months} "
            "months while under five"
        )
    if rule.citation.startswith("CFA"):
        return f"{rule.citation.replace('; reg', '; SEND Regulations 2014 reg')}"
    return f"SEND Regulations 2014 {rule.citation}"


RULE_IDS: Final[tuple[str, ...]] = tuple(RULES)
#: The rules an exception may make inapplicable (those the law gives exception grounds).
EXCEPTABLE_RULES: Final[tuple[str, ...]] = tuple(
    rule.id for rule in RULES.values() if rule.exception_citation is not None
)
#: Local standards and guidance, not law (a local area may change or switch them off).
LOCAL_RULES: Final = frozenset(
    rule.id for rule in RULES.values() if rule.limit_kind in ("local", "guidance")
)
#: The review itself falls due: a review meeting answers these.
#: (``under-five-review`` is met by a review meeting too, but is guidance a local area
#: chooses, so the statutory counts of overdue reviews leave it out.)
REVIEW_DUE_RULES: Final = frozenset({"annual-review", "transfer-in-review"})
#: The limits of a re-assessment of a plan (reg 24, 27).
REASSESSMENT_RULES: Final = frozenset({"reassess-decision", "reassessment-plan"})
#: The limits of a plan moving between local authorities (reg 15).
TRANSFER_RULES: Final = frozenset({"transfer-out", "transfer-in-notice", "transfer-in-review"})
#: Every rule of the annual-review cycle: the review falling due and each step around its
#: meeting.
REVIEW_CYCLE_RULES: Final = REVIEW_DUE_RULES | {
    "review-notice",
    "review-advice-circulated",
    "review-report",
    "review-decision",
    "review-to-final",
    "review-logged",
}

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
from senda.clock.rights import rights_transfer_date

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
    plain="The council must tell you within 6 weeks if it will assess your child's needs.",
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
    plain="Each person the council asks for advice about your child must send it within 6 weeks.",
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
    plain=(
        "If the council decides not to make a plan, it must tell you within 16 weeks of "
        "your request."
    ),
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
    plain=(
        "You have at least 15 days to comment on the draft plan before the council can make "
        "it final."
    ),
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
    plain="The council must send you your child's final plan within 20 weeks of your request.",
)
def final_plan(request_received: date) -> date:
    """The final EHC plan is issued within 20 weeks of the request for an assessment."""
    return add_weeks(request_received, 20)


@_rule(
    "annual-review",
    title="Annual review meeting",
    citation="CFA 2014 s44(1); reg 18–20",
    span="plan issued / last review meeting → next review meeting",
    plain="The council must check your child's plan at a meeting at least once every 12 months.",
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
    plain="You must be asked to the review meeting at least 2 weeks before it happens.",
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
    plain="You must get the reports for the review meeting at least 2 weeks before it.",
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
    plain="The school must send the council a report within 2 weeks of the review meeting.",
)
def review_report(meeting: date) -> date:
    """The review report reaches the local authority within 2 weeks of the review meeting."""
    return add_weeks(meeting, 2)


@_rule(
    "review-decision",
    title="Review decision notified",
    citation="reg 20(10), 21(8)",
    span="meeting → decision notified",
    plain=(
        "The council must tell you within 4 weeks of the review meeting if it will keep, "
        "change or end the plan."
    ),
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
    plain=(
        "After it tells you what it wants to change, the council must send you the new plan "
        "within 8 weeks."
    ),
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
    plain=(
        "If the review says the plan should change, the council must send you the new plan "
        "within 12 weeks of the meeting."
    ),
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
    plain=(
        "The council must name your child's next school in the plan by 15 February, or by "
        "31 March for college."
    ),
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
    plain=(
        "After you move, the new council must check the plan within 3 months, or later if "
        "the last check was recent."
    ),
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
    plain=(
        "After you move, the new council must write to you within 6 weeks to say what happens next."
    ),
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
    plain=(
        "If you move away, the old council must send the plan to the new one on the day you "
        "move, or soon after."
    ),
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
    plain=(
        "You have at least 15 days to comment on changes to the plan before the council can "
        "make them final."
    ),
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
    plain=(
        "If you ask for a new assessment, the council must tell you within 15 days if it "
        "will do one."
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
    plain="Once a new assessment starts, the council must send you the new plan within 14 weeks.",
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
    plain=(
        "For a child under 5, the council aims to check the plan every few months, as its "
        "own choice, not the law."
    ),
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
    plain=(
        "The council aims to write up the review within 5 working days, but this is its own "
        "target, not the law."
    ),
)
def review_logged(meeting: date, working_days: int, add_working_days: Callable[..., date]) -> date:
    """Local standard, not law: the local authority logs the review within a set number of
    working days of the meeting (default 5, one city's target). A local area may change the
    number or switch the standard off."""
    return add_working_days(meeting, working_days)


# --- disagreements: mediation, appeals, orders, complaints, rights (ADR 0018) --------------
# These rules are computed from their own records by ``senda.clock.disagreements``, never
# by ``evaluate(events)``. Their citations are printed in full (``citation``), because they
# come from several instruments.

#: How sure a mediation regulation's number and limit are (families-and-disagreements.md).
_SECONDARY = (
    "Confirmed only through a secondary source (IPSEA, council and SENDIASS pages); the "
    "regulation number is not confirmed: re-check legislation.gov.uk."
)
#: The reasons reg 44 allows for taking longer over an order (not recorded as exceptions).
_ORDERS_EXCEPTIONS = (
    " The council need not meet the limit where that is impractical because of exceptional "
    "personal circumstances, the family's absence from the area for 2 weeks or more, or the "
    "reg 13(3) circumstances (confirmed only through a secondary source, IPSEA and a "
    "SENDIASS page); Senda does not record these as exceptions."
)
_ORDERS_SECONDARY = (
    "The limit is confirmed only through a secondary source (GOV.UK SEND18 guidance, a "
    "SENDIASS page); the paragraph of reg 44 is not confirmed. Reg 45 (a concession before "
    "the response, as amended by SI 2015/359) applies the same limit from the council's "
    "notice to the tribunal."
) + _ORDERS_EXCEPTIONS
_ORDERS_SEEN = (
    "The limit is read from reg 44's text; reg 45 (a concession before the response, as "
    "amended by SI 2015/359) applies the same limit from the council's notice to the "
    "tribunal."
) + _ORDERS_EXCEPTIONS
_COMPLAINTS = (
    "Confirmed only through a secondary source (council pages, LLG) describing the LGSCO "
    "Complaint Handling Code (2024; applied by the Ombudsman from 1 April 2026). Guidance, "
    "not law: each council sets its own number of working days."
)


@_rule(
    "mediation-adviser-contact",
    title="Family contacts the mediation adviser (the family's own limit)",
    citation="SEND Regulations 2014 reg 33",
    span="decision notice sent → family contacts the mediation adviser",
    plain=(
        "If you want to appeal, you must talk to the mediation service within 2 months of "
        "the letter."
    ),
)
def mediation_adviser_contact(decision_sent: date) -> date:
    """A parent or young person who wants to appeal contacts the mediation adviser, and says
    whether they want mediation, within 2 months of the day the decision notice was sent.
    This is the family's limit, not the council's: its status is information for them, and
    never counts against the council."""
    return add_months(decision_sent, 2)


@_rule(
    "certificate-declined",
    title="Certificate when the family declines mediation",
    citation="SEND Regulations 2014 reg 34",
    span="family tells the adviser it does not want mediation → certificate issued",
    note=_SECONDARY,
    plain=(
        "If you do not want mediation, you must get a letter that lets you appeal within 3 "
        "working days."
    ),
)
def certificate_declined(declined: date, add_working_days: Callable[[date, int], date]) -> date:
    """When the family tells the mediation adviser it does not want mediation, the adviser
    issues a certificate (which lets the family appeal) within 3 working days."""
    return add_working_days(declined, 3)


@_rule(
    "health-issues-notified",
    title="Health issues passed to the health commissioners",
    citation="SEND Regulations 2014 reg 35",
    span="family tells the council it wants mediation → each health commissioner told",
    note=_SECONDARY,
    plain=(
        "If you want mediation about health care, the council must tell the health service "
        "in 3 working days."
    ),
)
def health_issues_notified(told: date, add_working_days: Callable[[date, int], date]) -> date:
    """When the family wants mediation that includes health provision, the local authority
    tells each commissioning body (integrated care board) the issues and the health
    provision sought within 3 working days of being told."""
    return add_working_days(told, 3)


@_rule(
    "mediation-health-only",
    title="Mediation on health provision only",
    citation="SEND Regulations 2014 reg 36",
    span="health commissioner told → mediation held",
    note=_SECONDARY + " One source counts the 30 days as working days.",
    plain=(
        "If the talks are only about health care, the health service must hold them within 30 days."
    ),
)
def mediation_health_only(icb_told: date) -> date:
    """When only health provision is in dispute, the commissioning body (integrated care
    board) arranges the mediation, which takes place within 30 days of it being told."""
    return icb_told + timedelta(days=30)


@_rule(
    "mediation-arranged",
    title="Mediation held",
    citation="SEND Regulations 2014 reg 37",
    span="family tells the council it wants mediation → mediation held",
    note=_SECONDARY,
    plain="If you ask for mediation, the council must hold it within 30 days.",
)
def mediation_arranged(told: date) -> date:
    """When the family tells the local authority it wants mediation (about education or
    social care, or those and health), the local authority arranges it, and the mediation
    takes place within 30 days of being told."""
    return told + timedelta(days=30)


@_rule(
    "certificate-deemed",
    title="Certificate when mediation cannot be held in time",
    citation="SEND Regulations 2014 reg 37",
    span="council tells the adviser it cannot arrange mediation in time → certificate issued",
    note=_SECONDARY,
    plain=(
        "If the talks cannot happen in time, you must get a letter that lets you appeal "
        "within 3 working days."
    ),
)
def certificate_deemed(told_adviser: date, add_working_days: Callable[[date, int], date]) -> date:
    """When the local authority cannot arrange the mediation within 30 days and tells the
    mediation adviser, the adviser issues a certificate within 3 working days."""
    return add_working_days(told_adviser, 3)


@_rule(
    "mediation-notice",
    title="Family told the date and place of the mediation",
    citation="SEND Regulations 2014 reg 38",
    span="family told ≤ meeting − 5 working days",
    limit_kind="at-latest",
    note=_SECONDARY,
    plain=(
        "You must be told the date and place of the mediation at least 5 working days before it."
    ),
)
def mediation_notice(meeting: date, working_days_before: Callable[[date, int], date]) -> date:
    """The family is told the date and place of the mediation at least 5 working days
    before it (less only if the family agrees). Due is the 5th working day before the
    meeting."""
    return working_days_before(meeting, 5)


@_rule(
    "certificate-after-mediation",
    title="Certificate after mediation",
    citation="SEND Regulations 2014 reg 39",
    span="mediation ends → certificate issued",
    note=_SECONDARY,
    plain="When the talks end, you must get a letter that lets you appeal within 3 working days.",
)
def certificate_after_mediation(ended: date, add_working_days: Callable[[date, int], date]) -> date:
    """When the mediation ends, the mediator issues a certificate within 3 working days."""
    return add_working_days(ended, 3)


def tribunal_day(day: date, is_working_day: Callable[[date], bool]) -> date:
    """When a time limit for sending an appeal that ends on ``day`` really ends (HESC Rules
    2008 r12(3)(a), r12(2)): a day from 25 December to 1 January moves to the first working
    day after 1 January; a day in August to the first working day after 31 August; any other
    day that is not a working day to the next working day."""
    if day.month == 8:
        day = date(day.year, 8, 31)
    elif day.month == 12 and day.day >= 25:
        day = date(day.year + 1, 1, 1)
    elif not (day.month == 1 and day.day == 1) and is_working_day(day):
        return day
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@_rule(
    "appeal-deadline",
    title="Appeal reaches the tribunal (the family's own limit)",
    citation=("Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c), r12(2)–(3)"),
    span="decision notice sent (or certificate issued) → tribunal receives the appeal",
    plain=(
        "If you want to appeal, the tribunal must get it within 2 months of the council's letter."
    ),
)
def appeal_deadline_due(
    decision_sent: date, certificate: date | None, is_working_day: Callable[[date], bool]
) -> date:
    """The appeal reaches the tribunal by the later of 2 months after the decision notice was
    sent and 1 month after the mediation certificate was issued. A limit ending from 25
    December to 1 January moves to the first working day after 1 January, one ending in
    August to the first working day after 31 August, and one ending on another day that is not
    a working day to the next working day."""
    end = add_months(decision_sent, 2)
    if certificate is not None:
        end = max(end, add_months(certificate, 1))
    return tribunal_day(end, is_working_day)


@_rule(
    "la-response",
    title="Council's response to an appeal",
    citation=(
        "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r21; the tribunal's directions"
    ),
    span="appeal registered → council's response sent (and copied to the family)",
    note=(
        "Confirmed only through a secondary source (IPSEA): the date is set by the tribunal's "
        "directions when it registers the appeal, usually 30 working days; the tribunal's own "
        "date, when recorded, is used instead."
    ),
    plain=(
        "Once your appeal starts, the council must send its answer to you and the tribunal "
        "by the date set."
    ),
)
def la_response(registered: date, add_tribunal_working_days: Callable[[date, int], date]) -> date:
    """The local authority sends its response to the appeal, and a copy to the family the
    same day, by the date the tribunal directs: without one, 30 working days after the
    appeal was registered, not counting 25 December to 1 January or any day in August (HESC
    r12(3)(b))."""
    return add_tribunal_working_days(registered, 30)


@_rule(
    "recommendations-response",
    title="Answer to the tribunal's recommendations on health or social care",
    citation=(
        "First-tier Tribunal (Special Educational Needs and "
        "Disability) Recommendations Power Regulations 2017"
    ),
    span="decision → health commissioner's or council's answer",
    note=(
        "Confirmed only through a secondary source (IPSEA, GOV.UK guidance); the regulation "
        "number is not confirmed: re-check legislation.gov.uk."
    ),
    plain=(
        "If the tribunal suggests changes to health or care help, you must get an answer "
        "within 5 weeks."
    ),
)
def recommendations_response(decided: date) -> date:
    """When the tribunal makes recommendations about health or social care provision, the
    health commissioner or the local authority answers within 5 weeks of the decision,
    giving reasons for any it will not follow."""
    return add_weeks(decided, 5)


@_rule(
    "order-assess",
    title="Order to assess or re-assess: family told",
    citation="SEND Regulations 2014 reg 44(2) (reg 45 after a concession)",
    span="order (or concession) → family told the council will assess",
    note=_ORDERS_SEEN,
    plain=(
        "If the tribunal says the council must check your child's needs, it must tell you "
        "it will within 2 weeks."
    ),
)
def order_assess(made: date) -> date:
    """After an order to assess or re-assess (or the local authority's notice that it will
    not oppose such an appeal), the local authority tells the family it will assess within 2
    weeks."""
    return add_weeks(made, 2)


@_rule(
    "order-make-plan-draft",
    title="Order to make a plan: draft issued",
    citation="SEND Regulations 2014 reg 44(2) (reg 45 after a concession)",
    span="order (or concession) → draft plan issued",
    note=_ORDERS_SEEN,
    plain=(
        "If the tribunal says your child must get a plan, "
        "the council must send you a draft within 5 weeks."
    ),
)
def order_make_plan_draft(made: date) -> date:
    """After an order to make and maintain an EHC plan, the local authority issues the draft
    plan within 5 weeks."""
    return add_weeks(made, 5)


@_rule(
    "order-make-plan-final",
    title="Order to make a plan: final plan issued",
    citation="SEND Regulations 2014 reg 44(2) (reg 45 after a concession)",
    span="order (or concession) → final plan issued",
    note=_ORDERS_SEEN,
    plain=(
        "If the tribunal says your child must get a plan, the council must send you the "
        "final plan within 11 weeks."
    ),
)
def order_make_plan_final(made: date) -> date:
    """After an order to make and maintain an EHC plan, the local authority issues the final
    plan within 11 weeks."""
    return add_weeks(made, 11)


@_rule(
    "order-amend",
    title="Order to amend the plan's contents",
    citation="SEND Regulations 2014 reg 44(2) (reg 45 after a concession)",
    span="order (or concession) → amended plan issued",
    note=_ORDERS_SECONDARY,
    plain=(
        "If the tribunal says the plan must change, the council "
        "must send you the new plan within 5 weeks."
    ),
)
def order_amend(made: date) -> date:
    """After an order to amend the needs or provision in the plan (or after a refused
    amendment), the local authority issues the amended plan within 5 weeks."""
    return add_weeks(made, 5)


@_rule(
    "order-change-school",
    title="Order to name the family's school",
    citation="SEND Regulations 2014 reg 44(2) (reg 45 after a concession)",
    span="order (or concession) → amended plan naming the school",
    note=_ORDERS_SECONDARY,
    plain=(
        "If the tribunal says your choice of school must go in the plan, the council must "
        "do it within 2 weeks."
    ),
)
def order_change_school(made: date) -> date:
    """After an order to name the school or other institution the family asked for, the
    local authority issues the amended plan naming it within 2 weeks."""
    return add_weeks(made, 2)


@_rule(
    "order-school-and-contents",
    title="Order to name the school and amend the contents",
    citation="SEND Regulations 2014 reg 44(2) (reg 45 after a concession)",
    span="order (or concession) → amended plan issued",
    note=_ORDERS_SECONDARY,
    plain=(
        "If the tribunal says the school and the plan must both change, the council must "
        "send you the new plan within 5 weeks."
    ),
)
def order_school_and_contents(made: date) -> date:
    """After an order to name the school and also amend the needs or provision, the local
    authority issues the amended plan within 5 weeks."""
    return add_weeks(made, 5)


@_rule(
    "order-continue",
    title="Order to continue to maintain the plan",
    citation="SEND Regulations 2014 reg 44(2)",
    span="order → plan kept (same day)",
    note=_ORDERS_SECONDARY,
    plain=(
        "If the tribunal says your child keeps the plan, "
        "the council must keep it going straight away."
    ),
)
def order_continue(made: date) -> date:
    """After an order to continue to maintain the plan (an appeal against ceasing it won),
    the local authority keeps it with immediate effect: due the day of the order. An
    amendment ordered with it is a separate order to amend."""
    return made


@_rule(
    "order-cease",
    title="Appeal against ceasing dismissed: plan ceases",
    citation="SEND Regulations 2014 reg 44(2)",
    span="decision → plan ceased (same day)",
    note=_ORDERS_SECONDARY,
    plain="If the tribunal agrees the plan should end, the council ends it straight away.",
)
def order_cease(made: date) -> date:
    """After the tribunal dismisses an appeal against a decision to cease the plan, the
    local authority ceases it with immediate effect: due the day of the decision."""
    return made


@_rule(
    "complaint-stage1-acknowledged",
    title="Complaint acknowledged (stage 1)",
    citation="LGSCO Complaint Handling Code (2024), stage 1",
    span="complaint received → acknowledged",
    limit_kind="guidance",
    note=_COMPLAINTS,
    plain=(
        "The council aims to say it got your complaint within 5 working days, but this is "
        "its own target, not the law."
    ),
)
def complaint_stage1_acknowledged(
    received: date, add_working_days: Callable[[date, int], date]
) -> date:
    """Guidance, not law: the council acknowledges a complaint within 5 working days of
    receiving it."""
    return add_working_days(received, 5)


@_rule(
    "complaint-stage1",
    title="Complaint answered (stage 1)",
    citation="LGSCO Complaint Handling Code (2024), stage 1",
    span="complaint received → answer (one extension of up to 10 more working days)",
    limit_kind="guidance",
    note=_COMPLAINTS,
    plain=(
        "The council aims to answer your complaint in 10 working days, but this is its own "
        "target, not the law."
    ),
)
def complaint_stage1(
    received: date,
    working_days: int,
    extended_to: date | None,
    add_working_days: Callable[[date, int], date],
) -> date:
    """Guidance, not law: the council answers a complaint within a set number of working days
    of receiving it (10 in the Code; each council sets its own). It may extend once, by up
    to 10 more working days, explaining why: a later date it records counts only that far."""
    due = add_working_days(received, working_days)
    if extended_to is not None and extended_to > due:
        return min(extended_to, add_working_days(received, working_days + 10))
    return due


@_rule(
    "complaint-stage2-acknowledged",
    title="Complaint acknowledged (stage 2)",
    citation="LGSCO Complaint Handling Code (2024), stage 2",
    span="complaint escalated → acknowledged",
    limit_kind="guidance",
    note=_COMPLAINTS,
    plain=(
        "If you take your complaint further, the council aims to reply in 5 working days, "
        "but that is not the law."
    ),
)
def complaint_stage2_acknowledged(
    escalated: date, add_working_days: Callable[[date, int], date]
) -> date:
    """Guidance, not law: the council acknowledges a complaint taken to stage 2 within 5
    working days."""
    return add_working_days(escalated, 5)


@_rule(
    "complaint-stage2",
    title="Complaint answered (stage 2, final)",
    citation="LGSCO Complaint Handling Code (2024), stage 2",
    span="complaint escalated → final answer",
    limit_kind="guidance",
    note=_COMPLAINTS,
    plain=(
        "If you take your complaint further, the council aims to answer in 20 working days, "
        "but that is not the law."
    ),
)
def complaint_stage2(
    escalated: date, working_days: int, add_working_days: Callable[[date, int], date]
) -> date:
    """Guidance, not law: the council gives its final answer, by someone not involved at
    stage 1, within a set number of working days of the complaint being taken to stage 2
    (20 in the Code; each council sets its own)."""
    return add_working_days(escalated, working_days)


@_rule(
    "rights-transfer",
    title="Rights pass to the young person",
    citation="Education Act 1996 s8(3); CFA 2014 s83(2)",
    span=(
        "date of birth → the day after the last Friday "
        "in June of the school year the child turns 16"
    ),
    limit_kind="by-date",
    plain=(
        "After the last Friday in June of the school year your child turns 16, they make "
        "the choices about their plan."
    ),
)
def rights_transfer(date_of_birth: date) -> date:
    """A child stops being of compulsory school age on the last Friday in June of the school
    year (1 September – 31 August) in which they turn 16; from the next day they are a young
    person and the rights in Part 3 of the Act are theirs. Due is that next day, computed
    from the date of birth."""
    return rights_transfer_date(date_of_birth)


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
    if rule_id in DISAGREEMENT_RULES:
        if rule.limit_kind == "guidance":
            return f"guidance (not statutory): {rule.citation}"
        return rule.citation
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
#: The limits of mediation (SEND Regulations 2014 regs 33–39).
MEDIATION_RULES: Final[tuple[str, ...]] = (
    "mediation-adviser-contact",
    "certificate-declined",
    "health-issues-notified",
    "mediation-health-only",
    "mediation-arranged",
    "certificate-deemed",
    "mediation-notice",
    "certificate-after-mediation",
)
#: The limits of an appeal to the SEND Tribunal (HESC Rules 2008; Recommendations Power
#: Regulations 2017).
APPEAL_RULES: Final[tuple[str, ...]] = (
    "appeal-deadline",
    "la-response",
    "recommendations-response",
)
#: The limits on complying with the tribunal's orders (reg 44; reg 45 after a concession).
TRIBUNAL_ORDER_RULES: Final[tuple[str, ...]] = (
    "order-assess",
    "order-make-plan-draft",
    "order-make-plan-final",
    "order-amend",
    "order-change-school",
    "order-school-and-contents",
    "order-continue",
    "order-cease",
)
#: The council's complaint stages (LGSCO Complaint Handling Code: guidance, not law).
COMPLAINT_RULES: Final[tuple[str, ...]] = (
    "complaint-stage1-acknowledged",
    "complaint-stage1",
    "complaint-stage2-acknowledged",
    "complaint-stage2",
)
#: Every rule of families' disagreements and rights, computed from their own records by
#: ``senda.clock.disagreements`` and never by ``evaluate(events)`` (ADR 0018).
DISAGREEMENT_RULES: Final[tuple[str, ...]] = (
    MEDIATION_RULES + APPEAL_RULES + TRIBUNAL_ORDER_RULES + COMPLAINT_RULES + ("rights-transfer",)
)
#: The family's own limits, not the council's: their status is information for the family
#: and never counts against the council.
FAMILY_RULES: Final = frozenset({"mediation-adviser-contact", "appeal-deadline"})
#: The rules of a child's case events, which ``evaluate(events)`` gives rows for.
CASE_RULES: Final[tuple[str, ...]] = tuple(r for r in RULE_IDS if r not in DISAGREEMENT_RULES)
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

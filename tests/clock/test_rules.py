"""One test per catalogue rule, named after its stable id (``advice`` → ``test_advice``).

Each test goes through ``evaluate()`` with hand-built events and checks the due date, the
done date, the status, the citation, when the rule applies and which exceptions lift it.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest
from clock_cases import d, ev, of, one, rules

from senda.clock import (
    CASE_RULES,
    DISAGREEMENT_RULES,
    LOCAL_RULES,
    RULE_IDS,
    RULES,
    BankHolidayCalendar,
    LocalPolicy,
    evaluate,
)
from senda.clock.model import LAWFUL_GROUNDS

REQUEST = ev("request_received", "2026-01-05")  # Mon 5 Jan 2026, the doc's worked example
ASSESS = ev("assess_decision", "2026-02-10", outcome="assess")
MEETING = ev("review_meeting", "2026-03-04")  # Wed 4 Mar 2026

#: The 15 rule ids of /work/shared/domain/statutory-timescales.md, in catalogue order.
CATALOGUE = (
    "assess-decision",
    "advice",
    "no-issue-notice",
    "draft-comment-period",
    "final-plan",
    "annual-review",
    "review-notice",
    "review-advice-circulated",
    "review-report",
    "review-decision",
    "amended-plan",
    "review-to-final",
    "phase-transfer",
    "transfer-in-review",
    "review-logged",
)
SHARED_DOC = Path("/work/shared/domain/statutory-timescales.md")


# --- the catalogue itself -------------------------------------------------------------


def test_every_rule_has_a_test_named_after_it() -> None:
    """The rules of a child's case events; the disagreement rules are tested, each by its
    name, in ``test_disagreements.py``."""
    module = sys.modules[__name__]
    missing = [
        rule_id
        for rule_id in CASE_RULES
        if not callable(getattr(module, "test_" + rule_id.replace("-", "_"), None))
    ]
    assert missing == []


#: The rules issue 12 added: the rest of the Regulations' limits on the LA's own work, and
#: the under-fives guidance.
LATER = (
    "transfer-in-notice",
    "transfer-out",
    "amendment-comment-period",
    "reassess-decision",
    "reassessment-plan",
    "under-five-review",
)


def test_catalogue_ids_are_the_fifteen_of_the_shared_doc_and_the_later_six() -> None:
    assert len(CASE_RULES) == 21
    assert set(CASE_RULES) == set(CATALOGUE) | set(LATER)
    assert RULE_IDS == CASE_RULES + DISAGREEMENT_RULES
    assert set(RULES) == set(RULE_IDS)
    assert all(RULES[rule_id].id == rule_id for rule_id in RULE_IDS)


@pytest.mark.skipif(not SHARED_DOC.exists(), reason="shared domain notes not mounted")
def test_catalogue_ids_match_the_shared_doc_table() -> None:
    table = re.findall(r"^\| `([a-z0-9-]+)`", SHARED_DOC.read_text(encoding="utf-8"), re.M)
    assert tuple(table) == CATALOGUE


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_citation_and_a_statement(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.citation
    assert rule.statement


# --- assessment ------------------------------------------------------------------------


def test_assess_decision() -> None:
    due = d("2026-02-16")  # 6 weeks after the request
    # Not decided: pending up to and including the due day, overdue the day after.
    for as_of, expected in (("2026-02-01", "pending"), ("2026-02-16", "pending")):
        row = one(evaluate([REQUEST], d(as_of)), "assess-decision")
        assert (row.due, row.done, row.status) == (due, None, expected)
    assert one(evaluate([REQUEST], d("2026-02-17")), "assess-decision").status == "overdue"
    # Decided on the due day: met; the day after: late. Refusing is a decision too.
    for on, outcome, expected in (
        ("2026-02-16", "assess", "met"),
        ("2026-02-17", "assess", "late"),
        ("2026-01-20", "refuse", "met"),
    ):
        rows = evaluate([REQUEST, ev("assess_decision", on, outcome=outcome)], d("2026-03-01"))
        row = one(rows, "assess-decision")
        assert (row.due, row.done, row.status) == (due, d(on), expected)
        assert "reg 5(1)" in row.citation
    # No request, no row.
    assert evaluate([ASSESS], d("2026-03-01")) == []
    # Exceptions (reg 5(4)): each EHC ground lifts it by default; a missed appointment
    # (an advice-only ground) does not; applies_to narrows it.
    for ground in ("setting-closure", "early-years-closure", "personal-circumstances"):
        rows = evaluate([REQUEST, ev("exception", "2026-01-20", ground=ground)], d("2026-03-01"))
        assert one(rows, "assess-decision").status == "excepted"
    rows = evaluate(
        [REQUEST, ev("exception", "2026-01-20", ground="absent-from-area"), ASSESS],
        d("2026-03-01"),
    )
    assert one(rows, "assess-decision").status == "excepted"
    assert one(rows, "assess-decision").done == ASSESS.on  # excepted, but still recorded
    rows = evaluate(
        [REQUEST, ev("exception", "2026-01-20", ground="missed-appointment")], d("2026-03-01")
    )
    assert one(rows, "assess-decision").status == "overdue"
    only_final = ev(
        "exception", "2026-01-20", ground="personal-circumstances", applies_to=["final-plan"]
    )
    rows = evaluate([REQUEST, only_final, ASSESS], d("2026-03-01"))
    assert one(rows, "assess-decision").status == "met"
    assert one(rows, "final-plan").status == "excepted"
    # An exception recorded before the request belongs to no cycle.
    early = ev("exception", "2026-01-01", ground="personal-circumstances")
    assert one(evaluate([early, REQUEST], d("2026-03-01")), "assess-decision").status == ("overdue")
    # A new request starts a new cycle: later events belong to the latest request.
    second = ev("request_received", "2026-06-01")
    decision = ev("assess_decision", "2026-06-10", outcome="refuse")
    rows = of(evaluate([REQUEST, second, decision], d("2026-08-01")), "assess-decision")
    assert [(r.due, r.done, r.status) for r in rows] == [
        (d("2026-02-16"), None, "overdue"),
        (d("2026-07-13"), d("2026-06-10"), "met"),
    ]


def test_advice() -> None:
    asked = ev("advice_requested", "2026-02-02", discipline="Educational psychology")
    due = d("2026-03-16")  # 6 weeks after the request for advice
    for answered_on, expected in (("2026-03-16", "met"), ("2026-03-17", "late")):
        answer = ev("advice_received", answered_on, discipline="educational psychology ")
        row = one(evaluate([REQUEST, ASSESS, asked, answer], d("2026-04-01")), "advice")
        assert (row.due, row.done, row.status) == (due, d(answered_on), expected)
        assert row.discipline == "Educational psychology"
        assert row.as_json()["discipline"] == "Educational psychology"
        assert "reg 8(1)" in row.citation
    # Unanswered: pending, then overdue. An answer in another discipline, or one dated
    # before the request, does not count.
    other = ev("advice_received", "2026-02-20", discipline="Health")
    before = ev("advice_received", "2026-02-01", discipline="Educational psychology")
    assert one(evaluate([REQUEST, asked, other, before], d("2026-03-16")), "advice").status == (
        "pending"
    )
    row = one(evaluate([REQUEST, asked, other, before], d("2026-03-17")), "advice")
    assert (row.done, row.status) == (None, "overdue")
    # One row per request for advice; each answer is used once.
    health = ev("advice_requested", "2026-02-02", discipline="Health")
    again = ev("advice_requested", "2026-02-09", discipline="Educational psychology")
    answer = ev("advice_received", "2026-03-01", discipline="Educational psychology")
    rows = of(evaluate([REQUEST, asked, health, again, answer], d("2026-03-20")), "advice")
    assert [(r.due, r.discipline, r.done, r.status) for r in rows] == [
        (d("2026-03-16"), "Educational psychology", d("2026-03-01"), "met"),
        (d("2026-03-16"), "Health", None, "overdue"),
        (d("2026-03-23"), "Educational psychology", None, "pending"),
    ]
    # Applies only when advice was asked for; not on rows of other rules.
    assert of(evaluate([REQUEST, ASSESS], d("2026-03-01")), "advice") == []
    assert "discipline" not in one(evaluate([REQUEST], d("2026-03-01")), "assess-decision")
    assert (
        "discipline" not in one(evaluate([REQUEST], d("2026-03-01")), "assess-decision").as_json()
    )
    # Asked for advice but then refused: the advice rows still stand.
    refused = ev("assess_decision", "2026-02-10", outcome="refuse")
    assert len(of(evaluate([REQUEST, asked, refused], d("2026-03-01")), "advice")) == 1
    # Exceptions (reg 8(2)): a missed appointment lifts advice by default; personal
    # circumstances lift it only when named, since by default they apply to the EHC rules.
    missed = ev("exception", "2026-02-10", ground="missed-appointment")
    rows = evaluate([REQUEST, asked, missed], d("2026-04-01"))
    assert one(rows, "advice").status == "excepted"
    assert one(rows, "assess-decision").status == "overdue"
    personal = ev("exception", "2026-02-10", ground="personal-circumstances")
    assert one(evaluate([REQUEST, asked, personal], d("2026-04-01")), "advice").status == (
        "overdue"
    )
    named = ev("exception", "2026-02-10", ground="personal-circumstances", applies_to=["advice"])
    rows = evaluate([REQUEST, asked, named], d("2026-04-01"))
    assert one(rows, "advice").status == "excepted"
    assert one(rows, "assess-decision").status == "overdue"


def test_no_issue_notice() -> None:
    due = d("2026-04-27")  # 16 weeks after the request
    for on, expected in (("2026-04-27", "met"), ("2026-04-28", "late")):
        not_issue = ev("issue_decision", on, outcome="not-issue")
        rows = evaluate([REQUEST, ASSESS, not_issue], d("2026-06-01"))
        row = one(rows, "no-issue-notice")
        assert (row.due, row.done, row.status) == (due, d(on), expected)
        assert "reg 10(1)" in row.citation
        assert "final-plan" not in rules(rows)  # not after a decision not to issue
    # Only after a decision not to issue; a decision to issue keeps the final-plan clock.
    assert "no-issue-notice" not in rules(evaluate([REQUEST, ASSESS], d("2026-06-01")))
    issue = ev("issue_decision", "2026-04-01", outcome="issue")
    rows = evaluate([REQUEST, ASSESS, issue], d("2026-06-01"))
    assert "no-issue-notice" not in rules(rows)
    assert one(rows, "final-plan").status == "overdue"
    # Only after a decision to assess.
    refused = ev("assess_decision", "2026-02-10", outcome="refuse")
    not_issue = ev("issue_decision", "2026-04-01", outcome="not-issue")
    assert rules(evaluate([REQUEST, refused, not_issue], d("2026-06-01"))) == {"assess-decision"}
    # Exceptions (reg 10(4)).
    away = ev("exception", "2026-03-01", ground="absent-from-area")
    rows = evaluate([REQUEST, ASSESS, away, not_issue], d("2026-06-01"))
    assert one(rows, "no-issue-notice").status == "excepted"
    narrowed = ev("exception", "2026-03-01", ground="absent-from-area", applies_to=["advice"])
    rows = evaluate([REQUEST, ASSESS, narrowed, not_issue], d("2026-06-01"))
    assert one(rows, "no-issue-notice").status == "met"


def test_draft_comment_period() -> None:
    draft = ev("draft_plan_issued", "2026-04-01")
    due = d("2026-04-15")  # last day of 15 days beginning with the day of service
    # A final plan inside the window breaches it; the day after the window meets it.
    for final_on, expected in (
        ("2026-04-01", "breached"),
        ("2026-04-15", "breached"),
        ("2026-04-16", "met"),
    ):
        final = ev("final_plan_issued", final_on)
        row = one(
            evaluate([REQUEST, ASSESS, draft, final], d("2026-06-01")), "draft-comment-period"
        )
        assert (row.due, row.done, row.status) == (due, d(final_on), expected)
        assert "reg 13(1)" in row.citation
    # No final yet: pending while the window is open, met once it has closed.
    for as_of, expected in (
        ("2026-04-01", "pending"),
        ("2026-04-15", "pending"),
        ("2026-04-16", "met"),
    ):
        row = one(evaluate([REQUEST, ASSESS, draft], d(as_of)), "draft-comment-period")
        assert (row.due, row.done, row.status) == (due, None, expected)
    # A re-served draft restarts the window; a draft after the final plan is ignored.
    redraft = ev("draft_plan_issued", "2026-04-10")
    final = ev("final_plan_issued", "2026-04-20")
    row = one(
        evaluate([REQUEST, ASSESS, draft, redraft, final], d("2026-06-01")), "draft-comment-period"
    )
    assert (row.due, row.status) == (d("2026-04-24"), "breached")
    late_draft = ev("draft_plan_issued", "2026-05-01")
    final = ev("final_plan_issued", "2026-04-20")
    row = one(
        evaluate([REQUEST, ASSESS, draft, final, late_draft], d("2026-06-01")),
        "draft-comment-period",
    )
    assert (row.due, row.status) == (due, "met")
    # Only with a draft, and only where a final plan is being made.
    assert "draft-comment-period" not in rules(evaluate([REQUEST, ASSESS], d("2026-06-01")))
    not_issue = ev("issue_decision", "2026-04-20", outcome="not-issue")
    assert "draft-comment-period" not in rules(
        evaluate([REQUEST, ASSESS, draft, not_issue], d("2026-06-01"))
    )
    # A minimum period has no exceptions: the EHC grounds do not lift it.
    personal = ev("exception", "2026-03-01", ground="personal-circumstances")
    assert (
        one(
            evaluate([REQUEST, ASSESS, personal, draft], d("2026-06-01")), "draft-comment-period"
        ).status
        == "met"
    )


def test_final_plan() -> None:
    due = d("2026-05-25")  # 20 weeks after the request
    for on, expected in (("2026-05-25", "met"), ("2026-05-26", "late")):
        final = ev("final_plan_issued", on)
        row = one(evaluate([REQUEST, ASSESS, final], d("2026-07-01")), "final-plan")
        assert (row.due, row.done, row.status) == (due, d(on), expected)
        assert "reg 13(2)" in row.citation
    assert one(evaluate([REQUEST, ASSESS], d("2026-05-25")), "final-plan").status == "pending"
    assert one(evaluate([REQUEST, ASSESS], d("2026-05-26")), "final-plan").status == "overdue"
    # Applies once a decision to assess is made, or a final plan exists.
    assert "final-plan" not in rules(evaluate([REQUEST], d("2026-07-01")))
    refused = ev("assess_decision", "2026-02-10", outcome="refuse")
    assert "final-plan" not in rules(evaluate([REQUEST, refused], d("2026-07-01")))
    final = ev("final_plan_issued", "2026-05-01")
    assert one(evaluate([REQUEST, final], d("2026-07-01")), "final-plan").status == "met"
    # Not after a decision not to issue.
    not_issue = ev("issue_decision", "2026-04-01", outcome="not-issue")
    assert "final-plan" not in rules(evaluate([REQUEST, ASSESS, not_issue], d("2026-07-01")))
    # Exceptions (reg 13(3) = reg 10(4)(a)–(d)); not a missed appointment.
    for ground in (
        "setting-closure",
        "early-years-closure",
        "personal-circumstances",
        "absent-from-area",
    ):
        exc = ev("exception", "2026-03-01", ground=ground)
        assert (
            one(evaluate([REQUEST, ASSESS, exc], d("2026-07-01")), "final-plan").status
            == "excepted"
        )
    missed = ev("exception", "2026-03-01", ground="missed-appointment")
    assert (
        one(evaluate([REQUEST, ASSESS, missed], d("2026-07-01")), "final-plan").status == "overdue"
    )
    # A final plan dated after the as-of day is not yet known.
    final = ev("final_plan_issued", "2026-05-20")
    row = one(evaluate([REQUEST, ASSESS, final], d("2026-05-19")), "final-plan")
    assert (row.done, row.status) == (None, "pending")


# --- reviews ---------------------------------------------------------------------------


def test_annual_review() -> None:
    plan = ev("final_plan_issued", "2025-03-10")
    row = one(evaluate([plan], d("2026-03-10")), "annual-review")
    assert (row.due, row.done, row.status) == (d("2026-03-10"), None, "pending")
    assert "s44(1)" in row.citation and "CFA" in row.citation and "reg 18" in row.citation
    assert one(evaluate([plan], d("2026-03-11")), "annual-review").status == "overdue"
    # A meeting closes the open review and opens the next, 12 months from the meeting.
    first = ev("review_meeting", "2026-03-01")
    second = ev("review_meeting", "2027-03-05")
    rows = of(evaluate([plan, first, second], d("2027-04-01")), "annual-review")
    assert [(r.due, r.done, r.status) for r in rows] == [
        (d("2026-03-10"), d("2026-03-01"), "met"),
        (d("2027-03-01"), d("2027-03-05"), "late"),
        (d("2028-03-05"), None, "pending"),
    ]
    # The chain stops when the plan ceases: an open review already overdue at the cease
    # is kept, lapsed (missed, no longer owed); one not yet due is dropped; nothing opens
    # after. As of a day before the cease it is overdue.
    ceased = ev("plan_ceased", "2026-06-01")
    rows = of(evaluate([plan, ceased], d("2027-01-01")), "annual-review")
    assert [(r.due, r.done, r.status) for r in rows] == [(d("2026-03-10"), None, "lapsed")]
    rows = of(evaluate([plan, ceased], d("2026-05-31")), "annual-review")
    assert [(r.due, r.done, r.status) for r in rows] == [(d("2026-03-10"), None, "overdue")]
    ceased = ev("plan_ceased", "2026-01-01")
    assert of(evaluate([plan, ceased], d("2027-01-01")), "annual-review") == []
    ceased = ev("plan_ceased", "2026-06-01")
    rows = of(evaluate([plan, first, ceased], d("2028-01-01")), "annual-review")
    assert [(r.due, r.status) for r in rows] == [(d("2026-03-10"), "met")]
    # No plan, no chain.
    assert "annual-review" not in rules(evaluate([REQUEST, ASSESS], d("2026-03-01")))
    # A plan issued on 29 February is first reviewed by 28 February.
    leap = ev("final_plan_issued", "2024-02-29")
    assert one(evaluate([leap], d("2024-06-01")), "annual-review").due == d("2025-02-28")


def test_it_lapses_what_a_ceased_plan_still_owed() -> None:
    """A ceased plan (or a transfer out, recorded as a cease) owes nothing: every deadline
    of it left undone is lapsed if it fell due before the cease, dropped if not; done rows
    keep their status. Before the cease the same rows are overdue."""
    plan = ev("final_plan_issued", "2024-01-10")
    meeting = ev("review_meeting", "2025-01-08")  # report due 22 Jan, decision 5 Feb
    logged = ev("review_logged", "2025-01-09")
    ceased = ev("plan_ceased", "2025-02-01")
    later = d("2027-01-01")
    rows = evaluate([plan, meeting, logged, ceased], later)
    assert {(r.rule, r.done, r.status) for r in rows} == {
        ("annual-review", d("2025-01-08"), "met"),
        ("review-logged", d("2025-01-09"), "met"),
        ("review-report", None, "lapsed"),  # fell due before the cease
    }  # the decision fell due after it: dropped, as is the next review
    before = {(r.rule, r.status) for r in evaluate([plan, meeting, logged], d("2025-03-01"))}
    assert {("review-report", "overdue"), ("review-decision", "overdue")} <= before
    # A report that came after the cease still answers its row.
    report = ev("review_report_received", "2025-02-10")
    rows = evaluate([plan, meeting, ceased, report], later)
    assert one(rows, "review-report").status == "late"
    # A review a new plan left undone (overdue while the case goes on) lapses at a cease.
    again = ev("final_plan_issued", "2025-06-01")
    rows = of(evaluate([plan, again], later), "annual-review")
    assert [(r.due, r.status) for r in rows] == [
        (d("2025-01-10"), "overdue"),
        (d("2026-06-01"), "overdue"),
    ]
    rows = of(evaluate([plan, again, ev("plan_ceased", "2026-09-01")], later), "annual-review")
    assert [(r.due, r.status) for r in rows] == [
        (d("2025-01-10"), "lapsed"),
        (d("2026-06-01"), "lapsed"),
    ]
    # Amendment notices and phase transfers due before the cease lapse too.
    notice = ev("amendment_notice_issued", "2024-06-03")  # due 29 July 2024
    move = ev("phase_transfer", "2025-09-01", kind="school")  # due 15 February 2025
    ceased = ev("plan_ceased", "2025-03-01")
    rows = evaluate([plan, notice, move, ceased], later)
    assert one(rows, "amended-plan").status == "lapsed"
    assert one(rows, "phase-transfer").status == "lapsed"
    assert one(evaluate([plan, notice, move], later), "phase-transfer").status == "overdue"


def _before_meeting(rule: str, kind: str, citation: str) -> None:
    """Shared body of the two 'at least 2 weeks before the meeting' rules."""
    due = d("2026-02-18")  # meeting − 14 days
    for on, expected in (
        ("2026-02-01", "met"),
        ("2026-02-18", "met"),
        ("2026-02-19", "late"),
        ("2026-03-04", "late"),
    ):
        row = one(evaluate([ev(kind, on), MEETING], d("2026-03-10")), rule)
        assert (row.due, row.done, row.status) == (due, d(on), expected)
        assert citation in row.citation and "21(" in row.citation
    # Only when both the meeting and the event are recorded.
    assert rule not in rules(evaluate([MEETING], d("2026-03-10")))
    assert rule not in rules(evaluate([ev(kind, "2026-02-10")], d("2026-03-10")))
    # A meeting dated after the as-of day is not yet known.
    assert rule not in rules(evaluate([ev(kind, "2026-02-10"), MEETING], d("2026-03-03")))
    # The event belongs to the next meeting on or after it.
    earlier = ev("review_meeting", "2025-03-01")
    row = one(evaluate([earlier, ev(kind, "2026-02-10"), MEETING], d("2026-03-10")), rule)
    assert (row.due, row.done, row.status) == (due, d("2026-02-10"), "met")
    rows = of(evaluate([earlier, ev(kind, "2025-02-20"), MEETING], d("2026-03-10")), rule)
    assert [(r.due, r.done, r.status) for r in rows] == [(d("2025-02-15"), d("2025-02-20"), "late")]
    # No exceptions apply to it.
    personal = ev("exception", "2026-02-20", ground="personal-circumstances")
    row = one(evaluate([REQUEST, personal, ev(kind, "2026-02-19"), MEETING], d("2026-03-10")), rule)
    assert row.status == "late"


def test_review_notice() -> None:
    _before_meeting("review-notice", "review_invitations_sent", "reg 20(3)")


def test_review_advice_circulated() -> None:
    _before_meeting("review-advice-circulated", "review_advice_circulated", "reg 20(4)")
    # The two rules are read independently.
    rows = evaluate(
        [
            ev("review_invitations_sent", "2026-02-10"),
            ev("review_advice_circulated", "2026-02-25"),
            MEETING,
        ],
        d("2026-03-10"),
    )
    assert one(rows, "review-notice").status == "met"
    assert one(rows, "review-advice-circulated").status == "late"


def test_review_report() -> None:
    due = d("2026-03-18")  # 2 weeks after the meeting
    for on, expected in (("2026-03-04", "met"), ("2026-03-18", "met"), ("2026-03-19", "late")):
        row = one(
            evaluate([MEETING, ev("review_report_received", on)], d("2026-04-01")), "review-report"
        )
        assert (row.due, row.done, row.status) == (due, d(on), expected)
        assert "reg 20(7)" in row.citation and "21(7)" in row.citation
    assert one(evaluate([MEETING], d("2026-03-18")), "review-report").status == "pending"
    assert one(evaluate([MEETING], d("2026-03-19")), "review-report").status == "overdue"
    assert "review-report" not in rules(
        evaluate([ev("final_plan_issued", "2025-06-01")], d("2026-03-19"))
    )
    # A report belongs to the latest meeting on or before it; one before any meeting
    # belongs to none.
    later = ev("review_meeting", "2027-03-03")
    stray = ev("review_report_received", "2026-03-01")
    report = ev("review_report_received", "2027-03-10")
    rows = of(evaluate([stray, MEETING, later, report], d("2027-04-01")), "review-report")
    assert [(r.due, r.done, r.status) for r in rows] == [
        (d("2026-03-18"), None, "overdue"),
        (d("2027-03-17"), d("2027-03-10"), "met"),
    ]


def test_review_decision() -> None:
    due = d("2026-04-01")  # 4 weeks after the meeting
    for outcome in ("maintain", "amend", "cease"):
        for on, expected in (("2026-04-01", "met"), ("2026-04-02", "late")):
            rows = evaluate([MEETING, ev("review_decision", on, outcome=outcome)], d("2026-06-01"))
            row = one(rows, "review-decision")
            assert (row.due, row.done, row.status) == (due, d(on), expected)
            assert "reg 20(10)" in row.citation and "21(8)" in row.citation
    assert one(evaluate([MEETING], d("2026-04-01")), "review-decision").status == "pending"
    assert one(evaluate([MEETING], d("2026-04-02")), "review-decision").status == "overdue"
    # Each meeting has its own decision.
    later = ev("review_meeting", "2026-09-01")
    decision = ev("review_decision", "2026-09-10", outcome="maintain")
    rows = of(evaluate([MEETING, later, decision], d("2026-10-01")), "review-decision")
    assert [(r.due, r.done, r.status) for r in rows] == [
        (d("2026-04-01"), None, "overdue"),
        (d("2026-09-29"), d("2026-09-10"), "met"),
    ]


def test_amended_plan() -> None:
    notice = ev("amendment_notice_issued", "2026-04-01")
    due = d("2026-05-27")  # 8 weeks after the notice
    for on, expected in (("2026-04-01", "met"), ("2026-05-27", "met"), ("2026-05-28", "late")):
        row = one(
            evaluate([notice, ev("amended_plan_issued", on)], d("2026-07-01")), "amended-plan"
        )
        assert (row.due, row.done, row.status) == (due, d(on), expected)
        assert "reg 22(3)" in row.citation
    assert one(evaluate([notice], d("2026-05-27")), "amended-plan").status == "pending"
    assert one(evaluate([notice], d("2026-05-28")), "amended-plan").status == "overdue"
    # An amended plan issued before the notice does not answer it.
    earlier = ev("amended_plan_issued", "2026-03-01")
    row = one(evaluate([earlier, notice], d("2026-07-01")), "amended-plan")
    assert (row.done, row.status) == (None, "overdue")
    # Only with a notice.
    assert "amended-plan" not in rules(evaluate([MEETING, earlier], d("2026-07-01")))


def test_review_to_final() -> None:
    amend = ev("review_decision", "2026-03-20", outcome="amend")
    due = d("2026-05-27")  # 12 weeks after the meeting
    for on, expected in (("2026-05-27", "met"), ("2026-05-28", "late")):
        rows = evaluate([MEETING, amend, ev("amended_plan_issued", on)], d("2026-07-01"))
        row = one(rows, "review-to-final")
        assert (row.due, row.done, row.status) == (due, d(on), expected)
        assert "reg 20" in row.citation and "reg 22" in row.citation
    assert one(evaluate([MEETING, amend], d("2026-05-27")), "review-to-final").status == "pending"
    assert one(evaluate([MEETING, amend], d("2026-05-28")), "review-to-final").status == "overdue"
    # Only after a decision to amend.
    for outcome in ("maintain", "cease"):
        decision = ev("review_decision", "2026-03-20", outcome=outcome)
        assert "review-to-final" not in rules(evaluate([MEETING, decision], d("2026-07-01")))
    assert "review-to-final" not in rules(evaluate([MEETING], d("2026-07-01")))
    # A decision to amend known only after the as-of day does not count yet.
    assert "review-to-final" not in rules(evaluate([MEETING, amend], d("2026-03-19")))


def test_phase_transfer() -> None:
    move = ev("phase_transfer", "2027-09-01", kind="school")
    # The planned move is kept even though it is after the as-of day.
    row = one(evaluate([move], d("2026-10-01")), "phase-transfer")
    assert (row.due, row.done, row.status) == (d("2027-02-15"), None, "pending")
    assert "reg 18(1)" in row.citation
    assert one(evaluate([move], d("2027-02-16")), "phase-transfer").status == "overdue"
    for on, expected in (("2027-02-15", "met"), ("2027-02-16", "late")):
        issued = ev("phase_transfer_plan_issued", on)
        row = one(evaluate([move, issued], d("2027-10-01")), "phase-transfer")
        assert (row.due, row.done, row.status) == (d("2027-02-15"), d(on), expected)
    # A plan issued after the as-of day is not yet known.
    issued = ev("phase_transfer_plan_issued", "2027-02-01")
    assert one(evaluate([move, issued], d("2027-01-31")), "phase-transfer").done is None
    # Secondary → post-16: 31 March.
    post16 = ev("phase_transfer", "2027-09-01", kind="post16")
    assert one(evaluate([post16], d("2026-10-01")), "phase-transfer").due == d("2027-03-31")
    # Only when a move is recorded; a plan that ceased before it was due drops it.
    assert "phase-transfer" not in rules(
        evaluate([ev("final_plan_issued", "2025-01-01")], d("2026-10-01"))
    )
    ceased = ev("plan_ceased", "2026-12-01")
    assert "phase-transfer" not in rules(evaluate([move, ceased], d("2027-10-01")))
    # Two moves: each takes the first plan issued after the move before it.
    second = ev("phase_transfer", "2031-09-01", kind="post16")
    first_plan = ev("phase_transfer_plan_issued", "2027-02-10")
    second_plan = ev("phase_transfer_plan_issued", "2031-03-20")
    rows = of(evaluate([second_plan, second, move, first_plan], d("2031-10-01")), "phase-transfer")
    assert [(r.due, r.done, r.status) for r in rows] == [
        (d("2027-02-15"), d("2027-02-10"), "met"),
        (d("2031-03-31"), d("2031-03-20"), "met"),
    ]


def test_transfer_in_review() -> None:
    # The later of 12 months from the last review and 3 months from the transfer.
    for last_review, due in (
        ("2025-06-01", "2026-06-01"),  # 12 months from the last review is later
        ("2024-11-01", "2026-04-10"),  # 3 months from the transfer is later
        (None, "2026-04-10"),  # last review not known: 3 months
    ):
        moved = ev("transferred_in", "2026-01-10", last_review=last_review)
        row = one(evaluate([moved], d("2026-02-01")), "transfer-in-review")
        assert (row.due, row.done, row.status) == (d(due), None, "pending")
        assert "reg 15" in row.citation
    moved = ev("transferred_in", "2025-11-30")  # month ends fall back: 28 Feb 2026
    assert one(evaluate([moved], d("2026-02-01")), "transfer-in-review").due == d("2026-02-28")
    assert one(evaluate([moved], d("2026-03-01")), "transfer-in-review").status == "overdue"
    # Only the first review after the transfer; then the annual chain from that meeting.
    meeting = ev("review_meeting", "2026-03-05")
    rows = evaluate([moved, meeting], d("2026-04-01"))
    row = one(rows, "transfer-in-review")
    assert (row.due, row.done, row.status) == (d("2026-02-28"), d("2026-03-05"), "late")
    assert one(rows, "annual-review").due == d("2027-03-05")
    # A transfer in replaces the annual-review chain of an earlier plan.
    plan = ev("final_plan_issued", "2024-06-01")
    rows = evaluate([plan, ev("transferred_in", "2025-01-10")], d("2025-02-01"))
    assert "annual-review" not in rules(rows)
    assert one(rows, "transfer-in-review").due == d("2025-04-10")


def test_review_logged() -> None:
    # Wed 4 Mar 2026 + 5 working days = Wed 11 Mar 2026.
    for on, expected in (("2026-03-11", "met"), ("2026-03-12", "late")):
        rows = evaluate([MEETING, ev("review_logged", on)], d("2026-04-01"))
        row = one(rows, "review-logged")
        assert (row.due, row.done, row.status) == (d("2026-03-11"), d(on), expected)
        assert row.citation.startswith("local standard")
        assert "5 working days" in row.citation
    assert one(evaluate([MEETING], d("2026-03-11")), "review-logged").status == "pending"
    assert one(evaluate([MEETING], d("2026-03-12")), "review-logged").status == "overdue"
    # Across Easter 2026 (Good Friday 3 Apr, Easter Monday 6 Apr).
    easter = ev("review_meeting", "2026-04-02")
    assert one(evaluate([easter], d("2026-04-02")), "review-logged").due == d("2026-04-13")
    # The local area may change the number, or switch the standard off.
    rows = evaluate([MEETING], d("2026-03-05"), policy=LocalPolicy(review_logged_working_days=3))
    row = one(rows, "review-logged")
    assert row.due == d("2026-03-09")
    assert "3 working days" in row.citation
    rows = evaluate([MEETING], d("2026-03-05"), policy=LocalPolicy(review_logged_working_days=None))
    assert "review-logged" not in rules(rows)
    assert {"review-report", "review-decision"} <= rules(rows)
    # A custom calendar is used when given.
    closed = BankHolidayCalendar(extra_holidays=frozenset({d("2026-03-05"), d("2026-03-06")}))
    row = one(evaluate([MEETING], d("2026-03-05"), calendar=closed), "review-logged")
    assert row.due == d("2026-03-13")
    # Only with a meeting.
    assert "review-logged" not in rules(
        evaluate([ev("review_logged", "2026-03-05")], d("2026-04-01"))
    )


def test_an_empty_case_has_no_deadlines() -> None:
    assert evaluate([], date(2026, 1, 1)) == []


# --- re-assessment (reg 25(1), 27) ---------------------------------------------------------

PLAN_ISSUED = ev("final_plan_issued", "2025-06-02")
REASSESS_ASKED = ev("reassessment_requested", "2026-01-05")  # Mon 5 Jan 2026


def test_reassess_decision() -> None:
    due = d("2026-01-20")  # 15 days after the request
    events = [PLAN_ISSUED, REASSESS_ASKED]
    for as_of, expected in (("2026-01-10", "pending"), ("2026-01-20", "pending")):
        row = one(evaluate(events, d(as_of)), "reassess-decision")
        assert (row.due, row.done, row.status) == (due, None, expected)
    assert one(evaluate(events, d("2026-01-21")), "reassess-decision").status == "overdue"
    for decided, expected in (("2026-01-20", "met"), ("2026-01-21", "late")):
        found = [*events, ev("reassess_decision", decided, outcome="refuse")]
        row = one(evaluate(found, d("2026-03-01")), "reassess-decision")
        assert (row.done, row.status) == (d(decided), expected)
    row = one(evaluate(events, d("2026-01-10")), "reassess-decision")
    assert row.citation == "SEND Regulations 2014 reg 25(1)"
    # No exception in law lifts it: an exception during the re-assessment leaves it owed.
    excepted = [*events, ev("exception", "2026-01-06", ground="personal-circumstances")]
    assert one(evaluate(excepted, d("2026-02-01")), "reassess-decision").status == "overdue"
    assert "reassess-decision" not in LAWFUL_GROUNDS
    # Before any request there is no row; a refusal owes no plan.
    assert "reassess-decision" not in rules(evaluate([PLAN_ISSUED], d("2026-02-01")))
    refused = [*events, ev("reassess_decision", "2026-01-12", outcome="refuse")]
    assert "reassessment-plan" not in rules(evaluate(refused, d("2026-06-01")))


def test_reassessment_plan() -> None:
    decided = ev("reassess_decision", "2026-01-15", outcome="reassess")
    events = [PLAN_ISSUED, REASSESS_ASKED, decided]
    due = d("2026-04-23")  # 14 weeks after telling the family
    for as_of, expected in (("2026-04-23", "pending"), ("2026-04-24", "overdue")):
        row = one(evaluate(events, d(as_of)), "reassessment-plan")
        assert (row.due, row.done, row.status) == (due, None, expected)
    for outcome in ("amend", "replace", "no-change"):
        for on, expected in (("2026-04-23", "met"), ("2026-04-24", "late")):
            found = [*events, ev("reassessment_outcome", on, outcome=outcome)]
            row = one(evaluate(found, d("2026-06-01")), "reassessment-plan")
            assert (row.done, row.status) == (d(on), expected)
    assert one(evaluate(events, d("2026-02-01")), "reassessment-plan").citation == (
        "SEND Regulations 2014 reg 27(2)"
    )
    # reg 27(3): the 20-week grounds lift it; an exception during a re-assessment applies
    # to it by default, and a missed appointment (advice only) does not.
    for ground in ("setting-closure", "early-years-closure", "personal-circumstances",
                   "absent-from-area"):  # fmt: skip
        found = [*events, ev("exception", "2026-02-01", ground=ground)]
        assert one(evaluate(found, d("2026-06-01")), "reassessment-plan").status == "excepted"
    missed = [*events, ev("exception", "2026-02-01", ground="missed-appointment")]
    assert one(evaluate(missed, d("2026-06-01")), "reassessment-plan").status == "overdue"
    # Advice asked for the re-assessment has its 6 weeks like an assessment's.
    asked = [*events, ev("advice_requested", "2026-01-20", discipline="health")]
    assert one(evaluate(asked, d("2026-03-10")), "advice").due == d("2026-03-03")
    # A plan that ends first owes nothing not yet due; what fell due before the end lapses.
    ended = [*events, ev("plan_ceased", "2026-03-01")]
    assert "reassessment-plan" not in rules(evaluate(ended, d("2026-06-01")))
    late_end = [*events, ev("plan_ceased", "2026-05-01")]
    assert one(evaluate(late_end, d("2026-06-01")), "reassessment-plan").status == "lapsed"


# --- amendments (reg 22(2)(c)) ---------------------------------------------------------------


def test_amendment_comment_period() -> None:
    notice = ev("amendment_notice_issued", "2026-03-02")
    events = [PLAN_ISSUED, notice]
    due = d("2026-03-16")  # 15 days beginning with the day of service
    row = one(evaluate(events, d("2026-03-16")), "amendment-comment-period")
    assert (row.due, row.done, row.status) == (due, None, "pending")
    assert one(evaluate(events, d("2026-03-17")), "amendment-comment-period").status == "met"
    for issued, expected in (("2026-03-16", "breached"), ("2026-03-17", "met")):
        found = [*events, ev("amended_plan_issued", issued)]
        row = one(evaluate(found, d("2026-05-01")), "amendment-comment-period")
        assert (row.done, row.status) == (d(issued), expected)
    assert row.citation == "SEND Regulations 2014 reg 22(2)(c)"
    # A minimum period: never overdue, never late, and no exception lifts it.
    for as_of in ("2026-03-10", "2027-01-01"):
        assert one(evaluate(events, d(as_of)), "amendment-comment-period").status in (
            "pending",
            "met",
        )
    assert "amendment-comment-period" not in LAWFUL_GROUNDS
    # A plan that ends inside the window with no amended plan: the window drops out.
    ended = [*events, ev("plan_ceased", "2026-03-10")]
    assert "amendment-comment-period" not in rules(evaluate(ended, d("2026-05-01")))


# --- transfers between local authorities (reg 15) ------------------------------------------


def test_transfer_in_notice() -> None:
    moved = ev("transferred_in", "2026-01-05")
    due = d("2026-02-16")  # 6 weeks after the transfer
    for as_of, expected in (("2026-02-16", "pending"), ("2026-02-17", "overdue")):
        row = one(evaluate([moved], d(as_of)), "transfer-in-notice")
        assert (row.due, row.done, row.status) == (due, None, expected)
    for told, expected in (("2026-02-16", "met"), ("2026-02-17", "late")):
        found = [moved, ev("transfer_in_notified", told)]
        row = one(evaluate(found, d("2026-03-01")), "transfer-in-notice")
        assert (row.done, row.status) == (d(told), expected)
    assert row.citation == "SEND Regulations 2014 reg 15(4)"
    # No exception in law; a plan transferred out again before the letter was due owes none.
    assert "transfer-in-notice" not in LAWFUL_GROUNDS
    found = [moved, ev("exception", "2026-01-10", ground="absent-from-area")]
    assert one(evaluate(found, d("2026-03-01")), "transfer-in-notice").status == "overdue"
    out = [moved, ev("transferred_out", "2026-02-01")]
    assert "transfer-in-notice" not in rules(evaluate(out, d("2026-03-01")))
    # A second transfer in has its own letter; the first letter does not answer it.
    again = [moved, ev("transfer_in_notified", "2026-01-20"), ev("plan_ceased", "2026-03-01"),
             ev("transferred_in", "2026-05-04")]  # fmt: skip
    rows = of(evaluate(again, d("2026-07-01")), "transfer-in-notice")
    assert [(r.due, r.status) for r in rows] == [
        (d("2026-02-16"), "met"),
        (d("2026-06-15"), "overdue"),
    ]


def test_transfer_out() -> None:
    # Learnt on Mon 2 Mar 2026 of a move on Wed 1 Apr: 15 working days' notice or more, so
    # the plan transfers on the day of the move.
    known = ev("move_out_known", "2026-03-02", move_date="2026-04-01")
    row = one(evaluate([PLAN_ISSUED, known], d("2026-04-01")), "transfer-out")
    assert (row.due, row.done, row.status) == (d("2026-04-01"), None, "pending")
    assert one(evaluate([PLAN_ISSUED, known], d("2026-04-02")), "transfer-out").status == (
        "overdue"
    )
    for out, expected in (("2026-04-01", "met"), ("2026-04-02", "late")):
        found = [PLAN_ISSUED, known, ev("transferred_out", out)]
        row = one(evaluate(found, d("2026-05-01")), "transfer-out")
        assert (row.done, row.status) == (d(out), expected)
    assert row.citation == "SEND Regulations 2014 reg 15(2)"
    # Learnt on Wed 25 Mar of a move on Wed 1 Apr: less notice, so within 15 working days
    # beginning with the day it learnt (25 Mar is the first) — Good Friday (3 Apr) and
    # Easter Monday (6 Apr) 2026 do not count: the 15th working day is Thu 16 Apr.
    short = ev("move_out_known", "2026-03-25", move_date="2026-04-01")
    row = one(evaluate([PLAN_ISSUED, short], d("2026-04-10")), "transfer-out")
    assert row.due == d("2026-04-16")
    # Learnt on a Saturday: the first of the 15 is the Monday after.
    weekend = ev("move_out_known", "2026-03-28", move_date="2026-04-01")
    assert one(evaluate([PLAN_ISSUED, weekend], d("2026-04-10")), "transfer-out").due == d(
        "2026-04-21"
    )
    # Learnt after the move: the same 15 working days from the day it learnt.
    after = ev("move_out_known", "2026-04-20", move_date="2026-04-01")
    assert one(evaluate([PLAN_ISSUED, after], d("2026-04-21")), "transfer-out").due == d(
        "2026-05-11"
    )  # 4 May is the early May bank holiday
    # No exception in law lifts it.
    assert "transfer-out" not in LAWFUL_GROUNDS
    found = [PLAN_ISSUED, known, ev("exception", "2026-03-05", ground="absent-from-area")]
    assert one(evaluate(found, d("2026-05-01")), "transfer-out").status == "overdue"
    # The transfer out ends the plan: its annual review no longer falls due.
    out = [PLAN_ISSUED, known, ev("transferred_out", "2026-04-01")]
    assert "annual-review" not in rules(evaluate(out, d("2026-07-01")))


# --- the under-fives guidance (CoP 9.178) ----------------------------------------------------


def test_under_five_review() -> None:
    from senda.clock import Child

    born = Child(date(2022, 9, 1))  # five on 1 Sep 2027
    six = LocalPolicy(under_five_review_months=6)
    plan = [ev("final_plan_issued", "2026-01-05")]
    # Off by default: no row however young the child.
    assert "under-five-review" not in rules(evaluate(plan, d("2026-08-01"), child=born))
    row = one(evaluate(plan, d("2026-07-05"), child=born, policy=six), "under-five-review")
    assert (row.due, row.done, row.status) == (d("2026-07-05"), None, "pending")
    assert row.citation.startswith("guidance (not statutory): SEND Code of Practice 9.178")
    late = one(evaluate(plan, d("2026-07-06"), child=born, policy=six), "under-five-review")
    assert late.status == "overdue"
    for met_on, expected in (("2026-07-05", "met"), ("2026-07-06", "late")):
        found = [*plan, ev("review_meeting", met_on)]
        rows = of(evaluate(found, d("2026-08-01"), child=born, policy=six), "under-five-review")
        assert (rows[0].done, rows[0].status) == (d(met_on), expected)
        # The next is due 6 months after that meeting, before the fifth birthday.
        assert rows[1].due == d(met_on).replace(year=2027, month=1)
    # Three months, and none due on or after the fifth birthday (the annual review covers it).
    three = LocalPolicy(under_five_review_months=3)
    meetings = [*plan] + [ev("review_meeting", f"{y}-{m:02d}-01") for y, m in
                          ((2026, 4), (2026, 7), (2026, 10), (2027, 1), (2027, 4))]  # fmt: skip
    rows = of(evaluate(meetings, d("2027-09-30"), child=born, policy=three), "under-five-review")
    assert [r.status for r in rows] == ["met"] * 5 + ["overdue"]
    assert rows[-1].due == d("2027-07-01")
    assert all(r.due < d("2027-09-01") for r in rows)
    # Guidance, not law: a local rule, no exception lifts it, and no date of birth no row.
    assert "under-five-review" in LOCAL_RULES and "under-five-review" not in LAWFUL_GROUNDS
    assert "under-five-review" not in rules(evaluate(plan, d("2026-08-01"), policy=six))
    excepted = [*plan, ev("exception", "2026-02-01", ground="personal-circumstances")]
    assert one(evaluate(excepted, d("2026-07-06"), child=born, policy=six),
               "under-five-review").status == "overdue"  # fmt: skip

"""One test per disagreement rule, named after its stable id (``appeal-deadline`` →
``test_appeal_deadline``), with worked examples from families-and-disagreements.md.

Working days in spring 2026: Good Friday is Fri 3 Apr, Easter Monday Mon 6 Apr, the early
May bank holiday Mon 4 May; the summer bank holiday is Mon 31 Aug 2026.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

import pytest
from clock_cases import d, ev, of, one, rules

from senda import clock
from senda.clock import (
    DISAGREEMENT_RULES,
    FAMILY_RULES,
    LOCAL_RULES,
    RULES,
    AppealFacts,
    MediationFacts,
    OrderFacts,
    appeal_deadline,
    appeal_deadlines,
    complaint_deadlines,
    evaluate,
    mediation_deadlines,
    order_deadlines,
    rights_transfer_deadline,
)
from senda.clock.calendar import BankHolidayCalendar, TribunalCalendar, working_days_before
from senda.clock.rules import citation

DECISION = d("2026-03-02")  # Mon 2 Mar 2026
DAY = timedelta(days=1)


def mediation(**fields: object) -> MediationFacts:
    fields.setdefault("decision_on", DECISION)
    return MediationFacts(**fields)  # type: ignore[arg-type]


def done_status(rows: list[clock.Deadline], rule: str) -> tuple[date, date | None, str]:
    row = one(rows, rule)
    return row.due, row.done, row.status


# --- the catalogue ---------------------------------------------------------------------


def test_every_disagreement_rule_has_a_test_named_after_it() -> None:
    module = sys.modules[__name__]
    missing = [
        rule_id
        for rule_id in DISAGREEMENT_RULES
        if not callable(getattr(module, "test_" + rule_id.replace("-", "_"), None))
    ]
    assert missing == []


def test_the_disagreement_rules_are_in_the_one_catalogue() -> None:
    assert len(DISAGREEMENT_RULES) == len(set(DISAGREEMENT_RULES)) == 24
    for rule_id in DISAGREEMENT_RULES:
        rule = RULES[rule_id]
        assert rule.id == rule_id and rule.title and rule.citation and rule.span
        assert rule.statement and rule.plain
        assert citation(rule_id)  # printed in full, never "SEND Regulations 2014 HESC…"
        assert not citation(rule_id).startswith("SEND Regulations 2014 Tribunal")
    assert {"mediation-adviser-contact", "appeal-deadline"} == FAMILY_RULES


#: The rules families-and-disagreements.md marks ◐ (a secondary source) and how sure each
#: note must say it is.
SECONDARY = (
    "certificate-declined",
    "health-issues-notified",
    "mediation-health-only",
    "mediation-arranged",
    "certificate-deemed",
    "mediation-notice",
    "certificate-after-mediation",
    "la-response",
    "recommendations-response",
    "order-amend",
    "order-change-school",
    "order-school-and-contents",
    "order-continue",
    "order-cease",
    "complaint-stage1-acknowledged",
    "complaint-stage1",
    "complaint-stage2-acknowledged",
    "complaint-stage2",
)


@pytest.mark.parametrize("rule_id", SECONDARY)
def test_a_rule_confirmed_only_second_hand_says_so(rule_id: str) -> None:
    assert "confirmed only through a secondary source" in RULES[rule_id].note.lower()


@pytest.mark.parametrize("rule_id", ("mediation-adviser-contact", "appeal-deadline"))
def test_a_rule_read_from_the_text_needs_no_caveat(rule_id: str) -> None:
    assert RULES[rule_id].note == ""


def test_the_complaint_targets_are_guidance_not_law() -> None:
    for rule_id in clock.COMPLAINT_RULES:
        assert RULES[rule_id].limit_kind == "guidance"
        assert rule_id in LOCAL_RULES
        assert citation(rule_id).startswith("guidance (not statutory): LGSCO")


def test_evaluate_never_gives_a_disagreement_row() -> None:
    """ADR 0018: separate records, separate answers."""
    events = [
        ev("request_received", "2025-01-06"),
        ev("assess_decision", "2025-02-10", outcome="assess"),
        ev("final_plan_issued", "2025-05-19"),
        ev("review_meeting", "2026-03-04"),
        ev("review_decision", "2026-03-25", outcome="cease", reason=2),
        ev("cease_decision", "2026-03-25", outcome="cease", reason=2),
        ev("reassessment_requested", "2026-01-05"),
        ev("reassess_decision", "2026-01-10", outcome="refuse"),
    ]
    found = rules(evaluate(events, d("2026-12-01")))
    assert found and found.isdisjoint(DISAGREEMENT_RULES)


# --- mediation -------------------------------------------------------------------------


def test_mediation_adviser_contact() -> None:
    due = d("2026-05-02")  # 2 months, a Saturday: the regulation does not move it
    rows = mediation_deadlines(mediation(), d("2026-05-02"))
    assert done_status(rows, "mediation-adviser-contact") == (due, None, "pending")
    rows = mediation_deadlines(mediation(), d("2026-05-03"))
    assert done_status(rows, "mediation-adviser-contact") == (due, None, "overdue")
    for on, expected in (("2026-05-02", "met"), ("2026-05-04", "late")):
        rows = mediation_deadlines(mediation(adviser_contacted_on=d(on)), d("2026-06-01"))
        assert done_status(rows, "mediation-adviser-contact") == (due, d(on), expected)
    assert "reg 33" in one(rows, "mediation-adviser-contact").citation
    # A month without the day: the last day of the month.
    rows = mediation_deadlines(mediation(decision_on=d("2025-12-31")), d("2026-01-01"))
    assert one(rows, "mediation-adviser-contact").due == d("2026-02-28")
    # Nothing else is owed before the family chooses.
    assert rules(rows) == {"mediation-adviser-contact"}


def test_certificate_declined() -> None:
    # Declined on Thu 2 Apr 2026: Good Friday and Easter Monday do not count.
    declined = mediation(adviser_contacted_on=d("2026-04-02"), choice="decline")
    due = d("2026-04-09")
    assert done_status(mediation_deadlines(declined, d("2026-04-09")), "certificate-declined") == (
        due,
        None,
        "pending",
    )
    assert one(mediation_deadlines(declined, d("2026-04-10")), "certificate-declined").status == (
        "overdue"
    )
    for on, expected in (("2026-04-09", "met"), ("2026-04-10", "late")):
        facts = mediation(
            adviser_contacted_on=d("2026-04-02"),
            choice="decline",
            certificate="declined",
            certificate_on=d(on),
        )
        rows = mediation_deadlines(facts, d("2026-05-01"))
        assert done_status(rows, "certificate-declined") == (due, d(on), expected)
    # Wanting mediation is no decline.
    wants = mediation(adviser_contacted_on=d("2026-04-02"), choice="mediate")
    assert "certificate-declined" not in rules(mediation_deadlines(wants, d("2026-05-01")))


def test_health_issues_notified() -> None:
    facts = mediation(choice="mediate", la_told_on=DECISION, health_sought=True)
    rows = mediation_deadlines(facts, d("2026-03-06"))
    assert done_status(rows, "health-issues-notified") == (d("2026-03-05"), None, "overdue")
    facts = mediation(
        choice="mediate", la_told_on=DECISION, health_sought=True, icb_notified_on=d("2026-03-05")
    )
    rows = mediation_deadlines(facts, d("2026-03-06"))
    assert done_status(rows, "health-issues-notified") == (d("2026-03-05"), d("2026-03-05"), "met")
    no_health = mediation(choice="mediate", la_told_on=DECISION)
    assert "health-issues-notified" not in rules(mediation_deadlines(no_health, d("2026-03-06")))


def test_mediation_health_only() -> None:
    facts = mediation(
        choice="mediate", la_told_on=DECISION, health_only=True, icb_notified_on=d("2026-03-05")
    )
    rows = mediation_deadlines(facts, d("2026-04-04"))
    assert done_status(rows, "mediation-health-only") == (d("2026-04-04"), None, "pending")
    # The health commissioner arranges it: the council's 30 days do not apply.
    assert "mediation-arranged" not in rules(rows)
    # The health notice is owed even when health is all that is in dispute.
    assert one(rows, "health-issues-notified").status == "met"
    late = mediation(
        choice="mediate",
        la_told_on=DECISION,
        health_only=True,
        icb_notified_on=d("2026-03-05"),
        meeting_on=d("2026-04-06"),
    )
    assert one(mediation_deadlines(late, d("2026-05-01")), "mediation-health-only").status == "late"
    # Until the commissioner is told, its 30 days have not started.
    unknown = mediation(choice="mediate", la_told_on=DECISION, health_only=True)
    assert "mediation-health-only" not in rules(mediation_deadlines(unknown, d("2026-05-01")))


def test_mediation_arranged() -> None:
    facts = mediation(choice="mediate", la_told_on=DECISION)
    assert done_status(mediation_deadlines(facts, d("2026-04-01")), "mediation-arranged") == (
        d("2026-04-01"),
        None,
        "pending",
    )
    assert one(mediation_deadlines(facts, d("2026-04-02")), "mediation-arranged").status == (
        "overdue"
    )
    for on, expected in (("2026-04-01", "met"), ("2026-04-02", "late")):
        held = mediation(choice="mediate", la_told_on=DECISION, meeting_on=d(on))
        rows = mediation_deadlines(held, d("2026-05-01"))
        assert done_status(rows, "mediation-arranged") == (d("2026-04-01"), d(on), expected)
    # Not told yet: nothing of the council's is owed.
    assert "mediation-arranged" not in rules(
        mediation_deadlines(mediation(choice="mediate"), d("2026-05-01"))
    )


def test_certificate_deemed() -> None:
    facts = mediation(choice="mediate", la_told_on=DECISION, cannot_arrange_on=d("2026-03-25"))
    rows = mediation_deadlines(facts, d("2026-03-31"))
    assert done_status(rows, "certificate-deemed") == (d("2026-03-30"), None, "overdue")
    issued = mediation(
        choice="mediate",
        la_told_on=DECISION,
        cannot_arrange_on=d("2026-03-25"),
        certificate="deemed",
        certificate_on=d("2026-03-27"),
    )
    rows = mediation_deadlines(issued, d("2026-03-31"))
    assert done_status(rows, "certificate-deemed") == (d("2026-03-30"), d("2026-03-27"), "met")
    # A certificate of another kind does not answer it.
    other = mediation(
        choice="mediate",
        la_told_on=DECISION,
        cannot_arrange_on=d("2026-03-25"),
        certificate="after",
        certificate_on=d("2026-03-27"),
    )
    assert one(mediation_deadlines(other, d("2026-03-31")), "certificate-deemed").done is None


def test_mediation_notice() -> None:
    # A meeting on Fri 10 Apr 2026: 5 working days before it, skipping Easter, is Wed 1 Apr.
    assert RULES["mediation-notice"].limit_kind == "at-latest"
    for notice, expected in (("2026-03-31", "met"), ("2026-04-01", "met"), ("2026-04-02", "late")):
        facts = mediation(
            choice="mediate", la_told_on=DECISION, meeting_on=d("2026-04-10"), notice_on=d(notice)
        )
        rows = mediation_deadlines(facts, d("2026-04-20"))
        assert done_status(rows, "mediation-notice") == (d("2026-04-01"), d(notice), expected)
    planned = mediation(choice="mediate", la_told_on=DECISION, meeting_on=d("2026-04-10"))
    assert (
        one(mediation_deadlines(planned, d("2026-03-30")), "mediation-notice").status == "pending"
    )
    assert (
        one(mediation_deadlines(planned, d("2026-04-02")), "mediation-notice").status == "overdue"
    )


def test_certificate_after_mediation() -> None:
    # Ended Wed 1 Apr 2026: Thu 2, Tue 7, Wed 8 Apr.
    ended = mediation(choice="mediate", la_told_on=DECISION, meeting_on=d("2026-04-01"))
    assert "certificate-after-mediation" not in rules(mediation_deadlines(ended, d("2026-04-02")))
    facts = mediation(
        choice="mediate",
        la_told_on=DECISION,
        meeting_on=d("2026-04-01"),
        ended_on=d("2026-04-01"),
        certificate="after",
        certificate_on=d("2026-04-09"),
    )
    rows = mediation_deadlines(facts, d("2026-04-20"))
    assert done_status(rows, "certificate-after-mediation") == (
        d("2026-04-08"),
        d("2026-04-09"),
        "late",
    )


def test_mediation_rows_are_sorted_by_due() -> None:
    facts = mediation(
        adviser_contacted_on=d("2026-03-10"),
        choice="mediate",
        la_told_on=d("2026-03-10"),
        health_sought=True,
        meeting_on=d("2026-04-08"),
        ended_on=d("2026-04-08"),
    )
    rows = mediation_deadlines(facts, d("2026-04-09"))
    assert [row.due for row in rows] == sorted(row.due for row in rows)
    assert {row.status for row in rows} <= set(clock.STATUSES)


# --- appeals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "certificate", "due", "why"),
    (
        ("2026-10-30", None, "2027-01-04", "30 Dec: first working day after 1 Jan (r12(3)(a))"),
        ("2026-10-25", None, "2027-01-04", "25 Dec, Christmas Day itself"),
        ("2026-11-01", None, "2027-01-04", "1 Jan itself"),
        ("2026-10-24", None, "2026-12-24", "24 Dec is a working day: no move"),
        ("2026-06-15", None, "2026-09-01", "15 Aug: after 31 Aug, a bank holiday in 2026"),
        ("2025-06-05", None, "2025-09-01", "5 Aug 2025: Mon 1 Sep"),
        ("2026-06-30", None, "2026-09-01", "30 Aug"),
        ("2026-05-31", None, "2026-07-31", "31 Jul is a Friday: no move"),
        ("2026-03-02", None, "2026-05-05", "2 May is a Saturday, Mon 4 May a bank holiday"),
        ("2026-01-05", "2026-02-20", "2026-03-20", "the certificate's month is later: it wins"),
        ("2026-01-05", "2026-01-10", "2026-03-05", "the certificate's month is earlier"),
        ("2025-12-31", None, "2026-03-02", "28 Feb 2026 (no 31st) is a Saturday: Mon 2 Mar"),
    ),
)
def test_appeal_deadline(decision: str, certificate: str | None, due: str, why: str) -> None:
    cert = d(certificate) if certificate else None
    assert appeal_deadline(d(decision), cert) == d(due), why
    row = one(
        appeal_deadlines(AppealFacts(d(decision), certificate_on=cert), d(due)), "appeal-deadline"
    )
    assert (row.due, row.status) == (d(due), "pending")
    assert "r20(1)(c)" in row.citation


def test_appeal_deadline_status() -> None:
    facts = AppealFacts(DECISION, lodged_on=d("2026-05-05"))
    assert done_status(appeal_deadlines(facts, d("2026-06-01")), "appeal-deadline") == (
        d("2026-05-05"),
        d("2026-05-05"),
        "met",
    )
    facts = AppealFacts(DECISION, lodged_on=d("2026-05-06"))
    assert one(appeal_deadlines(facts, d("2026-06-01")), "appeal-deadline").status == "late"
    assert one(
        appeal_deadlines(AppealFacts(DECISION), d("2026-05-06")), "appeal-deadline"
    ).status == ("overdue")


def test_la_response() -> None:
    # Registered Wed 1 Jul 2026: 22 working days in July, none in August, 8 in September.
    facts = AppealFacts(DECISION, lodged_on=d("2026-04-20"), registered_on=d("2026-07-01"))
    rows = appeal_deadlines(facts, d("2026-09-10"))
    assert done_status(rows, "la-response") == (d("2026-09-10"), None, "pending")
    # Registered Tue 1 Dec 2026: 25 Dec – 1 Jan do not count (HESC r12(3)(b)).
    rows = appeal_deadlines(AppealFacts(DECISION, registered_on=d("2026-12-01")), d("2026-12-02"))
    assert one(rows, "la-response").due == d("2027-01-20")
    assert BankHolidayCalendar().add_working_days(d("2026-12-01"), 30) == d("2027-01-15")
    # The tribunal's own date wins.
    facts = AppealFacts(
        DECISION,
        registered_on=d("2026-07-01"),
        response_due_on=d("2026-09-04"),
        response_on=d("2026-09-07"),
    )
    assert done_status(appeal_deadlines(facts, d("2026-10-01")), "la-response") == (
        d("2026-09-04"),
        d("2026-09-07"),
        "late",
    )
    # Not registered, no date set: nothing owed yet.
    assert "la-response" not in rules(appeal_deadlines(AppealFacts(DECISION), d("2026-10-01")))


def test_recommendations_response() -> None:
    facts = AppealFacts(DECISION, extended=True, decided_on=d("2026-09-14"))
    rows = appeal_deadlines(facts, d("2026-10-20"))
    assert done_status(rows, "recommendations-response") == (d("2026-10-19"), None, "overdue")
    answered = AppealFacts(
        DECISION,
        extended=True,
        decided_on=d("2026-09-14"),
        recommendations_answered_on=d("2026-10-19"),
    )
    assert (
        one(appeal_deadlines(answered, d("2026-10-20")), "recommendations-response").status == "met"
    )
    # Not an extended appeal: no recommendations to answer.
    plain = AppealFacts(DECISION, decided_on=d("2026-09-14"))
    assert "recommendations-response" not in rules(appeal_deadlines(plain, d("2026-10-20")))
    # A recommendation recorded as an order has the same limit.
    rows = order_deadlines(OrderFacts("recommendation", d("2026-09-14")), d("2026-10-01"))
    assert done_status(rows, "recommendations-response") == (d("2026-10-19"), None, "pending")


def test_tribunal_calendar_skips_august_and_christmas_week() -> None:
    cal = TribunalCalendar(BankHolidayCalendar())
    assert not cal.is_working_day(d("2026-08-03"))
    assert not cal.is_working_day(d("2026-12-29"))
    assert not cal.is_working_day(d("2027-01-01"))
    assert cal.is_working_day(d("2026-07-31"))
    assert cal.add_working_days(d("2026-07-31"), 1) == d("2026-09-01")


def test_working_days_before() -> None:
    cal = BankHolidayCalendar()
    assert working_days_before(cal, d("2026-04-10"), 5) == d("2026-04-01")
    assert working_days_before(cal, d("2026-03-13"), 5) == d("2026-03-06")
    assert working_days_before(cal, d("2026-03-13"), 0) == d("2026-03-13")


# --- orders ----------------------------------------------------------------------------

MADE = d("2026-03-02")


@pytest.mark.parametrize(
    ("kind", "rule", "due"),
    (
        ("assess", "order-assess", "2026-03-16"),
        ("amend_contents", "order-amend", "2026-04-06"),
        ("change_school", "order-change-school", "2026-03-16"),
        ("school_and_contents", "order-school-and-contents", "2026-04-06"),
        ("continue", "order-continue", "2026-03-02"),
        ("cease", "order-cease", "2026-03-02"),
    ),
)
def test_each_kind_of_order(kind: str, rule: str, due: str) -> None:
    rows = order_deadlines(OrderFacts(kind, MADE), MADE)
    assert [(r.rule, r.due, r.status) for r in rows] == [(rule, d(due), "pending")]
    assert "reg 44" in rows[0].citation
    done = order_deadlines(OrderFacts(kind, MADE, done_on=d(due)), d("2026-05-01"))
    assert done[0].status == "met"
    late = order_deadlines(OrderFacts(kind, MADE, done_on=d(due) + DAY), d("2026-05-01"))
    assert late[0].status == "late"
    overdue = order_deadlines(OrderFacts(kind, MADE), d("2026-05-01"))
    assert overdue[0].status == "overdue"


def test_order_assess() -> None:
    rows = order_deadlines(OrderFacts("assess", MADE, by_concession=True), d("2026-03-17"))
    assert done_status(rows, "order-assess") == (d("2026-03-16"), None, "overdue")
    assert "reg 45" in rows[0].citation


def test_order_make_plan_draft() -> None:
    rows = order_deadlines(OrderFacts("make_plan", MADE, draft_on=d("2026-04-07")), d("2026-04-08"))
    assert done_status(rows, "order-make-plan-draft") == (d("2026-04-06"), d("2026-04-07"), "late")
    assert done_status(rows, "order-make-plan-final") == (d("2026-05-18"), None, "pending")
    # The final plan recorded without the draft's date: the final plan answers it.
    rows = order_deadlines(OrderFacts("make_plan", MADE, done_on=d("2026-05-18")), d("2026-06-01"))
    assert rules(rows) == {"order-make-plan-final"}


def test_order_make_plan_final() -> None:
    facts = OrderFacts("make_plan", MADE, done_on=d("2026-05-18"), draft_on=d("2026-04-06"))
    rows = order_deadlines(facts, d("2026-06-01"))
    assert [(r.rule, r.status) for r in rows] == [
        ("order-make-plan-draft", "met"),
        ("order-make-plan-final", "met"),
    ]


def test_order_amend() -> None:
    rows = order_deadlines(OrderFacts("amend_contents", MADE), d("2026-04-07"))
    assert done_status(rows, "order-amend") == (d("2026-04-06"), None, "overdue")


def test_order_change_school() -> None:
    rows = order_deadlines(
        OrderFacts("change_school", MADE, done_on=d("2026-03-16")), d("2026-04-07")
    )
    assert done_status(rows, "order-change-school") == (d("2026-03-16"), d("2026-03-16"), "met")


def test_order_school_and_contents() -> None:
    rows = order_deadlines(OrderFacts("school_and_contents", MADE), d("2026-04-06"))
    assert done_status(rows, "order-school-and-contents") == (d("2026-04-06"), None, "pending")


def test_order_continue() -> None:
    rows = order_deadlines(OrderFacts("continue", MADE), d("2026-03-03"))
    assert done_status(rows, "order-continue") == (MADE, None, "overdue")


def test_order_cease() -> None:
    rows = order_deadlines(OrderFacts("cease", MADE, done_on=MADE), d("2026-03-03"))
    assert done_status(rows, "order-cease") == (MADE, MADE, "met")


def test_an_unknown_kind_of_order_gives_no_rows() -> None:
    assert order_deadlines(OrderFacts("reconsider", MADE), MADE) == []


def test_every_kind_of_appeal_order_has_its_rules() -> None:
    kinds = (
        "assess",
        "make_plan",
        "amend_contents",
        "change_school",
        "school_and_contents",
        "continue",
        "cease",
        "recommendation",
    )
    assert set(clock.disagreements.ORDER_KIND_RULES) == set(kinds)
    found = {rule for rules_ in clock.disagreements.ORDER_KIND_RULES.values() for rule in rules_}
    assert found == set(clock.TRIBUNAL_ORDER_RULES) | {"recommendations-response"}


# --- complaints ------------------------------------------------------------------------

RECEIVED = d("2026-03-02")
ESCALATED = d("2026-04-01")  # Wed 1 Apr 2026: Easter follows


def test_complaint_stage1_acknowledged() -> None:
    rows = complaint_deadlines(received_on=RECEIVED, today=d("2026-03-09"))
    assert done_status(rows, "complaint-stage1-acknowledged") == (d("2026-03-09"), None, "pending")
    rows = complaint_deadlines(
        received_on=RECEIVED, acknowledged_on=d("2026-03-10"), today=d("2026-03-11")
    )
    assert one(rows, "complaint-stage1-acknowledged").status == "late"


def test_complaint_stage1() -> None:
    rows = complaint_deadlines(received_on=RECEIVED, today=d("2026-03-17"))
    assert done_status(rows, "complaint-stage1") == (d("2026-03-16"), None, "overdue")
    # The council's own number of working days.
    rows = complaint_deadlines(received_on=RECEIVED, stage1_days=15, today=d("2026-03-17"))
    assert one(rows, "complaint-stage1").due == d("2026-03-23")
    # One extension, explained: a new date up to 10 more working days counts…
    rows = complaint_deadlines(
        received_on=RECEIVED,
        extended_to=d("2026-03-27"),
        stage1_responded_on=d("2026-03-27"),
        today=d("2026-04-01"),
    )
    assert done_status(rows, "complaint-stage1") == (d("2026-03-27"), d("2026-03-27"), "met")
    # …and no further: 20 working days from Mon 2 Mar is Mon 30 Mar.
    rows = complaint_deadlines(
        received_on=RECEIVED, extended_to=d("2026-04-30"), today=d("2026-04-01")
    )
    assert done_status(rows, "complaint-stage1") == (d("2026-03-30"), None, "overdue")
    # An "extension" to before the due day does not bring it forward.
    rows = complaint_deadlines(received_on=RECEIVED, extended_to=d("2026-03-10"), today=RECEIVED)
    assert one(rows, "complaint-stage1").due == d("2026-03-16")


def test_complaint_stage2_acknowledged() -> None:
    rows = complaint_deadlines(
        received_on=RECEIVED,
        stage1_responded_on=d("2026-03-16"),
        escalated_on=ESCALATED,
        today=d("2026-04-13"),
    )
    assert done_status(rows, "complaint-stage2-acknowledged") == (d("2026-04-10"), None, "overdue")
    rows = complaint_deadlines(
        received_on=RECEIVED,
        escalated_on=ESCALATED,
        stage2_acknowledged_on=d("2026-04-02"),
        today=d("2026-04-13"),
    )
    assert one(rows, "complaint-stage2-acknowledged").status == "met"
    # Answered without a recorded acknowledgement: the answer is the acknowledgement.
    rows = complaint_deadlines(
        received_on=RECEIVED,
        escalated_on=ESCALATED,
        stage2_responded_on=d("2026-04-08"),
        today=d("2026-04-13"),
    )
    assert "complaint-stage2-acknowledged" not in rules(rows)
    # Not escalated: no stage 2 rows.
    assert rules(complaint_deadlines(received_on=RECEIVED, today=d("2026-04-13"))) == {
        "complaint-stage1-acknowledged",
        "complaint-stage1",
    }


def test_complaint_stage2() -> None:
    rows = complaint_deadlines(
        received_on=RECEIVED,
        escalated_on=ESCALATED,
        stage2_responded_on=d("2026-05-01"),
        today=d("2026-05-05"),
    )
    assert done_status(rows, "complaint-stage2") == (d("2026-05-01"), d("2026-05-01"), "met")
    rows = complaint_deadlines(
        received_on=RECEIVED, escalated_on=ESCALATED, stage2_days=25, today=d("2026-05-05")
    )
    assert done_status(rows, "complaint-stage2") == (d("2026-05-11"), None, "pending")
    assert [r.due for r in rows] == sorted(r.due for r in rows)


# --- rights ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "transfer", "why"),
    (
        ("2010-08-31", "2026-06-27", "16 on 31 Aug: before the birthday, after 26 Jun 2026"),
        ("2010-09-01", "2027-06-26", "16 on 1 Sep: a school year later"),
        ("2010-06-26", "2026-06-27", "16 on the last Friday of June itself"),
        ("2010-06-27", "2026-06-27", "16 the day after it: rights pass on the birthday"),
        ("2012-02-29", "2028-07-01", "born 29 Feb: last Friday of June 2028 is 30 Jun"),
    ),
)
def test_rights_transfer(born: str, transfer: str, why: str) -> None:
    assert RULES["rights-transfer"].due(d(born)) == d(transfer), why
    assert RULES["rights-transfer"].limit_kind == "by-date"
    the_day = d(transfer)
    before = rights_transfer_deadline(d(born), the_day - DAY)
    assert (before.due, before.done, before.status) == (the_day, None, "pending")
    after = rights_transfer_deadline(d(born), the_day)
    assert (after.due, after.done, after.status) == (the_day, the_day, "met")
    assert clock.rights.is_young_person(d(born), the_day)
    assert "s8(3)" in after.citation


def test_rows_are_plain_deadlines() -> None:
    rows = of(appeal_deadlines(AppealFacts(DECISION), DECISION), "appeal-deadline")
    assert rows[0].as_json()["rule"] == "appeal-deadline"

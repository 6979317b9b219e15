"""senda.performance.tally: each computed KPI's numerator and denominator from hand-built
cases, the exception rule, period boundaries and the as-of rule. Pure: no database."""

from __future__ import annotations

from datetime import date
from itertools import count

from senda.clock import Event, evaluate
from senda.performance import tally
from senda.performance.tally import ALL, CaseRecord, Figure

_ids = count(1)
MAY = (date(2026, 5, 1), date(2026, 5, 31))
JUNE = (date(2026, 6, 1), date(2026, 6, 30))


def case(*events: Event, closed=False, at_setting=True, **dims: str) -> CaseRecord:
    return CaseRecord(next(_ids), closed, at_setting, dims, list(events))


def ev(type: str, on: str, **fields) -> Event:
    return Event(type, date.fromisoformat(on), **fields)


def whole(found, kpi) -> tuple:
    t = found[kpi][ALL]
    return (t.numerator, t.denominator, t.numerator_with_exceptions, t.denominator_with_exceptions)


def rate(found, kpi) -> tuple:
    return whole(found, kpi)[:2]


def request(on: str = "2026-01-05") -> Event:
    return ev("request_received", on)


EXCEPTION = ev("exception", "2026-02-01", ground="personal-circumstances")

# Requested 5 January 2026: the final plan is due 20 weeks later, on 25 May 2026.
FINAL_PLANS = [
    case(request(), ev("final_plan_issued", "2026-05-25"), need="ASD"),  # on the due day
    case(request(), ev("final_plan_issued", "2026-05-26"), need="SLD"),  # a day late
    case(request(), EXCEPTION, ev("final_plan_issued", "2026-05-11"), need="ASD"),
    case(request(), EXCEPTION, ev("final_plan_issued", "2026-05-31"), need="ASD"),
    case(request(), ev("final_plan_issued", "2026-06-01")),  # the next month
    case(request(), ev("final_plan_issued", "2026-04-30")),  # the month before
]


def test_final_plan_20w_leaves_exception_cases_out_of_both_and_reports_them_beside() -> None:
    found = tally.figures(FINAL_PLANS, *MAY, as_of=date(2026, 5, 31))
    assert whole(found, "final-plan-20w") == (1, 2, 2, 4)
    assert found["final-plan-20w"][("need", "ASD")] == Figure(1, 1, 2, 3)
    assert found["final-plan-20w"][("need", "SLD")] == Figure(0, 1, 0, 1)


def test_a_period_counts_its_first_and_last_days_only() -> None:
    june = tally.figures(FINAL_PLANS, *JUNE, as_of=date(2026, 6, 30))
    assert rate(june, "final-plan-20w") == (0, 1)
    april = tally.figures(FINAL_PLANS, date(2026, 4, 1), date(2026, 4, 30), date(2026, 6, 30))
    assert rate(april, "final-plan-20w") == (1, 1)


def test_events_after_the_as_of_day_are_not_known_yet() -> None:
    found = tally.figures(FINAL_PLANS, *MAY, as_of=date(2026, 5, 25))
    assert whole(found, "final-plan-20w") == (1, 1, 2, 2)


def test_tally_gives_several_periods_from_one_evaluation_each() -> None:
    seen: list[int] = []
    month, quarter = tally.tally(
        FINAL_PLANS,
        [MAY, (date(2026, 4, 1), date(2026, 6, 30))],
        date(2026, 6, 30),
        seen=lambda record, rows: seen.append(record.case_id),
    )
    assert len(seen) == len(FINAL_PLANS)
    assert whole(month, "final-plan-20w") == (1, 2, 2, 4)
    assert whole(quarter, "final-plan-20w") == (2, 4, 3, 6)


def test_assess_decision_6w() -> None:
    # Requested 2 March: due 13 April; requested 3 March: due 14 April.
    cases = [
        case(request("2026-03-02"), ev("assess_decision", "2026-04-13", outcome="assess")),
        case(request("2026-03-03"), ev("assess_decision", "2026-04-15", outcome="refuse")),
        case(
            request("2026-03-02"),
            ev("exception", "2026-03-10", ground="setting-closure"),
            ev("assess_decision", "2026-04-01", outcome="assess"),
        ),
        case(request("2026-03-02")),  # no decision yet: overdue, but not decided in the period
    ]
    found = tally.figures(cases, date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 30))
    assert whole(found, "assess-decision-6w") == (1, 2, 2, 3)


def test_advice_6w_counts_each_discipline_and_breaks_down_by_it() -> None:
    # Advice asked on 23 March is due 4 May.
    asked = [
        ev("advice_requested", "2026-03-23", discipline=d)
        for d in ("Education", "health", "social care")
    ]
    cases = [
        case(
            request("2026-03-02"),
            ev("assess_decision", "2026-03-20", outcome="assess"),
            *asked,
            ev("advice_received", "2026-05-04", discipline="education"),
            ev("advice_received", "2026-05-05", discipline="health"),
        ),
        case(
            request("2026-03-02"),
            ev("exception", "2026-04-01", ground="missed-appointment"),
            asked[0],
            ev("advice_received", "2026-05-10", discipline="education"),
        ),
    ]
    found = tally.figures(cases, *MAY, as_of=date(2026, 5, 31))
    assert whole(found, "advice-6w") == (1, 2, 1, 3)
    assert found["advice-6w"][("discipline", "education")] == Figure(1, 1, 1, 2)
    assert found["advice-6w"][("discipline", "health")] == Figure(0, 1, 0, 1)
    assert ("discipline", "social care") not in found["advice-6w"]  # not received yet


REVIEWS = [
    case(ev("final_plan_issued", "2025-06-10"), ev("review_meeting", "2026-06-10")),  # on time
    case(ev("final_plan_issued", "2025-06-12"), ev("review_meeting", "2026-06-20")),  # late
    case(ev("final_plan_issued", "2025-06-15")),  # due 15 June, not held: overdue
    case(ev("final_plan_issued", "2025-06-30")),  # due 30 June, not held: open on 30 June
    case(ev("final_plan_issued", "2025-05-31")),  # due 31 May, not held
]


def test_annual_review_on_time_leaves_out_reviews_not_due_yet() -> None:
    found = tally.figures(REVIEWS, *JUNE, as_of=date(2026, 6, 30))
    assert rate(found, "annual-review-on-time") == (1, 3)
    later = tally.figures(REVIEWS, *JUNE, as_of=date(2026, 7, 1))
    assert rate(later, "annual-review-on-time") == (1, 4)
    assert found["annual-review-on-time"][ALL].numerator_with_exceptions is None


def test_overdue_reviews_is_a_count_on_the_day_the_period_is_judged_with_bands() -> None:
    found = tally.figures(REVIEWS, *JUNE, as_of=date(2026, 6, 30))
    overdue = found["overdue-reviews"]
    assert overdue[ALL] == Figure(2, None)  # 15 June (15 days) and 31 May (30 days)
    assert overdue[("band", "Up to 4 weeks")] == Figure(1, None)
    assert overdue[("band", "4 to 13 weeks")] == Figure(1, None)
    # May is judged on 31 May: nothing was overdue then (the 31 May review was due that day).
    may = tally.figures(REVIEWS, *MAY, as_of=date(2026, 6, 30))
    assert may["overdue-reviews"][ALL] == Figure(0, None)
    # While June runs, it is judged on the as-of day: on 19 June the review due 12 June was
    # not held yet (its meeting on 20 June was not known then).
    running = tally.figures(REVIEWS, *JUNE, as_of=date(2026, 6, 19))
    assert running["overdue-reviews"][ALL] == Figure(3, None)


def test_setting_returns_on_time() -> None:
    def reviewed(received: str | None, **flags) -> CaseRecord:
        events = [ev("final_plan_issued", "2025-06-01"), ev("review_meeting", "2026-06-01")]
        if received:
            events.append(ev("review_report_received", received))
        return case(*events, **flags)

    # Meeting 1 June: the report is due 15 June.
    cases = [
        reviewed("2026-06-15"),  # on time
        reviewed("2026-06-20"),  # late
        reviewed(None),  # missing
        reviewed(None, closed=True),  # missing, case closed: no longer chased
        reviewed("2026-06-10", at_setting=False),  # no setting: left out
        reviewed("2026-06-25", closed=True),  # closed, received late: counted
    ]
    found = tally.figures(cases, *JUNE, as_of=date(2026, 6, 30))
    assert rate(found, "setting-returns-on-time") == (1, 4)
    # On 14 June nothing was due yet, though one had come in early.
    early = tally.figures(cases, *JUNE, as_of=date(2026, 6, 14))
    assert rate(early, "setting-returns-on-time") == (0, 0)


def test_review_decision_logging_and_amended_plan() -> None:
    # Meeting Monday 2 March 2026: decision due 30 March, logged due 9 March (5 working
    # days), amended plan due 25 May (12 weeks).
    cases = [
        case(
            ev("final_plan_issued", "2025-03-01"),
            ev("review_meeting", "2026-03-02"),
            ev("review_logged", "2026-03-09"),
            ev("review_decision", "2026-03-30", outcome="amend"),
            ev("amended_plan_issued", "2026-05-26"),
        ),
        case(
            ev("final_plan_issued", "2025-03-01"),
            ev("review_meeting", "2026-03-02"),
            ev("review_logged", "2026-03-10"),
            ev("review_decision", "2026-04-01", outcome="maintain"),
        ),
    ]
    march = tally.figures(cases, date(2026, 3, 1), date(2026, 3, 31), date(2026, 6, 30))
    assert rate(march, "review-decision-4w") == (1, 1)
    assert rate(march, "review-logged-5wd") == (1, 2)
    assert rate(march, "review-to-final-12w") == (0, 0)
    april = tally.figures(cases, date(2026, 4, 1), date(2026, 4, 30), date(2026, 6, 30))
    assert rate(april, "review-decision-4w") == (0, 1)
    may = tally.figures(cases, *MAY, as_of=date(2026, 6, 30))
    assert rate(may, "review-to-final-12w") == (0, 1)


def test_phase_transfer_on_time() -> None:
    # A move to school in September 2027 is due 15 February 2027; to post-16, 31 March.
    cases = [
        case(
            ev("final_plan_issued", "2024-09-01"),
            ev("phase_transfer", "2027-09-01", kind="school"),
            ev("phase_transfer_plan_issued", "2027-02-15"),
        ),
        case(
            ev("final_plan_issued", "2024-09-01"), ev("phase_transfer", "2027-09-01", kind="post16")
        ),
    ]
    q4 = (date(2027, 1, 1), date(2027, 3, 31))
    on_the_day = tally.figures(cases, *q4, as_of=date(2027, 3, 31))
    assert rate(on_the_day, "phase-transfer-on-time") == (1, 1)  # post-16 not due yet
    after = tally.figures(cases, *q4, as_of=date(2027, 4, 1))
    assert rate(after, "phase-transfer-on-time") == (1, 2)


def test_every_kpi_has_the_whole_area_even_when_nothing_fell_in_the_period() -> None:
    found = tally.figures([], *MAY, as_of=date(2026, 5, 31))
    assert set(found) == set(tally.KPIS)
    assert found["final-plan-20w"][ALL] == Figure(0, 0, 0, 0)
    assert found["overdue-reviews"][ALL] == Figure(0, None)
    assert found["review-decision-4w"][ALL] == Figure(0, 0)


def test_each_case_dimension_is_a_breakdown() -> None:
    dims = {"phase": "primary", "need": "ASD", "setting_type": "academy", "locality": "North",
            "officer": "7"}  # fmt: skip
    one = case(request(), ev("final_plan_issued", "2026-05-20"), **dims)
    found = tally.figures([one], *MAY, as_of=date(2026, 5, 31))["final-plan-20w"]
    assert set(found) == {ALL, *dims.items()}
    assert all(t == Figure(1, 1, 1, 1) for t in found.values())


def test_the_catalogue_lists_every_kpi_computed_here() -> None:
    from senda.performance import catalogue

    computed = {e.id: e for e in catalogue.computed()}
    # The portal's KPIs are counted from records by tick, not by the tally.
    records = {e.id for e in catalogue.from_records()}
    assert set(tally.KPIS) == set(computed) - {"caseload-at-target"} - records
    for kpi, definition in tally.KPIS.items():
        extra = (definition.by,) if definition.by else ()
        assert set(computed[kpi].dimensions) == {*tally.CASE_DIMENSIONS, *extra}, kpi
        assert computed[kpi].with_exceptions == definition.exceptions, kpi
        assert (computed[kpi].unit == "count") == (definition.kind == "count"), kpi


def logged(recorded: list[str], corrected: list[str], **dims: str) -> CaseRecord:
    """A case whose annual-review steps were first recorded on ``recorded`` (of which those
    on ``corrected`` were since corrected or withdrawn); no events for the clock."""
    days = sorted(date.fromisoformat(d) for d in recorded)
    wrong = sorted(date.fromisoformat(d) for d in corrected)
    return CaseRecord(next(_ids), False, True, dims, [], None, tally.DEFAULT_POLICY,
                      days, wrong)  # fmt: skip


# Recorded the day before May, on its first and last days, mid-month and the day after.
LOGGED = [
    logged(["2026-04-30", "2026-05-01", "2026-05-12"], ["2026-04-30", "2026-05-01"], need="ASD"),
    logged(["2026-05-20", "2026-05-31", "2026-06-01"], ["2026-05-31", "2026-06-01"], need="SLD"),
]


def test_review_logging_errors_counts_the_months_steps_later_corrected_of_those_recorded() -> None:
    found = tally.figures(LOGGED, *MAY, as_of=date(2026, 6, 30))
    assert rate(found, "review-logging-errors") == (2, 4)  # 1 May and 31 May of 1, 12, 20, 31
    assert found["review-logging-errors"][("need", "ASD")] == Figure(1, 2)
    assert found["review-logging-errors"][("need", "SLD")] == Figure(1, 2)
    june = tally.figures(LOGGED, *JUNE, as_of=date(2026, 6, 30))
    assert rate(june, "review-logging-errors") == (1, 1)


def test_review_logging_errors_counts_steps_recorded_by_the_day_the_figure_is_taken() -> None:
    found = tally.figures(LOGGED, *MAY, as_of=date(2026, 5, 12))
    assert rate(found, "review-logging-errors") == (1, 2)
    before = tally.figures(LOGGED, *MAY, as_of=date(2026, 4, 30))
    assert rate(before, "review-logging-errors") == (0, 0)


def test_review_logging_errors_needs_no_events_and_ignores_the_clocks_rows() -> None:
    reviewed = case(
        ev("final_plan_issued", "2025-05-01"), ev("review_meeting", "2026-05-01"), need="ASD"
    )
    found = tally.figures([reviewed], *MAY, as_of=date(2026, 5, 31))
    assert rate(found, "review-logging-errors") == (0, 0)
    assert rate(found, "annual-review-on-time") == (1, 1)


# Re-assessment (reg 25(1), 27(2)) and transfers in (reg 15(4)).


def reassessment(on: str = "2026-04-20") -> Event:
    return ev("reassessment_requested", on)


def test_reassess_decision_15d_counts_decisions_notified_in_the_period() -> None:
    # Asked on 20 April: the decision is due 15 days later, on 5 May.
    lapsed = case(reassessment("2026-04-10"), ev("transferred_out", "2026-05-10"))
    cases = [
        case(reassessment(), ev("reassess_decision", "2026-05-05", outcome="reassess")),
        case(reassessment(), ev("reassess_decision", "2026-05-06", outcome="refuse")),
        # An exception during a re-assessment covers the plan's 14 weeks, not this decision.
        case(
            reassessment(),
            ev("exception", "2026-04-25", ground="setting-closure"),
            ev("reassess_decision", "2026-05-04", outcome="reassess"),
        ),
        lapsed,  # due 25 April, never decided, plan transferred out 10 May: lapsed
        case(reassessment(), ev("reassess_decision", "2026-06-01", outcome="reassess")),
    ]
    found = tally.figures(cases, *MAY, as_of=date(2026, 5, 31))
    assert whole(found, "reassess-decision-15d") == (2, 3, None, None)
    rows = evaluate(lapsed.events, date(2026, 5, 31))
    assert [(r.rule, r.status) for r in rows] == [("reassess-decision", "lapsed")]
    assert rate(tally.figures(cases, *JUNE, as_of=date(2026, 6, 30)), "reassess-decision-15d") == (
        0,
        1,
    )


def reassessing(*later: Event) -> CaseRecord:
    """Asked 2 February, re-assessment notified 16 February: the plan is due 25 May."""
    return case(
        reassessment("2026-02-02"),
        ev("reassess_decision", "2026-02-16", outcome="reassess"),
        *later,
        need="ASD",
    )


EXCEPTED_LATER = ev("exception", "2026-03-01", ground="personal-circumstances")


def test_reassessment_plan_14w_leaves_exception_cases_out_of_both_and_reports_them_beside() -> None:
    cases = [
        reassessing(ev("reassessment_outcome", "2026-05-25", outcome="amend")),  # due day
        reassessing(ev("reassessment_outcome", "2026-05-26", outcome="replace")),  # a day late
        reassessing(EXCEPTED_LATER, ev("reassessment_outcome", "2026-05-29", outcome="amend")),
        reassessing(EXCEPTED_LATER, ev("reassessment_outcome", "2026-05-10", outcome="no-change")),
        reassessing(ev("transferred_out", "2026-05-27")),  # never final: lapsed, in no period
        reassessing(ev("reassessment_outcome", "2026-06-01", outcome="amend")),  # next month
    ]
    found = tally.figures(cases, *MAY, as_of=date(2026, 5, 31))
    assert whole(found, "reassessment-plan-14w") == (1, 2, 2, 4)
    assert found["reassessment-plan-14w"][("need", "ASD")] == Figure(1, 2, 2, 4)
    statuses = [r.status for r in evaluate(cases[4].events, date(2026, 5, 31))
                if r.rule == "reassessment-plan"]  # fmt: skip
    assert statuses == ["lapsed"]
    june = tally.figures(cases, *JUNE, as_of=date(2026, 6, 30))
    assert whole(june, "reassessment-plan-14w") == (0, 1, 0, 1)


def transferred_in(on: str = "2026-04-06", *later: Event) -> CaseRecord:
    return case(ev("transferred_in", on), *later)


def test_transfer_in_notice_6w_counts_transfers_due_in_the_period() -> None:
    # Transferred in 6 April: the family is to be told by 18 May.
    cases = [
        transferred_in("2026-04-06", ev("transfer_in_notified", "2026-05-18")),  # on the day
        transferred_in("2026-04-06", ev("transfer_in_notified", "2026-05-20")),  # late
        transferred_in("2026-04-06"),  # never told: overdue
        transferred_in("2026-04-06", ev("transferred_out", "2026-05-25")),  # lapsed: missed
        transferred_in("2026-04-06", ev("transferred_out", "2026-05-10")),  # ended before due
        transferred_in("2026-04-20", ev("transfer_in_notified", "2026-05-01")),  # due 1 June
    ]
    found = tally.figures(cases, *MAY, as_of=date(2026, 5, 31))
    assert whole(found, "transfer-in-notice-6w") == (1, 4, None, None)
    # On 18 May itself, the three not told yet may still be told that day: left out.
    due_day = tally.figures(cases, *MAY, as_of=date(2026, 5, 18))
    assert rate(due_day, "transfer-in-notice-6w") == (1, 1)
    june = tally.figures(cases, *JUNE, as_of=date(2026, 6, 30))
    assert rate(june, "transfer-in-notice-6w") == (1, 1)


# A transfer out is its own step (``transferred_out``); it ends the plan as a cease does.


def test_a_transfer_out_ends_the_plan_for_the_review_counts_as_a_cease_did() -> None:
    def reviewed(*end: Event) -> CaseRecord:
        # Plan issued 2 March 2025: the review was due 2 March 2026 and never held.
        return case(ev("final_plan_issued", "2025-03-02"), *end)

    going_on = reviewed()
    moved = reviewed(ev("transferred_out", "2026-04-15"))
    ceased_as_before = reviewed(ev("plan_ceased", "2026-04-15"))  # the old way of writing it
    for ended in (moved, ceased_as_before):
        found = tally.figures([going_on, ended], *MAY, as_of=date(2026, 5, 31))
        assert found["overdue-reviews"][ALL] == Figure(1, None)
        march = tally.figures([going_on, ended], date(2026, 3, 1), date(2026, 3, 31),
                              date(2026, 5, 31))  # fmt: skip
        assert rate(march, "annual-review-on-time") == (0, 2)  # missed, not forgotten
    # Before the transfer was recorded, both reviews were overdue.
    april = tally.figures([going_on, moved], date(2026, 3, 1), date(2026, 3, 31),
                          date(2026, 4, 14))  # fmt: skip
    assert april["overdue-reviews"][ALL] == Figure(2, None)

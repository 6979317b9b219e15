"""The triage score (pure, no database) and the query that feeds it."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from senda.casework import triage
from senda.casework.models import Complaint, DeadlineRow
from senda.casework.triage import CaseFacts, OpenDeadline, rank, score
from tests.factories import make_case, make_child, make_la, make_user

TODAY = date(2026, 3, 2)  # spring term 2025/26
DOCS = Path(__file__).resolve().parents[2] / "docs" / "triage.md"


def days(n):
    return TODAY + timedelta(days=n)


def facts(case_id=1, *deadlines, **fields):
    """Facts with ``deadlines`` given as (rule, days from TODAY)."""
    fields.setdefault("date_of_birth", date(2016, 12, 1))  # Year 4: no age factor
    dl = tuple(OpenDeadline(rule, days(n)) for rule, n in deadlines)
    return CaseFacts(case_id=case_id, deadlines=dl, **fields)


def order(*all_facts):
    return [s.case_id for s in rank(all_facts, TODAY)]


def labels(s):
    return [f.label for f in s.factors]


# ---- the score -------------------------------------------------------------------------------


def test_it_scores_nothing_without_a_weighted_open_deadline():
    assert score(facts(1), TODAY) is None
    assert score(facts(1, ("draft-comment-period", -3)), TODAY) is None


def test_it_adds_up_weight_and_weeks_overdue():
    s = score(facts(1, ("final-plan", -23)), TODAY)
    assert s.total == 40 + 3
    assert s.days_overdue == 23
    assert labels(s) == [
        "Final EHC plan issued (reg 13(2)) missed: its statutory weight",
        "Overdue by 23 days: a point a full week",
    ]
    assert [f.points for f in s.factors] == [40, 3]


def test_it_gives_a_deadline_not_yet_due_half_its_weight():
    s = score(facts(1, ("final-plan", 5)), TODAY)
    assert s.total == 20
    assert labels(s) == [
        "Final EHC plan issued (reg 13(2)) due by 7 March 2026: half its statutory weight"
    ]


def test_it_caps_the_weeks_overdue_at_a_year():
    assert score(facts(1, ("review-report", -7 * 300)), TODAY).total == 10 + 52


def test_it_ranks_a_missed_final_plan_above_a_late_report_late_for_longer():
    assert order(facts(1, ("review-report", -60)), facts(2, ("final-plan", -1))) == [2, 1]


def test_it_ranks_a_missed_phase_transfer_above_a_late_report():
    assert order(facts(1, ("review-report", -60)), facts(2, ("phase-transfer", -1))) == [2, 1]


def test_it_ranks_by_how_overdue_within_a_rule():
    assert order(facts(1, ("annual-review", -10)), facts(2, ("annual-review", -100))) == [2, 1]


def test_it_leads_with_the_deadline_worth_most():
    s = score(facts(1, ("review-report", -70), ("final-plan", -1)), TODAY)
    assert s.lead.rule == "final-plan"
    assert "1 other overdue deadline" in labels(s)
    assert s.total == 40 + 0 + 5


def test_it_counts_other_overdue_deadlines_up_to_twenty():
    many = [("advice", -8)] * 6
    s = score(facts(1, ("final-plan", -8), *many), TODAY)
    assert s.factors[-1] == triage.Factor("6 other overdue deadlines", 20)


def test_it_moves_a_case_up_for_an_imminent_phase_transfer():
    year_6 = date(2014, 12, 1)
    plain, moving = (
        facts(1, ("annual-review", -10)),
        facts(2, ("annual-review", -10), date_of_birth=year_6),
    )
    assert order(plain, moving) == [2, 1]
    assert "Moves to secondary school in September 2026; plan not yet amended" in labels(
        score(moving, TODAY)
    )


def test_it_drops_the_phase_transfer_factor_once_the_plan_is_amended_this_year():
    amended = facts(
        1,
        ("annual-review", -10),
        date_of_birth=date(2014, 12, 1),
        phase_transfer_plan_on=date(2026, 2, 1),
    )
    last_year = facts(
        2,
        ("annual-review", -10),
        date_of_birth=date(2014, 12, 1),
        phase_transfer_plan_on=date(2025, 2, 1),
    )
    assert score(amended, TODAY).total == 30 + 1
    assert score(last_year, TODAY).total == 30 + 1 + 20


@pytest.mark.parametrize(
    ("dob", "moving_to"),
    [(date(2021, 12, 1), "Reception"), (date(2009, 12, 1), "post-16 education")],
)
def test_it_knows_every_phase_transfer_year(dob, moving_to):
    s = score(facts(1, ("annual-review", 3), date_of_birth=dob), TODAY)
    assert any(moving_to in label for label in labels(s))


def test_it_moves_a_case_up_for_an_18th_birthday_within_six_months():
    soon, later = date(2008, 6, 1), date(2008, 12, 1)  # 18 on 1 June / 1 December 2026
    assert order(
        facts(1, ("annual-review", -10), date_of_birth=later),
        facts(2, ("annual-review", -10), date_of_birth=soon),
    ) == [2, 1]
    assert "Turns 18 on 1 June 2026" in labels(
        score(facts(2, ("advice", 1), date_of_birth=soon), TODAY)
    )


def test_it_moves_a_year_9_review_up_for_preparing_for_adulthood():
    year_8, year_9 = date(2012, 12, 1), date(2011, 12, 1)
    assert order(
        facts(1, ("annual-review", -10), date_of_birth=year_8),
        facts(2, ("annual-review", -10), date_of_birth=year_9),
    ) == [2, 1]


def test_it_counts_preparing_for_adulthood_for_review_work_only():
    year_9 = date(2011, 12, 1)
    assert score(facts(1, ("final-plan", -10), date_of_birth=year_9), TODAY).total == 40 + 1
    reviewing = score(facts(1, ("review-decision", -10), date_of_birth=year_9), TODAY)
    assert "Review work for a young person in Year 9 or above (preparing for adulthood)" in labels(
        reviewing
    )


def test_it_moves_a_case_up_when_no_review_for_over_12_months():
    recent = facts(
        1, ("review-report", -10), plan_started=date(2020, 1, 6), last_review=date(2025, 6, 1)
    )
    stale = facts(
        2, ("review-report", -10), plan_started=date(2020, 1, 6), last_review=date(2025, 3, 1)
    )
    assert order(recent, stale) == [2, 1]
    assert "No review meeting for over 12 months (last on 1 March 2025)" in labels(
        score(stale, TODAY)
    )


def test_it_counts_a_plan_never_reviewed_from_its_start():
    never = facts(1, ("annual-review", -30), plan_started=date(2025, 1, 6))
    young = facts(2, ("annual-review", 30), plan_started=date(2025, 6, 6))
    assert "No review meeting since the plan began on 6 January 2025" in labels(score(never, TODAY))
    assert score(young, TODAY).total == 15
    old_review = facts(
        3, ("annual-review", -30), plan_started=date(2025, 1, 6), last_review=date(2024, 1, 1)
    )
    assert "No review meeting since the plan began on 6 January 2025" in labels(
        score(old_review, TODAY)
    )


def test_it_moves_a_case_up_for_open_complaints_up_to_two():
    assert order(facts(1, ("advice", -10)), facts(2, ("advice", -10), open_complaints=1)) == [2, 1]
    assert score(facts(1, ("advice", -10), open_complaints=1), TODAY).total == 15 + 1 + 15
    assert score(facts(1, ("advice", -10), open_complaints=5), TODAY).total == 15 + 1 + 30
    assert "2 open complaints" in labels(score(facts(1, ("advice", -1), open_complaints=2), TODAY))


def test_it_breaks_ties_by_the_earlier_deadline_then_the_case():
    a, b, c = facts(3, ("advice", 3)), facts(2, ("advice", 1)), facts(1, ("advice", 1))
    assert order(a, b, c) == [1, 2, 3]


def test_it_weighs_every_rule_the_clock_knows_or_says_why_not():
    from senda.clock.rules import CASE_RULES, DISAGREEMENT_RULES, RULES

    minimums = {"draft-comment-period", "amendment-comment-period"}
    assert set(triage.WEIGHTS) | minimums == set(CASE_RULES)
    # The rest (mediation, appeals, orders, complaints, the rights' transfer) are never rows
    # of a case's deadlines (ADR 0018), so triage cannot weigh them.
    assert set(RULES) - set(CASE_RULES) == set(DISAGREEMENT_RULES)
    assert not minimums & set(triage.WEIGHTS)


# ---- the documentation -----------------------------------------------------------------------


def test_it_documents_every_weight_and_reason_in_docs_triage_md():
    text = " ".join(DOCS.read_text().split())
    for rule, weight in triage.WEIGHTS.items():
        assert f"| `{rule}` | {weight.points} | {weight.reason} |" in text, rule


def test_it_documents_every_factor_in_docs_triage_md():
    text = " ".join(DOCS.read_text().split())
    for factor, points in triage.FACTOR_RULES:
        assert f"| {factor} | {points} |" in text, factor


# ---- the query -------------------------------------------------------------------------------


def add_row(case, rule, due, status="pending", **fields):
    return DeadlineRow.objects.create(
        case=case, rule=rule, due=due, status=status, citation="x", evaluated_for=TODAY, **fields
    )


@pytest.fixture
def area(db):
    la = make_la()
    return la, make_user("case_officer", la)


def test_it_reads_the_facts_of_cases_in_the_window(area):
    from senda.casework.models import Case, CaseEvent
    from senda.casework.summary import resummarise

    la, officer = area
    child = make_child(la, date_of_birth=date(2011, 12, 1))
    case = make_case(child, officer=officer)
    add_row(case, "annual-review", days(-10), "overdue")
    add_row(case, "review-report", days(20))
    add_row(case, "advice", days(29))  # outside the 28-day window
    add_row(case, "final-plan", days(-90), "met", done=days(-95))
    add_row(case, "final-plan", days(-90), "excepted")
    for on, type in [
        (date(2020, 1, 9), "final_plan_issued"),
        (date(2022, 1, 1), "plan_ceased"),
        (date(2023, 1, 9), "final_plan_issued"),
        (date(2024, 1, 3), "review_meeting"),
        (date(2025, 1, 3), "review_meeting"),
        (date(2025, 10, 1), "phase_transfer_plan_issued"),
    ]:
        CaseEvent.objects.create(case=case, type=type, on=on, recorded_by=officer)
    resummarise(case)  # the summary columns the query reads (actions keep them in step)
    Complaint.objects.create(case=case, received_on=days(-5), recorded_by=officer)
    Complaint.objects.create(
        case=case, received_on=days(-50), closed_on=days(-6), recorded_by=officer
    )
    quiet = make_case(la=la)
    add_row(quiet, "annual-review", days(60))
    closed = make_case(la=la, status="closed")
    add_row(closed, "final-plan", days(-3), "overdue")
    elsewhere = make_case(la=make_la())
    add_row(elsewhere, "final-plan", days(-3), "overdue")

    [found] = triage.triage_facts(Case.objects.filter(la=la), TODAY)
    assert found == CaseFacts(
        case_id=case.pk,
        deadlines=found.deadlines,
        date_of_birth=date(2011, 12, 1),
        plan_started=date(2023, 1, 9),
        last_review=date(2025, 1, 3),
        phase_transfer_plan_on=date(2025, 10, 1),
        open_complaints=1,
        officer_id=officer.pk,
    )
    assert sorted((d.rule, d.due) for d in found.deadlines) == [
        ("annual-review", days(-10)),
        ("review-report", days(20)),
    ]
    wider = triage.triage_facts(Case.objects.filter(la=la), TODAY, 60)
    assert {f.case_id for f in wider} == {case.pk, quiet.pk}


def test_it_filters_the_facts_by_rule_but_scores_every_deadline(area):
    from senda.casework.models import Case

    la, _ = area
    both, report_only = make_case(la=la), make_case(la=la)
    add_row(both, "final-plan", days(-3), "overdue")
    add_row(both, "review-report", days(3))
    add_row(report_only, "annual-review", days(3))
    [found] = triage.triage_facts(Case.objects.filter(la=la), TODAY, rule="review-report")
    assert found.case_id == both.pk
    assert {d.rule for d in found.deadlines} == {"final-plan", "review-report"}


def test_it_reads_the_facts_in_three_queries_however_many_cases(area, django_assert_num_queries):
    from senda.casework.models import Case

    la, officer = area
    for n in range(25):
        case = make_case(la=la, officer=officer)
        add_row(case, "annual-review", days(-n), "overdue")
        Complaint.objects.create(case=case, received_on=days(-5), recorded_by=officer)
    with django_assert_num_queries(3):
        found = triage.triage_facts(Case.objects.filter(la=la), TODAY)
    assert len(found) == 25
    assert {f.open_complaints for f in found} == {1}


def test_docs_name_the_module():
    assert re.search(r"src/senda/casework/triage\.py", DOCS.read_text())


def test_it_matches_the_worked_example_in_the_docs():
    example = CaseFacts(
        case_id=1,
        deadlines=(
            OpenDeadline("annual-review", date(2026, 2, 20)),
            OpenDeadline("review-report", date(2026, 2, 25)),
        ),
        date_of_birth=date(2014, 12, 1),
        open_complaints=1,
    )
    s = score(example, TODAY)
    text = " ".join(DOCS.read_text().split())
    for factor in s.factors:
        assert f"| {factor.label} | {factor.points} |" in text, factor
    assert f"| **Total** | **{s.total}** |" in text

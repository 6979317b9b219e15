"""Transition to adult services: the dates' rules (pure), the actions and the KPIs computed
from the records (issue 18)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.pathways import measures, transition
from senda.pathways.models import TransitionRecord
from senda.pathways.transition import Young, add_months, age_in_months, months_text
from senda.pathways.transition_actions import (
    correct_transition,
    record_transition,
    withdraw_transition,
)
from tests.portal.review_flows import planned_case

TODAY = date(2026, 3, 20)


def test_the_dates_rules() -> None:
    assert add_months(date(2008, 8, 31), 17 * 12 + 6) == date(2026, 3, 1)  # no 31 February
    assert add_months(date(2008, 2, 29), 18 * 12) == date(2026, 3, 1)
    assert age_in_months(date(2008, 9, 21), TODAY) == 17 * 12 + 5
    assert age_in_months(date(2008, 9, 20), TODAY) == 17 * 12 + 6
    assert months_text(209) == "17 years 5 months"
    young = Young(1, 1, date(2008, 6, 1), need="SLD", rating="red")
    assert young.by_17_6m == date(2025, 12, 1)
    assert young.missing(TODAY) == [
        "adult social care worker (overdue: by 17½)",
        "transition plan (overdue: by 17½)",
        "travel training",
        "health action plan",
        "annual health check",
    ]
    green = Young(2, 2, date(2009, 10, 1), need="ASD", rating="green", plan_on=TODAY)
    assert green.missing(TODAY) == []


def test_records_and_the_kpis(personas, today_is) -> None:
    today_is(TODAY)
    officer = personas.case_officer
    # Turns 18 on 1 March 2026 (17½ on 1 September 2025): plan by 17½, red, allocated late.
    on_time = planned_case(personas, date_of_birth=date(2008, 3, 1), primary_need="SLD")
    # Turns 18 on 10 March 2026: no transition plan.
    late = planned_case(personas, date_of_birth=date(2008, 3, 10))
    # 17½ on 15 March 2026, red and allocated by then.
    allocated = planned_case(personas, date_of_birth=date(2008, 9, 15))
    a, b, c = on_time.child, late.child, allocated.child

    with pytest.raises(ActionError, match="Choose a rating") as wrong:
        record_transition(child=a, kind="rating", on=date(2025, 1, 5), rating="pink", by=officer)
    assert wrong.value.field == "rating"
    with pytest.raises(ActionError, match="name of the adult social care worker"):
        record_transition(child=a, kind="allocated", on=date(2025, 1, 5), by=officer)
    with pytest.raises(ActionError, match="permission"):
        record_transition(child=a, kind="plan", on=date(2025, 1, 5), by=personas.senco)

    record_transition(child=a, kind="plan", on=date(2025, 7, 1), by=officer)
    typo = record_transition(
        child=a, kind="rating", on=date(2025, 2, 1), rating="amber", by=officer
    )
    correct_transition(record=typo, on=date(2025, 2, 1), rating="red", why="Panel said red",
                       by=officer)  # fmt: skip
    record_transition(child=a, kind="allocated", on=date(2025, 11, 1), worker="R. Patel",
                      by=officer)  # fmt: skip
    record_transition(child=a, kind="health_check", on=date(2025, 6, 1), by=officer)
    wrong_plan = record_transition(child=b, kind="plan", on=date(2025, 8, 1), by=officer)
    withdraw_transition(record=wrong_plan, why="Recorded for the wrong young person", by=officer)
    record_transition(child=c, kind="rating", on=date(2025, 12, 1), rating="red", by=officer)
    record_transition(child=c, kind="allocated", on=date(2026, 3, 2), worker="J. Lee", by=officer)
    assert AuditEntry.objects.filter(verb="write", summary__startswith="transition:").count() == 9
    assert TransitionRecord.objects.count() == 9  # corrections and withdrawals appended

    march = (personas.la, date(2026, 3, 1), date(2026, 3, 31), TODAY)
    plans = measures.count("transition-plans-by-17-6m", *march)
    assert (plans.counted, plans.missed) == ((on_time.pk,), (late.pk,))
    complex_ = measures.count("complex-allocated-by-17-6m", *march)
    assert (complex_.counted, complex_.missed) == ((allocated.pk,), ())
    autumn = measures.count("complex-allocated-by-17-6m", personas.la, date(2025, 9, 1),
                            date(2025, 9, 30), TODAY)  # fmt: skip
    assert (autumn.counted, autumn.missed) == ((), (on_time.pk,))  # allocated after 17½
    checks = measures.count("annual-health-checks", *march)
    assert (checks.counted, checks.missed) == ((on_time.pk,), ())

    listed = transition.approaching_18(personas.la.pk, TODAY)
    assert [y.case_id for y in listed] == [allocated.pk]  # the others are 18: gone
    assert (listed[0].worker, listed[0].missing(TODAY)) == (
        "J. Lee",
        ["transition plan (overdue: by 17½)", "travel training"],
    )
    median, n = transition.median_age_at_allocation(personas.la.pk, date(2025, 3, 21), TODAY)
    assert (median, n) == (17 * 12 + 5, 2)  # 17y 8m and 17y 5m: the lower middle

"""One count: every page that shows how many annual reviews are overdue gives the same
number on the same day, and a closed case (a ceased plan, a transfer out, a refused request,
a case closed) is overdue nowhere: home, team, triage, the service dashboard, the
performance facts (``senda tick``) and the board pack."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.casework.deadlines import refresh_deadlines
from senda.casework.models import Case, CaseEvent, DeadlineRow
from senda.casework.models.deadlines import overdue_on
from senda.improvement import boardpack
from senda.performance import kpi_figures, tally, tick
from senda.performance.periods import containing
from senda.performance.tally import ALL
from senda.performance.weekly import dashboard as kpis
from tests.factories import make_action, make_area, make_case, make_la, make_plan, make_user
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db

OVERDUE = 5  # open cases, each with one annual review overdue
KPI = "overdue-reviews"


@pytest.fixture
def area():
    """Five open cases with an annual review overdue; beside them a plan ceased (case still
    open), a transfer out, a case closed with its review overdue, a refused request and a
    review not due yet. Every row is the clock's answer as of today."""
    today = timezone.localdate()
    la = make_la()
    officer = make_user("case_officer", la)
    manager = make_user("team_manager", la)

    def case(*events: tuple[str, int, str], status: str = "open") -> Case:
        made = make_case(la=la, officer=officer, status=status)
        for type, days_ago, outcome in events:
            on = today - timedelta(days=days_ago)
            CaseEvent.objects.create(
                case=made, type=type, on=on, outcome=outcome, recorded_by=manager
            )
        refresh_deadlines(made, today=today)
        return made

    plan = ("final_plan_issued", 500, "")
    late = [case(plan) for _ in range(OVERDUE)]
    closed = [
        case(("final_plan_issued", 800, ""), ("plan_ceased", 100, "")),  # ceased, left open
        case(("final_plan_issued", 800, ""), ("plan_ceased", 100, ""), status="closed"),
        case(plan, status="closed"),  # closed with its review overdue
        case(("request_received", 200, ""), ("assess_decision", 190, "refuse"), status="closed"),
    ]
    case(("final_plan_issued", 100, ""))  # review due in about 265 days
    return today, la, officer, manager, late, closed


def words(response) -> str:
    """The page's text (audited), one space between cells."""
    audit_page(response)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_it_counts_overdue_annual_reviews_the_same_on_every_page(client, area):
    today, la, officer, manager, _late, _closed = area
    client.force_login(officer)
    home = words(client.get(reverse("web:home")))
    assert f"You hold 7 open cases; {OVERDUE} cases have an overdue deadline." in home

    client.force_login(manager)
    response = client.get(reverse("web:team"))
    assert f"{OVERDUE} annual review deadlines are overdue today" in words(response)
    table = audit_page(response).find(".//table")
    total = [text_of(cell) for cell in list(table.iter("tr"))[-1]]
    assert total[0] == "Total (1 officers)" and total[-2:] == [str(OVERDUE), str(OVERDUE)]

    dashboard = kpis.series(kpis.KPIS["overdue-reviews"], la, [kpis.week_of(today)], today)
    assert dashboard.figures[0].figure == kpis.Figure(OVERDUE)
    page = words(client.get(reverse("web:dashboard")))
    assert f"Overdue annual reviews {OVERDUE} deadlines" in page

    tick.run(la, [today], today=today)
    for kind in ("month", "quarter"):
        value = kpi_figures.value(la, "overdue-reviews", containing(today, kind))
        assert value is not None and value.numerator == OVERDUE, kind

    plan = make_plan(la)
    make_action(make_area(plan), kpi_ids=["overdue-reviews"])
    (line,) = boardpack.kpi_panel(plan, today)
    assert line.value == str(OVERDUE)


def test_it_counts_a_closed_cases_overdue_deadline_nowhere(client, area):
    today, _la, _officer, manager, late, closed = area
    counted = DeadlineRow.objects.filter(overdue_on(today))
    assert set(counted.values_list("case_id", flat=True)) == {case.pk for case in late}
    # The clock itself: a ceased plan's missed review is lapsed, not overdue.
    ceased, transferred, shut, refused = closed
    for case in (ceased, transferred):
        assert list(case.deadlines.values_list("rule", "status")) == [("annual-review", "lapsed")]
        assert case.next_due is None
    assert shut.deadlines.get().status == "overdue"  # closed without a cease: still not counted
    assert not refused.deadlines.filter(status="overdue").exists()

    client.force_login(manager)
    triage = client.get(reverse("web:triage"))
    kpi_page = client.get(reverse("web:dashboard-kpi", args=["overdue-reviews"]))
    assert f"Review deadlines overdue at the end of the week ({OVERDUE})" in words(kpi_page)
    for response in (triage, kpi_page):
        html = response.content.decode()
        for case in late:
            assert f'href="{reverse("web:case-detail", args=[case.pk])}"' in html
        for case in closed:
            assert f'href="{reverse("web:case-detail", args=[case.pk])}"' not in html


def test_it_still_counts_a_review_overdue_before_the_plan_ceased_on_that_day(area):
    """A replay of a day before the cease (``senda tick --date``) counts the review as it
    stood then: the cease was not known."""
    today, la, _officer, _manager, _late, _closed = area
    before = today - timedelta(days=101)
    (record,) = [r for r in tick.read_records(la) if not r.closed and len(r.events) == 2]
    assert tally.figures([record], before, before, before)[KPI][ALL].numerator == 1
    assert tally.figures([record], today, today, today)[KPI][ALL].numerator == 0

"""Improvement plans show their linked KPIs' real statuses for the current quarter
(``senda.improvement.queries.kpi_status``), and an off-trajectory KPI feeds the
suggested rating."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.improvement import queries as q
from senda.performance import catalogue, trajectories
from senda.performance.models import KpiFact
from senda.performance.periods import containing
from senda.performance.status_rule import Point
from tests.factories import make_action, make_area, make_plan

KPI = "annual-review-on-time"


@pytest.fixture
def off_trajectory(personas):
    """Reviews on time: trajectory expects 40%+ now; this quarter's figure is 10%."""
    today = timezone.localdate()
    trajectories.set_trajectory(
        la=personas.la,
        kpi_id=KPI,
        baseline_value=Decimal(40),
        baseline_on=date(today.year - 2, 1, 1),
        tolerance=Decimal(5),
        points=[Point(date(today.year + 2, 1, 1), Decimal(95), kind="target")],
        by=personas.service_manager,
    )
    quarter = containing(today, "quarter")
    KpiFact.objects.create(
        la=personas.la,
        kpi=KPI,
        on=today,
        period="quarter",
        period_start=quarter.start,
        numerator=10,
        denominator=100,
    )
    return today


def test_it_gives_each_kpi_its_status_for_the_current_quarter(
    personas, off_trajectory, django_assert_max_num_queries
):
    ids = [KPI, "final-plan-20w", "not-a-kpi"]
    with django_assert_max_num_queries(5):
        found = q.kpi_status(ids, personas.la.pk, off_trajectory)
    assert found == {KPI: "off", "final-plan-20w": "establishing", "not-a-kpi": "unknown"}
    assert q.kpi_status(ids) == dict.fromkeys(ids, "unknown")  # no local area: unknown
    assert q.kpi_status(ids, personas.other_la.pk, off_trajectory)[KPI] == "establishing"


def test_it_shows_the_statuses_on_the_plan_and_action_pages(client, personas, off_trajectory):
    action = make_action(make_area(make_plan(personas.la)), kpi_ids=[KPI, "final-plan-20w"])
    client.force_login(personas.service_manager)
    plan_page = client.get(reverse("web:plan", args=[action.area.plan_id])).content.decode()
    assert "Currently off trajectory" in plan_page
    assert "Working to establish definition and baseline" in plan_page
    action_url = reverse("web:plan-action", args=[action.area.plan_id, action.pk])
    assert "Currently off trajectory" in client.get(action_url).content.decode()
    rate_url = reverse("web:plan-action-rate", args=[action.area.plan_id, action.pk])
    assert (
        f"Linked KPI &#x27;{catalogue.get(KPI).name}&#x27; is off trajectory"
        in client.get(rate_url).content.decode()
    )

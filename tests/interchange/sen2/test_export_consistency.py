"""The return's figures beside Senda's KPI figures for the same period
(performance.sen2_consistency), on the demo area: where they count the same thing they
agree; where they differ the row says why, and the reason holds."""

from __future__ import annotations

from datetime import date
from typing import Any

from senda.casework.models import Review
from senda.interchange.sen2 import aggregates, export
from senda.performance import sen2_consistency
from senda.performance.models import PublishedArea
from tests.demo.conftest import TODAY as DEMO_TODAY
from tests.factories import make_la

CENSUS = date(2026, 1, 15)


def _rows(la: Any) -> dict[str, sen2_consistency.Row]:
    persons = export.persons_for(la, CENSUS, today=DEMO_TODAY)
    counts = aggregates.count(persons, census=CENSUS)
    return {row.key: row for row in sen2_consistency.rows(la, CENSUS, counts)}


def test_the_return_agrees_with_the_kpis_on_the_demo_area(demo_area: Any) -> None:
    la = demo_area.la
    rows = _rows(la)
    for key in ("plans_new", "plans_new_ex", "plans_new_20w", "pct_20w_ex", "pct_20w_all"):
        assert rows[key].kpi_id == "final-plan-20w"
        assert rows[key].agrees, rows[key]
        assert rows[key].explanation.startswith("They agree.")
    assert rows["plans_new"].return_value and rows["plans_new"].return_value > 10
    assert rows["decisions"].agrees and rows["decisions"].kpi_id == "assess-decision-6w"
    assert rows["plans_active"].agrees and rows["plans_active"].return_value
    assert rows["requests"].kpi_value is None and "No KPI" in rows["requests"].explanation

    # Reviews differ, and for the reason given: the KPI counts every review decision of the
    # year; the return only the latest review of a plan still active on the census day.
    reviews = rows["reviews_decided"]
    year = Review.objects.filter(
        case__la=la, decided_on__gte=date(2025, 1, 1), decided_on__lte=date(2025, 12, 31)
    )
    assert reviews.kpi_value == year.count()
    latest_of_active = [
        review
        for review in year.select_related("plan")
        if review.plan.live_on(CENSUS)
        and review.meeting_on >= date(2025, 1, 1)
        and not review.plan.reviews.filter(
            meeting_on__gt=review.meeting_on, meeting_on__lte=CENSUS
        ).exists()
    ]
    assert reviews.return_value == len(latest_of_active) < year.count()
    assert not reviews.agrees
    gap = year.count() - len(latest_of_active)
    assert reviews.explanation.startswith(f"The return is lower by {gap}.")
    assert "latest review of a plan still active" in reviews.explanation


def test_dfe_figures_for_earlier_years_sit_beside(dfe_2025: None) -> None:
    area = PublishedArea.objects.filter(level="la").exclude(old_code="").order_by("code").first()
    assert area is not None
    la = make_la(code=area.old_code)
    counts = dict.fromkeys(aggregates.KEYS, 0)
    rows = {row.key: row for row in sen2_consistency.rows(la, CENSUS, counts)}
    assert rows["plans_new"].dfe and all(isinstance(k, str) for k in rows["plans_new"].dfe)
    assert any(v is not None for v in rows["pct_20w_ex"].dfe.values())
    assert rows["plans_active"].dfe
    assert rows["plans_active"].kpi_value == 0 and rows["plans_active"].agrees

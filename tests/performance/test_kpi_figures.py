"""senda.performance.kpi_figures: a period's figure from facts and recorded values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senda.performance import kpi_figures, kpis
from senda.performance.catalogue.entry import Entry
from senda.performance.models import KpiFact, RecordedValue
from senda.performance.periods import Period, parse
from tests.factories import make_la, make_user

pytestmark = pytest.mark.django_db

Q3 = parse("2026-27-q3")  # October to December 2026
NOV = parse("2026-11")


def _entry(kpi: str, **fields) -> Entry:
    fields.setdefault("unit", "percent")
    fields.setdefault("source", "computed")
    return Entry(
        id=kpi,
        name=kpi,
        definition="",
        numerator="",
        denominator="",
        higher_is_better=True,
        owner="",
        area="timeliness",
        **fields,
    )


ENTRIES = {
    "final-plan-20w": _entry("final-plan-20w", with_exceptions=True),
    "overdue-reviews": _entry("overdue-reviews", unit="count"),
    "neet": _entry("neet", source="recorded", period="month"),
    "satisfaction": _entry("satisfaction", source="recorded", period="quarter"),
}


@pytest.fixture(autouse=True)
def _catalogue(monkeypatch) -> None:
    """The tests name their own entries, whatever the catalogue holds."""
    monkeypatch.setattr(kpis.catalogue, "get", ENTRIES.__getitem__, raising=False)


def fact(la, kpi, on, period: Period, numerator, denominator=None, **fields) -> KpiFact:
    return KpiFact.objects.create(
        la=la,
        kpi=kpi,
        on=on,
        period=period.kind,
        period_start=period.start,
        numerator=numerator,
        denominator=denominator,
        **fields,
    )


def record(la, user, kpi, period: Period, value, **fields) -> RecordedValue:
    fields.setdefault("evidence", "survey")
    return RecordedValue.objects.create(
        la=la,
        kpi=kpi,
        period=period.kind,
        period_start=period.start,
        value=value,
        entered_by=user,
        **fields,
    )


def test_a_rate_is_a_percent_to_one_place_from_the_latest_day_of_the_period() -> None:
    la = make_la()
    fact(la, "final-plan-20w", date(2026, 10, 31), Q3, 1, 4)
    fact(la, "final-plan-20w", date(2026, 11, 30), Q3, 2, 3, numerator_with_exceptions=3,
         denominator_with_exceptions=6)  # fmt: skip
    found = kpi_figures.value(la, "final-plan-20w", Q3)
    assert found is not None
    assert (found.numerator, found.denominator, found.value) == (2, 3, Decimal("66.7"))
    assert found.as_of == date(2026, 11, 30)
    assert found.source == "computed"
    assert found.with_exceptions is not None
    assert found.with_exceptions.value == Decimal("50.0")
    assert (found.with_exceptions.numerator, found.with_exceptions.denominator) == (3, 6)


def test_an_empty_denominator_has_no_value_and_a_count_is_its_numerator() -> None:
    la = make_la()
    fact(la, "final-plan-20w", date(2026, 11, 30), NOV, 0, 0)
    fact(la, "overdue-reviews", date(2026, 11, 30), NOV, 17)
    assert kpi_figures.value(la, "final-plan-20w", NOV).value is None
    count = kpi_figures.value(la, "overdue-reviews", NOV)
    assert (count.numerator, count.denominator, count.value) == (17, None, Decimal(17))
    assert count.with_exceptions is None


def test_other_areas_dimensions_and_periods_are_not_read() -> None:
    la, other = make_la(), make_la()
    fact(other, "final-plan-20w", date(2026, 11, 30), Q3, 1, 1)
    fact(la, "final-plan-20w", date(2026, 11, 30), Q3, 1, 2, dimension="need", member="ASD")
    fact(la, "final-plan-20w", date(2026, 11, 30), NOV, 1, 3)
    assert kpi_figures.value(la, "final-plan-20w", Q3) is None
    assert kpi_figures.value(la, "final-plan-20w", NOV).value == Decimal("33.3")


def test_values_reads_many_kpis_and_periods_in_two_queries() -> None:
    la = make_la()
    user = make_user("service_manager", la)
    quarters = [Q3.previous().previous(), Q3.previous(), Q3]
    for n, quarter in enumerate(quarters):
        fact(la, "final-plan-20w", quarter.end, quarter, n, 4)
        fact(la, "overdue-reviews", quarter.end, quarter, 10 + n)
        record(la, user, "satisfaction", quarter, 70 + n)
    with CaptureQueriesContext(connection) as queries:
        found = kpi_figures.values(la, list(ENTRIES), quarters)
    assert len(queries) == 2
    assert found[("final-plan-20w", Q3.key)].value == Decimal("50.0")
    assert found[("overdue-reviews", quarters[0].key)].value == 10
    assert found[("satisfaction", Q3.key)].value == 72
    assert ("neet", Q3.key) not in found


def test_a_recorded_value_is_the_latest_entered_and_carries_its_evidence() -> None:
    la = make_la()
    user = make_user("service_manager", la)
    for value, evidence in ((60, "first count"), (65, "corrected count")):
        record(la, user, "satisfaction", Q3, value, numerator=13, denominator=20, evidence=evidence)
    found = kpi_figures.value(la, "satisfaction", Q3)
    assert (found.value, found.evidence, found.source) == (65, "corrected count", "recorded")
    assert (found.numerator, found.denominator, found.as_of) == (13, 20, Q3.end)


def test_a_quarter_of_a_monthly_recorded_kpi_is_its_last_month_with_a_value() -> None:
    la = make_la()
    user = make_user("service_manager", la)
    for month, value in (("2026-10", 15), ("2026-11", 14)):
        record(la, user, "neet", parse(month), value, evidence="tracker")
    found = kpi_figures.value(la, "neet", Q3)
    assert (found.value, found.as_of, found.period) == (14, date(2026, 11, 30), Q3)
    assert kpi_figures.value(la, "neet", parse("2026-10")).value == 15
    assert kpi_figures.value(la, "satisfaction", NOV) is None


def test_breakdown_is_labelled_and_taken_on_the_day_of_the_whole_figure() -> None:
    la = make_la()
    officer = make_user("case_officer", la, first_name="Ada", last_name="Lovelace")
    day = date(2026, 11, 30)
    fact(la, "final-plan-20w", day, Q3, 3, 4)
    fact(la, "final-plan-20w", day, Q3, 1, 2, dimension="need", member="ASD")
    fact(la, "final-plan-20w", day, Q3, 2, 2, dimension="need", member="")
    fact(la, "final-plan-20w", date(2026, 10, 31), Q3, 9, 9, dimension="need", member="SLD")
    fact(la, "final-plan-20w", day, Q3, 3, 4, dimension="officer", member=str(officer.pk))
    needs = kpi_figures.breakdown(la, "final-plan-20w", Q3, "need")
    assert [(label, v.value) for label, v in needs] == [
        ("Autistic spectrum disorder", Decimal("50.0")),
        ("Not recorded", Decimal("100.0")),
    ]
    assert kpi_figures.breakdown(la, "final-plan-20w", Q3, "officer")[0][0] == "Ada Lovelace"
    assert kpi_figures.breakdown(la, "final-plan-20w", Q3, "phase") == []
    assert kpi_figures.breakdown(la, "satisfaction", Q3, "need") == []


def test_latest_day() -> None:
    la = make_la()
    assert kpi_figures.latest_day(la) is None
    fact(la, "overdue-reviews", date(2026, 11, 3), NOV, 1)
    fact(la, "overdue-reviews", date(2026, 11, 22), NOV, 1)
    assert kpi_figures.latest_day(la) == date(2026, 11, 22)


def test_an_unknown_kpi_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        kpi_figures.value(make_la(), "no-such-kpi", Q3)

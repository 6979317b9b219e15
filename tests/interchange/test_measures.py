"""The data-quality KPIs: one per check, counted by ``performance.records`` from the
records on the day the period is judged."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.models import Case
from senda.interchange import measures
from senda.interchange.quality_checks import CHECKS
from senda.performance import catalogue, records
from tests.factories import make_case, make_child, make_la, make_user

pytestmark = pytest.mark.django_db


def test_every_check_is_a_catalogue_kpi_counted_from_records() -> None:
    ids = [check.id for check in CHECKS]
    assert list(measures.MEASURES) == ids
    assert set(ids) <= records.names()
    for check in CHECKS:
        entry = catalogue.get(check.id)
        assert entry.name == check.title
        assert entry in catalogue.from_records()
        assert entry.unit == "count" and not entry.higher_is_better
        assert entry.area == "data"
        assert entry.owner == "Head of SEND (service manager)"


def test_the_count_is_the_open_cases_failing_the_check() -> None:
    la = make_la()
    officerless = make_case(make_child(la))
    make_case(make_child(la), officer=make_user("case_officer", la))
    closed = make_case(make_child(la))
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    make_case(make_child(make_la()))  # another area
    found = records.count(
        "dq-no-officer", la, date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 3)
    )
    assert found.rate is False
    assert found.numerator == 1 and found.denominator is None
    assert found.counted == (officerless.pk,)
    assert found.of == "case"


def test_tick_keeps_todays_count_and_leaves_a_past_days_alone() -> None:
    from senda.performance import tick
    from senda.performance.models import KpiFact

    la = make_la()
    make_case(make_child(la))
    day = date(2026, 6, 1)
    tick.run(la, [day], today=day)
    kept = KpiFact.objects.filter(la=la, kpi="dq-no-officer", on=day, period="month")
    assert [f.numerator for f in kept] == [1]
    make_case(make_child(la))  # a second case with no officer, after the day
    tick.run(la, [day, date(2026, 6, 2)], today=date(2026, 6, 2))
    assert [f.numerator for f in kept.all()] == [1]  # the record has no history
    later = KpiFact.objects.get(la=la, kpi="dq-no-officer", on=date(2026, 6, 2), period="month")
    assert later.numerator == 2

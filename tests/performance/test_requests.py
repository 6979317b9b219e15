"""Local request figures: requests, refusals and new plans from the register's current
steps by calendar year and age band (under 5s), small numbers suppressed, DfE's totals
beside them; and the page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from senda.casework.models import CaseEvent, EventCorrection
from senda.people.models import Membership
from senda.performance import requests
from tests.factories import make_case, make_child, make_la, make_user
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)


def test_age_bands_are_dfes_with_under_5s() -> None:
    assert requests.age_band(date(2022, 12, 5), TODAY) == "Under 5"  # 3 years old
    assert requests.age_band(date(2021, 12, 4), TODAY) == "5 to 10"  # 5 today
    assert requests.age_band(date(2010, 12, 5), TODAY) == "11 to 15"
    assert requests.age_band(date(2004, 1, 1), TODAY) == "20 and over"
    assert requests.age_band(None, TODAY) == "Age not known"


def step(case: Any, type: str, on: date, by: Any, **fields: Any) -> CaseEvent:
    return CaseEvent.objects.create(case=case, type=type, on=on, recorded_by=by, **fields)


def area() -> Any:
    la = make_la()
    by = make_user("service_manager", la)
    for n in range(6):  # six under 5s in 2025: requests, five refused, one plan
        case = make_case(make_child(la, date_of_birth=date(2022, 1, 1)))
        step(case, "request_received", date(2025, 3, 1 + n), by)
        step(case, "assess_decision", date(2025, 4, 1 + n), by, outcome="refuse" if n else "assess")
    plan = make_case(make_child(la, date_of_birth=date(2012, 1, 1)))
    step(plan, "final_plan_issued", date(2025, 9, 1), by)
    step(plan, "request_received", date(2026, 2, 1), by)
    other = make_case(la=make_la())  # another area's step is not counted
    step(other, "request_received", date(2025, 3, 1), make_user("case_officer", other.la))
    return la, by


def line(found: Any, measure: str, year: int) -> Any:
    return next(x for x in found.lines if x.measure.id == measure and x.year == year)


def test_figures_by_year_and_band_suppressed() -> None:
    la, by = area()
    found = requests.figures(la, TODAY)
    assert found.years == (2026, 2025, 2024)
    assert found.bands[0] == "Under 5"
    requested = line(found, "requests", 2025)
    assert (requested.total, requested.bands[0]) == (6, 6)
    refused = line(found, "refusals", 2025)
    assert (refused.total, refused.bands[0]) == (5, 5)
    small = line(found, "new-plans", 2025)
    assert small.total is None and small.bands[2] is None  # one plan: suppressed
    assert line(found, "requests", 2024).total == 0
    # A withdrawn step is not counted.
    first = CaseEvent.objects.filter(case__la=la, type="request_received").first()
    EventCorrection.objects.create(
        la=la, case=first.case, event=first, kind="withdrawn", event_type=first.type,
        was_on=first.on, affected_from=first.on, reason="Recorded twice", by=by,
    )  # fmt: skip
    assert line(requests.figures(la, TODAY), "requests", 2025).total == 5


def test_the_page_shows_the_figures_and_says_dfe_age_bands_are_not_imported(client: Any) -> None:
    la, _by = area()
    manager = Membership.objects.get(la=la, role="service_manager").user
    client.force_login(manager)
    response = client.get(reverse("web:requests"))
    assert response.status_code == 200
    text = text_of(audit_page(response))
    assert "Requests for an EHC needs assessment" in text and "Under 5" in text
    assert "age breakdown is not imported" in text
    assert "DfE published, England" in text

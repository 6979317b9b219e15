"""axe-core finds nothing on the quarterly performance report, in Chromium: figures, a
suppressed figure, a trajectory chart with its table, published national figures, a status
set by a person and commentary."""

from __future__ import annotations

import pytest

from senda.performance.models import StatusOverride
from tests.browser.helpers import Browser
from tests.factories import Personas, make_personas
from tests.performance.test_report import Q2, TODAY, publish, sample


@pytest.fixture
def figures(transactional_db, today_is) -> Personas:
    today_is(TODAY)
    personas = make_personas()
    sample(personas.la, personas.service_manager)
    publish(personas.la)
    StatusOverride.objects.create(
        la=personas.la, kpi="annual-review-on-time", period_start=Q2.start, status="close",
        derived_status="off", reason="Two officers joined in October.",
        by=personas.service_manager,
    )  # fmt: skip
    return personas


def test_it_finds_nothing_on_the_report(browser: Browser, figures) -> None:
    browser.sign_in(figures.board_member)
    browser.go("/performance/report/")
    assert browser.h1() == "Performance report for Q2 2026-27"
    assert browser.all("svg[role='img']")
    browser.assert_accessible()

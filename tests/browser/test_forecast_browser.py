"""The demand forecast on a 375 px phone: axe-core finds nothing (the charts too),
nothing scrolls sideways, and a service manager makes a new forecast with the button (a
plain form, no JavaScript needed), then sees it queued; two forecasts compared side by
side, by locality too (one made before localities were kept)."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from senda.sufficiency.localities import LOCALITY, OUT_OF_AREA
from senda.sufficiency.models import ForecastRun
from tests.browser import scenario
from tests.browser.helpers import Browser
from tests.sufficiency.runs import figure, make_forecast_run

PHONE = 375
WIDTH = "return document.documentElement.scrollWidth"


@pytest.fixture
def area(transactional_db) -> scenario.Scenario:
    built = scenario.build()
    built.runs = [  # type: ignore[attr-defined]
        make_forecast_run(built.personas.la),
        make_forecast_run(built.personas.la, "fewer-independent"),
    ]
    baseline = built.runs[0]  # type: ignore[attr-defined]
    baseline.figures += [
        asdict(figure(2028, LOCALITY, name, m))
        for name, m in (("Northshore", 110), (OUT_OF_AREA, 30))
    ]
    baseline.save()
    return built


def _fits(browser: Browser) -> None:
    width = browser.driver.execute_script(WIDTH)
    assert width <= PHONE, f"{browser.path}: {width} px wide"


def test_the_forecast_is_accessible_on_a_phone(browser: Browser, area) -> None:
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        browser.sign_in(area.personas.service_manager)
        browser.go("/forecast/?breakdown=need&compare=fewer-independent")
        assert browser.h1() == "Demand forecast", browser.title
        assert browser.all("main table"), "no tables"
        assert len(browser.all("main svg[role=img]")) == 2, "no charts"  # axe checks them too
        browser.assert_accessible()
        _fits(browser)
        browser.click_button("Make a new forecast")
        run = ForecastRun.objects.filter(status="queued").get()
        assert browser.path == f"/forecast/runs/{run.pk}/", browser.path
        assert browser.h1().startswith(f"Forecast {run.pk}: "), browser.h1()
        browser.assert_accessible()
        _fits(browser)
        first, second = area.runs  # type: ignore[attr-defined]
        browser.go(f"/forecast/compare/?runs={first.pk}&runs={second.pk}")
        assert browser.h1() == "Compare forecasts", browser.title
        assert len(browser.all("main table")) == 4, "totals, need, age band and locality"
        browser.assert_accessible()
        _fits(browser)
    finally:
        driver.set_window_size(size["width"], size["height"])

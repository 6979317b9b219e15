"""Places, capital and High Needs money on a 375 px phone: axe-core finds nothing and
nothing scrolls sideways, for a service manager (places register, postcode districts,
capital programme, the money overview and the deficit projection) and for anyone on the
public summary."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser import scenario
from tests.browser.helpers import Browser
from tests.sufficiency.ledger_factories import make_ledger
from tests.sufficiency.places_factories import (
    make_phase,
    make_places,
    make_postcode_locality,
    make_project,
)

PHONE = 375
WIDTH = "return document.documentElement.scrollWidth"


@pytest.fixture
def area(transactional_db) -> scenario.Scenario:
    built = scenario.build()
    people = built.personas
    make_places(people.setting, people.service_manager, places=12)
    make_phase(make_project(people.la, people.service_manager, opens_on=date(2027, 9, 1)))
    make_ledger(people.la)
    make_postcode_locality(people.la, "SV10", "Harbourside")
    return built


def test_places_capital_and_money_are_accessible_on_a_phone(browser: Browser, area) -> None:
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        browser.sign_in(area.personas.service_manager)
        for path, h1 in (
            ("/places/", "Places register"),
            ("/places/localities/", "Where children live: postcode districts"),
            ("/capital/", "Capital programme"),
            ("/money/", "High Needs money"),
            ("/money/deficit/", "Deficit projection"),
            (f"/public/{area.personas.la.code}/high-needs/", None),
        ):
            browser.go(path)
            assert h1 is None or browser.h1() == h1, (path, browser.h1())
            browser.assert_accessible()
            width = driver.execute_script(WIDTH)
            assert width <= PHONE, f"{path}: {width} px wide"
    finally:
        driver.set_window_size(size["width"], size["height"])

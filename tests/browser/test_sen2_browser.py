"""The SEN2 return page, its results and the data-quality page on a 375 px phone: axe-core
finds nothing, nothing scrolls sideways, and the return is made with the button (no
JavaScript needed: plain forms)."""

from __future__ import annotations

import pytest

from senda.interchange.models import Sen2Run
from tests.browser import scenario
from tests.browser.helpers import Browser
from tests.factories import make_case, make_child


@pytest.fixture
def area(transactional_db) -> scenario.Scenario:
    built = scenario.build()
    # A child with neither a UPN nor a reason: the return has something to report.
    la = built.personas.la
    make_case(make_child(la, upn="", upn_unknown=""), officer=built.personas.case_officer)
    return built


def test_the_sen2_pages_are_accessible_on_a_phone(browser: Browser, area) -> None:
    with browser.phone():
        browser.sign_in(area.personas.service_manager)
        browser.go("/sen2/")
        assert browser.h1() == "SEN2 return", browser.title
        browser.assert_accessible()
        browser.assert_fits()
        browser.go("/sen2/?census=99999-01-01")
        assert browser.title.startswith("Error: SEN2 return"), browser.title
        browser.assert_accessible()
        browser.click_button("Make the return now")
        run = Sen2Run.objects.get()
        assert browser.path == f"/sen2/returns/{run.pk}/", browser.path
        assert browser.h1().startswith("SEN2 return for"), browser.h1()
        browser.assert_accessible()
        browser.assert_fits()
        browser.go("/sen2/")
        assert browser.all("main table"), "no history of returns made"
        browser.assert_accessible()
        browser.assert_fits()
        browser.go("/data-quality/")
        assert browser.h1() == "Data quality", browser.title
        browser.assert_accessible()
        browser.assert_fits()

"""The Annex A page in a real browser, as a service manager, with children on List 1 and
findings to show: axe finds nothing, and it fits a 375 px phone."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.models import Plan
from tests.browser.helpers import Browser
from tests.factories import make_case, make_child, make_personas

PHONE = 375
REFUSED = ("Page not found", "You do not have permission", "Sorry")


@pytest.fixture
def scene(transactional_db):
    personas = make_personas()
    Plan.objects.create(case=personas.case, issued_on=date(2024, 1, 8))
    odd = make_case(make_child(personas.la, ethnicity="ZZZZ", date_of_birth=date(2000, 1, 2)))
    Plan.objects.create(case=odd, issued_on=date(2019, 1, 8), amended_on=date(2018, 1, 1))
    return personas


def test_the_annex_a_page_is_accessible_and_fits_a_phone(browser: Browser, scene) -> None:
    browser.sign_in(scene.service_manager)
    browser.driver.set_window_size(PHONE, 812)  # axe at 375 px too: one visit, not two
    try:
        browser.go("/annex-a/")
        assert not browser.title.startswith(REFUSED), browser.title
        assert browser.h1() == "Annex A lists for an area SEND inspection"
        assert browser.all("#annex-a-findings tbody tr")  # there are findings to show
        width = browser.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE, width
        browser.assert_accessible()
    finally:
        browser.driver.set_window_size(1280, 1000)

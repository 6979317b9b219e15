"""A child's vulnerable groups and the local request figures on a 375 px phone: axe-core
finds nothing and nothing scrolls sideways (issue 19)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.models import CaseEvent
from senda.people.groups import record_period
from tests.browser.helpers import Browser
from tests.factories import Personas, make_case, make_child, make_personas

PHONE = 375
WIDTH = "return document.documentElement.scrollWidth"
TODAY = date(2026, 12, 4)


@pytest.fixture
def area(transactional_db, today_is) -> tuple[Personas, int]:
    today_is(TODAY)
    people = make_personas()
    by = people.service_manager
    period = record_period(
        child=people.child, group="looked_after", start=date(2025, 5, 1), by=by, today=TODAY
    )
    for n in range(7):
        case = make_case(make_child(people.la, date_of_birth=date(2022, 3, 1 + n)))
        CaseEvent.objects.create(
            case=case, type="request_received", on=date(2026, 1, 5 + n), recorded_by=by
        )
    return people, period.pk


def test_groups_and_request_figures_are_accessible_on_a_phone(browser: Browser, area) -> None:
    people, period = area
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        browser.sign_in(people.case_officer)
        child = people.child.pk
        for path in (
            "/performance/requests/",
            f"/children/{child}/groups/",
            f"/children/{child}/groups/record/",
            f"/child-groups/{period}/correct/",
            f"/children/{child}/details/",
        ):
            browser.go(path)
            assert "Sign in" not in browser.title and "not found" not in browser.title, path
            browser.assert_accessible()
            width = driver.execute_script(WIDTH)
            assert width <= PHONE, f"{path}: {width} px wide"
        browser.go(f"/children/{child}/groups/record/")
        browser.click_button("Save")  # nothing filled in: the error summary
        browser.assert_accessible()
    finally:
        driver.set_window_size(size["width"], size["height"])

"""axe-core finds nothing on the priorities' pages, in Chromium (the list, the rating form
and its error state, the statements and the key actions), and the rating form fits a
375 px phone. The plan is the demo's (``senda.demo.improvement``), with its priorities."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from senda.demo.improvement import write_plan
from senda.improvement.models import ImprovementPlan
from senda.performance.report import quarters
from tests.browser.helpers import Browser
from tests.browser.test_phones import MEASURE, PHONE
from tests.factories import Personas, make_personas


@pytest.fixture
def plan(transactional_db) -> tuple[Personas, ImprovementPlan]:
    personas = make_personas()
    hash_ = User.objects.get(pk=personas.service_manager.pk).password
    plan = write_plan(seed=3, la=personas.la, today=timezone.localdate(), password_hash=hash_)
    return personas, plan


def visit(browser: Browser, path: str) -> None:
    browser.go(path)
    assert browser.path == path, f"{path} went to {browser.path} ({browser.title})"
    assert not browser.title.startswith(("Page not found", "Sorry", "Server error")), browser.title
    browser.assert_accessible()


def test_the_rating_page_passes_axe_and_fits_a_phone(browser: Browser, plan) -> None:
    personas, the_plan = plan
    area = the_plan.areas.order_by("number").first()
    quarter = quarters.default(timezone.localdate()).key
    p = f"/plans/{the_plan.pk}"
    browser.sign_in(personas.service_manager)
    visit(browser, f"{p}/priorities/")
    visit(browser, f"{p}/priorities/{area.pk}/statements/")
    visit(browser, f"{p}/key-actions/{quarter}/")
    rate = f"{p}/priorities/{area.pk}/rate/{quarter}/"
    visit(browser, rate)
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        browser.go(rate)
        seen = driver.execute_script(MEASURE)
        assert seen["width"] <= min(PHONE, seen["viewport"]), seen
        assert not seen["failed"], seen["failed"]
    finally:
        driver.set_window_size(size["width"], size["height"])
    current = quarters.current(timezone.localdate()).key  # not rated in the demo
    browser.go(f"{p}/priorities/{area.pk}/rate/{current}/")
    browser.click_button("Save the rating")
    assert browser.title.startswith("Error: ")
    browser.assert_accessible()

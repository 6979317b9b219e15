"""axe-core (WCAG 2.2 A/AA and best practice) finds nothing on Senda's pages, in Chromium."""

from __future__ import annotations

import pytest

from tests.browser import scenario
from tests.browser.helpers import Browser


@pytest.fixture
def area(transactional_db) -> scenario.Scenario:
    return scenario.build()


def test_it_finds_nothing_on_sign_in_and_its_error_state(browser: Browser, area) -> None:
    browser.go("/sign-in/")
    browser.assert_accessible()
    browser.fill("Username", area.personas.case_officer.username)
    browser.fill("Password", "not the password")
    browser.click_button("Sign in")
    assert browser.title.startswith("Error: ")
    browser.assert_accessible()


def test_it_finds_nothing_on_home_and_the_case_pages(browser: Browser, area) -> None:
    browser.sign_in(area.personas.case_officer)
    for path in ("/", "/cases/", f"/cases/{area.overdue.pk}/"):
        browser.go(path)
        assert browser.path == path, browser.title
        browser.assert_accessible()


def test_it_serves_govuk_frontend_styles_and_script(browser: Browser, area) -> None:
    """The live server serves the static files: GOV.UK styles apply and initAll() ran."""
    browser.go("/sign-in/")
    weight = browser.driver.execute_script(
        "return getComputedStyle(document.querySelector('h1')).fontWeight"
    )
    assert weight == "700", "govuk-frontend.min.css did not load"
    classes = browser.one("body").get_attribute("class")
    assert "govuk-frontend-supported" in classes, "senda/js-enabled.js did not run"
    initialised = browser.driver.execute_script(
        "return document.querySelectorAll('[data-module][data-govuk-' + "
        "'service-navigation-init], [data-module][data-govuk-skip-link-init]').length"
    )
    assert initialised > 0, "GOV.UK Frontend's initAll() did not run (senda/init.js)"

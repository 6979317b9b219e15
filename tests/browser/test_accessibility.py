"""axe-core (WCAG 2.2 A/AA and best practice) finds nothing on Senda's pages, in Chromium.

Each test signs in once and walks several pages, to keep the browser suite quick.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import scenario
from tests.browser.helpers import Browser
from tests.factories import PASSWORD


@pytest.fixture
def area(transactional_db) -> scenario.Scenario:
    return scenario.build()


def visit(browser: Browser, path: str) -> None:
    browser.go(path)
    assert browser.path == path, f"{path} went to {browser.path} ({browser.title})"
    assert not browser.title.startswith(("Page not found", "Sorry", "Server error")), browser.title
    browser.assert_accessible()


def test_it_finds_nothing_on_sign_in_and_its_error_state(browser: Browser, area) -> None:
    visit(browser, "/sign-in/")
    browser.fill("Username", area.personas.case_officer.username)
    browser.fill("Password", "not the password")
    browser.click_button("Sign in")
    assert browser.title.startswith("Error: ")
    browser.assert_accessible()


def test_it_finds_nothing_on_a_case_officers_pages(browser: Browser, area) -> None:
    browser.sign_in(area.personas.case_officer)
    for path in ("/", "/caseload/", "/triage/", "/cases/", f"/cases/{area.overdue.pk}/"):
        visit(browser, path)
    visit(browser, f"/cases/{area.overdue.pk}/record/")
    visit(browser, f"/cases/{area.overdue.pk}/record/review-meeting/")
    tomorrow = timezone.localdate() + timedelta(days=1)
    browser.fill_date("Date of the review meeting", tomorrow.day, tomorrow.month, tomorrow.year)
    browser.click_button("Save")
    assert browser.title.startswith("Error: ")
    browser.assert_accessible()


def test_it_finds_nothing_on_a_managers_pages(browser: Browser, area) -> None:
    browser.sign_in(area.personas.team_manager)
    for path in ("/team/", "/returns/", f"/returns/{area.personas.setting.pk}/", "/dashboard/"):
        visit(browser, path)
    officer = area.personas.case_officer
    visit(browser, f"/team/officers/{officer.pk}/")


def test_it_finds_nothing_on_the_audit_log(browser: Browser, area) -> None:
    browser.sign_in(area.personas.service_manager)
    visit(browser, "/audit/")


def test_it_serves_govuk_frontend_styles_and_script(browser: Browser, area) -> None:
    """The live server serves the static files: GOV.UK styles apply and initAll() ran."""
    browser.go("/sign-in/")
    weight = browser.driver.execute_script(
        "return getComputedStyle(document.querySelector('h1')).fontWeight"
    )
    assert weight == "700", "govuk-frontend.min.css did not load"
    classes = browser.one("body").get_attribute("class")
    assert "govuk-frontend-supported" in classes, "senda/js-enabled.js did not run"
    browser.wait_for(
        lambda d: d.execute_script(
            "return document.querySelectorAll('[data-govuk-skip-link-init]').length"
        )
    )


def test_it_finds_nothing_on_two_factor_set_up_and_its_error_state(browser: Browser, area) -> None:
    browser.sign_in(area.personas.case_officer)
    visit(browser, "/account/two-factor/")
    browser.fill("Code from your authenticator app", "000000")
    browser.click_button("Turn on two-factor authentication")
    assert browser.title.startswith("Error: ")
    browser.assert_accessible()


def test_it_finds_nothing_on_the_sign_in_code_page(browser: Browser, area) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    officer = area.personas.case_officer
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    browser.sign_out()
    browser.go("/sign-in/")
    browser.fill("Username", officer.get_username())
    browser.fill("Password", PASSWORD)
    browser.click_button("Sign in")
    assert browser.path.startswith("/sign-in/code/"), browser.path
    browser.assert_accessible()


def test_it_finds_nothing_on_the_lockout_page(browser: Browser, area) -> None:
    browser.sign_out()
    browser.go("/sign-in/")
    for _ in range(6):
        browser.fill("Username", area.personas.senco.get_username())
        browser.fill("Password", "not the password")
        browser.click_button("Sign in")
    assert "too many times" in browser.one("main").text
    browser.assert_accessible()


def test_it_finds_nothing_on_a_sencos_and_a_parents_pages(browser: Browser, area) -> None:
    browser.sign_in(area.personas.senco)
    for path in ("/", "/cases/", f"/cases/{area.personas.case.pk}/"):
        visit(browser, path)
    browser.sign_in(area.personas.parent)
    for path in ("/", f"/cases/{area.personas.case.pk}/"):
        visit(browser, path)

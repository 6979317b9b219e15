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
    for path in ("/accessibility/", "/privacy/", f"/public/{area.personas.la.code}/privacy/"):
        visit(browser, path)  # the public statements (several councils: the list first)
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
    browser.go("/audit/?since-day=31&since-month=2&since-year=2026")
    assert browser.title.startswith("Error: ")
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
    browser.go("/cases/?case_status=closed")
    browser.assert_accessible()
    browser.sign_in(area.personas.parent)
    case = area.personas.case.pk
    for path in ("/", "/family/", f"/family/{case}/", f"/family/{case}/messages/"):
        visit(browser, path)
    visit(browser, f"/family/{case}/documents/")
    browser.go(f"/cases/{case}/")  # the staff case page sends a parent to their own
    assert browser.path == f"/family/{case}/", browser.path


def test_it_finds_nothing_on_sharing_a_document_and_its_error_state(browser: Browser, area):
    browser.sign_in(area.personas.case_officer)
    visit(browser, f"/cases/{area.personas.case.pk}/share/")
    browser.click_button("Share document")
    assert browser.title.startswith("Error: ")
    browser.assert_accessible()


def test_it_finds_nothing_on_a_case_timeline_and_its_back_link(browser: Browser, area) -> None:
    """The back link is inside <main> (a landmark: axe "region", with no exception)."""
    browser.sign_in(area.personas.case_officer)
    visit(browser, f"/cases/{area.overdue.pk}/")
    assert browser.all("main .govuk-back-link"), "the back link is not inside <main>"
    assert browser.table("Timeline"), "the case has no timeline rows"


def test_it_reaches_a_plans_scrolling_timeline_by_keyboard(browser: Browser, area) -> None:
    """The Gantt chart scrolls sideways in a region a keyboard can focus (axe
    scrollable-region-focusable), named for screen readers; checked at a phone's width,
    where it must scroll."""
    from django.contrib.auth.models import User
    from selenium.webdriver.common.keys import Keys

    from senda.demo.improvement import write_plan

    manager = area.personas.team_manager
    hash_ = User.objects.get(pk=manager.pk).password
    plan = write_plan(seed=3, la=area.personas.la, today=timezone.localdate(), password_hash=hash_)
    browser.sign_in(manager)
    size = browser.driver.get_window_size()
    browser.driver.set_window_size(375, 800)
    try:
        visit(browser, f"/plans/{plan.pk}/timeline/")
        region = browser.one(".senda-gantt-scroll")
        assert browser.driver.execute_script(
            "return arguments[0].scrollWidth > arguments[0].clientWidth", region
        ), "the chart does not scroll at 375 px, so this test checks nothing"
        assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
        browser.one("h1").click()
        for _ in range(40):
            browser.focused().send_keys(Keys.TAB)
            if browser.focused() == region:
                break
        assert browser.focused() == region, "Tab never reaches the scrolling timeline"
    finally:
        browser.driver.set_window_size(size["width"], size["height"])

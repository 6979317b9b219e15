"""Ceasing a plan in a real browser (issue 12): the proposal, then the decision and its SEN2
reason (a second question, needed only with "cease"), with and without JavaScript; axe finds
nothing on the forms and their error state, they fit a phone, and the case page says when
the plan ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from senda.casework.models import Plan
from senda.clock.ceasing import appeal_deadline
from senda.web.formats import day
from tests.browser import scenario
from tests.browser.helpers import Browser


@pytest.fixture
def area(transactional_db) -> scenario.Scenario:
    return scenario.build()


def choose(browser: Browser, label_start: str) -> None:
    browser.choose(label_start)


def propose(browser: Browser, case_id: int, on, *, axe: bool = True) -> None:
    browser.go(f"/cases/{case_id}/record/cease-proposed/")
    if axe:  # axe runs as a script: not in the browser without JavaScript
        browser.assert_accessible()
    browser.fill_date("Date the family was told", on.day, on.month, on.year)
    browser.click_button("Save")
    assert browser.notification_banner().startswith("Success\n")


def decide(browser: Browser, on, *, reason: str | None) -> None:
    browser.fill_date("Date the decision was notified", on.day, on.month, on.year)
    choose(browser, "Cease to maintain the plan")
    if reason is not None:
        choose(browser, reason)
    browser.click_button("Save")


def test_it_asks_the_reason_and_says_when_the_plan_ends(browser: Browser, area) -> None:
    case = area.overdue
    today = timezone.localdate()
    browser.sign_in(area.personas.case_officer)
    propose(browser, case.pk, today - timedelta(days=20))
    browser.go(f"/cases/{case.pk}/record/cease-decision/")
    browser.assert_accessible()
    decided = today - timedelta(days=2)
    decide(browser, decided, reason=None)
    assert browser.title.startswith("Error: ")
    assert "Select why the plan is ceasing" in browser.one(".govuk-error-summary").text
    browser.assert_accessible()
    decide(browser, decided, reason="Needs met without a plan")
    assert browser.path == f"/cases/{case.pk}/"
    ends = appeal_deadline(decided) + timedelta(days=1)
    assert f"The plan ends on {day(ends)} unless an appeal is brought" in browser.one("main").text
    plan = Plan.objects.get(case=case)
    assert (plan.ceased_on, plan.cease_reason) == (ends, Plan.CeaseReason.NEEDS_MET)
    browser.assert_accessible()
    # On a phone: the case page and the decision's forms fit 375 px.
    browser.driver.set_window_size(375, 812)
    try:
        for path in (f"/cases/{case.pk}/", f"/cases/{case.pk}/record/cease-appealed/"):
            browser.go(path)
            width = browser.driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= 375, (path, width)
    finally:  # the next test on this browser expects the desktop window
        browser.driver.set_window_size(1280, 1000)


def test_it_records_a_decision_to_cease_without_javascript(
    browser_without_js: Browser, area
) -> None:
    browser = browser_without_js
    case = area.overdue
    today = timezone.localdate()
    browser.sign_in(area.personas.case_officer)
    propose(browser, case.pk, today - timedelta(days=20), axe=False)
    browser.go(f"/cases/{case.pk}/record/cease-decision/")
    labels = [label.text for label in browser.driver.find_elements(By.CSS_SELECTOR, "label")]
    assert "Needs met without a plan" in labels
    assert "Transferred to another LA" not in labels  # a transfer out, not a decision
    decide(browser, today - timedelta(days=1), reason="Needs met without a plan")
    assert browser.notification_banner().startswith("Success\n")
    assert Plan.objects.get(case=case).cease_reason == Plan.CeaseReason.NEEDS_MET

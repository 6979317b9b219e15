"""The main journeys in a real browser, with and without JavaScript."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from senda.casework.models import Case, Review
from senda.clock.rules import RULES
from tests.browser import scenario
from tests.browser.helpers import Browser

REVIEW_DECISION = RULES["review-decision"].title


@pytest.fixture
def area(transactional_db) -> scenario.Scenario:
    return scenario.build()


def open_top_of_triage(browser: Browser, area: scenario.Scenario) -> None:
    browser.go("/triage/")
    assert browser.h1() == "Triage"
    first = browser.one("table tbody tr a.govuk-link")
    assert first.text == str(area.overdue.child), "the most overdue case is not first"
    old = browser.one("html")
    first.click()
    browser.wait_for(lambda d: old.id != browser.one("html").id)
    assert browser.path == f"/cases/{area.overdue.pk}/"


def record_meeting(browser: Browser, on) -> None:
    browser.fill_date("Date of the review meeting", on.day, on.month, on.year)
    browser.click_button("Save")


def test_it_goes_from_triage_to_recording_a_review_meeting(browser: Browser, area) -> None:
    browser.sign_in_with_the_form(area.personas.case_officer)
    open_top_of_triage(browser, area)
    assert not any(REVIEW_DECISION in row[0] for row in browser.table("Open deadlines"))
    browser.click_button("Record review meeting")
    assert browser.path == f"/cases/{area.overdue.pk}/record/review-meeting/"

    held = timezone.localdate() - timedelta(days=3)
    record_meeting(browser, held)

    assert browser.path == f"/cases/{area.overdue.pk}/"
    assert browser.notification_banner().startswith("Success\nReview meeting recorded. Next:")
    assert any(REVIEW_DECISION in row[0] for row in browser.table("Open deadlines"))
    assert Review.objects.get(case=area.overdue).meeting_on == held


def test_it_focuses_the_error_summary_and_links_to_the_date(browser: Browser, area) -> None:
    browser.sign_in(area.personas.case_officer)
    browser.go(f"/cases/{area.overdue.pk}/record/review-meeting/")
    record_meeting(browser, timezone.localdate() + timedelta(days=1))

    assert browser.title.startswith("Error: ")
    summary = browser.one(".govuk-error-summary")
    browser.wait_for(lambda d: browser.focused() == summary)
    (link,) = browser.error_summary_links()
    assert "must be today or in the past" in link.text
    link.click()
    target = link.get_attribute("href").split("#", 1)[1]
    assert browser.focused().get_attribute("id") == target
    assert browser.focused().tag_name == "input"
    assert not Review.objects.filter(case=area.overdue).exists()


def test_it_records_a_review_meeting_without_javascript(browser_without_js: Browser, area) -> None:
    browser = browser_without_js
    browser.sign_in_with_the_form(area.personas.case_officer)
    assert "js-enabled" not in (browser.one("body").get_attribute("class") or "")
    browser.go(f"/cases/{area.overdue.pk}/")
    browser.click_button("Record review meeting")

    record_meeting(browser, timezone.localdate() + timedelta(days=1))
    assert browser.title.startswith("Error: ")
    (link,) = browser.error_summary_links()
    target = link.get_attribute("href").split("#", 1)[1]
    assert browser.driver.find_elements(By.ID, target), "the error links to no field"

    held = timezone.localdate() - timedelta(days=2)
    record_meeting(browser, held)
    assert browser.notification_banner().startswith("Success\nReview meeting recorded.")
    assert Review.objects.get(case=area.overdue).meeting_on == held


def test_it_lets_a_manager_reassign_two_cases(browser: Browser, area) -> None:
    officer, colleague = area.personas.case_officer, area.colleague
    browser.sign_in(area.personas.team_manager)
    browser.go("/team/")
    browser.click_link(officer.get_full_name() or officer.get_username())
    moving = [area.overdue, area.due_soon]
    for case in moving:
        browser.check(f"{case.child}, case {case.pk}")
    browser.select("Move them to", "Rowan Hale")
    browser.click_button("Move cases")

    assert browser.path == "/team/"
    assert "2 cases moved from" in browser.notification_banner()
    assert "to Rowan Hale" in browser.notification_banner()
    for case in moving:
        assert Case.objects.get(pk=case.pk).officer_id == colleague.pk
    assert Case.objects.get(pk=area.others[0].pk).officer_id == officer.pk

"""A SENCo runs a review in a real browser: the reviews due, the task list, the meeting, a
section and its error state, check your answers and send. axe finds nothing on any of
them, and each fits a 375 px phone; without JavaScript the report is sent the same way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from senda.casework.models import CaseEvent
from senda.portal import report_actions
from senda.portal.models import ReviewReport
from tests.browser.helpers import Browser
from tests.factories import make_personas
from tests.portal.review_flows import complete_answers, planned_case

PHONE = 375


@pytest.fixture
def review(transactional_db):
    """The personas and a case at the SENCo's school whose annual review is overdue, its
    report written except the parents' views."""
    personas = make_personas()
    case = planned_case(personas)
    report = report_actions.start_report(case=case, by=personas.senco)
    for slug, answers in complete_answers(case).items():
        if slug != "parent-views":
            report_actions.save_section(
                report=report, section=slug, answers=answers, done=True, by=personas.senco
            )
    return personas, case


def fits_a_phone(browser: Browser) -> None:
    width = browser.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE, (browser.path, width)


def run_review(browser: Browser, personas, case, *, axe: bool) -> None:
    """The review in a 375 px window: each page is measured, and checked by axe when the
    browser runs JavaScript, on the one visit (until December 2026 axe ran at 1280 px and
    four of the pages were visited again at 375 px)."""
    browser.driver.set_window_size(PHONE, 812)
    try:
        walk_review(browser, personas, case, axe=axe)
    finally:
        browser.driver.set_window_size(1280, 1024)


def walk_review(browser: Browser, personas, case, *, axe: bool) -> None:
    def look() -> None:
        fits_a_phone(browser)
        if axe:
            browser.assert_accessible()

    meeting = timezone.localdate() - timedelta(days=7)
    browser.sign_in(personas.senco)
    pages = [
        "/portal/",
        f"/portal/reviews/{case.pk}/",
        f"/portal/reviews/{case.pk}/meeting/",
        f"/portal/reviews/{case.pk}/section/parent-views/",
    ]
    for path in pages:
        browser.go(path)
        look()
    browser.go(f"/portal/reviews/{case.pk}/meeting/")
    browser.fill_date("Date of the review meeting", meeting.day, meeting.month, meeting.year)
    browser.click_button("Save the meeting date")
    assert browser.path == f"/portal/reviews/{case.pk}/"
    browser.go(f"/portal/reviews/{case.pk}/section/parent-views/")
    browser.click_button("Save and return to the review")
    assert browser.title.startswith("Error: ")
    look()
    browser.fill("What do the parents or carers say?", "Much happier this year.")
    browser.choose("Yes, I've completed")
    browser.click_button("Save and return to the review")
    assert browser.path == f"/portal/reviews/{case.pk}/"
    browser.click_link("Check your answers and send the report")
    look()
    browser.click_button("Send review report to the council")
    assert browser.path == f"/portal/reviews/{case.pk}/sent/"
    assert browser.h1() == "Review report sent"
    look()
    assert ReviewReport.objects.get(case=case).status == "submitted"
    received = CaseEvent.objects.get(case=case, type="review_report_received")
    assert received.recorded_by == personas.senco


def test_a_senco_sends_a_review_report(browser: Browser, review) -> None:
    personas, case = review
    run_review(browser, personas, case, axe=True)


def test_a_senco_sends_a_review_report_without_javascript(
    browser_without_js: Browser, review
) -> None:
    personas, case = review
    run_review(browser_without_js, personas, case, axe=False)

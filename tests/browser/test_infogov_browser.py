"""A service manager works through retention and subject access on a 375 px phone: the
schedule's change form, the records past retention, a decision (its error, then approved);
logging a subject access request (its errors) and the request's page with its third-party
review list. axe-core finds nothing on the pages checked and nothing scrolls sideways
(issue 20). No script of their own: plain forms."""

from __future__ import annotations

import pytest

from senda.disclosure.models import Request
from senda.people.models import Child
from senda.retention.review import review
from tests.browser.helpers import Browser
from tests.retention.factories import TODAY, make_adult

PHONE = (375, 812)
WIDTH = "return document.documentElement.scrollWidth"


@pytest.fixture
def adult(transactional_db, today_is):
    today_is(TODAY)
    made = make_adult()
    review(made.la, today=TODAY)
    return made


def check(browser: Browser) -> None:
    assert not browser.title.startswith(("Page not found", "Sorry")), browser.title
    assert browser.driver.execute_script(WIDTH) <= PHONE[0], f"{browser.path} scrolls sideways"
    browser.assert_accessible()


def test_a_service_manager_approves_a_disposal_and_answers_a_request_on_a_phone(
    browser: Browser, adult
) -> None:
    browser.sign_in(adult.manager)
    browser.driver.set_window_size(*PHONE)
    browser.go("/retention/schedule/")
    browser.click_link("Change")
    check(browser)
    browser.go("/retention/")
    check(browser)
    browser.click_link("Decide")
    browser.click_button("Confirm")
    assert browser.title.startswith("Error: "), browser.title
    check(browser)
    browser.choose("Approve: anonymise or delete it now, as the schedule says")
    browser.click_button("Confirm")
    assert Child.objects.get(pk=adult.child.pk).given_name == "Anonymised"

    browser.go("/subject-access/")
    browser.click_link("Log a request")
    browser.click_button("Save")
    assert browser.title.startswith("Error: "), browser.title
    check(browser)
    browser.choose("A young person (their own record)")
    browser.fill("Record number", str(adult.child.pk))
    browser.fill("Who asked, and how", "The young person, by email")
    browser.fill_date("Date received", 4, 11, 2026)
    browser.click_button("Save")
    made = Request.objects.get()
    check(browser)  # the request, with its review list (a wide table, stacked)
    assert made.due_on.isoformat() == "2026-12-04"

"""A service manager records a delivery group's meeting on a 375 px phone — the board pack it
considered, a decision and an action for the action log — and the meeting page shows them:
axe-core finds nothing on any page (with and without errors) and nothing scrolls sideways
(issue 19). The pages use no script of their own: plain forms and links."""

from __future__ import annotations

from datetime import date

import pytest

from senda.governance.models import Decision, LogItem, Meeting
from tests.browser.helpers import Browser
from tests.factories import Personas, make_board_pack, make_personas, make_plan
from tests.governance.factories import make_body, make_member

PHONE = (375, 812)
WIDTH = "return document.documentElement.scrollWidth"


@pytest.fixture
def personas(transactional_db) -> Personas:
    return make_personas()


def check(browser: Browser) -> None:
    assert not browser.title.startswith(("Page not found", "Sorry")), browser.title
    assert browser.driver.execute_script(WIDTH) <= PHONE[0], f"{browser.path} scrolls sideways"
    browser.assert_accessible()


def test_a_service_manager_records_a_meeting_on_a_phone(
    browser: Browser, personas: Personas
) -> None:
    pack = make_board_pack(make_plan(personas.la, title="SEND improvement plan"))
    body = make_body(personas.la)
    make_member(body, name="Sam Chair", role="Chair", joined_on=date(2025, 1, 6))
    browser.sign_in(personas.service_manager)
    browser.driver.set_window_size(*PHONE)
    browser.go("/governance/")
    check(browser)
    browser.click_link(body.name)
    check(browser)
    browser.click_link("Add a meeting")
    check(browser)
    browser.click_button("Save")
    assert browser.title.startswith("Error: "), browser.title
    check(browser)
    browser.fill_date("Date of the meeting", 10, 3, 2026)
    browser.select("Board pack it considered", "SEND improvement plan")
    browser.click_button("Save")
    meeting = Meeting.objects.get()
    assert meeting.board_pack == pack
    check(browser)

    browser.click_link("Record attendance")
    check(browser)
    browser.choose("Present")
    browser.click_button("Save")
    browser.click_link("Record a decision")
    browser.fill("Decision", "The group agreed the recovery plan.")
    browser.click_button("Save")
    assert Decision.objects.filter(meeting=meeting).exists()
    browser.click_link("Add to the action log")
    check(browser)
    browser.fill("Action", "Bring the figures by locality.")
    browser.select("Owner", personas.case_officer.get_full_name() or personas.case_officer.username)
    browser.fill_date("Date it is due", 1, 4, 2026)
    browser.click_button("Save")
    assert LogItem.objects.filter(meeting=meeting).exists()
    check(browser)  # the meeting page: pack, attendance, decision and action log
    assert browser.h1().startswith("Meeting on 10 March 2026")


def test_a_service_manager_sets_up_a_body_and_its_members_on_a_phone(
    browser: Browser, personas: Personas
) -> None:
    """The body and member forms, empty (the error summary) and filled, and the leave page."""
    browser.sign_in(personas.service_manager)
    browser.driver.set_window_size(*PHONE)
    browser.go("/governance/bodies/new/")
    check(browser)
    browser.click_button("Save")
    assert browser.title.startswith("Error: "), browser.title
    check(browser)
    body = make_body(personas.la, "SEND partnership board")
    browser.go(f"/governance/bodies/{body.pk}/change/")
    check(browser)
    browser.go(f"/governance/bodies/{body.pk}/members/new/")
    check(browser)
    browser.click_button("Save")
    assert browser.title.startswith("Error: "), browser.title
    check(browser)
    member = make_member(body, name="Sam Chair", role="Chair", joined_on=date(2025, 1, 6))
    browser.go(f"/governance/bodies/{body.pk}/members/{member.pk}/leave/")
    check(browser)
    browser.click_button("Save")
    assert browser.title.startswith("Error: "), browser.title
    check(browser)

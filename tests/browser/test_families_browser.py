"""Issue 14's families' pages and disagreements in a real browser ("done when": a parent on
a phone says their child's views and their own, comments on a draft, sends a message and
answers a survey; a young person shares their record and stops; an officer records a
complaint, a mediation and an appeal and sees the time limits with their law).

axe-core runs on every page with JavaScript, and on one error state of each form (an
empty submit); every page of the parent's journey is also measured at 375 px (nothing
scrolls sideways). The parent's journey is walked with JavaScript and without it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from senda.casework.actions import (
    record_assess_decision,
    record_draft_plan,
    record_issue_decision,
    record_request_received,
)
from senda.casework.disagreements import case_disagreements
from senda.casework.models import Appeal, Complaint, Mediation
from senda.people.models import FamilyContact
from senda.portal import family_voice
from senda.portal.models import CaseMessage, FamilyViews, Representation, SurveyResponse
from tests.browser.helpers import Browser
from tests.browser.test_portal_browser import MEASURE, choose_radio, first_error
from tests.factories import Personas, make_case, make_child, make_family_user, make_la
from tests.portal.family_fixtures import DRAFT_ON, issue, with_officer_email

PHONE = (375, 812)
DESKTOP = (1280, 1000)


class PhoneJourney:
    """A browser at 375 px: ``look()`` asserts the page is no error page, runs axe (with
    JavaScript) and collects what scrolls sideways, asserted by ``done()``."""

    def __init__(self, browser: Browser, *, javascript: bool) -> None:
        self.browser = browser
        self.javascript = javascript
        self.too_wide: list[str] = []
        browser.driver.set_window_size(*PHONE)

    def look(self, expect_title: str | None = None) -> str:
        browser = self.browser
        title = browser.title
        assert not title.startswith(("Page not found", "Sorry", "You do not")), (
            browser.path,
            title,
        )
        if expect_title is not None:
            assert title.startswith(expect_title), (browser.path, title)
        scripted = "js-enabled" in (browser.one("body").get_attribute("class") or "")
        assert scripted == self.javascript, f"JavaScript {'off' if scripted else 'on'}?"
        if self.javascript:
            browser.assert_accessible()
        seen = browser.driver.execute_script(MEASURE)
        if seen["width"] > min(PHONE[0], seen["viewport"]):
            self.too_wide.append(f"{browser.path} ({title}): {seen['width']} px wide")
        self.too_wide += [f"{browser.path}: {failed}" for failed in seen["failed"]]
        return " ".join(browser.one("main").text.split())

    def go(self, path: str, expect_title: str | None = None) -> str:
        self.browser.go(path)
        assert self.browser.path == path, (path, self.browser.path)
        return self.look(expect_title)

    def done(self) -> None:
        self.browser.driver.set_window_size(*DESKTOP)
        self.browser.driver.get("about:blank")  # nothing still loading when the server stops
        assert not self.too_wide, "Does not fit a 375 px phone:\n" + "\n".join(self.too_wide)


@pytest.fixture(params=["javascript", "no-javascript"])
def phone(request: pytest.FixtureRequest, live_server: Any, transactional_db: None) -> Any:
    """The journey at 375 px with JavaScript (axe on every page) and without (the live
    server and database first, as tests/browser/test_portal_browser.py explains)."""
    name = "browser" if request.param == "javascript" else "browser_without_js"
    journey = PhoneJourney(request.getfixturevalue(name), javascript=request.param == "javascript")
    yield journey
    journey.browser.driver.set_window_size(*DESKTOP)


def main_text(browser: Browser) -> str:
    return " ".join(browser.one("main").text.split())


# 1. A parent on a phone ----------------------------------------------------------------


def test_a_parent_on_a_phone_gives_views_comments_a_message_and_feedback(
    phone: PhoneJourney, personas: Personas, today_is
) -> None:
    today_is(date(2026, 3, 10))
    with_officer_email(personas)
    officer = personas.case_officer
    for step, on, extra in (
        (record_request_received, date(2026, 1, 5), {"source": 2}),
        (record_assess_decision, date(2026, 1, 26), {"outcome": "assess"}),
        (record_issue_decision, date(2026, 2, 23), {"outcome": "issue"}),
        (record_draft_plan, DRAFT_ON, {}),
    ):
        step(case=personas.case, on=on, by=officer, today=on, **extra)
    issue(personas.case, "review_meeting", date(2026, 3, 5), personas.case_officer)
    case = personas.case.pk
    browser = phone.browser
    browser.sign_in(personas.parent)

    text = phone.go(f"/family/{case}/", "Where we are")
    assert "Next" in text and "By when" in text and "What happens next" in text, text

    phone.go(f"/family/{case}/views/")
    browser.fill("What I like", "Swimming and drawing")
    browser.click_button("Save and send")
    assert "Your views are saved" in phone.look()
    browser.click_link("Give your own views as a parent or carer instead")
    phone.look()
    browser.fill("What is going well", "Reading at home")
    browser.click_button("Save and send")
    assert "Your views are saved" in phone.look()
    views = {v.about: v.answers for v in FamilyViews.objects.all()}
    assert views[FamilyViews.About.CHILD]["like"] == "Swimming and drawing"
    assert views[FamilyViews.About.PARENT]["going_well"] == "Reading at home"

    text = phone.go(f"/family/{case}/draft/")
    assert "16 March 2026" in text
    browser.click_button("Save and send")  # nothing written: the error state
    phone.look("Error: ")
    assert first_error(browser).startswith("Write a comment")
    browser.fill("Section B: special educational needs", "Speech needs are missing")
    browser.fill("Name of the school or college", "Oak Academy")
    browser.select("Type of school or college", "Academy or free school")
    browser.check("I would like a meeting")
    browser.click_button("Save and send")
    assert "You can change them until 16 March 2026" in phone.look()
    rep = Representation.objects.get()
    assert (rep.comments["B"], rep.school_name, rep.meeting_requested) == (
        "Speech needs are missing",
        "Oak Academy",
        True,
    )

    phone.go(f"/family/{case}/messages/")
    browser.fill("Your message", "When is the meeting?")
    browser.click_button("Send message")
    assert "Your officer will reply by" in phone.look()
    assert CaseMessage.objects.get().body == "When is the meeting?"

    phone.go(f"/family/{case}/survey/")
    choose_radio(browser, "Strongly agree")
    browser.click_button("Send feedback")
    assert "Thank you. We have your feedback." in phone.look()
    assert SurveyResponse.objects.get().clarity == 5
    phone.done()


# 2. A young person shares their record -------------------------------------------------


def test_a_young_person_shares_their_record_and_stops(browser: Browser, today_is) -> None:
    today_is(date(2026, 6, 27))  # the day the rights pass for a child born 15 March 2010
    child = make_child(make_la(), date_of_birth=date(2010, 3, 15), given_name="Robin")
    case = make_case(child)
    parent = make_family_user(child, email="mo@example.org")
    young = make_family_user(child, young_person=True)
    browser.sign_in(young)
    browser.go(f"/family/{case.pk}/")
    said = main_text(browser)
    assert "your child" not in said.lower() and "you" in said.lower().split(), said
    browser.assert_accessible()
    for path in ("/family/access/", "/family/details/"):
        browser.go(path)
        assert browser.path == path
        browser.assert_accessible()

    browser.go("/family/sharing/")
    assert "It is your record. You decide" in main_text(browser)
    browser.assert_accessible()
    browser.click_button("Share my record")
    assert browser.title.startswith("Error: ")
    assert first_error(browser) == "Choose a person"
    browser.assert_accessible()

    name = FamilyContact.objects.get(user=parent).name
    choose_radio(browser, name)
    choose_radio(browser, "See my record and act with me")
    browser.click_button("Share my record")
    assert "can now see your record" in browser.notification_banner()
    browser.assert_accessible()

    old = browser.one("html")
    browser.one("button.govuk-button--warning").click()  # "Stop sharing with …"
    browser.wait_for_new_page(old)
    assert "can no longer see your record" in browser.notification_banner()
    assert "No one in your family can see your record" in main_text(browser)
    browser.assert_accessible()

    choose_radio(browser, name)
    choose_radio(browser, "See my record and documents")
    browser.click_button("Share my record")  # shared again
    assert "can now see your record" in browser.notification_banner()
    assert len(browser.all("button.govuk-button--warning")) == 1
    browser.driver.get("about:blank")


# 3. An officer records disagreements and replies ---------------------------------------


def test_an_officer_records_a_complaint_a_mediation_and_an_appeal(
    browser: Browser, personas: Personas, today_is
) -> None:
    today_is(date(2026, 6, 30))
    with_officer_email(personas)
    case = personas.case
    browser.sign_in(personas.case_officer)

    browser.go(f"/cases/{case.pk}/complaints/new/")
    browser.assert_accessible()
    browser.click_button("Save")
    assert browser.title.startswith("Error: ")
    assert first_error(browser)
    browser.assert_accessible()
    browser.fill_date("Date the complaint was received", 1, 6, 2026)
    choose_radio(browser, "Communication")
    browser.fill("Summary of the complaint", "Nobody called back.")
    browser.click_button("Save")
    assert browser.path == f"/cases/{case.pk}/disagreements/"
    assert "Complaint recorded." in browser.notification_banner()

    browser.go(f"/cases/{case.pk}/mediations/new/")
    browser.assert_accessible()
    choose_radio(browser, "Mediation (appeal right)")
    browser.fill_date("Date the decision notice was sent", 1, 5, 2026)
    browser.check("Needs in the plan (section B)")
    browser.click_button("Save")
    assert "Mediation recorded." in browser.notification_banner()

    browser.go(f"/cases/{case.pk}/appeals/new/")
    browser.assert_accessible()
    browser.fill_date("Date the decision notice was sent", 1, 5, 2026)
    browser.check("Needs in the plan (section B)")
    browser.click_button("Save")
    assert "Appeal recorded." in browser.notification_banner()
    browser.assert_accessible()  # the disagreements page, with all three
    assert (Complaint.objects.count(), Mediation.objects.count(), Appeal.objects.count()) == (
        1,
        1,
        1,
    )

    limits = case_disagreements(case, date(2026, 6, 30)).open_limits
    assert limits
    disagreements = main_text(browser)
    browser.go(f"/cases/{case.pk}/")
    case_page = main_text(browser)
    for limit in limits:
        assert limit.citation in disagreements, limit
        assert limit.title in case_page and limit.citation in case_page, limit

    family_voice.send_family_message(
        case=case, body="Any news?", by=personas.parent, today=date(2026, 6, 22)
    )
    browser.go(f"/cases/{case.pk}/messages/")
    assert "Any news?" in main_text(browser)
    browser.assert_accessible()
    browser.click_button("Send reply")
    assert first_error(browser)
    browser.assert_accessible()

    manager: User = personas.team_manager
    browser.sign_in(manager)
    browser.go("/messages/overdue/")
    assert browser.path == "/messages/overdue/"
    assert browser.all("main table tbody tr"), main_text(browser)
    browser.assert_accessible()
    browser.driver.get("about:blank")

"""Asking for an assessment online, in a real browser at 375 px (issue 14, "when a request
is made online"): a parent, signed out, asks (an empty submit first: the error summary),
gets the reference and the decision date; the officer accepts it. axe-core runs on every
page with JavaScript; the journey is walked with JavaScript and without it."""

from __future__ import annotations

from datetime import date

from senda.casework.models import CaseEvent
from senda.portal.models import OnlineRequest
from tests.browser.test_families_browser import PhoneJourney, phone  # noqa: F401
from tests.browser.test_portal_browser import choose_radio, first_error
from tests.factories import Personas


def test_a_parent_asks_online_and_the_officer_accepts(
    phone: PhoneJourney,  # noqa: F811
    personas: Personas,
    today_is,
) -> None:
    today_is(date(2026, 3, 2))
    browser = phone.browser
    text = phone.go("/request/", "Ask for an assessment of your child's needs")
    assert "6 weeks" in text
    browser.click_link(f"Ask {personas.la.name}")
    phone.look("Ask for an assessment")
    browser.click_button("Send my request")
    phone.look("Error: Ask for an assessment")
    assert first_error(browser) == "Say who is asking"
    choose_radio(browser, "I am a parent or carer")
    browser.fill("Your full name", "Mo Parent")
    browser.fill("Child or young person's first name", "Robin")
    browser.fill("Child or young person's last name", "Example")
    browser.fill_date("Date of birth", 4, 5, 2016)
    browser.fill("Why are you asking for an assessment?", "Robin finds reading hard.")
    browser.fill("Your email address", "mo@example.org")
    browser.one("label[for='id_consent_to_share']").click()  # yes
    browser.one("label[for='id_wants_account']").click()  # yes
    browser.click_button("Send my request")
    text = phone.look("Request sent")
    found = OnlineRequest.objects.get()
    assert found.reference in text and "13 April 2026" in text

    browser.sign_in(personas.case_officer)
    phone.go("/requests/online/", "Online requests for an assessment")
    browser.click_link(found.reference)
    text = phone.look(f"Online request {found.reference}")
    # no child of the area matches: nothing to choose, a new record is added
    assert "a new child record will be added" in text and "Which child is this?" not in text
    assert "A new case will be yours" in text
    browser.check("I have checked who they are")
    browser.click_button("Accept the request")
    text = phone.look(f"Online request {found.reference}")
    assert "Request accepted" in text
    found.refresh_from_db()
    assert CaseEvent.objects.get(case=found.case).on == date(2026, 3, 2)
    phone.done()

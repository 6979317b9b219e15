"""axe-core finds nothing on correcting and withdrawing a step, nor on a timeline with a
corrected step struck through (issue 10)."""

from __future__ import annotations

import pytest

from senda.casework.actions.corrections import correct_event
from tests.browser import scenario
from tests.browser.helpers import Browser


@pytest.fixture
def area(transactional_db) -> scenario.Scenario:
    return scenario.build()


def test_it_finds_nothing_on_the_correction_pages_and_a_struck_through_step(
    browser: Browser, area
) -> None:
    case, officer = area.overdue, area.personas.case_officer
    first = case.events.current().get(type="transferred_in")  # the plan transferred in
    second = correct_event(
        event=first, on=first.on, last_review=None, reason="Not known", by=officer
    )
    browser.sign_in(officer)
    browser.go(f"/cases/{case.pk}/")
    assert browser.all("main del"), "no corrected step is struck through"
    browser.assert_accessible()
    for action in ("correct", "withdraw"):
        browser.go(f"/cases/{case.pk}/steps/{second.pk}/{action}/")
        assert not browser.title.startswith(("Page not found", "Sorry")), browser.title
        browser.assert_accessible()
        browser.click_button("Withdraw step" if action == "withdraw" else "Save correction")
        assert browser.title.startswith("Error: "), browser.title
        browser.assert_accessible()

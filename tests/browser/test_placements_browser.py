"""An officer records, ends and corrects a placement and names the plan's settings on a
375 px phone: axe-core finds nothing on any page (with and without errors) and nothing
scrolls sideways (issue 16). The pages use no script of their own: plain forms and links
(axe itself needs JavaScript, so the browser has it on)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.models import NamedSetting, Placement
from tests.browser.helpers import Browser
from tests.casework.flows import with_plan
from tests.factories import Personas, make_personas

PHONE = (375, 812)
WIDTH = "return document.documentElement.scrollWidth"


@pytest.fixture
def personas(transactional_db) -> Personas:
    personas = make_personas()
    with_plan(personas.case, personas.case_officer)
    return personas


def check(browser: Browser) -> None:
    assert not browser.title.startswith(("Page not found", "Sorry")), browser.title
    assert browser.driver.execute_script(WIDTH) <= PHONE[0], f"{browser.path} scrolls sideways"
    browser.assert_accessible()


def test_an_officer_records_placements_on_a_phone(browser: Browser, personas: Personas) -> None:
    browser.sign_in(personas.case_officer)
    browser.driver.set_window_size(*PHONE)
    case = personas.case.pk
    try:
        browser.go(f"/cases/{case}/")
        browser.click_link("See and record placements")
        check(browser)
        browser.select("Where the child is placed", "No setting: Other (OTH)")
        browser.fill_date("Date the child started", 3, 9, 2025)
        browser.click_button("Record placement")
        assert browser.title.startswith("Error: "), browser.title
        check(browser)
        browser.fill("What the other setting is", "Hospital school")
        browser.check("An SEN unit")
        browser.click_button("Record placement")
        assert "The placement is recorded" in browser.notification_banner()
        check(browser)
        placement = Placement.objects.get()
        assert (placement.setting_other, placement.sen_unit) == ("Hospital school", True)

        browser.go(f"/cases/{case}/placements/{placement.pk}/end/")
        check(browser)
        browser.fill_date("Date the child left", 2, 9, 2025)  # before the start
        browser.click_button("Save")
        assert browser.title.startswith("Error: "), browser.title
        check(browser)
        browser.fill_date("Date the child left", 19, 12, 2025)
        browser.click_button("Save")
        placement.refresh_from_db()
        assert placement.left_on == date(2025, 12, 19)

        browser.go(f"/cases/{case}/placements/{placement.pk}/correct/")
        check(browser)
        browser.select("Where the child is placed", personas.setting.name)
        browser.click_button("Save correction")
        assert browser.title.startswith("Error: "), browser.title  # 'Other' words left
        check(browser)
        browser.fill("What the other setting is", "")
        browser.click_button("Save correction")
        assert Placement.objects.current().get().setting_id == personas.setting.pk
        check(browser)  # the list, with the corrected placement kept

        browser.go(f"/cases/{case}/plan/settings/")
        check(browser)
        browser.select("Setting 1", personas.setting.name)
        browser.click_button("Save settings")
        assert NamedSetting.objects.get().setting_id == personas.setting.pk
        check(browser)
        browser.click_button("Save flags")  # nothing changed
        assert browser.title.startswith("Error: "), browser.title
        check(browser)
    finally:
        browser.driver.set_window_size(1280, 1024)

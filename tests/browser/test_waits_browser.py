"""The neurodevelopmental waiting list on a 375 px phone: axe-core finds nothing and nothing
scrolls sideways, for a service manager on the waits, the children behind a figure and a
referral's steps; and the workforce pages (issue 18's other half) in the same visit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.helpers import Browser
from tests.factories import make_child, make_personas, make_setting
from tests.pathways.factories import TODAY, referral
from tests.people.training_factories import make_register

PHONE = 375
WIDTH = "return document.documentElement.scrollWidth"


@pytest.fixture
def area(transactional_db):
    people = make_personas()
    school = make_setting(people.la, locality="North")
    now = TODAY
    made = [
        referral(
            make_child(people.la, setting=school),
            people.case_officer,
            on=now - timedelta(days=days),
            pathway=pathway,
            accepted=now - timedelta(days=days - 5),
            assessed=now - timedelta(days=days - 200) if days > 300 else None,
        )
        for days, pathway in ((40, "autism"), (150, "autism"), (420, "adhd"), (500, "autism"))
    ]
    register = make_register(people.la, people.service_manager, TODAY)
    return people, made, register


def test_the_waits_are_accessible_on_a_phone(browser: Browser, area) -> None:
    people, made, register = area
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        browser.sign_in(people.service_manager)
        workforce = (
            "/workforce/",
            f"/workforce/sessions/{register.session.pk}/",
            f"/workforce/people/{register.sen[0].pk}/",
            "/workforce/people/",
            "/workforce/posts/",
        )
        waits = ("/waits/", "/waits/children/", f"/waits/referrals/{made[-1].pk}/")
        for path in (*waits, *workforce):
            browser.go(path)
            assert "Sign in" not in browser.title, path
            browser.assert_accessible()
            width = driver.execute_script(WIDTH)
            assert width <= PHONE, f"{path}: {width} px wide"
    finally:
        driver.set_window_size(size["width"], size["height"])

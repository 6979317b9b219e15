"""The neurodevelopmental waiting list and the disabled children's register on a 375 px
phone: axe-core finds nothing and nothing scrolls sideways, for a service manager on the
waits, the children behind a figure, a referral's steps, the register, a child's entry and
the form recording a short break."""

from __future__ import annotations

from datetime import timedelta

import pytest

from senda.pathways.disabled.models import DisabledChild, RegisterRecord
from tests.browser.helpers import Browser
from tests.factories import make_child, make_personas, make_setting
from tests.pathways.factories import TODAY, referral

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
    entry = DisabledChild.objects.create(
        la=people.la, child=made[0].child, added_on=now, added_by=people.service_manager
    )
    RegisterRecord.objects.create(
        entry=entry, kind="short_break", route="local_offer", break_type="overnight",
        provider="Seaview short breaks centre", starts_on=now, recorded_by=people.service_manager,
    )  # fmt: skip
    return people, made, entry


def test_the_waits_are_accessible_on_a_phone(browser: Browser, area) -> None:
    people, made, entry = area
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        browser.sign_in(people.service_manager)
        for path in (
            "/waits/",
            "/waits/children/",
            f"/waits/referrals/{made[-1].pk}/",
            "/disabled-children/",
            f"/disabled-children/{entry.pk}/",
            f"/disabled-children/{entry.pk}/record/?kind=short_break",
        ):
            browser.go(path)
            assert "Sign in" not in browser.title, path
            browser.assert_accessible()
            width = driver.execute_script(WIDTH)
            assert width <= PHONE, f"{path}: {width} px wide"
    finally:
        driver.set_window_size(size["width"], size["height"])

"""The neurodevelopmental waiting list and the destinations on a 375 px phone: axe-core
finds nothing and nothing scrolls sideways, for a service manager on the waits, the
children behind a figure and a referral's steps, and on the destinations by cohort, the
young people behind a figure, the post-19 view and the extract's upload."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from senda.pathways.participation_import import import_participation
from tests.browser.helpers import Browser
from tests.factories import make_child, make_personas, make_setting
from tests.pathways.factories import TODAY, referral

PHONE = 375
WIDTH = "return document.documentElement.scrollWidth"
EXTRACT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "participation-extract.csv"


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
    # The destinations: the example participation extract, its young people in the area.
    for upn, born in (("C936202500011", date(2009, 10, 12)), ("Q936202500021", date(2010, 3, 2))):
        make_child(people.la, upn=upn, date_of_birth=born)
    make_child(
        people.la, given_name="Cara", family_name="Example", date_of_birth=date(2008, 11, 20)
    )
    make_child(people.la, upn="V936202100051", date_of_birth=date(2005, 6, 1))
    import_participation(
        EXTRACT.read_bytes(), filename="x.csv", la=people.la, by=people.service_manager,
        month=date(2026, 10, 1), today=date(2026, 12, 3),
    )  # fmt: skip
    return people, made


def test_the_waits_are_accessible_on_a_phone(browser: Browser, area) -> None:
    people, made = area
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        browser.sign_in(people.service_manager)
        for path in (
            "/waits/",
            "/waits/children/",
            f"/waits/referrals/{made[-1].pk}/",
            "/destinations/",
            "/destinations/children/",
            "/destinations/post-19/",
            "/destinations/import/",
        ):
            browser.go(path)
            assert "Sign in" not in browser.title, path
            browser.assert_accessible()
            width = driver.execute_script(WIDTH)
            assert width <= PHONE, f"{path}: {width} px wide"
    finally:
        driver.set_window_size(size["width"], size["height"])

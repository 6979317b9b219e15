"""The neurodevelopmental waiting list, preparing for adulthood, the destinations and the
disabled children's register on a 375 px phone: axe-core finds nothing and nothing scrolls
sideways, for a service manager on the waits, the children behind a figure, a referral's
steps and support, the recording pages (a step, support, the upload), the needs profiles'
audits, the transition pages, the destinations by cohort, the young people behind a
figure, the post-19 view, the extract's upload and the opportunities, the register, a
child's entry and the form recording a short break, the workforce pages (a course too) and
the audit learning themes; for the SENCo on the needs profiles
and a draft; for the parent on their child's assessments."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from senda.pathways.disabled.models import DisabledChild, RegisterRecord
from senda.pathways.participation_import import import_participation
from senda.pathways.support import record_support
from senda.portal import profiles
from senda.quality.theme_training import THEMES, link_course
from tests.browser.helpers import Browser
from tests.factories import make_child, make_personas, make_setting
from tests.pathways.factories import TODAY, referral
from tests.people.training_factories import make_register

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
    record_support(
        referral=made[-1],
        kind="school",
        provider_kind="setting",
        provider="North School",
        starts_on=TODAY - timedelta(days=30),
        by=people.case_officer,
        today=TODAY,
    )
    draft = profiles.start_profile(child=people.child, by=people.senco, today=TODAY)
    referral(people.child, people.case_officer, on=TODAY - timedelta(days=60))
    entry = DisabledChild.objects.create(
        la=people.la, child=made[0].child, added_on=now, added_by=people.service_manager
    )
    RegisterRecord.objects.create(
        entry=entry, kind="short_break", route="local_offer", break_type="overnight",
        provider="Seaview short breaks centre", starts_on=now, recorded_by=people.service_manager,
    )  # fmt: skip
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
    register = make_register(people.la, people.service_manager, TODAY)
    theme = next(iter(THEMES))
    link_course(la=people.la, theme=theme, course=register.course, by=people.service_manager)
    return people, made, draft, entry, register


def test_the_waits_are_accessible_on_a_phone(browser: Browser, area) -> None:
    people, made, draft, entry, register = area
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        visits = (
            (
                people.service_manager,
                (
                    "/waits/",
                    "/waits/children/",
                    f"/waits/referrals/{made[-1].pk}/",
                    "/qa/profiles/",
                ),
            ),
            (people.senco, ("/portal/profiles/", f"/portal/profiles/{draft.pk}/")),
            (people.parent, ("/family/assessments/",)),
        )
        for who, paths in visits:
            browser.sign_in(who)
            for path in paths:
                browser.go(path)
                assert "Sign in" not in browser.title, path
                browser.assert_accessible()
                width = driver.execute_script(WIDTH)
                assert width <= PHONE, f"{path}: {width} px wide"
        browser.sign_in(people.service_manager)
        last = f"/waits/referrals/{made[0].pk}/"
        paths = (
            f"{last}steps/new/?step=triage",
            f"{last}support/new/",
            "/waits/upload/",
            # Preparing for adulthood (issue 18): the transition list, a young person's
            # records and forms, a case's PfA outcomes at reviews.
            "/transition/",
            f"/transition/young-people/{people.child.pk}/",
            f"/cases/{people.case.pk}/adulthood-outcomes/",
            # The disabled children's register: the list, a child's entry, a short break.
            "/disabled-children/",
            f"/disabled-children/{entry.pk}/",
            f"/disabled-children/{entry.pk}/record/?kind=short_break",
            # Destinations: by cohort, the young people behind a figure, post-19, the upload.
            "/destinations/",
            "/destinations/children/",
            "/destinations/post-19/",
            "/destinations/import/",
            "/destinations/opportunities/",
            # The workforce: the overview, a session's register, a person, people, posts.
            "/workforce/",
            f"/workforce/sessions/{register.session.pk}/",
            f"/workforce/people/{register.sen[0].pk}/",
            "/workforce/people/",
            "/workforce/posts/",
            f"/workforce/courses/{register.course.pk}/",
            # Audit learning themes and the training that answers them.
            "/qa/themes/",
        )
        for path in paths:
            browser.go(path)
            assert "Sign in" not in browser.title, path
            browser.assert_accessible()
            width = driver.execute_script(WIDTH)
            assert width <= PHONE, f"{path}: {width} px wide"
    finally:
        driver.set_window_size(size["width"], size["height"])

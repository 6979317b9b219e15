"""The rest of quality assurance in a real browser (audits and advice have their own
files): the QA home, samples, moderation rounds and their agreement, frameworks, plan
versions, panels and the termly report, as a QA lead and as a team manager. axe finds
nothing on any of them, and each fits a 375 px phone."""

from __future__ import annotations

from datetime import date

import pytest

from senda.quality.models import Audit, Framework, Grade, RoundPlan
from tests.browser.helpers import Browser
from tests.factories import make_personas
from tests.quality.factories import (
    make_framework,
    make_live_plan,
    make_panel,
    make_qa_report,
    make_round,
    make_sample,
    make_version,
)

PHONE = 375
#: The titles of the error pages (a page of this test must be none of them).
REFUSED = ("Page not found", "You do not have permission", "Sorry")


@pytest.fixture
def scene(transactional_db):
    personas = make_personas()
    la, lead = personas.la, personas.qa_auditor
    framework = make_framework(la)
    draft = Framework.objects.create(
        la=la,
        name="Test plan framework",
        version=2,
        status=Framework.Status.DRAFT,
        based_on=framework,
    )
    plan = make_live_plan(personas.case)
    first = make_version(plan, by=personas.case_officer, issued_on=date(2025, 6, 2))
    second = make_version(
        plan,
        by=personas.case_officer,
        issued_on=date(2026, 6, 1),
        F="Speech therapy: 1 hour a week.",
    )
    sample = make_sample(la, by=lead, plans=2)
    round_ = make_round(la, by=lead, plans=2)
    for n, rp in enumerate(RoundPlan.objects.filter(round=round_)):
        for rater in (lead, personas.team_manager):
            Audit.objects.create(
                la=la,
                case=rp.case,
                plan=rp.plan,
                framework=round_.framework,
                kind="moderation",
                round_plan=rp,
                lead=rater,
                opened_on=date(2026, 11, 2),
                submitted_on=date(2026, 11, 10),
                computed_grade=Grade.GOOD
                if n == 0 or rater == lead
                else Grade.REQUIRES_IMPROVEMENT,
            )
    panel = make_panel(la, case=personas.case)
    report = make_qa_report(la)
    return personas, {
        "framework": framework,
        "draft": draft,
        "first": first,
        "second": second,
        "sample": sample,
        "round": round_,
        "panel": panel,
        "report": report,
    }


def fits_a_phone(browser: Browser) -> None:
    width = browser.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE, (browser.path, width)


def test_the_qa_pages_are_accessible_and_fit_a_phone(browser: Browser, scene) -> None:
    personas, made = scene
    case = personas.case.pk
    lead_pages = [
        "/qa/",
        "/qa/samples/",
        "/qa/samples/new/",
        f"/qa/samples/{made['sample'].pk}/",
        f"/qa/samples/{made['sample'].pk}/add/",
        "/qa/rounds/",
        "/qa/rounds/new/",
        f"/qa/rounds/{made['round'].pk}/",
        f"/qa/rounds/{made['round'].pk}/agreement/",
        "/qa/frameworks/",
        f"/qa/frameworks/{made['framework'].pk}/",
        f"/qa/frameworks/{made['draft'].pk}/edit/",
        f"/qa/frameworks/{made['draft'].pk}/domain/",
        f"/qa/frameworks/{made['draft'].pk}/publish/",
        "/qa/panels/",
        "/qa/panels/new/",
        f"/qa/panels/{made['panel'].pk}/",
        "/qa/reports/",
        f"/qa/reports/{made['report'].pk}/",
    ]
    manager_pages = [
        f"/cases/{case}/plan/versions/",
        f"/cases/{case}/plan/versions/new/",
        f"/plan-versions/{made['second'].pk}/",
        f"/plan-versions/{made['second'].pk}/changes/",
        f"/plan-versions/{made['second'].pk}/correct/",
        f"/qa/panels/{made['panel'].pk}/decide/",
    ]
    for user, pages in ((personas.qa_auditor, lead_pages), (personas.team_manager, manager_pages)):
        browser.sign_in(user)
        browser.driver.set_window_size(PHONE, 812)  # axe and the phone's width in one visit
        try:
            for path in pages:
                browser.go(path)
                assert not browser.title.startswith(REFUSED), (path, browser.title)
                fits_a_phone(browser)
                browser.assert_accessible()
        finally:
            browser.driver.set_window_size(1280, 1000)
        browser.sign_out()

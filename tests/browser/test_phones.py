"""Every main page of every persona fits a phone: at a 375 px window nothing scrolls
sideways (``document.documentElement.scrollWidth`` within the window), and no file the
page asks for fails.

One browser session per persona walks its pages; the area is built once for all of them
(the browser suite's time is shared). Wide tables stack on phones (senda.web.phone_tables).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from senda.demo.improvement import write_plan
from senda.improvement.models import Action
from senda.performance.periods import containing
from tests.browser import scenario
from tests.browser.helpers import Browser
from tests.performance.test_board import fact, trajectory

PHONE = 375
TODAY = date(2026, 11, 22)

#: Resources that failed to load (status 400 or more), and the page's width.
MEASURE = """
const failed = performance.getEntriesByType('resource')
  .filter(r => r.responseStatus >= 400).map(r => r.responseStatus + ' ' + r.name);
const root = document.documentElement;
return {width: root.scrollWidth, viewport: root.clientWidth, failed: failed};
"""


@pytest.fixture
def area(transactional_db, today_is) -> dict:
    today_is(TODAY)
    built = scenario.build()
    personas = built.personas
    la, quarter = personas.la, containing(TODAY, "quarter")
    for n, period in enumerate([quarter.year_ago(), quarter.previous(), quarter]):
        fact(la, "annual-review-on-time", period, 30 + 5 * n, 100)
        fact(la, "final-plan-20w", period, 40 + n, 80)
    for member, numerator in (("primary", 12), ("secondary", 38), ("special", 21)):
        fact(la, "annual-review-on-time", quarter, numerator, 60,
             dimension="phase", member=member)  # fmt: skip
    trajectory(
        la, "annual-review-on-time", Decimal(25), date(2024, 12, 31),
        [(date(2027, 12, 31), Decimal(70), Decimal(75), "target")],
    )  # fmt: skip
    hash_ = User.objects.get(pk=personas.service_manager.pk).password
    plan = write_plan(seed=3, la=la, today=TODAY, password_hash=hash_)
    action = Action.objects.filter(area__plan=plan).order_by("id").first()
    case, mine, setting = personas.case.pk, built.overdue.pk, personas.setting.pk
    p = f"/plans/{plan.pk}"
    return {
        personas.case_officer: [
            "/", "/caseload/", "/triage/", "/cases/", f"/cases/{mine}/",
            f"/cases/{mine}/record/", "/returns/", f"/returns/{setting}/", "/dashboard/",
            f"/cases/{mine}/disagreements/", f"/cases/{mine}/complaints/new/",
            f"/cases/{mine}/mediations/new/", f"/cases/{mine}/appeals/new/",
            f"/cases/{mine}/messages/",
        ],
        personas.team_manager: [
            "/team/", f"/team/officers/{personas.case_officer.pk}/", "/returns/",
            f"{p}/", f"{p}/timeline/", f"{p}/risks/", "/messages/overdue/",
            f"{p}/actions/{action.pk}/impact/",
        ],
        personas.service_manager: [
            "/", "/audit/", "/performance/", "/triage/", "/performance/report/",
            "/service/queue/", "/accessibility/", "/privacy/",
        ],
        personas.senco: ["/", "/cases/", f"/cases/{case}/", f"/returns/{setting}/"],
        personas.parent: [
            "/", "/family/", f"/family/{case}/", f"/family/{case}/complaint/",
            f"/family/{case}/documents/",
            f"/family/{case}/views/", f"/family/{case}/draft/", f"/family/{case}/messages/",
            f"/family/{case}/survey/", "/family/access/", "/family/sharing/", "/family/details/",
        ],
        personas.board_member: [
            "/performance/", "/performance/kpis/annual-review-on-time/",
            "/performance/benchmarks/", f"{p}/",
        ],
        User.objects.get(username="health-partner"): [
            f"{p}/", "/plans/my-actions/", f"{p}/actions/{action.pk}/", f"{p}/timeline/",
        ],
        personas.qa_auditor: ["/cases/", f"/cases/{mine}/", "/triage/"],
    }  # fmt: skip


def test_it_fits_every_personas_main_pages_on_a_375px_screen(browser: Browser, area) -> None:
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    problems = []
    try:
        for user, paths in area.items():
            browser.sign_in(user)
            for path in paths:
                browser.go(path)
                assert browser.path == path, f"{user}: {path} went to {browser.path}"
                title = browser.title
                assert not title.startswith(("Page not found", "Sorry", "You do not")), title
                seen = driver.execute_script(MEASURE)
                if seen["width"] > min(PHONE, seen["viewport"]):
                    problems.append(f"{user} {path}: {seen['width']} px wide")
                problems += [f"{user} {path}: {failed}" for failed in seen["failed"]]
    finally:
        driver.set_window_size(size["width"], size["height"])
    assert not problems, "\n".join(problems)

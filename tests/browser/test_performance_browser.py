"""axe-core finds nothing on the board dashboard and a KPI page, in Chromium: figures,
suppressed figures, a trajectory, a status set by a person, breakdowns and commentary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.demo import perf_benchmarks
from senda.performance.models import Commentary, StatusOverride
from senda.performance.periods import containing
from tests.browser.helpers import Browser
from tests.factories import Personas, make_personas
from tests.performance.test_board import fact, trajectory

TODAY = date(2026, 11, 22)


@pytest.fixture
def figures(transactional_db, today_is) -> Personas:
    today_is(TODAY)
    personas = make_personas()
    la, quarter = personas.la, containing(TODAY, "quarter")
    for n, period in enumerate([quarter.year_ago(), quarter.previous(), quarter]):
        fact(la, "annual-review-on-time", period, 30 + 5 * n, 100)
        fact(la, "overdue-reviews", period, 3 + 4 * n)  # 3: suppressed
    for member, numerator, denominator in (("primary", 2, 10), ("secondary", 38, 90)):
        fact(la, "annual-review-on-time", quarter, numerator, denominator,
             dimension="phase", member=member)  # fmt: skip
    trajectory(
        la,
        "annual-review-on-time",
        Decimal(25),
        date(2024, 12, 31),
        [
            (date(2026, 9, 30), Decimal(40), None, "milestone"),
            (date(2027, 12, 31), Decimal(70), Decimal(75), "target"),
        ],
    )
    manager = personas.service_manager
    StatusOverride.objects.create(
        la=la, kpi="annual-review-on-time", period_start=quarter.start, status="off",
        derived_status="close", reason="The backlog is growing.", by=manager,
    )  # fmt: skip
    Commentary.objects.create(
        la=la, kpi="annual-review-on-time", period_start=quarter.start,
        text="Two officers joined in October.", by=manager,
    )  # fmt: skip
    return personas


def visit(browser: Browser, path: str) -> None:
    browser.go(path)
    assert browser.path == path, f"{path} went to {browser.path} ({browser.title})"
    assert not browser.title.startswith(("Page not found", "Sorry", "Server error")), browser.title
    browser.assert_accessible()


def test_it_finds_nothing_on_the_dashboard_and_a_kpi_page(browser: Browser, figures) -> None:
    browser.sign_in(figures.service_manager)
    visit(browser, "/performance/")
    assert browser.h1() == "Performance – Q3 2026-27"
    visit(browser, "/performance/kpis/annual-review-on-time/")
    assert browser.all("svg[role='img']")


def test_it_finds_nothing_on_the_benchmarks_and_the_managers_forms(
    browser: Browser, figures
) -> None:
    perf_benchmarks.write(figures.la)  # the national figures in data/dfe-ehcp
    browser.sign_in(figures.service_manager)
    visit(browser, "/performance/benchmarks/")
    visit(browser, "/performance/benchmarks/E10000019/")  # Lincolnshire
    visit(browser, "/performance/benchmarks/comparators/")
    for form in ("status", "commentary", "trajectory"):
        visit(browser, f"/performance/kpis/annual-review-on-time/{form}/")
    visit(browser, "/performance/kpis/parent-satisfaction/record/")
    browser.click_button("Record value")  # nothing filled in: the error summary
    assert browser.title.startswith("Error:"), browser.title
    browser.assert_accessible()


#: The width of a phone's screen, in CSS pixels: the add page must not scroll sideways.
PHONE = 375


def test_it_finds_nothing_on_the_add_a_kpi_page_and_it_fits_a_phone(
    browser: Browser, figures
) -> None:
    browser.sign_in(figures.service_manager)
    visit(browser, "/performance/local-kpis/new/")
    browser.click_button("Add KPI")  # nothing filled in: the error summary
    assert browser.title.startswith("Error:"), browser.title
    browser.assert_accessible()
    driver = browser.driver
    size = driver.get_window_size()
    driver.set_window_size(PHONE, 900)
    try:
        browser.go("/performance/local-kpis/new/")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        viewport = driver.execute_script("return document.documentElement.clientWidth")
        assert width <= min(PHONE, viewport), f"{width} px wide"
    finally:
        driver.set_window_size(size["width"], size["height"])
    browser.fill("Name", "Attendance of children with EHC plans")
    browser.fill("What it measures", "Sessions attended by pupils with an EHC plan.")
    browser.choose("Count")
    browser.choose("Higher is better")
    browser.choose("Termly")
    browser.select("Improvement area it serves", "Working with children")
    browser.fill("Owner", "Head of inclusion")
    browser.fill("Where its figure comes from", "School census")
    browser.check("We are still working")
    browser.click_button("Add KPI")
    assert browser.h1().startswith("Attendance of children with EHC plans"), browser.title
    browser.assert_accessible()
    # The KPI's definition page: a new version, with and without an error.
    from senda.performance.models import LocalKpi

    local = LocalKpi.objects.get(la=figures.service_manager.membership.la)
    visit(browser, f"/performance/local-kpis/{local.kpi}/")
    browser.fill("Name", "")
    browser.click_button("Save new version")
    assert browser.title.startswith("Error:"), browser.title
    browser.assert_accessible()

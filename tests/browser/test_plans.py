"""axe-core finds nothing on the improvement-plan pages, in Chromium: the plan on a page,
an action, the rating form and its error state, the board pack and the upload page and its
error state. The plan is the demo's (``senda.demo.improvement``), written for the personas'
local area."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from senda.demo.improvement import write_plan
from senda.improvement.models import Action, BoardPack, ImprovementPlan
from tests.browser.helpers import Browser
from tests.factories import Personas, make_personas


@pytest.fixture
def plan(transactional_db) -> tuple[Personas, ImprovementPlan]:
    personas = make_personas()
    hash_ = User.objects.get(pk=personas.service_manager.pk).password
    plan = write_plan(seed=3, la=personas.la, today=timezone.localdate(), password_hash=hash_)
    return personas, plan


def visit(browser: Browser, path: str) -> None:
    browser.go(path)
    assert browser.path == path, f"{path} went to {browser.path} ({browser.title})"
    assert not browser.title.startswith(("Page not found", "Sorry", "Server error")), browser.title
    browser.assert_accessible()


def test_it_finds_nothing_on_the_plan_and_an_action(browser: Browser, plan) -> None:
    personas, the_plan = plan
    browser.sign_in(personas.team_manager)
    action = Action.objects.filter(area__plan=the_plan).order_by("id").first()
    visit(browser, f"/plans/{the_plan.pk}/")
    visit(browser, f"/plans/{the_plan.pk}/actions/{action.pk}/")


def test_it_finds_nothing_on_the_rating_form_and_its_error(browser: Browser, plan) -> None:
    personas, the_plan = plan
    browser.sign_in(personas.service_manager)
    action = Action.objects.filter(area__plan=the_plan).order_by("id").first()
    visit(browser, f"/plans/{the_plan.pk}/actions/{action.pk}/rate/")
    browser.click_button("Save rating")
    assert browser.title.startswith("Error: ")
    browser.assert_accessible()


def test_it_finds_nothing_on_the_board_pack(browser: Browser, plan) -> None:
    personas, the_plan = plan
    browser.sign_in(personas.service_manager)
    visit(browser, f"/plans/{the_plan.pk}/board-pack/")
    latest = BoardPack.objects.filter(plan=the_plan).order_by("-meeting_on").first()
    visit(browser, f"/plans/{the_plan.pk}/board-pack/{latest.pk}/")


def test_it_finds_nothing_on_the_upload_page_and_its_errors(
    browser: Browser, plan, tmp_path: Path
) -> None:
    personas, _ = plan
    browser.sign_in(personas.service_manager)
    visit(browser, "/plans/import/")
    bad = tmp_path / "bad-plan.csv"
    bad.write_text(
        "Area,Aims,What,How,KPIs,Timescale,Who,Updates / Comments\n"
        "Area 1: Timeliness,Plans on time,,Tracker,,Jan to Dec 26,Head of SEND,\n"
        "Area 1: Timeliness,Plans on time,,Publish,,Dec 26,Head of SEND,\n",
        encoding="utf-8",
    )
    browser.one("#id_file").send_keys(str(bad))
    browser.click_button("Import plan")
    assert browser.title.startswith("Error: ")
    assert browser.error_summary_links()
    browser.assert_accessible()


def test_it_finds_nothing_on_the_pages_that_keep_a_plan_up_to_date(browser: Browser, plan) -> None:
    personas, the_plan = plan
    browser.sign_in(personas.service_manager)
    action = Action.objects.filter(area__plan=the_plan, timescale_resolved=False).first()
    visit(browser, f"/plans/{the_plan.pk}/timescales/")
    visit(browser, f"/plans/{the_plan.pk}/actions/{action.pk}/timescale/")
    browser.click_button("Save the timescale")
    assert browser.title.startswith("Error: ")
    browser.assert_accessible()
    visit(browser, f"/plans/{the_plan.pk}/actions/{action.pk}/change/")
    visit(browser, f"/plans/{the_plan.pk}/actions/{action.pk}/withdraw/")


PHONE = 375


def test_the_exception_report_is_accessible_and_fits_a_phone(browser: Browser, plan) -> None:
    personas, the_plan = plan
    browser.sign_in(personas.service_manager)
    browser.driver.set_window_size(PHONE, 812)  # axe at 375 px too: one visit, not two
    try:
        visit(browser, f"/plans/{the_plan.pk}/exceptions/")
        assert browser.h1() == "Exception report"
        assert browser.all("table tbody tr")  # the demo plan has exceptions to show
        width = browser.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE, width
        href = browser.one("a[href*='/exceptions/propose/']").get_attribute("href") or ""
        browser.go(href[href.index("/plans/") :])
        assert browser.h1() == "Write a proposal"
        browser.assert_accessible()
        browser.click_button("Save proposal")
        assert browser.title.startswith("Error: ")
        browser.assert_accessible()
    finally:
        browser.driver.set_window_size(1280, 1000)


def test_it_records_a_stage_with_evidence_on_a_phone(browser: Browser, plan) -> None:
    """ADR 0034: the impact page, its error state and the action's page after saving, axe
    clean at 375 px and nothing wider than the screen."""
    personas, the_plan = plan
    browser.sign_in(personas.service_manager)
    found = Action.objects.filter(area__plan=the_plan).with_impact()
    action = found.filter(impact_stage="in-progress").order_by("id").first()
    path = f"/plans/{the_plan.pk}/actions/{action.pk}/impact/"
    browser.driver.set_window_size(PHONE, 812)
    try:
        visit(browser, path)
        width = browser.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE, width
        browser.choose("Impact evidenced")
        browser.choose("Clear")
        browser.click_button("Save stage and impact")
        assert browser.title.startswith("Error: ")  # no evidence for a claim of impact
        browser.assert_accessible()
        browser.choose("Some")
        browser.fill("Evidence", "Families' survey: 12 of 15 say letters now arrive on time.")
        browser.click_button("Save stage and impact")
        assert browser.h1() == f"Action {action.reference}"
        assert "Impact evidenced" in browser.one("main").text
        browser.assert_accessible()
    finally:
        browser.driver.set_window_size(1280, 1000)

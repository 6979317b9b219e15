"""Advice moderation and learning summaries in a real browser at 375 px: axe-core finds
nothing on the QA lead's pages (and the moderation form's error state) or the
advice-giver's, and nothing scrolls sideways."""

from __future__ import annotations

from datetime import date

from senda.portal.models import AdviceRequest
from senda.quality import advice, summaries
from senda.quality.models import Criterion
from tests.browser.helpers import Browser
from tests.factories import make_case, make_personas
from tests.portal.advice_factories import make_advice_request
from tests.quality.factories import make_framework

PHONE = (375, 812)
WIDTH = "return document.documentElement.scrollWidth;"


def look(browser: Browser, path: str, wide: list[str]) -> None:
    browser.go(path)
    assert browser.path == path, (path, browser.path)
    assert not browser.title.startswith(("Page not found", "Sorry", "Server error")), path
    browser.assert_accessible()
    if browser.driver.execute_script(WIDTH) > PHONE[0]:
        wide.append(path)


def test_the_advice_pages_are_accessible_on_a_phone(browser: Browser) -> None:
    personas = make_personas()
    lead = personas.qa_auditor
    framework = make_framework(personas.la, subject="advice", discipline="health")
    request = make_advice_request(make_case(la=personas.la), personas.advice_team)
    request.status = AdviceRequest.Status.ANSWERED
    request.answer = "Speech and language therapy, 30 minutes a week, by a therapist."
    request.answered_on = date(2026, 10, 20)
    request.save()
    moderation = advice.sample_advice(la=personas.la, discipline="health", count=1, by=lead)[0]
    summary = summaries.draft_summary(
        la=personas.la, period_start=date(2026, 4, 1), period_end=date(2026, 9, 30), by=lead
    )
    browser.driver.set_window_size(*PHONE)
    wide: list[str] = []
    try:
        browser.sign_in(lead)
        for path in (
            "/qa/advice/",
            "/qa/advice/sample/",
            f"/qa/advice/{moderation.pk}/",
            "/qa/summaries/",
            "/qa/summaries/new/",
            f"/qa/summaries/{summary.pk}/",
        ):
            look(browser, path, wide)
        browser.go(f"/qa/advice/{moderation.pk}/")
        browser.click_button("Save the moderation")
        assert browser.title.startswith("Error: ")
        browser.assert_accessible()
        ids = Criterion.objects.filter(domain__framework=framework).values_list("pk", flat=True)
        advice.moderate_advice(
            moderation=moderation,
            judgements=dict.fromkeys(ids, ("met", "")),
            themes=["clear"],
            good_practice=True,
            feedback="Clear and specific.",
            by=lead,
        )
        advice.send_feedback(moderation=moderation, by=lead)
        summaries.publish_summary(summary=summary, by=lead)
        look(browser, f"/qa/advice/{moderation.pk}/", wide)
        browser.sign_out()
        browser.sign_in(personas.advice_giver)
        for path in (
            "/portal/advice/",
            "/portal/advice-feedback/",
            f"/portal/advice-feedback/{moderation.pk}/",
            "/portal/learning-summaries/",
            f"/portal/learning-summaries/{summary.pk}/",
        ):
            look(browser, path, wide)
    finally:
        browser.driver.set_window_size(1280, 1000)
    assert not wide, f"Scrolls sideways at 375 px: {wide}"

"""An auditor works through an audit in a real browser: the list, the audit page with its
judging form (and its error state), who audits, submitting, raising an action and the
action's page. axe finds nothing on any of them, and each fits a 375 px phone."""

from __future__ import annotations

from datetime import date

import pytest

from senda.quality.models import Criterion
from tests.browser.helpers import Browser
from tests.factories import make_personas
from tests.quality.factories import make_audit, make_audit_action

PHONE = 375


@pytest.fixture
def scene(transactional_db):
    personas = make_personas()
    audit = make_audit(
        personas.la,
        lead=personas.qa_auditor,
        case=personas.case,
        auditors=((personas.advice_giver, "health"),),
    )
    Criterion.objects.filter(code="smart").update(
        good_looks_like="Each outcome says what will change, by when, and how we will know."
    )
    action = make_audit_action(audit, to=personas.case_officer, due_on=date(2099, 1, 1))
    return personas, audit, action


def fits_a_phone(browser: Browser) -> None:
    width = browser.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE, (browser.path, width)


def test_the_audit_pages_are_accessible_and_fit_a_phone(browser: Browser, scene) -> None:
    personas, audit, action = scene
    browser.sign_in(personas.qa_auditor)
    pages = [
        "/qa/audits/",
        f"/qa/audits/{audit.pk}/",
        f"/qa/audits/{audit.pk}/auditors/",
        f"/qa/audits/{audit.pk}/submit/",
        f"/qa/audits/{audit.pk}/actions/new/",
        "/qa/actions/",
        f"/qa/actions/{action.pk}/",
        "/qa/audits/new/",
    ]
    browser.driver.set_window_size(PHONE, 812)  # axe and the phone's width in one visit
    try:
        for path in pages:
            browser.go(path)
            fits_a_phone(browser)
            browser.assert_accessible()
        browser.go(f"/qa/audits/{audit.pk}/")
        not_met = browser.with_text("label.govuk-radios__label", "Not met")
        assert not_met is not None, "no 'Not met' answer on the audit"
        not_met.click()
        browser.click_button("Save")
        assert browser.title.startswith("Error: ")
        browser.assert_accessible()
    finally:
        browser.driver.set_window_size(1280, 1000)

"""The pages Senda shows in single sign-on (ADR 0035) on a 375 px phone: the sign-in page
with the council's providers, the page when a provider cannot be reached, and the page for
someone Senda does not know. axe-core finds nothing and nothing scrolls sideways. (The
provider's own pages are the council's; tests/web/test_sso.py signs in through a real one.)"""

from __future__ import annotations

import pytest

from tests.browser.helpers import Browser
from tests.web.sso_provider import RunningProvider


@pytest.fixture
def providers(settings) -> None:
    # Nothing answers on port 9: the provider's page cannot be reached.
    unreachable = RunningProvider("http://127.0.0.1:9")
    settings.SENDA_SSO_PROVIDERS = [
        {**unreachable.senda_config("council"), "label": "Seaview County Council"},
        {**unreachable.senda_config("nhs"), "label": "NHS Seaview (a long name, to wrap)"},
    ]


def test_the_sign_in_pages_of_single_sign_on_fit_a_phone(browser: Browser, providers) -> None:
    with browser.phone():
        browser.go("/sign-in/")
        assert "Sign in with your organisation's account." in browser.one("main").text
        browser.assert_accessible()
        browser.assert_fits()
        browser.click_link("Sign in with Seaview County Council")
        assert browser.path == "/sign-in/sso/council/", browser.path
        assert "could not reach" in browser.one("main").text
        browser.assert_accessible()
        browser.assert_fits()
        browser.go("/sign-in/sso/not-known/")
        assert "Ask your service manager" in browser.one("main").text
        browser.assert_accessible()
        browser.assert_fits()

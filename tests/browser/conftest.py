"""Browser-test fixtures: one headless Chromium per session, driving pytest-django's live
server (a real HTTP server in a thread, with static files and a transactional database).

Without Chromium these tests FAIL, telling you to run ``make browsers``; set
``SENDA_SKIP_BROWSER_TESTS=1`` to skip them on purpose (CI never does).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import axe_log
from tests.browser.helpers import AXE_JS, AXE_TAGS, Browser, start_chromium

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser/ carries the ``browser`` marker (-m "not browser")."""
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """With ``SENDA_AXE_RESULTS=write``, what axe-core found on each page checked goes into
    docs/accessibility-results.json, the accessibility statement's source (axe_log.py)."""
    if os.environ.get("SENDA_AXE_RESULTS") == "write":
        axe_log.write(axe_log.axe_version(AXE_JS), AXE_TAGS)


def _skip_requested() -> bool:
    return os.environ.get("SENDA_SKIP_BROWSER_TESTS", "") == "1"


def _driver(javascript: bool) -> Iterator[WebDriver]:
    if _skip_requested():
        pytest.skip("SENDA_SKIP_BROWSER_TESTS=1: browser tests skipped on request")
    driver = start_chromium(javascript=javascript)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def chromium() -> Iterator[WebDriver]:
    """The session's Chromium with JavaScript on (started once: ~1 s)."""
    yield from _driver(javascript=True)


@pytest.fixture(scope="session")
def chromium_without_js() -> Iterator[WebDriver]:
    """A second Chromium with JavaScript switched off, started only if a test asks."""
    yield from _driver(javascript=False)


@pytest.fixture
def browser(chromium: WebDriver, live_server, transactional_db) -> Iterator[Browser]:
    """A signed-out browser on the live server."""
    chromium.delete_all_cookies()
    yield Browser(chromium, live_server.url)


@pytest.fixture
def browser_without_js(
    chromium_without_js: WebDriver, live_server, transactional_db
) -> Iterator[Browser]:
    chromium_without_js.delete_all_cookies()
    yield Browser(chromium_without_js, live_server.url)

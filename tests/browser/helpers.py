"""Helpers for the browser tests: starting Chromium, signing in, running axe-core.

Chromium and ChromeDriver come from Debian (``make browsers``); Selenium is pointed at
them directly, so selenium-manager never looks anything up or downloads a browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.browser import axe_log
from tests.factories import PASSWORD

#: The narrowest phone the pages are held to (WCAG 2.2 reflow: 320 CSS px; we test 375).
PHONE = 375

#: The first element matching a CSS selector whose rendered text (``innerText``, spaces
#: collapsed, as WebDriver's element text) equals or starts with the text asked for; only
#: elements the page shows. One command instead of reading every candidate's text in turn
#: (each read is a round trip running WebDriver's visible-text script: ~5 ms of Chromium).
FIND_BY_TEXT = """
const [css, text, prefix, root] = arguments;
const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
for (const e of (root || document).querySelectorAll(css)) {
  if (!e.getClientRects().length) continue;
  const t = norm(e.innerText);
  if (prefix ? t.startsWith(text) : t === text) return e;
}
return null;
"""

#: The body rows of the table captioned so, as lists of cell texts (``innerText``).
TABLE_ROWS = """
const norm = s => (s || '').trim();
for (const table of document.querySelectorAll('table')) {
  const caption = table.querySelector('caption');
  if (caption && caption.textContent.trim() === arguments[0]) {
    return [...table.querySelectorAll('tbody tr')].map(
      row => [...row.querySelectorAll('th, td')].map(cell => norm(cell.innerText)));
  }
}
return null;
"""

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SENDA_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("SENDA_CHROMEDRIVER", "/usr/bin/chromedriver"))
AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
#: The rule sets axe-core runs: WCAG 2.2 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WINDOW = (1280, 1000)
#: Findings we accept on purpose, as (rule id, CSS selector of the node): each with its reason.
#: None today: the back link sits inside <main> (layout.html), so axe's "region" rule holds.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


class BrowserMissing(RuntimeError):
    """Chromium, ChromeDriver or axe-core is not installed."""


def check_installed() -> None:
    """Raise :class:`BrowserMissing` naming what to install, if anything is missing."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not _executable(p)]
    if missing:
        raise BrowserMissing(
            f"The browser tests need Chromium and ChromeDriver ({', '.join(missing)} not found). "
            "Run `make browsers` to install Debian's chromium and chromium-driver, or set "
            "SENDA_SKIP_BROWSER_TESTS=1 to skip the browser tests deliberately."
        )
    if not AXE_JS.is_file():
        raise BrowserMissing(f"{AXE_JS} not found: run `make install` (npm ci) first.")


def _executable(path: Path) -> bool:
    return shutil.which(str(path)) is not None


def start_chromium(*, javascript: bool = True) -> WebDriver:
    """A headless Chromium (1280×1000), with or without JavaScript."""
    check_installed()
    # Belt and braces: selenium-manager is never needed when both paths are given.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-extensions",
        "--no-first-run",
        "--disable-search-engine-choice-screen",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--lang=en-GB",
    ):
        options.add_argument(argument)
    if not javascript:
        options.add_argument("--blink-settings=scriptEnabled=false")
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    return driver


class Browser:
    """A Chromium driving the live server: ``browser.go("/cases/")``, ``browser.sign_in(u)``."""

    def __init__(self, driver: WebDriver, base_url: str) -> None:
        self.driver = driver
        self.base_url = base_url.rstrip("/")

    # Navigation --------------------------------------------------------------------------
    def go(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    @property
    def path(self) -> str:
        url: str = self.driver.current_url
        return url.removeprefix(self.base_url)

    @property
    def title(self) -> str:
        return str(self.driver.title)

    def h1(self) -> str:
        return str(self.one("h1").text)

    def one(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str) -> list[WebElement]:
        return list(self.driver.find_elements(By.CSS_SELECTOR, css))

    def with_text(self, css: str, text: str, *, prefix: bool = False) -> WebElement | None:
        """The first shown element matching ``css`` whose text is (or starts with) ``text``."""
        found: WebElement | None = self.driver.execute_script(FIND_BY_TEXT, css, text, prefix)
        return found

    def field(self, label: str) -> WebElement:
        """The form control whose <label> (or legend, for a fieldset) reads ``label``."""
        element = self.with_text("label", " ".join(label.split()))
        if element is None:
            raise AssertionError(f"No field labelled {label!r} on {self.path}")
        return self.one(f"#{element.get_attribute('for')}")

    def wait_for_new_page(self, old: WebElement) -> None:
        """Wait until ``old`` (the last page's <html>) is gone. While the page changes,
        ChromeDriver may answer "unhandled inspector error" instead of "stale element":
        that is asked again, not a failure (seen under load)."""
        WebDriverWait(
            self.driver, 10, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)
        ).until(expected_conditions.staleness_of(old))

    def click_button(self, text: str) -> None:
        """Click the button (or button-styled link) whose text is ``text``; wait for the page."""
        element = self.with_text("button, input[type=submit], a.govuk-button", text)
        if element is None:
            raise AssertionError(f"No button {text!r} on {self.path}")
        old = self.one("html")
        element.click()
        self.wait_for_new_page(old)

    def click_link(self, text: str) -> None:
        old = self.one("html")
        self.driver.find_element(By.LINK_TEXT, text).click()
        self.wait_for_new_page(old)

    def fill(self, label: str, value: str) -> None:
        element = self.field(label)
        element.clear()
        element.send_keys(value)

    def fill_date(self, legend: str, day: int | str, month: int | str, year: int | str) -> None:
        """Fill a GOV.UK date input (three boxes: Day, Month, Year) under ``legend``."""
        found = self.with_text("fieldset > legend:first-of-type", legend)
        if found is None:
            raise AssertionError(f"No date input with legend {legend!r} on {self.path}")
        fieldset = found.find_element(By.XPATH, "..")
        inputs = fieldset.find_elements(By.CSS_SELECTOR, "input.govuk-date-input__input")
        assert len(inputs) == 3, f"{legend!r} is not a three-box date input"
        for element, value in zip(inputs, (day, month, year), strict=True):
            element.clear()
            element.send_keys(str(value))

    def check(self, label_start: str) -> None:
        """Tick the checkbox whose label starts with ``label_start``."""
        element = self.with_text("label.govuk-checkboxes__label", label_start, prefix=True)
        if element is None:
            raise AssertionError(f"No checkbox labelled {label_start!r}… on {self.path}")
        box = self.one(f"#{element.get_attribute('for')}")
        if not box.is_selected():
            element.click()
        assert box.is_selected(), f"could not tick {label_start!r}"

    def choose(self, label_start: str) -> None:
        """Choose the radio whose label starts with ``label_start``."""
        element = self.with_text("label.govuk-radios__label", label_start, prefix=True)
        if element is None:
            raise AssertionError(f"No radio labelled {label_start!r}… on {self.path}")
        element.click()

    def select(self, label: str, option_start: str) -> None:
        """Choose the option of the <select> labelled ``label`` whose text starts so."""
        element = self.field(label)
        option: WebElement | None = self.driver.execute_script(
            "for (const o of arguments[0].options) "
            "  if (o.text.replace(/\\s+/g, ' ').trim().startsWith(arguments[1])) return o;"
            "return null;",
            element,
            option_start,
        )
        if option is None:
            raise AssertionError(f"No option {option_start!r}… in {label!r} on {self.path}")
        option.click()

    def wait_for(self, condition: Any, timeout: float = 5) -> Any:
        return WebDriverWait(self.driver, timeout).until(condition)

    # Page parts --------------------------------------------------------------------------
    def table(self, caption: str) -> list[list[str]]:
        """The body rows of the table captioned ``caption``, as lists of cell texts."""
        rows: list[list[str]] | None = self.driver.execute_script(TABLE_ROWS, caption)
        if rows is None:
            raise AssertionError(f"No table captioned {caption!r} on {self.path}")
        return rows

    def notification_banner(self) -> str:
        return str(self.one(".govuk-notification-banner").text)

    def error_summary_links(self) -> list[WebElement]:
        return self.all(".govuk-error-summary a")

    def focused(self) -> WebElement:
        element: WebElement = self.driver.switch_to.active_element
        return element

    # Signing in --------------------------------------------------------------------------
    def sign_out(self) -> None:
        self.driver.delete_all_cookies()

    def sign_in(self, user: Any) -> None:
        """Sign in as ``user`` by handing the browser a session Django's own ``login()`` made
        (its signals too: the session's clocks, axes' access log), as the sign-in form would.
        The form itself is walked by :meth:`sign_in_with_the_form` (tests/browser/
        test_accessibility.py and the journeys' first steps); a browser sign-in through it
        cost ~1 s of Chromium and four page loads, 73 times a run."""
        client = Client()
        client.force_login(user)
        self.sign_out()
        self.driver.execute_cdp_cmd(
            "Network.setCookie",
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": self.base_url + "/",
                "httpOnly": True,
                "sameSite": "Lax",
            },
        )

    def sign_in_with_the_form(self, user: Any, password: str = PASSWORD) -> None:
        """Sign in through the real sign-in form; fail loudly if it did not work."""
        self.sign_out()
        self.go("/sign-in/")
        self.fill("Username", user.get_username())
        self.fill("Password", password)
        self.click_button("Sign in")
        assert "/sign-in/" not in self.path, f"sign-in failed for {user}: {self.title}"

    def axe(self) -> list[dict[str, Any]]:
        return axe(self.driver)

    def assert_accessible(self) -> None:
        assert_no_violations(self.driver)

    # A phone -----------------------------------------------------------------------------
    @contextmanager
    def phone(self, width: int = PHONE) -> Iterator[None]:
        """The window ``width`` px wide (a phone) while the block runs, then as it was."""
        size = self.driver.get_window_size()
        self.driver.set_window_size(width, 900)
        try:
            yield
        finally:
            self.driver.set_window_size(size["width"], size["height"])

    def assert_fits(self, width: int = PHONE) -> None:
        """Nothing on the page scrolls sideways at ``width`` px."""
        seen = self.driver.execute_script("return document.documentElement.scrollWidth")
        assert seen <= width, f"{self.path}: {seen} px wide"


def axe(driver: WebDriver) -> list[dict[str, Any]]:
    """Run axe-core on the current page; return its violations (empty when accessible).

    axe is injected through WebDriver, which the page's Content-Security-Policy does not
    govern (script-src 'self' blocks inline scripts written by the page, not the driver's).
    """
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const options = {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']};
        axe.run(document, options)
          .then(r => done({violations: r.violations}), e => done({error: String(e)}));
        """,
        AXE_TAGS,
    )
    if "error" in result:
        raise AssertionError(f"axe-core failed to run: {result['error']}")
    violations = _without_known_exceptions(result["violations"])
    axe_log.note(driver.current_url, violations)  # for the accessibility statement
    return violations


def _without_known_exceptions(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept = []
    for violation in violations:
        nodes = [
            node
            for node in violation["nodes"]
            if (violation["id"], " ".join(map(str, node["target"]))) not in KNOWN_EXCEPTIONS
        ]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def describe(violations: Iterable[dict[str, Any]]) -> str:
    """Violations as a readable list: rule id, impact, help, and the nodes at fault."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'n/a'}): {v['help']}  <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").strip().splitlines()
            lines.append(f"    at {target}: {summary[-1].strip() if summary else ''}")
            lines.append(f"       {node['html'][:160]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def assert_no_violations(driver: WebDriver) -> None:
    violations = axe(driver)
    if violations:
        raise AssertionError(
            f"axe-core found {len(violations)} accessibility violation(s) on "
            f"{driver.current_url} ({driver.title}):\n{describe(violations)}"
        )

"""Audit every HTML page a test fetches.

``audit_page(response)`` checks a response and returns the parsed document;
``audited_get(client, url)`` and ``audited_post(client, url, data)`` fetch and audit;
``AuditingClient`` is a Django test client whose every HTML response is audited.

Checks: the page parses as valid HTML (html5lib, strict), it has exactly one ``<h1>``, its
``<title>`` starts with the h1 text (with ``Error: `` first when the page shows an error
summary), no id is used twice, every ``<form>`` names its ``method`` and ``action``, and every
error-summary link points at an element on the page.
"""

from __future__ import annotations

import hashlib
import re
from importlib import import_module
from typing import Any
from xml.etree.ElementTree import Element

import html5lib
from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.test import Client


class PageAuditError(AssertionError):
    pass


def audit_page(response: HttpResponse) -> Element:
    """Run every check on an HTML response; raise PageAuditError naming the first failure."""
    html = response.content.decode(response.charset or "utf-8")
    document = _parse(html)
    ids = _check_unique_ids(document)
    heading = _check_one_h1(document)
    _check_title(document, heading, has_errors=bool(_error_summaries(document)))
    _check_forms(document)
    _check_error_summary_links(document, ids)
    return document


def audited_get(client: Client, url: str, **kwargs: Any) -> HttpResponse:
    response = client.get(url, **kwargs)
    _audit_if_html(response)
    return response


def audited_post(client: Client, url: str, data: Any = None, **kwargs: Any) -> HttpResponse:
    response = client.post(url, data, **kwargs)
    _audit_if_html(response)
    return response


class AuditingClient(Client):
    """A test client that audits every HTML page it receives (after following redirects)."""

    def request(self, **request: Any) -> HttpResponse:
        response = super().request(**request)
        _audit_if_html(response)
        return response

    def _login(self, user: Any, backend: str | None = None) -> None:
        """``force_login`` as Django's, less the empty session it first saves and then
        swaps: Django's client writes a new session row, reads it back, and ``login()``
        replaces it by another (cycle_key) and deletes it — four queries of a sign-in's
        dozen, for a row nobody reads. The user is signed in by the same ``login()``,
        with the same signals (the access log, the session's clocks, last_login)."""
        if self.cookies.get(settings.SESSION_COOKIE_NAME):
            super()._login(user, backend)
            return
        request = HttpRequest()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        login(request, user, backend)
        request.session.save()
        self._set_login_cookies(request)


def _audit_if_html(response: HttpResponse) -> None:
    if not (response.get("Content-Type", "").startswith("text/html") and response.content):
        return
    # The checks are a pure function of the page's HTML, and html5lib (pure Python) takes a
    # quarter of a web test's time: a page that passed once passes again, so it is parsed once.
    # Only the per-request CSRF token (letters and digits, in an attribute) is set aside.
    page = _CSRF_TOKEN.sub(b'value="-"', response.content)
    key = hashlib.sha256(response.charset.encode() + b"\n" + page).digest()
    if key in _PASSED:
        return
    audit_page(response)
    _PASSED.add(key)


_CSRF_TOKEN = re.compile(rb'(?<=name="csrfmiddlewaretoken" )value="[A-Za-z0-9]+"')
#: Digests of the pages that passed every check (this session's).
_PASSED: set[bytes] = set()


def _parse(html: str) -> Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        line = _error_line(html, parser)
        raise PageAuditError(f"invalid HTML: {error} near: {line!r}") from error


def _error_line(html: str, parser: html5lib.HTMLParser) -> str:
    if not parser.errors:
        return ""
    (line, _column), _code, _data = parser.errors[-1]
    lines = html.splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def text_of(element: Element) -> str:
    """The element's text content with whitespace collapsed."""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def has_class(element: Element, name: str) -> bool:
    return name in element.get("class", "").split()


def _check_unique_ids(document: Element) -> set[str]:
    seen: set[str] = set()
    for element in document.iter():
        element_id = element.get("id")
        if element_id is None:
            continue
        if element_id in seen:
            raise PageAuditError(f"duplicate id {element_id!r}")
        seen.add(element_id)
    return seen


def _check_one_h1(document: Element) -> str:
    headings = document.findall(".//h1")
    if len(headings) != 1:
        raise PageAuditError(f"expected exactly one <h1>, found {len(headings)}")
    heading = text_of(headings[0])
    if not heading:
        raise PageAuditError("the <h1> is empty")
    return heading


def _check_title(document: Element, heading: str, *, has_errors: bool) -> None:
    title_element = document.find(".//title")
    title = text_of(title_element) if title_element is not None else ""
    expected = f"Error: {heading}" if has_errors else heading
    if not title.startswith(expected):
        raise PageAuditError(f"title {title!r} does not start with {expected!r}")


def _check_forms(document: Element) -> None:
    for form in document.iter("form"):
        if not form.get("method"):
            raise PageAuditError("a <form> has no method")
        if form.get("action") is None:
            raise PageAuditError("a <form> has no action")


def _error_summaries(document: Element) -> list[Element]:
    return [e for e in document.iter() if has_class(e, "govuk-error-summary")]


def _check_error_summary_links(document: Element, ids: set[str]) -> None:
    for summary in _error_summaries(document):
        for link in summary.iter("a"):
            href = link.get("href", "")
            if href.startswith("#") and href[1:] not in ids:
                raise PageAuditError(f"error summary link {href!r} points at no element")

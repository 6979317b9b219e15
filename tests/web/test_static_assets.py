"""Every file a page names is served, with Django's debug off (as ``senda serve`` runs).

The page's stylesheets, scripts and icons, every ``url()`` inside those stylesheets (GOV.UK
Frontend's fonts and images) and every module a script imports answer 200: no page asks for
a file that is not there (it asked for four: two GDS Transport fonts and /favicon.ico among
them). Senda sets GOV.UK Frontend in Arial: the GDS Transport typeface is for GOV.UK domains
only, so no stylesheet names it (src/senda/web/scss/govuk-frontend.scss, docs/adr).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import html5lib
from django.test import Client

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
JS_IMPORT = re.compile(r"""\bimport\b[^'"]*['"]([^'"]+)['"]""")
NS = "{http://www.w3.org/1999/xhtml}"


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


def fetch(client: Client, url: str) -> bytes:
    response = client.get(url, follow=True)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return body(response)


def page_assets(html: str) -> set[str]:
    document = html5lib.parse(html)
    found = {
        element.get("href")
        for element in document.iter(f"{NS}link")
        if {"stylesheet", "icon", "apple-touch-icon", "manifest"}
        & set((element.get("rel") or "").split())
    }
    found |= {
        element.get("src") for tag in ("script", "img") for element in document.iter(f"{NS}{tag}")
    }
    return {url for url in found if url}


def check_every_asset(client: Client, page_url: str) -> set[str]:
    """Fetch the page and everything it names, transitively; return the URLs fetched."""
    html = fetch(client, page_url).decode()
    queue = [urljoin(page_url, url) for url in page_assets(html)]
    seen: set[str] = set()
    while queue:
        url = queue.pop()
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        content = fetch(client, url)
        path = url.split("?")[0]
        if path.endswith(".css"):
            text = content.decode("utf-8-sig")
            queue += [urljoin(url, ref) for ref in CSS_URL.findall(text) if not ref.startswith("#")]
        elif path.endswith((".js", ".mjs")):
            queue += [urljoin(url, ref) for ref in JS_IMPORT.findall(content.decode())]
    return seen


def test_it_serves_every_file_a_signed_out_page_names(client, db, settings) -> None:
    assert not settings.DEBUG
    fetched = check_every_asset(client, "/sign-in/")
    assert any(url.endswith(".css") for url in fetched)
    assert any(url.endswith("govuk-frontend.min.js") for url in fetched)  # imported by init.js
    assert any(url.endswith("favicon.svg") for url in fetched)
    assert any(url.endswith("favicon.ico") for url in fetched)


def test_it_serves_every_file_a_signed_in_page_names(client, personas) -> None:
    client.force_login(personas.team_manager)
    for page in ("/", "/dashboard/"):
        check_every_asset(client, page)


def test_it_names_no_gov_uk_only_font(client, db) -> None:
    html = fetch(client, "/sign-in/").decode()
    for url in page_assets(html):
        if url.endswith(".css"):
            text = fetch(client, url).decode("utf-8-sig")
            assert "GDS Transport" not in text and "@font-face" not in text, url


def test_it_answers_favicon_ico_at_the_root(client, db) -> None:
    assert fetch(client, "/favicon.ico")[:4] == b"\x00\x00\x01\x00"  # an ICO file

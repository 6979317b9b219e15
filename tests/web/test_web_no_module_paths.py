"""No page shows a Python module path (``senda.casework.returns``): readers are people, not
developers. Every page of the role matrix as each persona who may open it, and every KPI's
dashboard and performance page (their definitions are docstrings)."""

from __future__ import annotations

import re

import html5lib
import pytest
from django.urls import reverse

from senda.performance import catalogue
from senda.performance.weekly import dashboard as kpis
from tests.web.test_role_matrix import EXPECTED, PERSONAS, ROUTES, URL_ARGS, sign_in_as

# What a page says is the same on any database: checked in the SQLite run only (once).
pytestmark = pytest.mark.once

#: A dotted name in Senda's package, as a docstring or help text would give it.
MODULE_PATH = re.compile(r"\bsenda\.\w")
SHOWN_TO = ("case_officer", "service_manager", "senco", "parent", "board_member")


@pytest.fixture(autouse=True)
def _quick_pdfs(quick_pdfs: None) -> None:
    """A PDF's text is not a page's (the walk checks HTML only): no WeasyPrint document."""


def visible_text(html: str) -> str:
    """The page's text as a reader sees it: no head, script, style or attributes."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    for parent in document.iter():
        for child in list(parent):
            if child.tag in ("script", "style", "head"):
                parent.remove(child)
    return " ".join(document.itertext())


def urls_for(names: list[str], personas) -> list[str]:
    """The role matrix's URL for each route, each keyword's object made once (making a
    recorded step twice would be refused)."""
    made: dict[str, object] = {}
    urls = []
    for name in names:
        kwargs = {}
        for key in ROUTES[name].pattern.converters:
            if key not in made:
                value = URL_ARGS[key]
                made[key] = value(personas) if callable(value) else value
            kwargs[key] = made[key]
        urls.append(reverse(f"web:{name}", kwargs=kwargs))
    return urls


def leaks(client, urls: list[str]) -> dict[str, list[str]]:
    """Each page among ``urls`` that shows a module path, with the words around it."""
    found = {}
    for url in urls:
        response = client.get(url, follow=True)  # one plan: /plans/ opens it
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue
        text = visible_text(response.content.decode())
        if MODULE_PATH.search(text):
            found[url] = [
                text[max(m.start() - 40, 0) : m.end() + 40] for m in MODULE_PATH.finditer(text)
            ]
    return found


@pytest.mark.parametrize("persona", SHOWN_TO)
def test_it_shows_no_module_path_on_any_page(client, personas, persona):
    sign_in_as(client, personas, persona)
    column = PERSONAS.index(persona)
    names = [name for name, row in EXPECTED.items() if row[column] == 200]
    assert leaks(client, urls_for(names, personas)) == {}


def test_it_shows_no_module_path_in_any_kpi_definition(client, personas):
    client.force_login(personas.service_manager)
    urls = [reverse("web:dashboard-kpi", args=[kpi]) for kpi in kpis.KPIS]
    urls += [reverse("web:kpi", args=[kpi]) for kpi in catalogue.CATALOGUE]
    assert leaks(client, urls) == {}

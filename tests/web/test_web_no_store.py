"""No copy of a page or download is kept by the browser, and no child's name is in a title.

Walks every route of the role matrix as a persona who may open it: the response says
``Cache-Control: no-store`` (the back button or the cache of a shared computer shows
nothing to the next person), and an HTML page's ``<title>`` (browser history, tab titles)
names no child of the area.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from senda.people.models import Child
from tests.web.test_role_matrix import EXPECTED, PERSONAS, url_for

# Headers and titles are the same on any database: checked in the SQLite run only (once).
pytestmark = pytest.mark.once


@pytest.fixture(autouse=True)
def _quick_pdfs(quick_pdfs: None) -> None:
    """Who may download a PDF is checked here, not the PDF (see ``quick_pdfs``)."""


def _opener(row: tuple[int, ...]) -> str:
    """The first persona who gets the page itself (200), else the first signed-in one."""
    signed_in = list(zip(PERSONAS, row, strict=True))[1:]
    return next((p for p, status in signed_in if status == 200), signed_in[0][0])


ROUTES = [pytest.param(name, _opener(row), id=name) for name, row in EXPECTED.items()]


@pytest.mark.parametrize(("name", "persona"), ROUTES)
def test_it_keeps_no_copy_and_names_no_child_in_the_title(personas, name, persona):
    client = Client()  # downloads too: not only the HTML pages the auditing client checks
    client.force_login(getattr(personas, persona))
    response = client.get(url_for(name, personas))
    assert "no-store" in response.get("Cache-Control", ""), name
    if response.get("Content-Type", "").startswith("text/html"):
        found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
        title = found.group(1) if found else ""
        names = Child.objects.values_list("family_name", flat=True)
        assert names and not [n for n in names if n in title], title


def test_it_sends_no_store_to_anonymous_visitors_too(db):
    response = Client().get("/sign-in/")
    assert "no-store" in response["Cache-Control"]


def test_it_lets_browsers_cache_the_static_assets(db, settings):
    """The GOV.UK styles and scripts are the same for everyone."""
    response = Client().get(f"/{settings.STATIC_URL.lstrip('/')}senda/init.js")
    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]


def test_it_titles_the_case_page_by_its_number_not_the_childs_name(client, personas):
    client.force_login(personas.case_officer)
    html = client.get(f"/cases/{personas.case.pk}/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)  # type: ignore[union-attr]
    assert title.startswith(f"Case {personas.case.pk}")
    assert str(personas.child) in html  # still on the page, under the heading's caption

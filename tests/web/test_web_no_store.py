"""No copy of a page or download is kept by the browser, and no child's name is in a title.

That every route answers ``Cache-Control: no-store`` (the back button or the cache of a
shared computer shows nothing to the next person), to every persona and to signed-out
visitors, downloads too, and that no HTML page's ``<title>`` (browser history, tab titles)
names a child of the area, is checked on each response of the role matrix
(tests/web/test_role_matrix.py, ``test_it_gives_each_persona_the_expected_status``). Here:
what the matrix does not fetch.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

# Headers and titles are the same on any database: checked in the SQLite run only (once).
pytestmark = pytest.mark.once


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

"""No page shows a Python module path (``senda.casework.returns``): readers are people, not
developers. Every KPI's dashboard and performance page here (their definitions are
docstrings); every page of the role matrix, as every persona who may open it, in
tests/web/test_role_matrix.py's ``test_it_gives_each_persona_the_expected_status``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from senda.performance import catalogue
from senda.performance.weekly import dashboard as kpis
from tests.web.page_text import module_paths

# What a page says is the same on any database: checked in the SQLite run only (once).
pytestmark = pytest.mark.once


def test_it_shows_no_module_path_in_any_kpi_definition(client, personas):
    client.force_login(personas.service_manager)
    urls = [reverse("web:dashboard-kpi", args=[kpi]) for kpi in kpis.KPIS]
    urls += [reverse("web:kpi", args=[kpi]) for kpi in catalogue.CATALOGUE]
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        paths = module_paths(response.content.decode(response.charset))
        if paths:
            found[url] = paths
    assert found == {}

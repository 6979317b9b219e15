"""The data-quality page: each check's count and its cases (by reference, never a name)
for the user's own area only, a link to each check's KPI, and an audited read."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.interchange.quality_checks import CHECKS
from tests.factories import make_case, make_child
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def test_it_lists_each_check_with_its_count_and_cases(client, personas):
    la = personas.la
    # The personas' child: ASD, no UPN and no reason, flags not recorded, officer held.
    orphan = make_case(
        make_child(
            la,
            given_name="Wilhelmina",
            upn_unknown="UN1",
            elective_home_education=False,
            missing_education=False,
        )
    )
    elsewhere = make_case(make_child(personas.other_la, given_name="Elsewhere"))
    client.force_login(personas.team_manager)
    before = AuditEntry.objects.count()
    response = client.get(reverse("web:data-quality"))
    assert response.status_code == 200
    html = response.content.decode()
    text = " ".join(text_of(audit_page(response)).split())
    assert "Open cases with no officer: 1" in text
    assert "No UPN and no reason recorded: 1" in text
    assert "Elective home education not recorded: 1" in text
    assert "Children missing education not recorded: 1" in text
    assert "UPN fails its check letter: 0" in text
    assert f'href="{reverse("web:case-detail", args=[orphan.pk])}">R-{orphan.pk}<' in html
    assert f">R-{personas.case.pk}<" in html
    assert f"R-{elsewhere.pk}<" not in html
    assert "Wilhelmina" not in html and personas.child.given_name not in html
    for check in CHECKS:
        assert reverse("web:kpi", args=[check.id]) in html
    entry = AuditEntry.objects.order_by("pk").last()
    assert AuditEntry.objects.count() == before + 1
    assert entry.verb == "read" and entry.user == personas.team_manager
    assert entry.la_id == la.pk
    assert entry.summary.startswith("data quality")


def test_a_case_officer_may_not_see_it(client, personas):
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:data-quality")).status_code == 403


def test_each_checks_kpi_page_opens(client, personas):
    client.force_login(personas.service_manager)
    for check in CHECKS:
        response = client.get(reverse("web:kpi", args=[check.id]))
        assert response.status_code == 200, check.id
        assert check.title in response.content.decode()

"""Adding a KPI of the partnership's own from the pages (``/performance/local-kpis/new/``),
recording its first value through the recording page, and finding it on the board, its page
and an improvement action: no release needed."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.performance import kpis
from senda.performance.models import LocalKpi, LocalKpiVersion, RecordedValue
from tests.factories import make_action, make_area, make_local_kpi, make_plan
from tests.web.page_audit import AuditingClient, audit_page, text_of

TODAY = date(2027, 1, 20)  # Q4 2026-27; the autumn term 2026 is over


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


@pytest.fixture
def client() -> AuditingClient:
    return AuditingClient()


def text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def form(**changes: str) -> dict[str, str]:
    return {
        "name": "Attendance of children with EHC plans",
        "definition": "Sessions attended by pupils with an EHC plan in the area's schools.",
        "unit": "percent",
        "numerator": "Sessions attended",
        "denominator": "Possible sessions",
        "better": "higher",
        "period": "term",
        "area": "families",
        "owner": "Head of inclusion",
        "data_source": "School census attendance return",
        "baseline_value": "88",
        "baseline_on-day": "31",
        "baseline_on-month": "7",
        "baseline_on-year": "2026",
        "target_value": "93",
        "target_on-day": "31",
        "target_on-month": "7",
        "target_on-year": "2028",
        **changes,
    }


def test_a_service_manager_adds_a_termly_kpi_records_its_first_value_and_the_board_shows_it(
    client, personas
) -> None:
    client.force_login(personas.service_manager)
    board = client.get(reverse("web:performance"))
    assert "Add a KPI" in text(board)

    response = client.post(reverse("web:kpi-add"), form())
    kpi_id = LocalKpi.objects.get(la=personas.la).kpi
    assert response.status_code == 302 and response["Location"] == reverse("web:kpi", args=[kpi_id])

    page = text(client.get(response["Location"]))
    assert "The partnership, on these pages (version 1)" in page
    assert "Recorded each school term (autumn: September to December" in page
    assert "(School census attendance return)" in page

    record = reverse("web:kpi-record", args=[kpi_id])
    assert "Autumn term 2026 (September to December 2026)" in text(client.get(record))
    response = client.post(
        record,
        {
            "period": "2026-27-autumn",
            "value": "",
            "numerator": "9100",
            "denominator": "10000",
            "evidence": "Autumn census attendance return",
            "evidence_url": "",
        },
    )
    assert response.status_code == 302
    assert RecordedValue.objects.get(kpi=kpi_id).value == 91

    q3 = text(client.get(reverse("web:performance") + "?quarter=2026-27-q3"))
    assert "EHC plansThe partnership's own KPI 91% 93% by 31 Jul 2028 On target" in q3

    action = make_action(make_area(make_plan(personas.la)))
    edit = reverse("web:plan-action-edit", args=[action.area.plan_id, action.pk])
    response = client.post(edit, {"what": "Raise attendance", "kpi_ids": kpi_id})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.kpi_ids == [kpi_id]
    assert "Raise attendance" in text(client.get(reverse("web:kpi", args=[kpi_id])))


def test_a_kpi_still_being_established_says_so_everywhere(client, personas) -> None:
    client.force_login(personas.team_manager)
    blanks = dict.fromkeys(
        ["baseline_value", "target_value"]
        + [f"{d}-{p}" for d in ("baseline_on", "target_on") for p in ("day", "month", "year")],
        "",
    )
    response = client.post(
        reverse("web:kpi-add"),
        form(name="Children's voice in their plans", period="year", establishing="on", **blanks),
    )
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "Working to establish definition and baseline" in page
    board = text(client.get(reverse("web:performance")))
    assert (
        "their plansThe partnership's own KPI No figure Not set Working to establish "
        "definition and baseline"
    ) in board
    report = text(client.get(reverse("web:report")))
    assert "Children's voice in their plans" in report


def test_it_shows_every_problem_on_the_form(client, personas) -> None:
    client.force_login(personas.service_manager)
    response = client.post(
        reverse("web:kpi-add"), form(name="", period="fortnight", target_value="lots")
    )
    assert response.status_code == 200
    page = text(response)
    assert page.startswith("Error: Add a KPI") or "There is a problem" in page
    assert "Enter the KPI's name" in page
    assert "Enter the target as a number" in page
    assert not LocalKpi.objects.exists()


def test_without_a_baseline_it_asks_for_one_or_the_establishing_mark(client, personas) -> None:
    client.force_login(personas.service_manager)
    response = client.post(reverse("web:kpi-add"), form(baseline_value=""))
    assert response.status_code == 200
    assert "Enter the baseline, or say its definition and baseline are still being" in text(
        response
    )
    assert not LocalKpi.objects.exists()


def test_a_change_is_a_new_version_listed_on_its_page(client, personas) -> None:
    kpi = make_local_kpi(personas.la)
    client.force_login(personas.service_manager)
    url = reverse("web:kpi-define", args=[kpi.kpi])
    assert "Change the definition: Local attendance" in text(client.get(url))
    data = form(name="Local attendance", owner="Virtual school head", change="New owner")
    response = client.post(url, data)
    assert response.status_code == 302
    assert LocalKpiVersion.objects.filter(local_kpi=kpi).count() == 2
    page = text(client.get(reverse("web:kpi", args=[kpi.kpi])))
    assert "Versions of its definition" in page and "New owner" in page
    assert kpis.get(personas.la, kpi.kpi).owner == "Virtual school head"


def test_a_catalogue_kpi_has_no_definition_page(client, personas) -> None:
    client.force_login(personas.service_manager)
    assert client.get(reverse("web:kpi-define", args=["parent-satisfaction"])).status_code == 404
    page = text(client.get(reverse("web:kpi", args=["parent-satisfaction"])))
    assert "Senda's KPI catalogue, in its code" in page
    assert "Change the definition" not in page


def test_another_areas_kpi_is_not_found(client, personas) -> None:
    kpi = make_local_kpi(personas.other_la)
    client.force_login(personas.service_manager)
    assert client.get(reverse("web:kpi", args=[kpi.kpi])).status_code == 404
    assert client.get(reverse("web:kpi-record", args=[kpi.kpi])).status_code == 404
    assert client.get(reverse("web:kpi-define", args=[kpi.kpi])).status_code == 404

"""The page for recording a KPI's value (``/performance/kpis/<kpi_id>/record/``): service
and team managers of the area record, with evidence; others 403; computed KPIs 404."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.performance.models import RecordedValue
from senda.web.views import performance_record
from tests.performance import monthly
from tests.performance.monthly import MONTHLY
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 11, 20)


@pytest.fixture
def monthly_kpi(monkeypatch: pytest.MonkeyPatch) -> str:
    return monthly.install(monkeypatch)


RECORDERS = ["team_manager", "service_manager"]
REFUSED = ["case_officer", "qa_auditor", "board_member", "senco", "parent", "other_la_officer"]


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


def url(kpi_id: str = "parent-satisfaction") -> str:
    return reverse("web:kpi-record", kwargs={"kpi_id": kpi_id})


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def posted(**changes: str) -> dict[str, str]:
    return {
        "period": "2026-27-q2",
        "value": "72.5",
        "evidence": "Parent carer survey, September 2026",
        "evidence_url": "",
        **changes,
    }


@pytest.mark.parametrize("persona", RECORDERS)
def test_it_shows_managers_the_form(client, personas, persona) -> None:
    client.force_login(getattr(personas, persona))
    response = client.get(url())
    assert response.status_code == 200
    text = page_text(response)
    assert "Record a value: Parents and carers satisfied with reviews" in text
    assert "No values recorded yet." in text
    form = response.context["form"]
    assert form["period"].value() == "2026-27-q2"  # the last complete quarter
    keys = [key for key, _ in form.fields["period"].choices]
    assert keys[:2] == ["2026-27-q3", "2026-27-q2"]
    assert "2026-27-q4" not in keys


@pytest.mark.parametrize("persona", REFUSED)
def test_it_refuses_other_roles(client, personas, persona) -> None:
    client.force_login(getattr(personas, persona))
    assert client.get(url()).status_code == 403
    assert client.post(url(), posted()).status_code == 403
    assert not RecordedValue.objects.exists()


def test_it_refuses_a_user_without_a_role(client, plain_user) -> None:
    client.force_login(plain_user)
    assert client.get(url()).status_code == 403


@pytest.mark.parametrize("kpi_id", ["final-plan-20w", "no-such-kpi"])
def test_it_has_no_form_for_computed_or_unknown_kpis(client, personas, kpi_id) -> None:
    client.force_login(personas.service_manager)
    assert client.get(url(kpi_id)).status_code == 404
    assert client.post(url(kpi_id), posted()).status_code == 404


def test_it_records_the_value_and_audits_it(client, personas) -> None:
    client.force_login(personas.team_manager)
    response = client.post(url(), posted(evidence_url="https://example.org/survey"), follow=True)
    row = RecordedValue.objects.get()
    assert (row.la, row.kpi, row.period_start, row.value) == (
        personas.la,
        "parent-satisfaction",
        date(2026, 7, 1),
        Decimal("72.50"),
    )
    assert (row.entered_by, row.evidence_url) == (
        personas.team_manager,
        "https://example.org/survey",
    )
    assert (
        AuditEntry.objects.filter(object_type="performance.RecordedValue", verb="write").count()
        == 1
    )
    assert response.status_code == 200
    assert "value recorded for Q2 2026-27" in page_text(response)


def test_it_lists_the_values_recorded_with_superseded_ones_marked(client, personas) -> None:
    client.force_login(personas.service_manager)
    client.post(url(), posted(value="70"), follow=True)
    response = client.post(url(), posted(value="", numerator="153", denominator="212"), follow=True)
    text = page_text(response)
    assert "Values recorded" in text
    assert "Q2 2026-27 72.2% (153 of 212)" in text
    assert "70.0% – superseded" in text


def test_it_works_out_the_percentage_from_numerator_and_denominator(client, personas) -> None:
    client.force_login(personas.service_manager)
    client.post(url(), posted(value="", numerator="153", denominator="212"))
    row = RecordedValue.objects.get()
    assert (row.value, row.numerator, row.denominator) == (Decimal("72.2"), 153, 212)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": "120"}, "value", "A percentage must be between 0 and 100."),
        ({"value": "", "numerator": "", "denominator": ""}, "value", "Enter the percentage"),
        ({"evidence": ""}, "evidence", "Enter where the figure comes from"),
        ({"evidence_url": "somewhere"}, "evidence_url", "Enter a web address starting https://"),
        ({"numerator": "5"}, "denominator", "Enter the denominator too"),
        ({"numerator": "x", "denominator": "4"}, "numerator", "Enter the numerator as a whole"),
        ({"period": "2027-28-q1"}, "period", "Select a valid choice"),
    ],
)
def test_it_shows_what_is_wrong_on_the_field(client, personas, changes, field, message) -> None:
    client.force_login(personas.service_manager)
    response = client.post(url(), posted(**changes))
    assert response.status_code == 200
    text = page_text(response)
    assert text.startswith("Error: ") or "There is a problem" in text
    assert message in text
    assert field in response.context["form"].errors
    assert not RecordedValue.objects.exists()


def test_it_asks_a_count_for_its_value_only(client, personas) -> None:
    client.force_login(personas.service_manager)
    response = client.get(url("warm-audits"))
    assert "numerator" not in response.context["form"].fields
    client.post(url("warm-audits"), posted(value="3"))
    assert RecordedValue.objects.get().value == 3


@pytest.mark.usefixtures("monthly_kpi")
def test_it_offers_months_for_a_monthly_kpi(client, personas) -> None:
    client.force_login(personas.service_manager)
    form = client.get(url(MONTHLY)).context["form"]
    keys = [key for key, _ in form.fields["period"].choices]
    assert keys[:2] == ["2026-11", "2026-10"]
    assert form["period"].value() == "2026-10"
    client.post(url(MONTHLY), posted(period="2026-10", value="13.4"))
    row = RecordedValue.objects.get()
    assert (row.period, row.period_start) == ("month", date(2026, 10, 1))


def test_it_formats_values_as_a_board_paper_does() -> None:
    from senda.performance.catalogue import get

    shown = performance_record.shown
    assert shown(get("parent-satisfaction"), Decimal("72.50")) == "72.5%"
    assert shown(get("hnb-deficit-in-year"), Decimal("-1250000")) == "−£1,250,000"
    assert shown(get("nd-autism-wait-median"), Decimal("41.50")) == "41.50 weeks"
    assert shown(get("nd-autism-wait-median"), Decimal("41")) == "41 weeks"
    assert shown(get("warm-audits"), Decimal("3.00")) == "3"


def test_it_shows_every_problem_at_once(client, personas) -> None:
    client.force_login(personas.service_manager)
    response = client.post(url(), posted(value="120", evidence="", evidence_url="nowhere"))
    errors = response.context["form"].errors
    assert set(errors) == {"value", "evidence", "evidence_url"}
    text = page_text(response)
    assert "A percentage must be between 0 and 100." in text
    assert "Enter where the figure comes from" in text


def test_it_does_not_repeat_a_field_that_cannot_be_read(client, personas) -> None:
    client.force_login(personas.service_manager)
    response = client.post(url(), posted(value="", numerator="x", denominator="4", evidence=""))
    errors = response.context["form"].errors
    assert set(errors) == {"numerator", "evidence"}
    assert errors["numerator"] == ["Enter the numerator as a whole number"]

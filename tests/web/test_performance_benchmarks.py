"""The benchmark pages: published figures shown exactly as in DfE's CSV cells, choosing an
area, and a service manager setting comparators (audited)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.performance.dfe import import_path, shown
from senda.performance.models import Comparators
from tests.performance.test_dfe import area_code, release_zip, sample_rows

DATA = Path(__file__).resolve().parents[2] / "data" / "dfe-ehcp"
RELEASE_2025 = DATA / "education-health-and-care-plans_2025.zip"


@pytest.fixture
def small_release(db: None, tmp_path: Path) -> None:
    import_path(release_zip(tmp_path / "r.zip", sample_rows()))


def test_the_area_page_shows_the_published_cells_exactly(dfe_2025, client, personas) -> None:
    client.force_login(personas.board_member)
    response = client.get(reverse("web:benchmark-area", args=["E06000015"]))
    assert response.status_code == 200
    page = response.content.decode()
    with zipfile.ZipFile(RELEASE_2025) as archive:
        rows = csv.DictReader(
            io.StringIO(archive.read("data/timeliness_20_week.csv").decode("utf-8-sig"))
        )
        derby = [
            r
            for r in rows
            if r["breakdown_topic"] == r["breakdown"] and area_code(r) == "E06000015"
        ]
    panel = next(p for p in response.context["panels"] if p.measure.id == "timeliness-20w-ex")
    derby_row = panel.rows[0]
    assert derby_row.name == "Derby"
    by_year = {r["time_period"]: r["PC_plans_issued_20_weeks_ex"] for r in derby}
    assert [c.shown for c in derby_row.cells if c] == [shown(by_year[p]) for p in panel.periods]
    for year in panel.periods:
        assert f">{shown(by_year[year])}</td>" in page
    assert "Open Government Licence v3.0" in page
    assert "education-health-and-care-plans_2025.zip" in page
    assert "<caption" in page


def test_symbols_are_shown_with_their_meaning(client, personas, small_release) -> None:
    client.force_login(personas.case_officer)
    page = client.get(reverse("web:benchmark-area", args=["E06000015"])).content.decode()
    assert 'low<span class="govuk-visually-hidden"> (a positive figure that rounds to zero)' in page
    assert 'c<span class="govuk-visually-hidden"> (confidential' in page


def test_an_unknown_area_is_not_found(client, personas, small_release) -> None:
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:benchmark-area", args=["E99999999"])).status_code == 404


def test_choosing_an_area_opens_its_page(client, personas, small_release) -> None:
    client.force_login(personas.team_manager)
    response = client.get(reverse("web:benchmarks"), {"area": "E06000015"})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:benchmark-area", args=["E06000015"])
    invalid = client.get(reverse("web:benchmarks"), {"area": "nowhere"})
    assert invalid.status_code == 200
    assert "Select a local authority" in invalid.content.decode()


def test_the_index_says_when_nothing_is_imported(client, personas) -> None:
    client.force_login(personas.service_manager)
    page = client.get(reverse("web:benchmarks")).content.decode()
    assert "senda import dfe-ehcp data/dfe-ehcp" in page


def test_the_index_shows_the_own_comparators(client, personas, small_release) -> None:
    Comparators.objects.create(
        la=personas.la, region_code="E12000004", neighbour_codes=["E06000015"]
    )
    client.force_login(personas.service_manager)
    response = client.get(reverse("web:benchmarks"))
    panel = response.context["panels"][0]
    assert [r.kind for r in panel.rows] == ["england", "region", "neighbour"]
    page = response.content.decode()
    assert "Change comparators" in page
    assert "Derby" in page


def test_a_service_manager_sets_comparators(client, personas, small_release) -> None:
    client.force_login(personas.service_manager)
    url = reverse("web:comparators")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"published_code": "", "region_code": "E12000004", "neighbours": "831, E06000015"}
    )
    assert response.status_code == 302
    saved = Comparators.objects.get(la=personas.la)
    assert (saved.region_code, saved.neighbour_codes) == ("E12000004", ["E06000015"])
    entry = AuditEntry.objects.get(object_type="performance.Comparators")
    assert entry.la_id == personas.la.pk
    assert entry.summary == "comparators: - E12000004 E06000015"


def test_unknown_neighbour_codes_are_refused(client, personas, small_release) -> None:
    client.force_login(personas.service_manager)
    response = client.post(
        reverse("web:comparators"), {"region_code": "", "neighbours": "E06000015 123"}
    )
    assert response.status_code == 200
    assert "123 is not one" in response.content.decode()
    assert not Comparators.objects.exists()


def test_only_a_service_manager_sets_comparators(client, personas) -> None:
    client.force_login(personas.team_manager)
    assert client.get(reverse("web:comparators")).status_code == 403
    assert client.post(reverse("web:comparators"), {}).status_code == 403


def test_the_index_shows_sendas_own_figure_beside_the_published_one(
    client, personas, small_release, today_is
) -> None:
    from datetime import date

    from senda.performance.models import KpiFact

    today_is(date(2026, 11, 22))
    KpiFact.objects.create(
        la=personas.la,
        kpi="final-plan-20w",
        on=date(2026, 9, 30),
        period="quarter",
        period_start=date(2026, 7, 1),
        numerator=1,
        denominator=2,
    )
    client.force_login(personas.board_member)
    response = client.get(reverse("web:benchmarks"))
    panel = next(p for p in response.context["panels"] if p.measure.id == "timeliness-20w-ex")
    assert panel.senda is not None and str(panel.senda.value) == "50.0"
    assert "(Senda, Q2 2026-27)" in response.content.decode()


def test_every_published_year_can_be_shown(dfe_releases, client, personas) -> None:
    client.force_login(personas.qa_auditor)
    url = reverse("web:benchmark-area", args=["E92000001"])
    recent = client.get(url).context["panels"][0]
    every = client.get(url, {"years": "all"}).context["panels"][0]
    assert recent.measure.id == every.measure.id == "timeliness-20w-ex"
    assert recent.periods[0] == "2019"
    assert every.periods[0] == "2014"
    england = every.rows[0]
    first = england.cells[0]
    assert first is not None and first.release == "education-health-and-care-plans_2022.zip"
    assert {c.release for c in england.cells[-6:] if c} == {
        "education-health-and-care-plans_2025.zip"
    }


def test_the_area_page_shows_needs_and_placements_side_by_side(dfe_2025, client, personas) -> None:
    Comparators.objects.create(la=personas.la, region_code="E12000004")
    client.force_login(personas.case_officer)
    response = client.get(reverse("web:benchmark-area", args=["E06000015"]))
    sections = {s.key: s for s in response.context["sections"]}
    assert list(sections) == ["timeliness", "requests", "caseload", "placements", "needs"]
    needs = sections["needs"].mix
    assert needs is not None and needs.period == "202425"
    assert [label for _, label in needs.columns] == ["Derby", "England", "East Midlands (region)"]
    with zipfile.ZipFile(RELEASE_2025) as archive:
        text = archive.read("data/sen_needs_all_plans.csv").decode("utf-8-sig")
    derby = next(
        r
        for r in csv.DictReader(io.StringIO(text))
        if r["breakdown_topic"] == r["breakdown"] and r["new_la_code"] == "E06000015"
    )
    asd = next(cells for measure, cells in needs.rows if measure.id == "need-asd-pc")
    assert asd[0] is not None and asd[0].raw == derby["asd_pc"]
    assert "Autistic spectrum disorder" in response.content.decode()

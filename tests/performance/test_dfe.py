"""Importing DfE's "Education, health and care plans" releases: every published cell is
stored exactly as published; the import is all or nothing and idempotent."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senda.performance.dfe import import_path, period_label, shown
from senda.performance.dfe.importer import ImportFailed
from senda.performance.dfe.reader import number
from senda.performance.models import PublishedArea, PublishedFigure, PublishedRelease

DATA = Path(__file__).resolve().parents[2] / "data" / "dfe-ehcp"
RELEASE_2025 = DATA / "education-health-and-care-plans_2025.zip"
RELEASE_2022 = DATA / "education-health-and-care-plans_2022.zip"

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,"
    "plans_issued_den,pc_plans_issued_within_20_weeks,PC_plans_issued_20_weeks_ex"
)
ALL = "All EHC plans issued,All EHC plans issued"


def release_zip(path: Path, rows: list[str], *, year: int = 2030, bom: bool = True) -> Path:
    """A small release zip in the 2025 layout (timeliness file only)."""
    text = ("\ufeff" if bom else "") + "\n".join([HEADER, *rows]) + "\n"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data/timeliness_20_week.csv", text.encode("utf-8"))
        archive.writestr(
            "data-guidance/data-guidance.txt",
            f"Education, health and care plans\nReporting year {year}\n\nThis data is released "
            "under the terms of the Open Government License and is intended to meet at least "
            "3 stars for Open Data.",
        )
    return path


def sample_rows(ex: str = "60.4") -> list[str]:
    return [
        f"2029,Calendar year,National,E92000001,England,,,,,,{ALL},100,58.7,{ex}",
        f"2029,Calendar year,Regional,E92000001,England,E12000004,East Midlands,,,,{ALL},10,x,z",
        "2029,Calendar year,Local authority,E92000001,England,E12000004,East Midlands,"
        f"E06000015,831,Derby,{ALL},5,c,low",
        "2029,Calendar year,Local authority,E92000001,England,E12000004,East Midlands,"
        "E06000015,831,Derby,Child or young persons age,Aged 10,1,50,50",
    ]


def csv_rows(zip_path: Path, member: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(zip_path) as archive:
        text = archive.read(member).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def area_code(row: dict[str, str]) -> str:
    level = row["geographic_level"]
    if level == "National":
        return row["country_code"]
    return row["region_code"] if level == "Regional" else row["new_la_code"]


def test_cells_are_shown_as_published_without_trailing_zeros() -> None:
    assert shown("57.900000000000") == "57.9"
    assert shown("60.4") == "60.4"
    assert shown("100") == "100"
    assert shown("x") == "x"
    assert shown("low") == "low"
    assert period_label("202425") == "2024-25"
    assert period_label("2024") == "2024"
    assert number("57.900000000000") == number("57.9")
    assert number("c") is None
    with pytest.raises(ValueError):
        number("n/a")


def test_it_stores_every_published_cell_exactly(dfe_releases: None) -> None:
    stored = {
        (f.time_period, f.area.code): f
        for f in PublishedFigure.objects.filter(
            measure="timeliness-20w-ex", release__year=2025
        ).select_related("area")
    }
    rows = [
        r
        for r in csv_rows(RELEASE_2025, "data/timeliness_20_week.csv")
        if r["breakdown_topic"] == r["breakdown"]
    ]
    assert len(rows) == len(stored) > 900
    for row in rows:
        figure = stored[(row["time_period"], area_code(row))]
        assert figure.raw == row["PC_plans_issued_20_weeks_ex"]
        assert figure.source == "timeliness_20_week.csv:PC_plans_issued_20_weeks_ex"
    older = {
        (f.time_period, f.area.code): f.raw
        for f in PublishedFigure.objects.filter(
            measure="timeliness-20w-ex", release__year=2022
        ).select_related("area")
    }
    mi = csv_rows(RELEASE_2022, "data/sen2_mi.csv")
    assert len(mi) == len(older)
    for row in mi:
        assert older[(row["time_period"], area_code(row))] == row["NoExc20weekRate"]
    assert older[("2021", "E92000001")] == "59.900000000000"  # kept exactly as published
    derby = PublishedArea.objects.get(code="E06000015")
    assert (derby.old_code, derby.name, derby.level, derby.region_code) == (
        "831",
        "Derby",
        "la",
        "E12000004",
    )
    release = PublishedRelease.objects.get(year=2025)
    assert "Open Government Licen" in release.licence
    assert len(release.sha256) == 64


@pytest.mark.django_db
def test_it_reads_symbols_a_byte_order_mark_and_only_the_all_rows(tmp_path: Path) -> None:
    done, _ = import_path(release_zip(tmp_path / "r.zip", sample_rows()))
    assert [d.figures for d in done] == [6]
    figures = {
        (f.measure, f.area.code): (f.raw, f.value)
        for f in PublishedFigure.objects.select_related("area")
    }
    assert figures[("timeliness-20w-ex", "E92000001")] == ("60.4", Decimal("60.4"))
    assert figures[("timeliness-20w", "E12000004")] == ("x", None)
    assert figures[("timeliness-20w-ex", "E12000004")] == ("z", None)
    assert figures[("timeliness-20w", "E06000015")] == ("c", None)
    assert figures[("timeliness-20w-ex", "E06000015")] == ("low", None)
    assert set(PublishedArea.objects.values_list("code", flat=True)) == {
        "E92000001",
        "E12000004",
        "E06000015",
    }


@pytest.mark.django_db
def test_importing_again_replaces_the_release(tmp_path: Path) -> None:
    import_path(release_zip(tmp_path / "r.zip", sample_rows("60.4")))
    done, _ = import_path(release_zip(tmp_path / "r.zip", sample_rows("61.0")))
    assert done[0].replaced
    from senda.audit.models import AuditEntry

    entries = list(AuditEntry.objects.order_by("id").values_list("summary", flat=True))
    assert [e.split(":")[0] for e in entries] == ["dfe-ehcp imported", "dfe-ehcp replaced"]
    assert PublishedRelease.objects.count() == 1
    assert PublishedFigure.objects.count() == 6
    assert PublishedFigure.objects.get(measure="timeliness-20w-ex", area__code="E92000001").raw == (
        "61.0"
    )


@pytest.mark.django_db
def test_it_imports_nothing_when_any_file_has_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    release_zip(folder / "good.zip", sample_rows(), year=2030)
    release_zip(folder / "bad.zip", sample_rows("sixty"), year=2031)
    (folder / "broken.zip").write_text("not a zip")
    with pytest.raises(ImportFailed) as failed:
        import_path(folder)
    problems = "\n".join(failed.value.problems)
    assert "bad.zip: timeliness_20_week.csv line 2, PC_plans_issued_20_weeks_ex" in problems
    assert "broken.zip: not a readable zip file" in problems
    assert not PublishedRelease.objects.exists()
    assert not PublishedFigure.objects.exists()


@pytest.mark.django_db
def test_a_release_without_the_columns_senda_reads_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data/timeliness_20_week.csv", "time_period,geographic_level\n2024,x\n")
        archive.writestr("data-guidance/data-guidance.txt", "Reporting year 2030")
    with pytest.raises(ImportFailed) as failed:
        import_path(path)
    assert "no column" in failed.value.problems[0]


@pytest.mark.django_db
def test_the_command_exits_1_for_problems_and_2_for_usage(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as usage:
        call_command("import", "dfe-ehcp", str(tmp_path / "missing.zip"))
    assert usage.value.returncode == 2
    bad = tmp_path / "bad.zip"
    bad.write_text("nope")
    with pytest.raises(CommandError) as problems:
        call_command("import", "dfe-ehcp", str(bad))
    assert problems.value.returncode == 1
    out = io.StringIO()
    call_command(
        "import", "dfe-ehcp", str(release_zip(tmp_path / "r.zip", sample_rows())), stdout=out
    )
    assert "imported 6 figures for 3 areas" in out.getvalue()
    assert "Open Government Licence v3.0" in out.getvalue()

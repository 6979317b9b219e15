"""COLLECT's module CSVs ("Blade export") read into the same records as the XML, and
imported the same way (``collect_csv``, ``load.load_file``); hostile files get one clear
message or a finding on their person."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest

from senda.casework.models import CaseEvent, Placement, Plan
from senda.interchange.sen2 import collect_csv
from senda.interchange.sen2.collect_csv import parse_date, read_folder
from senda.interchange.sen2.findings import Unreadable
from senda.interchange.sen2.load import NothingImported, load_file, load_persons
from senda.people.models import Child
from tests.factories import make_la, make_setting, make_user
from tests.interchange.sen2 import blade, returns
from tests.interchange.sen2.returns import TODAY, header


@pytest.fixture
def code() -> str:
    return "936"


def persons(code: str) -> list:
    return returns.every_kind(code, ["100001", "100002"])


@pytest.mark.parametrize("iso", [False, True])
def test_the_csvs_read_back_as_the_records_they_were_written_from(tmp_path, code, iso):
    written = persons(code)
    blade.write(tmp_path, header(code, dmo="A Person"), written, iso=iso)
    reading = read_folder(tmp_path)
    assert reading.header == header(code, dmo="A Person", made_at=datetime(2026, 3, 31))
    found = list(reading.persons())
    assert [p for p, _ in found] == written
    assert [p.position for p, _ in found] == [1, 2, 3, 4, 5, 6]
    assert all(findings == [] for _, findings in found)


def test_a_zip_of_the_files_reads_the_same(tmp_path, code):
    files = blade.write(tmp_path / "csv", header(code), persons(code))
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in files.values():
            out.write(path, f"export/{path.name}")
    assert [p for p, _ in read_folder(archive).persons()] == persons(code)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2022-Sep-28 00:00:00", date(2022, 9, 28)),
        ("2022-sep-28", date(2022, 9, 28)),
        ("2022-09-28", date(2022, 9, 28)),
        ("2022-09-28T00:00:00", date(2022, 9, 28)),
        ("2022-Sept-28", None),
        ("2022-02-30", None),
        ("28/09/2022", None),
        ("9" * 40, None),
    ],
)
def test_dates_are_collects_or_iso(text, day):
    assert parse_date(text) == day


def test_the_older_layout_is_read(tmp_path, code):
    files = blade.write(tmp_path, header(code), [returns.new_plan(code, "100001")])
    person = files["person"].read_text().replace(",sex,", ",gendercurrent,")
    files["person"].write_text(person)
    (found,) = read_folder(tmp_path).persons()
    assert found[0].sex == "F"


@pytest.mark.django_db
def test_importing_the_csvs_equals_importing_the_records(tmp_path):
    def snapshot(la):
        rows = []
        for child in Child.objects.filter(la=la).order_by("family_name"):
            rows.append(
                (
                    child.family_name,
                    child.upn,
                    child.primary_need,
                    child.secondary_need,
                    [
                        (e.type, e.on, e.outcome, e.cease_reason)
                        for e in CaseEvent.objects.filter(case__child=child).order_by("on", "id")
                    ],
                    [
                        (p.issued_on, p.transferred_in_on, p.ceased_on, p.residential)
                        for p in Plan.objects.filter(case__child=child)
                    ],
                    [
                        (p.entered_on, p.left_on, p.setting_id, p.setting_code)
                        for p in Placement.objects.filter(case__child=child).order_by("id")
                    ],
                )
            )
        return rows

    la = make_la()
    urns = [make_setting(la).urn, make_setting(la).urn]
    manager = make_user("service_manager", la)
    load_persons(
        la,
        header(la.code),
        [(p, []) for p in returns.every_kind(la.code, urns)],
        user=manager,
        today=TODAY,
    )
    other = make_la()
    other_manager = make_user("service_manager", other)
    blade.write(tmp_path, header(other.code), returns.every_kind(other.code, urns))
    run = load_file(other, tmp_path, user=other_manager, today=TODAY)
    assert run.persons == 6 and run.file_name == tmp_path.name and len(run.sha256) == 64
    assert snapshot(other) == snapshot(la)


def test_a_file_not_in_utf8_is_refused(tmp_path, code):
    files = blade.write(tmp_path, header(code), [returns.new_plan(code, "100001")])
    text = files["person"].read_text().replace("Okafor", "Okaförä")
    files["person"].write_bytes(text.encode("latin-1"))
    with pytest.raises(Unreadable, match=r"person\.csv is not UTF-8 text"):
        read_folder(tmp_path)


def test_a_missing_key_column_or_module_is_refused(tmp_path, code):
    files = blade.write(tmp_path, header(code), [returns.new_plan(code, "100001")])
    text = files["requests"].read_text().replace("persontableid", "personid")
    files["requests"].write_text(text)
    with pytest.raises(Unreadable, match=r"requests\.csv has no column persontableid"):
        read_folder(tmp_path)
    files["person"].unlink()
    with pytest.raises(Unreadable, match="No person module file found"):
        read_folder(tmp_path)


def test_a_header_that_is_not_one_row_is_refused(tmp_path, code):
    files = blade.write(tmp_path, header(code), [])
    lines = files["sen2"].read_text().splitlines()
    files["sen2"].write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(Unreadable, match="should hold one row"):
        read_folder(tmp_path)


def test_a_lone_csv_or_a_missing_folder_is_refused(tmp_path, code):
    lone = tmp_path / "notes.txt"
    lone.write_text("hello")
    with pytest.raises(Unreadable, match="neither SEN2 XML nor a folder or zip"):
        read_folder(lone)
    with pytest.raises(Unreadable, match="No such file or folder"):
        read_folder(tmp_path / "gone")


def test_bad_values_are_findings_on_their_person_and_never_echo_control_characters(tmp_path, code):
    files = blade.write(tmp_path, header(code), [returns.new_plan(code, "100001")])
    text = files["namedplan"].read_text().replace("2025-Jun-16 00:00:00", "16th June")
    files["namedplan"].write_text(text)
    text = files["senneed"].read_text().replace(",1\n", ",99999999999999999999\n", 1)
    files["senneed"].write_text(text)
    text = files["person"].read_text().replace("Okafor", "Oka\x1b[31mfor")
    files["person"].write_text(text)
    text = files["plandetail"].read_text().replace(",true", ",maybe").replace(",false", ",maybe")
    files["plandetail"].write_text(text)
    ((person, findings),) = read_folder(tmp_path).persons()
    by_element = {f.element: f.message for f in findings}
    assert "is not a date" in by_element["Requests[1]/Assessment/NamedPlan/StartDate"]
    assert (
        "not a small whole number" in by_element["Requests[1]/ActivePlans/SENneed[1]/SENtypeRank"]
    )
    assert "control characters" in by_element["Surname"]
    assert (
        "not true or false"
        in by_element["Requests[1]/Assessment/NamedPlan/PlanDetail[1]/SENunitIndicator"]
    )
    assert all("\x1b" not in f.message for f in findings)
    assert all(f.position == 1 and f.level == "error" for f in findings)
    assert "\x1b" not in person.surname


def test_a_row_whose_parent_is_missing_is_a_finding(tmp_path, code):
    files = blade.write(tmp_path, header(code), [returns.new_plan(code, "100001")])
    lines = files["senneed"].read_text().splitlines()
    parts = lines[1].split(",")
    parts[4] = "77777"  # activeplanstableid
    files["senneed"].write_text("\n".join([lines[0], ",".join(parts), *lines[2:]]) + "\n")
    reading = read_folder(tmp_path)
    ((_, findings),) = reading.persons()
    assert findings == []
    (orphan,) = reading.file_findings
    assert orphan.position == 0 and orphan.element.endswith("senneed.csv line 2")
    assert "activeplanstableid '77777' is not a row" in orphan.message


def test_a_value_too_long_or_a_row_too_wide_is_caught(tmp_path, code):
    files = blade.write(tmp_path, header(code), [returns.new_plan(code, "100001")])
    text = files["person"].read_text().replace("AB1 2CD", "x" * 20_000)
    files["person"].write_text(text)
    ((_, findings),) = read_folder(tmp_path).persons()
    assert any(f.element == "Postcode" and "at most 10,000" in f.message for f in findings)
    lines = files["requests"].read_text().splitlines()
    files["requests"].write_text("\n".join([lines[0], lines[1] + ",extra,extra"]) + "\n")
    with pytest.raises(Unreadable, match="line 2 has"):
        read_folder(tmp_path)


def test_a_zip_too_big_is_refused(tmp_path, code, monkeypatch):
    files = blade.write(tmp_path / "csv", header(code), [returns.new_plan(code, "100001")])
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in files.values():
            out.write(path, path.name)
    monkeypatch.setattr(collect_csv, "MAX_ZIP_BYTES", 1000)
    with pytest.raises(Unreadable, match="too big"):
        read_folder(archive)


@pytest.mark.django_db
def test_findings_from_the_csv_stop_the_import(tmp_path):
    la = make_la()
    urn = make_setting(la).urn
    manager = make_user("service_manager", la)
    files = blade.write(tmp_path, header(la.code), [returns.new_plan(la.code, urn)])
    text = files["requests"].read_text().replace("2025-Feb-03 00:00:00", "yesterday")
    files["requests"].write_text(text)
    with pytest.raises(NothingImported) as raised:
        load_file(la, tmp_path, user=manager, today=TODAY)
    upn = returns.upn(la.code, 1)
    assert any(
        p.startswith(f"Person 1 (UPN {upn}): Requests[1]/ReceivedDate: 'yesterday' is not a date")
        for p in raised.value.problems
    )
    assert not Child.objects.exists()


@pytest.mark.django_db
def test_a_row_of_no_person_stops_the_import(tmp_path):
    la = make_la()
    urn = make_setting(la).urn
    manager = make_user("service_manager", la)
    files = blade.write(tmp_path, header(la.code), [returns.new_plan(la.code, urn)])
    lines = files["senneed"].read_text().splitlines()
    parts = lines[1].split(",")
    parts[4] = "77777"
    files["senneed"].write_text("\n".join([lines[0], ",".join(parts), *lines[2:]]) + "\n")
    with pytest.raises(NothingImported) as raised:
        load_file(la, tmp_path, user=manager, today=TODAY)
    assert any(
        p.startswith("The file: Blade-Export_31-03-2026_senneed.csv line 2:")
        for p in raised.value.problems
    )

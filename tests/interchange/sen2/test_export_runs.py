"""Making the return: runs.write_return (the file, its check, the run recorded, the audit)
and `senda sen2 export` (its summary and exit statuses)."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from senda import kernel
from senda.audit.models import AuditEntry
from senda.casework.models import AssessmentRequest, NamedSetting, Placement, Plan
from senda.interchange.models import Sen2Run
from senda.interchange.sen2 import aggregates, export, parts, runs, validate, xml_read
from senda.people.identifiers import upn_check_letter
from senda.people.models import LocalAuthority
from tests.factories import make_case, make_child, make_la, make_setting, make_user

pytestmark = pytest.mark.django_db

TODAY = kernel.today()
CENSUS = export.next_census(TODAY)
YEAR = CENSUS.year - 1


def _upn(n: int) -> str:
    body = f"931{n:08d}1"  # a UPN from a recognised LA (rule 1530): a child who moved in
    return upn_check_letter(body) + body


def clean_area(**child: Any) -> LocalAuthority:
    """An area with one child whose record is complete: a plan issued in the year."""
    la = make_la()
    school = make_setting(la)
    fields = {
        "upn": _upn(42),
        "sex": "F",
        "ethnicity": "WBRI",
        "postcode": "AB1 2CD",
        "date_of_birth": date(2015, 5, 4),
        **child,
    }
    case = make_case(make_child(la, **fields))
    AssessmentRequest.objects.create(
        case=case,
        received_on=date(YEAR, 1, 12),
        source=1,
        assess_outcome="assess",
        assess_decided_on=date(YEAR, 2, 16),
        issue_outcome="issue",
        issue_decided_on=date(YEAR, 4, 20),
    )
    plan = Plan.objects.create(case=case, issued_on=date(YEAR, 5, 18), personal_budget=False)
    NamedSetting.objects.create(plan=plan, setting=school, recorded_on=date(YEAR, 5, 18))
    Placement.objects.create(
        case=case, setting=school, entered_on=date(YEAR, 5, 18), recorded_on=date(YEAR, 5, 18)
    )
    return la


def test_write_return_writes_checks_records_and_audits() -> None:
    la = clean_area()
    manager = make_user("service_manager", la)
    out = io.BytesIO()
    run, report = runs.write_return(la, census=CENSUS, out=out, user=manager, today=TODAY)
    data = out.getvalue()
    assert data.startswith(b"<?xml")
    assert run.kind == Sen2Run.Kind.EXPORT and run.la == la and run.census_date == CENSUS
    assert run.made_by == manager
    assert run.sha256 == hashlib.sha256(data).hexdigest()
    assert run.file_name == runs.file_name(la, CENSUS) == f"sen2-{la.code}-{CENSUS:%Y-%m-%d}.xml"
    assert run.persons == report.persons == 1
    assert (run.errors, run.queries) == (report.errors, report.queries)
    assert report.errors == 0, report.findings
    # The counts are the return's figures, read back from the file written.
    reading = xml_read.read(io.BytesIO(data))
    persons = [person for person, _ in reading.persons()]
    assert run.counts == aggregates.count(persons, census=CENSUS)
    assert run.counts["plans_new"] == 1 and run.counts["plans_active"] == 1
    entry = AuditEntry.objects.get(verb="export", object_type="interchange.Sen2Run")
    assert entry.user == manager and entry.la_id == la.pk and entry.object_id == str(run.pk)
    assert "persons=1" in entry.summary and "Child" not in entry.summary


def test_findings_are_kept_on_the_run() -> None:
    la = clean_area(upn="", upn_unknown="")  # no UPN, ULN or reason: an error
    run, report = runs.write_return(la, census=CENSUS, out=io.BytesIO(), user=None, today=TODAY)
    assert report.errors >= 1
    assert run.errors == report.errors and run.made_by is None
    assert run.findings[0] == report.findings[0].as_dict()
    assert AuditEntry.objects.filter(verb="export", object_id=str(run.pk)).exists()


def test_command_writes_the_file_and_exits_0_when_clean(tmp_path: Path) -> None:
    la = clean_area()
    out_file = tmp_path / "return.xml"
    stdout = io.StringIO()
    call_command("sen2", "export", "--la", la.code, "--out", str(out_file), stdout=stdout)
    text = stdout.getvalue()
    assert out_file.read_bytes().startswith(b"<?xml")
    assert "1 persons, 0 errors" in text
    assert "Plan active on the census day: 1" in text
    assert "New plans issued in the year (not transfers in): 1" in text
    assert "database queries" in text
    assert Sen2Run.objects.get(la=la).census_date == CENSUS


def test_command_exits_1_with_errors_and_still_writes_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    la = clean_area(upn="", upn_unknown="")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError) as raised:
        call_command("sen2", "export", "--la", la.code, stdout=io.StringIO())
    assert raised.value.returncode == 1
    named = tmp_path / runs.file_name(la, CENSUS)
    assert named.exists() and str(named.name) in str(raised.value)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--la", "000"], "No local area has the LA number"),
        (["--census", "21/01/2027"], "is not a date"),
        (["--out", "/no/such/folder/return.xml"], "Cannot write"),
    ],
)
def test_command_usage_errors_exit_2(args: list[str], message: str) -> None:
    la = make_la()
    if "--la" not in args:
        args = ["--la", la.code, *args]
    with pytest.raises(CommandError) as raised:
        call_command("sen2", "export", *args, stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert message in str(raised.value)
    assert not Sen2Run.objects.exists()


class _WriteOnly(io.RawIOBase):
    """A stream that cannot be read back (as a web response is not)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.data += bytes(b)
        return len(b)


@pytest.mark.parametrize("where", ["read back", "write only"])
def test_the_report_is_the_files_whether_checked_as_written_or_read_again(
    where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ADR 0039: the report made as the persons are written is the report of reading the
    file; should a person not be checkable as written, the file is read, in place or from
    the temporary copy, with the same report."""
    la = clean_area(upn="", sex="X")  # findings: no identifier, a sex outside the codes
    out: Any = io.BytesIO() if where == "read back" else _WriteOnly()
    _run, report = runs.write_return(la, census=CENSUS, out=out, user=None, today=TODAY)
    data = bytes(out.getvalue() if where == "read back" else out.data)
    assert report.errors >= 1
    read = validate.validate_file(io.BytesIO(data), today=TODAY)
    assert report.findings == read.findings and report.persons == read.persons == 1

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("cannot check")

    monkeypatch.setattr(parts.validate, "check_written", broken)
    again: Any = io.BytesIO() if where == "read back" else _WriteOnly()
    _run, report_again = runs.write_return(la, census=CENSUS, out=again, user=None, today=TODAY)
    data_again = bytes(again.getvalue() if where == "read back" else again.data)
    assert report_again.findings == read.findings
    assert len(data_again) == len(data)

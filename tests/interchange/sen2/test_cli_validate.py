"""``senda sen2 validate FILE``: a summary, then every finding; exit 0 clean, 1 findings,
2 unreadable."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from senda.interchange.sen2 import validate_parallel, xml_write

from .people import HEADER, edge_persons

INVALID = Path(__file__).parent / "files" / "invalid.xml"


@pytest.fixture
def clean(tmp_path) -> Path:
    path = tmp_path / "clean.xml"
    with path.open("wb") as out:
        xml_write.write(HEADER, edge_persons(), out)
    return path


@time_machine.travel("2026-02-01 12:00Z")
def test_a_clean_file_exits_0_with_its_summary(clean):
    out = StringIO()
    call_command("sen2", "validate", str(clean), "--la", "938", "--year", "2026", stdout=out)
    text = out.getvalue()
    assert "clean.xml: SEN2 2026 for LA 938, reference date 2026-01-15" in text
    assert "5 persons, 0 errors, 0 queries" in text


@time_machine.travel("2026-02-01 12:00Z")
def test_findings_exit_1_with_counts_per_rule_and_each_finding():
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("sen2", "validate", str(INVALID), stdout=out)
    assert failed.value.returncode == 1
    assert "34 errors and 4 queries" in str(failed.value)
    text = out.getvalue()
    assert "8 persons, 34 errors, 4 queries" in text
    assert "  1510                 error        2  UPN invalid" in text
    assert (
        "ERROR 1520 person 7 (UPN J938100000001) UPN: The same UPN is given for person 1"
    ) in text
    assert "QUERY S-schema-code person 1 (UPN J938100000001) Ethnicity: 'ZZZZ'" in text
    assert "ERROR S-schema-unknown file Persons/Note:" in text


def test_a_wrong_la_exits_2(clean):
    with pytest.raises(CommandError) as refused:
        call_command("sen2", "validate", str(clean), "--la", "201")
    assert refused.value.returncode == 2
    assert "for LA 938, not 201" in str(refused.value)


def test_no_such_file_exits_2(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("sen2", "validate", str(tmp_path / "nothing.xml"))
    assert refused.value.returncode == 2
    assert "No such file" in str(refused.value)


@time_machine.travel("2026-02-01 12:00Z")
def test_it_prints_the_same_in_two_processes_as_in_one(tmp_path, monkeypatch):
    monkeypatch.setattr(validate_parallel, "FROM_BYTES", 0)
    monkeypatch.setattr(validate_parallel, "PART_BYTES", 1_000)
    path = tmp_path / "invalid.xml"
    data = re.sub(rb"<!--.*?-->", b"", INVALID.read_bytes(), flags=re.S)
    path.write_bytes(data.replace(b"<Note>not a SEN2 element</Note>", b""))
    made = []
    parallel = validate_parallel.report

    def report(*args, **kwargs):
        made.append(parallel(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(validate_parallel, "report", report)
    printed = []
    for workers in ("1", "2"):
        out = StringIO()
        with pytest.raises(CommandError) as failed:
            call_command("sen2", "validate", str(path), "--workers", workers, stdout=out)
        printed.append((out.getvalue(), str(failed.value)))
    assert printed[0] == printed[1]
    assert [each.processes for each in made] == [2]
    assert "ERROR 1520 person 7 (UPN J938100000001)" in printed[1][0]

"""The return's persons written in parts by worker processes (``parts.write_persons``):
the same bytes, figures and inclusion rules as one process writes, in the same order."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.db import connection

from senda.casework.models import AssessmentRequest, NamedSetting, Placement, Plan
from senda.interchange.sen2 import export, parts, xml_read, xml_write
from senda.interchange.sen2.findings import Finding
from senda.interchange.sen2.records import Header
from senda.interchange.sen2.validate import validate_file
from senda.people.models import Child, LocalAuthority
from tests.factories import make_case, make_child, make_la, make_setting

CENSUS = date(2027, 1, 21)
TODAY = date(2027, 2, 1)


def area(children: int) -> LocalAuthority:
    """An area whose children differ: a plan issued in the year, refused, pending, old."""
    la = make_la()
    school = make_setting(la, urn="123456")
    for n in range(children):
        case = make_case(make_child(la, family_name=f"Child{n:02d}", upn=""))
        received = date(2020 + n % 7, 1 + n % 12, 1 + n % 28)
        kind = n % 4
        AssessmentRequest.objects.create(
            case=case,
            received_on=received,
            source=1 + n % 5,
            assess_outcome=("assess", "refuse", "", "assess")[kind],
            assess_decided_on=None if kind == 2 else date(received.year, received.month, 28),
            issue_outcome="issue" if kind in (0, 3) else "",
        )
        if kind in (0, 3):
            issued = date(received.year + 1, received.month, 1)
            plan = Plan.objects.create(case=case, issued_on=issued, personal_budget=n % 2 == 0)
            NamedSetting.objects.create(plan=plan, setting=school, recorded_on=issued)
            Placement.objects.create(
                case=case, setting=school, entered_on=issued, recorded_on=issued
            )
    return la


def header_back(la: LocalAuthority) -> Header:
    """The return's header as its file gives it back (what the persons are checked with)."""
    opening = xml_write.opening(export.header_for(la, CENSUS, made_at=datetime(2027, 2, 1, 9)))
    return xml_read.read(io.BytesIO(opening + xml_write.CLOSING)).header


def written(la: LocalAuthority, workers: int) -> tuple[bytes, parts.Made]:
    out = io.BytesIO()
    made = parts.write_persons(
        la, CENSUS, today=TODAY, out=out, header=header_back(la), workers=workers
    )
    return out.getvalue(), made


def file_findings(la: LocalAuthority, persons: bytes) -> list[Finding]:
    """The findings ``validate_file`` gives for the whole file of ``persons``, read in one
    process (the header's own left out: ``runs.write_return`` adds them)."""
    header = export.header_for(la, CENSUS, made_at=datetime(2027, 2, 1, 9))
    data = xml_write.opening(header) + persons + xml_write.CLOSING
    report = validate_file(io.BytesIO(data), today=TODAY, workers=1)
    return [f for f in report.findings if f.position > 0]


def one_process(la: LocalAuthority) -> tuple[bytes, parts.Made]:
    """What the records path writes, person by person."""
    made = parts.Made()
    persons = list(export.persons_for(la, CENSUS, today=TODAY, rules=made.rules))
    out = io.BytesIO()
    made.persons = xml_write.write_persons(persons, out)
    return out.getvalue(), made


@pytest.mark.django_db(transaction=True)
def test_it_writes_in_workers_what_one_process_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    la = area(23)
    monkeypatch.setattr(parts, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parts, "PART", 4)  # six parts for three workers
    assert not connection.in_atomic_block
    forked: list[str] = []
    fork = parts.multiprocessing.get_context
    monkeypatch.setattr(
        parts.multiprocessing, "get_context", lambda how: forked.append(how) or fork(how)
    )
    data, made = written(la, workers=3)
    assert forked == ["fork"]
    alone, made_alone = written(la, workers=1)
    reference, by_records = one_process(la)
    assert data == alone == reference
    assert data.count(b"<Person>") == made.persons == by_records.persons > 10
    assert made.counts == made_alone.counts and made.counts["persons"] == made.persons
    assert made.rules == made_alone.rules == by_records.rules
    names = [line[line.index(b"<Surname>") + 9 :][:7] for line in data.splitlines()]
    assert names == sorted(names)
    # Checked as written, in each worker: the findings reading the file gives (ADR 0039).
    assert made.checked and made_alone.checked
    assert made.findings == made_alone.findings == file_findings(la, data)
    assert len(made.findings) >= made.persons  # none has a UPN, ULN or reason


@pytest.mark.django_db(transaction=True)
def test_a_upn_twice_in_different_parts_is_found_as_the_file_finds_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    la = area(23)
    monkeypatch.setattr(parts, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parts, "PART", 4)
    twice = "A93812345678"  # 12 characters, so that padded it fits the field's 13
    ids = export.candidates(la)
    # One UPN per child in an area; padded, the file gives the same UPN back (stripped).
    for n, upn in ((1, twice), (13, " " + twice), (14, twice + " ")):
        Child.objects.filter(pk=ids[n]).update(upn=upn)
    data, made = written(la, workers=3)
    assert made.checked
    expected = file_findings(la, data)
    assert [f.rule for f in expected].count("1520") >= 1  # across parts of 4 children
    assert made.findings == expected


@pytest.mark.django_db(transaction=True)
def test_a_person_that_cannot_be_checked_as_written_leaves_the_file_to_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    la = area(9)

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("cannot check")

    monkeypatch.setattr(parts.validate, "check_written", broken)
    data, made = written(la, workers=1)
    assert not made.checked and made.findings == []
    assert made.persons == data.count(b"<Person>") > 0


@pytest.mark.django_db
def test_it_writes_in_one_process_inside_a_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    la = area(6)
    monkeypatch.setattr(parts, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parts, "PART", 2)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker would not see the rows not yet committed")

    monkeypatch.setattr(parts.multiprocessing, "get_context", no_pool)
    data, made = written(la, workers=4)
    assert data == one_process(la)[0]
    assert made.persons == data.count(b"<Person>") > 0

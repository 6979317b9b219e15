"""The return's persons written in parts by worker processes (``parts.write_persons``):
the same bytes, figures and inclusion rules as one process writes, in the same order."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.db import connection

from senda.casework.models import AssessmentRequest, NamedSetting, Placement, Plan
from senda.interchange.sen2 import export, parts, xml_write
from senda.people.models import LocalAuthority
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


def written(la: LocalAuthority, workers: int) -> tuple[bytes, parts.Made]:
    out = io.BytesIO()
    made = parts.write_persons(la, CENSUS, today=TODAY, out=out, workers=workers)
    return out.getvalue(), made


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

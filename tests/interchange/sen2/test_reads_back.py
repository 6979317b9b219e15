"""The export checks each person as it writes it (``validate.check_written``, ADR 0039):
the record itself when it reads back as itself (``xml_read.reads_back``), else the bytes
written. Both promises are held here against reading the written file: a record that
``reads_back`` is read back equal and with no finding, and for every person (the edge
persons, and each with one field made strange in every way a record can be) the findings
are those ``validate_file`` gives for the file written from them, rule 1520 included."""

from __future__ import annotations

import dataclasses
import io
import random
from datetime import date, datetime

import pytest

from senda.interchange.sen2 import records as r
from senda.interchange.sen2 import validate, xml_read, xml_write
from senda.interchange.sen2.validate import validate_file

from .people import HEADER, TODAY, edge_persons

#: Values a field may be given by a careless caller: of every type, blank, padded, long,
#: escaped, forbidden, out of any code list, negative, subclassed.
STRANGE: tuple[object, ...] = (
    None,
    "",
    " ",
    "  A",
    "A ",
    "x" * 41,
    "x" * 40,
    "Tom & Jerry",
    "<b>",
    "bell\x07",
    "line\nbreak",
    "tab\there",
    "é",
    "ZZ",
    "Y",
    "M",
    "ASD",
    "1",
    0,
    1,
    -1,
    12,
    10**50,
    True,
    False,
    date(2026, 1, 1),
    date(1, 1, 1),
    datetime(2026, 1, 1, 10, 30),
    1.5,
    (),
    [],
)


class _Text(str):
    """A str subclass (as Django's choices are): never assumed to read back."""


def _header_back() -> r.Header:
    opening = xml_write.opening(HEADER)
    return xml_read.read(io.BytesIO(opening + xml_write.CLOSING)).header


def _mutations(record: object) -> list[object]:
    """``record`` with each of its fields, at every depth, given each strange value."""
    out: list[object] = []
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        if f.name == "position":
            continue
        value = getattr(record, f.name)
        for strange in (*STRANGE, _Text("A")):
            out.append(dataclasses.replace(record, **{f.name: strange}))  # type: ignore[type-var]
        if isinstance(value, tuple) and value:
            out.append(dataclasses.replace(record, **{f.name: list(value)}))  # type: ignore[type-var]
            out.append(dataclasses.replace(record, **{f.name: (*value, value[0])}))  # type: ignore[type-var]
            for n, each in enumerate(value):
                if dataclasses.is_dataclass(each):
                    for changed in _mutations(each):
                        again = (*value[:n], changed, *value[n + 1 :])
                        out.append(dataclasses.replace(record, **{f.name: again}))  # type: ignore[type-var]
        elif dataclasses.is_dataclass(value):
            for changed in _mutations(value):
                out.append(dataclasses.replace(record, **{f.name: changed}))  # type: ignore[type-var]
    return out


def _file_report(persons: list[r.Person]):
    buffer = io.BytesIO()
    xml_write.write(HEADER, iter(persons), buffer)
    buffer.seek(0)
    return validate_file(buffer, today=TODAY, workers=1)


def _written_report(persons: list[r.Person]):
    """What the export's check gives: each person checked as written, merged with 1520."""
    header = _header_back()
    found: list = []
    upns: list[str] = []
    for position, person in enumerate(persons, start=1):
        findings, upn = validate.check_written(person, position, header=header, today=TODAY)
        found.extend(findings)
        upns.append(upn)
    merged: list = []
    validate.merge_part(found, upns, 0, {}, merged)
    return merged


def _writable(person: r.Person) -> bool:
    try:
        xml_write.person_xml(person)
    except Exception:
        return False
    return True


def _all_mutations() -> list[r.Person]:
    """Every mutation the writer can write (a date given as text, say, it cannot)."""
    return [m for p in edge_persons() for m in _mutations(p) if _writable(m)]  # type: ignore[misc]


def test_a_record_the_writer_cannot_write_cannot_be_checked_either():
    person = edge_persons()[0]
    broken = dataclasses.replace(person, birth_date="2010-01-01")
    assert not _writable(broken)
    with pytest.raises(AttributeError):
        validate.check_written(broken, 1, header=_header_back(), today=TODAY)


def test_the_edge_persons_mostly_read_back_as_themselves():
    back = [xml_read.reads_back(p) for p in edge_persons()]
    assert sum(back) >= len(back) - 1


def test_a_record_that_reads_back_is_read_back_equal_with_no_finding():
    persons = [p for p in [*edge_persons(), *_all_mutations()] if xml_read.reads_back(p)]
    assert len(persons) > 500  # many mutations stay clean: the promise is tested, not skipped
    buffer = io.BytesIO()
    xml_write.write(HEADER, iter(persons), buffer)
    buffer.seek(0)
    reading = xml_read.read(buffer)
    for written, (read, schema) in zip(persons, reading.persons(), strict=True):
        assert schema == []
        assert read == written
        assert read.upn == written.upn


def test_strange_records_do_not_read_back():
    mutations = _all_mutations()
    assert sum(not xml_read.reads_back(m) for m in mutations) > 1000
    person = edge_persons()[0]
    assert not xml_read.reads_back(dataclasses.replace(person, sex=_Text("M")))
    assert not xml_read.reads_back(dataclasses.replace(person, surname=" Padded"))
    assert not xml_read.reads_back(dataclasses.replace(person, requests=list(person.requests)))


def test_every_mutation_is_checked_as_its_written_file_is_read():
    mutations = _all_mutations()
    assert len(mutations) > 2000
    # A few hundred at a time: positions, rule 1520 and order are the file's.
    for start in range(0, len(mutations), 400):
        batch = mutations[start : start + 400]
        assert _written_report(batch) == _file_report(batch).findings


def test_random_records_are_checked_as_their_file_is_read():
    rng = random.Random(2026)
    persons = edge_persons()
    mutations = _all_mutations()
    chosen = []
    for _ in range(300):
        person = rng.choice(mutations)
        chosen.append(person)
        if rng.random() < 0.3:
            chosen.append(rng.choice(persons))  # UPNs again: rule 1520 between them
    expected = _file_report(chosen).findings
    assert _written_report(chosen) == expected
    assert any(f.rule == "1520" for f in expected)

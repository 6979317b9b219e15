"""A large file checked in several processes (``validate_parallel``) gives the very report
one process gives: the same header, persons, findings in the same order, and the same
message for a file that cannot be read. Here every file counts as large and a part is a
few persons, so faults fall on the parts' edges; files the parallel path cannot vouch for
(a comment, a DOCTYPE, a stray element between persons) are read in one process."""

from __future__ import annotations

import io
import multiprocessing
import re
from dataclasses import replace
from pathlib import Path

import pytest

from senda.interchange.sen2 import validate_parallel, xml_write
from senda.interchange.sen2.findings import Report, Unreadable
from senda.interchange.sen2.validate import validate_file

from .people import HEADER, TODAY, edge_persons, upn

#: Long and with no database: the PostgreSQL run has it when there is one (tests/run-suites.sh).
pytestmark = pytest.mark.balance

INVALID = Path(__file__).parent / "files" / "invalid.xml"


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    monkeypatch.setattr(validate_parallel, "FROM_BYTES", 0)
    monkeypatch.setattr(validate_parallel, "PART_BYTES", 2_000)


def _many(count: int = 60) -> bytes:
    """``count`` persons: the edge persons over and over, each with a UPN of its own."""
    people = []
    edge = edge_persons()
    for n in range(count):
        person = edge[n % len(edge)]
        if person.upn:
            person = replace(person, upn=upn(f"938{n:09d}"))
        people.append(person)
    buffer = io.BytesIO()
    xml_write.write(HEADER, iter(people), buffer)
    return buffer.getvalue()


def _check(data: bytes, workers: int, **options) -> Report | str:
    try:
        return validate_file(io.BytesIO(data), today=TODAY, workers=workers, **options)
    except Unreadable as problem:
        return f"unreadable: {problem}"


def _both(data: bytes, **options) -> int:
    """Checks ``data`` in one process and in two, asserts the two agree, and says how many
    processes the second used (1: it fell back to one)."""
    one, two = _check(data, 1, **options), _check(data, 2, **options)
    if isinstance(one, str) or isinstance(two, str):
        assert one == two
        return 1
    assert one.processes == 1
    assert (two.header, two.persons, two.findings) == (one.header, one.persons, one.findings)
    assert (two.errors, two.queries) == (one.errors, one.queries)
    return two.processes


def _person_ends(data: bytes) -> list[int]:
    return [m.end() for m in re.finditer(rb"</Person>", data)]


def _nth(data: bytes, old: bytes, new: bytes, n: int = 30) -> bytes:
    """``data`` with the ``n``th ``old`` (from 0) made ``new``."""
    at = [m.start() for m in re.finditer(re.escape(old), data)][n]
    return data[:at] + new + data[at + len(old) :]


def _at_person_end(data: bytes, n: int, insert: bytes) -> bytes:
    end = _person_ends(data)[n]
    return data[:end] + insert + data[end:]


def test_it_checks_a_clean_file_in_two_processes_with_the_same_report():
    assert _both(_many()) == 2


def test_it_gives_invalid_xml_the_same_report():
    assert _both(INVALID.read_bytes()) == 1  # comments: one process


def test_it_gives_invalid_xml_without_its_comments_and_stray_the_same_report_in_two():
    data = re.sub(rb"<!--.*?-->", b"", INVALID.read_bytes(), flags=re.S)
    data = data.replace(b"<Note>not a SEN2 element</Note>", b"")
    two = _check(data, 2)
    assert isinstance(two, Report)
    assert two.errors > 30
    assert _both(data) == 2


@pytest.mark.parametrize("n", [0, 1, 2, 3, 10, 29, 58, 59])
def test_it_finds_a_fault_in_any_person_whichever_part_it_falls_in(n):
    data = _many()
    start = data.rfind(b"<Person>", 0, _person_ends(data)[n])
    person = data[start : _person_ends(data)[n]]
    broken = (
        person.replace(b"<Sex>", b"<Favourite>x</Favourite><Sex>", 1)
        .replace(b"<PersonBirthDate>20", b"<PersonBirthDate>19", 1)
        .replace(b"</Surname>", b"</Surname><Surname>Twice</Surname>", 1)
    )
    assert _both(data[:start] + broken + data[start + len(person) :]) == 2


def test_it_finds_a_upn_used_twice_across_parts():
    data = _many()
    first = re.findall(rb"<UPN>(\w+)</UPN>", data)[0]
    upns = list(re.finditer(rb"<UPN>\w+</UPN>", data))
    for match in (upns[20], upns[21], upns[-1]):
        data = data[: match.start()] + b"<UPN>" + first + b"</UPN>" + data[match.end() :]
    two = _check(data, 2)
    assert isinstance(two, Report)
    assert sum(1 for f in two.findings if f.rule == "1520") == 3
    assert _both(data) == 2


def test_it_counts_persons_and_positions_across_parts():
    two = _check(_many(45), 2)
    assert isinstance(two, Report)
    assert two.persons == 45
    assert two.processes == 2


@pytest.mark.parametrize(
    ("what", "insert", "processes"),
    [
        ("a stray element", b"<Note>x</Note>", 1),
        ("a comment", b"<!-- a comment -->", 1),
        ("a processing instruction", b"<?senda x?>", 1),
        ("CDATA", b"<![CDATA[x]]>", 1),
        ("a second header", xml_write.header_xml(HEADER).encode(), 1),
        ("a person in a stray", b"<Note><Person><Surname>A</Surname></Person></Note>", 1),
        ("text", b"some words", 2),
        ("an undefined entity", b"&x;", 1),
        ("a broken tag", b"<Person", 1),
        ("an end tag too many", b"</Person>", 1),
        ("a byte that is not UTF-8", b"\xff", 1),
        ("a NUL", b"\x00", 1),
        ("an empty person", b"<Person/>", 2),
        ("a second Persons", b"</Persons><Persons>", 2),
    ],
)
def test_anything_between_persons_gives_the_same_report(what, insert, processes):
    data = _many()
    for n in (0, 17, 58):
        assert _both(_at_person_end(data, n, insert)) == processes
    assert _both(data.replace(b"<Persons>", b"<Persons>" + insert, 1)) == processes


@pytest.mark.parametrize(
    ("what", "inside", "processes"),
    [
        ("a person inside a person", b"<Person><Surname>A</Surname></Person>", 1),
        ("a header inside a person", b"<Header/>", 1),
        ("a message inside a person", b"<Message/>", 2),
        ("Persons inside a person", b"<Persons/>", 2),
        ("an element 20 deep", b"<Favourite>" + b"<b>" * 20 + b"</b>" * 20 + b"</Favourite>", 1),
        ("a value too long", b"<Favourite>" + b"A" * 20_000 + b"</Favourite>", 2),
        ("a prefix not declared", b"<x:Favourite>1</x:Favourite>", 1),
        ("an escaped value", b"<Favourite>&amp;&#233;</Favourite>", 2),
        ("many ! and ?", b"<Favourite>" + b"!?" * 1_500 + b"</Favourite>", 2),
        ("a comment after many !", b"<Favourite>" + b"!" * 1_500 + b"</Favourite><!---->", 1),
        ("a comment inside a value", b"<Favourite>a<!-- x -->b</Favourite>", 1),
    ],
)
def test_anything_inside_a_person_gives_the_same_report(what, inside, processes):
    data = _many()
    for n in (0, 17, 59):
        end = _person_ends(data)[n] - len(b"</Person>")
        assert _both(data[:end] + inside + data[end:]) == processes


@pytest.mark.parametrize(
    ("what", "change", "processes"),
    [
        ("a DOCTYPE", lambda d: d.replace(b"<Message>", b"<!DOCTYPE Message><Message>", 1), 1),
        ("a comment first", lambda d: d.replace(b"<Message>", b"<!-- x --><Message>", 1), 1),
        ("ASCII declared", lambda d: d.replace(b"UTF-8", b"US-ASCII", 1), 1),
        ("a namespace", lambda d: d.replace(b"<Message>", b'<Message xmlns:x="urn:x">', 1), 1),
        ("a stray in the root", lambda d: d.replace(b"<Persons>", b"<Note/><Persons>", 1), 2),
        ("a stray after", lambda d: d.replace(b"</Persons>", b"</Persons><Note/>", 1), 1),
        ("text after", lambda d: d + b"more", 1),
        ("cut short", lambda d: d[:-300], 1),
        ("no header", lambda d: re.sub(rb"<Header>.*</Header>", b"", d, flags=re.S), 1),
        ("no persons", lambda d: re.sub(rb"<Persons>.*</Persons>", b"", d, flags=re.S), 1),
        (
            "empty persons",
            lambda d: re.sub(rb"<Persons>.*</Persons>", b"<Persons/>", d, flags=re.S),
            1,
        ),
        ("a huge value", lambda d: _nth(d, b"<Forename>", b"<Forename>" + b"A" * 20_000), 1),
        ("a bad date", lambda d: _nth(d, b"<PersonBirthDate>", b"<PersonBirthDate>x"), 2),
        ("a BOM", lambda d: b"\xef\xbb\xbf" + d, 2),
        ("no declaration", lambda d: d[d.index(b"?>") + 2 :], 2),
    ],
)
def test_the_whole_file_gives_the_same_report(what, change, processes):
    assert _both(change(_many())) == processes


def test_a_file_with_a_comment_or_doctype_takes_one_process():
    data = _many()
    assert _both(data) == 2
    for changed in (
        data.replace(b"<Message>", b"<!-- x --><Message>", 1),
        _at_person_end(data, 30, b"<!-- x -->"),
        data.replace(b"<Message>", b"<!DOCTYPE Message><Message>", 1),
    ):
        assert _both(changed) == 1


def test_it_refuses_another_la_with_the_same_message():
    assert _check(_many(), 2, expect_la="201") == _check(_many(), 1, expect_la="201")
    assert "not 201" in str(_check(_many(), 2, expect_la="201"))


def test_a_small_file_takes_one_process(monkeypatch):
    monkeypatch.setattr(validate_parallel, "FROM_BYTES", 16_000_000)
    two = _check(_many(), 2)
    assert isinstance(two, Report)
    assert two.processes == 1


def test_it_starts_its_workers_afresh_in_a_process_with_threads(monkeypatch):
    monkeypatch.setattr(validate_parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    assert _both(_many(20)) == 2

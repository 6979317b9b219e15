"""The reader's fast path (``xml_read._fast``) against its careful converter: for every
person, clean or broken in any one way, the two give the same record, and whatever the
careful converter finds a problem in never goes the fast way. Checked on the edge persons
written by ``xml_write``, on files/invalid.xml, and on every single-element mutation of
the edge persons (each element deleted, doubled, emptied, given a wrong value, renamed,
given a child, moved before its previous sibling): the findings of ``validate_file`` are
those it gives with the fast path switched off."""

from __future__ import annotations

import copy
import io
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from senda.interchange.sen2 import validate, xml_read, xml_write

from .people import HEADER, TODAY, edge_persons

FILES = Path(__file__).parent / "files"


def _written() -> bytes:
    buffer = io.BytesIO()
    xml_write.write(HEADER, iter(edge_persons()), buffer)
    return buffer.getvalue()


def _careful(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(elem: object, group: object) -> object:
        raise xml_read._Slow

    monkeypatch.setattr(xml_read, "_fast", never)


def _both(data: bytes, monkeypatch: pytest.MonkeyPatch):
    """(records, findings) read fast, then carefully."""
    results = []
    for careful in (False, True):
        with monkeypatch.context() as patch:
            if careful:
                _careful(patch)
            try:
                report = validate.validate_file(io.BytesIO(data), today=TODAY)
            except validate.Unreadable as problem:
                results.append(("unreadable", str(problem)))
                continue
            reading = xml_read.read(io.BytesIO(data))
            persons = [(p.__dict__, found) for p, found in reading.persons()]
            results.append((persons, report.findings, report.persons))
    return results


def _persons(data: bytes) -> list[etree._Element]:
    return etree.fromstring(data).find("Persons").findall("Person")


def test_every_clean_person_goes_the_fast_way_and_gives_the_careful_record():
    data = _written()
    for elem in _persons(data):
        fast = xml_read._fast(elem, xml_read._PERSON)
        converter = xml_read._Converter()
        careful = converter.record(elem, xml_read._PERSON, "", 3)
        assert converter.problems == []
        assert fast.__dict__ == careful.__dict__


def test_a_person_with_a_problem_never_goes_the_fast_way():
    for elem in _persons((FILES / "invalid.xml").read_bytes()):
        converter = xml_read._Converter()
        converter.record(elem, xml_read._PERSON, "", 3)
        if converter.problems:
            with pytest.raises(xml_read._Slow):
                xml_read._fast(elem, xml_read._PERSON)


def test_invalid_xml_gives_the_same_findings_either_way(monkeypatch):
    fast, careful = _both((FILES / "invalid.xml").read_bytes(), monkeypatch)
    assert fast == careful
    assert len(fast[1]) == 38


def _mutations(data: bytes):
    root = etree.fromstring(data)
    count = sum(1 for _ in root.find("Persons").iter()) - 1
    for n in range(1, count + 1):
        for how in ("delete", "double", "empty", "wrong", "rename", "child", "swap", "space"):
            tree = copy.deepcopy(root)
            elem = list(tree.find("Persons").iter())[n]
            parent = elem.getparent()
            if how == "delete":
                parent.remove(elem)
            elif how == "double":
                elem.addnext(copy.deepcopy(elem))
            elif how == "empty":
                elem.text = None
                for child in list(elem):
                    elem.remove(child)
            elif how == "wrong":
                if len(elem):
                    continue
                elem.text = "2025-02-30" if elem.text and elem.text[:2] == "20" else "Q"
            elif how == "rename":
                elem.tag = elem.tag + "s"
            elif how == "child":
                etree.SubElement(elem, "Extra").text = "1"
            elif how == "swap":
                previous = elem.getprevious()
                if previous is None:
                    continue
                previous.addprevious(elem)
            elif how == "space":
                if len(elem):
                    continue
                elem.text = f"  {elem.text or ''}\n"
            yield f"element {n} {how}", etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def test_every_single_mutation_gives_the_same_records_and_findings_either_way(monkeypatch):
    mutated = 0
    for what, data in _mutations(_written()):
        fast, careful = _both(data, monkeypatch)
        assert fast == careful, what
        mutated += 1
    assert mutated > 500


def test_dates_read_through_the_cache_are_the_dates_written():
    xml_read._DATES.clear()
    data = _written()
    reading = xml_read.read(io.BytesIO(data))
    first = [p for p, _ in reading.persons()]
    reading = xml_read.read(io.BytesIO(data))
    again = [p for p, _ in reading.persons()]
    assert first == again == edge_persons()
    assert all(isinstance(day, date) for day in xml_read._DATES.values())

"""Write a SEN2 return as XML, streaming: one person at a time, in the element order of
``spec``. Pure: no Django.

Values: dates ``YYYY-MM-DD``, the header's date-time ``YYYY-MM-DDThh:mm:ss``, flags
``true``/``false``, numbers and codes as they are. An item that is ``None``, ``""`` or
``()`` is left out. Text is escaped; characters XML 1.0 forbids (control characters other
than tab, newline and carriage return) are dropped. The file is UTF-8 with no namespace.

Hand-built strings, not ``lxml.etree.xmlfile``: for the same 20,000 persons they were about
four times faster (``docs/benchmarks.md``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, BinaryIO

from senda.interchange.sen2 import spec
from senda.interchange.sen2.records import Header, Person

_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FLUSH_EVERY = 500


def escape(text: str) -> str:
    if _SPECIAL.search(text) is None:
        return text
    text = _FORBIDDEN.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date(value: Any) -> str:
    return value.isoformat()  # type: ignore[no-any-return]


def _datetime(value: Any) -> str:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    return date.isoformat(value) + "T00:00:00"


def _bool(value: Any) -> str:
    return "true" if value else "false"


def _int(value: Any) -> str:
    return str(int(value))


def _text(value: Any) -> str:
    return escape(str(value))


_FORMAT: dict[str, Callable[[Any], str]] = {
    "date": _date,
    "datetime": _datetime,
    "bool": _bool,
    "int": _int,
    "code": _text,
    "text": _text,
}

# (field, open tag, close tag, formatter or None for a group, subgroup's plan, repeat,
#  the subgroup makes no record of its own)
_Step = tuple[str, str, str, Callable[[Any], str] | None, "tuple[Any, ...]", bool, bool]


def _plan(group: spec.Group) -> tuple[_Step, ...]:
    steps: list[_Step] = []
    for item in group.items:
        sub: tuple[_Step, ...] = _plan(item.group) if item.group is not None else ()
        flat = item.group is not None and item.group.record is None
        fmt = None if item.kind == "group" else _FORMAT[item.kind]
        steps.append((item.field, f"<{item.xml}>", f"</{item.xml}>", fmt, sub, item.repeat, flat))
    return tuple(steps)


_HEADER_PLAN = _plan(spec.HEADER_GROUP)
_PERSON_PLAN = _plan(spec.PERSON_GROUP)


def _emit(record: Any, plan: tuple[_Step, ...], out: list[str]) -> None:
    for name, open_tag, close_tag, fmt, sub, repeat, flat in plan:
        if flat:
            out.append(open_tag)
            _emit(record, sub, out)
            out.append(close_tag)
            continue
        value = getattr(record, name)
        if value is None or value == "":
            continue
        if fmt is not None:
            out.append(open_tag)
            out.append(fmt(value))
            out.append(close_tag)
        elif repeat:
            for each in value:
                out.append(open_tag)
                _emit(each, sub, out)
                out.append(close_tag)
        else:
            out.append(open_tag)
            _emit(value, sub, out)
            out.append(close_tag)


def person_xml(person: Person) -> str:
    """One ``<Person>`` element (no whitespace between elements)."""
    parts: list[str] = ["<Person>"]
    _emit(person, _PERSON_PLAN, parts)
    parts.append("</Person>")
    return "".join(parts)


def header_xml(header: Header) -> str:
    parts: list[str] = ["<Header>"]
    _emit(header, _HEADER_PLAN, parts)
    parts.append("</Header>")
    return "".join(parts)


def opening(header: Header) -> bytes:
    """The file up to its first person: the declaration, ``<Message>``, the header."""
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<Message>' + (
        header_xml(header).encode() + b"<Persons>\n"
    )


#: The file after its last person.
CLOSING = b"</Persons></Message>\n"


def write(header: Header, persons: Iterable[Person], out: BinaryIO) -> int:
    """Write the return to ``out``; return how many persons were written. Holds one batch
    of persons' text at a time, never the whole file."""
    out.write(opening(header))
    count = write_persons(persons, out)
    out.write(CLOSING)
    return count


def write_persons(persons: Iterable[Person], out: BinaryIO) -> int:
    """Write the ``<Person>`` elements alone, one a line (the part of the file between
    ``opening`` and ``CLOSING``); return how many."""
    count = 0
    batch: list[str] = []
    for person in persons:
        parts: list[str] = ["<Person>"]
        _emit(person, _PERSON_PLAN, parts)
        parts.append("</Person>\n")
        batch.append("".join(parts))
        count += 1
        if len(batch) >= _FLUSH_EVERY:
            out.write("".join(batch).encode())
            batch.clear()
    if batch:
        out.write("".join(batch).encode())
    return count

"""Write a SEN2 return as XML, streaming: one person at a time, in the element order of
``spec``. Pure: no Django.

Values: dates ``YYYY-MM-DD``, the header's date-time ``YYYY-MM-DDThh:mm:ss``, flags
``true``/``false``, numbers and codes as they are. An item that is ``None``, ``""`` or
``()`` is left out. Text is escaped; characters XML 1.0 forbids (control characters other
than tab, newline and carriage return) are dropped. The file is UTF-8 with no namespace.

Hand-built strings, not ``lxml.etree.xmlfile``: for the same 20,000 persons they were about
four times faster (``docs/benchmarks.md``). A person is written by a function made from the
spec when this module is imported (``_compiled``): the steps of ``_emit``, the reference,
spelled out for the person's elements, with no lookups of the plan at run time; it writes
the same bytes (``tests/interchange/sen2/test_xml.py``) in about half the time.
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


def _source(plan: tuple[_Step, ...], record: str, depth: int, lines: list[str]) -> None:
    """The lines of ``_emit(record, plan, out)`` spelled out (``a`` is ``out.append``)."""
    pad = "    " * depth
    value = f"v{depth}"
    for name, open_tag, close_tag, fmt, sub, repeat, flat in plan:
        if flat:
            lines.append(f"{pad}a({open_tag!r})")
            _source(sub, record, depth, lines)
            lines.append(f"{pad}a({close_tag!r})")
            continue
        lines.append(f"{pad}{value} = {record}.{name}")
        lines.append(f'{pad}if {value} is not None and {value} != "":')
        if fmt is _bool:
            lines.append(f"{pad}    a({open_tag + 'true' + close_tag!r} if {value} else ")
            lines.append(f"{pad}      {open_tag + 'false' + close_tag!r})")
        elif fmt is _text:  # escape(str(value)), with no call for plain text (most)
            clean = (
                f"{value} if {value}.__class__ is str and not _special({value}) else _text({value})"
            )
            lines.append(f"{pad}    a({open_tag!r} + ({clean}) + {close_tag!r})")
        elif fmt is _date:
            lines.append(f"{pad}    a({open_tag!r} + {value}.isoformat() + {close_tag!r})")
        elif fmt is not None:
            lines.append(f"{pad}    a({open_tag!r} + {fmt.__name__}({value}) + {close_tag!r})")
        elif repeat:
            each = f"e{depth}"
            lines.append(f"{pad}    for {each} in {value}:")
            lines.append(f"{pad}        a({open_tag!r})")
            _source(sub, each, depth + 2, lines)
            lines.append(f"{pad}        a({close_tag!r})")
        else:
            lines.append(f"{pad}    a({open_tag!r})")
            _source(sub, value, depth + 1, lines)
            lines.append(f"{pad}    a({close_tag!r})")


def _compiled(plan: tuple[_Step, ...]) -> Callable[[Any, Callable[[str], None]], None]:
    """``_emit`` for ``plan`` as one function of (record, ``out.append``)."""
    lines = ["def emit(p, a):"]
    _source(plan, "p", 1, lines)
    scope: dict[str, Any] = {fmt.__name__: fmt for fmt in _FORMAT.values()}
    scope["_special"] = _SPECIAL.search
    exec(compile("\n".join(lines), "<sen2 person writer>", "exec"), scope)
    return scope["emit"]  # type: ignore[no-any-return]


_emit_person = _compiled(_PERSON_PLAN)


def person_xml(person: Person) -> str:
    """One ``<Person>`` element (no whitespace between elements)."""
    parts: list[str] = ["<Person>"]
    _emit_person(person, parts.append)
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
    add = batch.append
    for person in persons:
        add("<Person>")
        _emit_person(person, add)
        add("</Person>\n")
        count += 1
        if count % _FLUSH_EVERY == 0:
            out.write("".join(batch).encode())
            batch.clear()
    if batch:
        out.write("".join(batch).encode())
    return count

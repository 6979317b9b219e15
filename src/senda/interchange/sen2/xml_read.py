"""Read a SEN2 return, streaming, from any source: ours or another system's. Pure: no
Django.

``read(stream)`` checks the start of the file and reads the header; ``Reading.persons()``
then yields each person with the schema findings of that person (an unknown element, a
value of the wrong type or outside its code list, a required element missing, one out of
order), one at a time, clearing each person's elements as it goes so memory stays flat.

The file is refused (``findings.Unreadable``, one message) when it is not XML, not UTF-8,
a zip or other binary file, declares a DOCTYPE or entities (which is how billion-laughs and
external-entity attacks work), nests deeper than ``spec.MAX_DEPTH``, holds a value longer
than ``spec.MAX_TEXT``, has a root other than ``<Message>``, no usable header, or is of
another collection. lxml is asked never to resolve entities, load a DTD or use the network,
and keeps libxml2's own limits (``huge_tree`` off).
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, BinaryIO

from lxml import etree

from senda.interchange.sen2 import spec
from senda.interchange.sen2.findings import Finding, Level, Unreadable
from senda.interchange.sen2.records import Header, Person

#: How much of the start of the file is checked before lxml sees it.
SNIFF_BYTES = 65_536

_Problem = tuple[str, Level, str, str]  # rule, level, element path, message


class _Replay:
    """``stream`` with ``prefix`` (already read from it) put back in front."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = prefix
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if self._prefix:
            if size is None or size < 0:
                data, self._prefix = self._prefix + self._stream.read(), b""
            else:
                data, self._prefix = self._prefix[:size], self._prefix[size:]
            return data
        return self._stream.read(size)


_DECLARATION = re.compile(rb"<\?xml\b[^>]*?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_NAME = re.compile(rb"<([A-Za-z_][A-Za-z0-9._:-]*)")
_NAMESPACE = re.compile(rb"\sxmlns\s*=")


def _sniff(prefix: bytes) -> str:
    """The root element's name, after refusing what is not plain UTF-8 XML without a DTD."""
    if not prefix.strip():
        raise Unreadable("The file is empty: there is no SEN2 return in it.")
    if prefix.startswith(b"PK\x03\x04"):
        raise Unreadable(
            "This is a zip file (an Excel workbook or a zipped folder?), not SEN2 XML: "
            "unzip it, or export the return as XML."
        )
    if prefix.startswith(b"%PDF"):
        raise Unreadable("This is a PDF, not SEN2 XML.")
    if prefix.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        raise Unreadable(
            "The file is encoded as UTF-16; a SEN2 file must be UTF-8: save it as UTF-8 "
            "and try again."
        )
    if b"\x00" in prefix:
        raise Unreadable("This is a binary file, not SEN2 XML.")
    text = prefix[3:] if prefix.startswith(b"\xef\xbb\xbf") else prefix
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as problem:
        if problem.start < len(text) - 4:  # not just a character cut at the sniff's end
            raise Unreadable(
                f"The file is not UTF-8 (byte {problem.start + 1} is not valid UTF-8): "
                "save it as UTF-8 and try again."
            ) from None
    position = 0
    declaration = _DECLARATION.match(text.lstrip())
    if declaration:
        encoding = _ENCODING.search(declaration.group(0))
        if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii"):
            name = encoding.group(1).decode("ascii")
            raise Unreadable(
                f"The file says it is encoded as {name}; a SEN2 file must be UTF-8: save it "
                "as UTF-8 and try again."
            )
        position = len(text) - len(text.lstrip()) + declaration.end()
    if b"<!ENTITY" in text:
        raise Unreadable(
            "The file defines entities. SEN2 files never do, and entities can be used to "
            "attack the reader (billion laughs, external files), so it was not read."
        )
    while True:
        while position < len(text) and text[position : position + 1] in b" \t\r\n":
            position += 1
        if text.startswith(b"<!--", position):
            end = text.find(b"-->", position)
            if end < 0:
                break
            position = end + 3
        elif text.startswith(b"<?", position):
            end = text.find(b"?>", position)
            if end < 0:
                break
            position = end + 2
        elif text.startswith(b"<!", position):
            raise Unreadable(
                "The file declares a DOCTYPE. SEN2 files have none, and a DOCTYPE can define "
                "entities that attack the reader, so it was not read."
            )
        else:
            name = _NAME.match(text, position)
            if name:
                start_tag = text[position : text.find(b">", position) + 1]
                if _NAMESPACE.search(start_tag):
                    raise Unreadable(
                        "The file's elements are in an XML namespace (xmlns=…); SEN2 files as "
                        "Senda knows them have none: remove the xmlns attribute from <Message>."
                    )
                return name.group(1).decode("utf-8")
            if position < len(text):
                raise Unreadable("The file is not XML: it should start with <Message>.")
            break
    raise Unreadable(
        f"No root element in the first {SNIFF_BYTES // 1024} KB of the file: it is not a "
        "SEN2 return."
    )


def _blank(group: spec.Group) -> dict[str, Any]:
    blank: dict[str, Any] = {}
    for item in group.items:
        if item.group is not None and item.group.record is None:
            blank.update(_blank(item.group))
        elif item.repeat:
            blank[item.field] = ()
        elif item.kind in ("code", "text"):
            blank[item.field] = ""
        else:
            blank[item.field] = None
    return blank


_TEXT, _CODE, _DATE, _BOOL, _INT, _DATETIME, _GROUP = range(7)
#: xs:boolean's four spellings.
_BOOLS = {"true": True, "false": False, "1": True, "0": False}
#: Dates seen, by their text: a return's dates repeat (birthdays, term starts, census).
_DATES: dict[str, date] = {}
_DATES_MAX = 100_000
_KINDS = {
    "text": _TEXT,
    "code": _CODE,
    "date": _DATE,
    "bool": _BOOL,
    "int": _INT,
    "datetime": _DATETIME,
    "group": _GROUP,
}

#: What the reader needs of an item, looked up by each of its spellings:
#: (position in its group, item, its group made ready, field, kind, codes, max length).
_Hit = tuple[int, spec.Item, "_Group | None", str, int, dict[str, str], int]


class _Group:
    """A group of the spec made ready for reading: lookups by every spelling."""

    def __init__(self, group: spec.Group) -> None:
        self.group = group
        self.by_name: dict[str, _Hit] = {}
        for index, item in enumerate(group.items):
            sub = _Group(item.group) if item.group is not None else None
            longest = item.max_length or spec.MAX_TEXT
            hit = (index, item, sub, item.field, _KINDS[item.kind], item.codes, longest)
            for name in item.names:
                self.by_name[name] = hit
        self.required = tuple(item for item in group.items if item.required)
        self.repeats = tuple(item.field for item in group.items if item.repeat)
        self.flat = tuple(
            "#" + item.xml for item in group.items if item.group and not item.group.record
        )
        self.blank = _blank(group)
        self.record: type = object
        if group.record is not None:
            self.record = group.record
            for each in dataclasses.fields(group.record):
                if each.name not in self.blank:  # a field SEN2 has no element for
                    if each.default is not dataclasses.MISSING:
                        self.blank[each.name] = each.default
                    elif each.default_factory is not dataclasses.MISSING:
                        self.blank[each.name] = each.default_factory()
        self.expected = ", ".join(f"<{item.xml}>" for item in group.items)
        #: The fast path's lookups (``_fast``): by every spelling, (position, field, kind,
        #: codes, max length, required?, repeat?, sub-group); groups whose fields are flat
        #: (the header's parts) are left to the careful path.
        self.fast: dict[str, _FastHit] = {}
        self.fast_ok = group.record is not None
        for index, item in enumerate(group.items):
            sub = self.by_name[item.xml][2]
            if sub is not None and sub.group.record is None:
                self.fast_ok = False
            kind = _KINDS[item.kind]
            longest = item.max_length or spec.MAX_TEXT
            # Each value a clean file gives, by its text, where the values are few: a
            # lookup there is the whole of reading such a value.
            table: dict[str, Any] | None = None
            if kind == _BOOL:
                table = _BOOLS
            elif kind == _DATE:
                table = _DATES
            elif kind == _CODE:
                table = {code: code for code in item.codes}
            elif kind == _INT and item.codes:
                table = {code: int(code) for code in item.codes}
            fast = (
                index,
                item.field,
                kind,
                item.codes,
                longest,
                item.required,
                item.repeat,
                sub,
                table,
            )
            for name in item.names:
                self.fast[name] = fast
        self.required_count = len(self.required)
        self.back = _back_checks(self)


#: What ``reads_back`` checks of each item of a group, in order: (field, kind, codes, most
#: characters, required?, repeat?, sub-group, blank value).
_BackCheck = tuple[str, int, dict[str, str], int, bool, bool, "_Group | None", Any]


def _back_checks(group: _Group) -> tuple[tuple[_BackCheck, ...], tuple[tuple[str, Any], ...]]:
    """``reads_back``'s lookups for ``group``: its items, and the record's fields with no
    element (they must hold their blank value: the reader gives nothing else)."""
    checks: list[_BackCheck] = []
    named: set[str] = set()
    for item in group.group.items:
        sub = group.by_name[item.xml][2]
        longest = min(item.max_length or spec.MAX_TEXT, _LONGEST_PLAIN)
        blank = None if sub is not None else group.blank.get(item.field)
        kind = _KINDS[item.kind]
        checks.append(
            (item.field, kind, item.codes, longest, item.required, item.repeat, sub, blank)
        )
        named.add(item.field)
    others = tuple(
        (name, value)
        for name, value in group.blank.items()
        if name not in named and name != "position"
    )
    return tuple(checks), others


#: The longest value the fast path reads (longer ones go the careful way).
_LONGEST_PLAIN = 40


def reads_back(record: Any) -> bool:
    """Whether ``record`` (a ``Person``), written by ``xml_write``, reads back through the
    fast path as an equal record with no finding: every value of its exact type (``str``,
    ``bool``, ``int``, ``date``; subclasses are not assumed), in its code list, plain text
    of at most 40 characters with nothing to strip, escape or drop, every required item
    given, every repeat a tuple, every field with no element blank. Conservative: False
    means only that the bytes must be read to know (``parts``, ADR 0039);
    ``tests/interchange/sen2/test_reads_back.py`` holds the promise against the reader on
    the edge persons, their mutations and random mixes of them. A function made from the
    spec when this module is imported (``_back_function``), as the writer's is."""
    return bool(_reads_back(record))


def _back_function(group: _Group, scope: dict[str, Any]) -> str:
    """The name of a function in ``scope`` that says whether a record of ``group`` reads
    back (its sub-groups' functions made first, recursively)."""
    name = f"back{len(scope)}"
    scope[name] = None  # claims the name
    lines = [f"def {name}(r):"]
    if not group.fast_ok:
        lines.append("    return False")
    else:
        record = f"C{len(scope)}"
        scope[record] = group.record
        lines.append(f"    if r.__class__ is not {record}: return False")
        checks, others = group.back
        for field_name, blank in others:
            constant = f"K{len(scope)}"
            scope[constant] = blank
            lines.append(f"    if r.{field_name} != {constant}: return False")
        for field_name, kind, codes, longest, needed, repeat, sub, blank in checks:
            lines.append(f"    v = r.{field_name}")
            if sub is not None:
                inner = _back_function(sub, scope)
                if repeat:
                    lines.append("    if v.__class__ is not tuple: return False")
                    if needed:
                        lines.append("    if not v: return False")
                    lines.append("    for e in v:")
                    lines.append(f"        if not {inner}(e): return False")
                else:
                    lines.append("    if v is None:")
                    lines.append(f"        {'return False' if needed else 'pass'}")
                    lines.append(f"    elif not {inner}(v): return False")
                continue
            empty = "str" if blank == "" else "NoneType"
            lines.append('    if v is None or v == "":')
            if needed:
                lines.append("        return False")
            else:
                lines.append(f"        if v.__class__ is not {empty}: return False")
            if kind == _CODE:
                table = f"T{len(scope)}"
                scope[table] = frozenset(codes)
                test = f"v.__class__ is not str or v not in {table}"
            elif kind == _TEXT:
                test = (
                    f"v.__class__ is not str or len(v) > {longest} or not v.isprintable()"
                    " or v != v.strip() or escaped(v) is not None"
                )
            elif kind == _DATE:
                test = "v.__class__ is not date"
            elif kind == _BOOL:
                test = "v.__class__ is not bool"
            elif kind == _INT:
                test = f"v.__class__ is not int or v < 0 or len(str(v)) > {_LONGEST_PLAIN}"
                if codes:
                    table = f"T{len(scope)}"
                    scope[table] = frozenset(codes)
                    test += f" or str(v) not in {table}"
            else:
                test = "True"  # a date and time: only the header has one
            lines.append(f"    elif {test}: return False")
        lines.append("    return True")
    exec(compile("\n".join(lines), f"<sen2 reads back: {group.group.xml}>", "exec"), scope)
    return name


#: Characters the writer escapes (``&<>``): read back as written, but left to the bytes.
_ESCAPED = re.compile(r"[&<>]")
_BACK_SCOPE: dict[str, Any] = {
    "date": date,
    "NoneType": type(None),
    "str": str,
    "escaped": _ESCAPED.search,
}


_FastHit = tuple[
    int, str, int, dict[str, str], int, bool, bool, "_Group | None", "dict[str, Any] | None"
]

_HEADER = _Group(spec.HEADER_GROUP)
_PERSON = _Group(spec.PERSON_GROUP)
_reads_back = _BACK_SCOPE[_back_function(_PERSON, _BACK_SCOPE)]


def _depth_check(elem: Any, depth: int) -> None:
    if depth > spec.MAX_DEPTH:
        raise Unreadable(
            f"Elements are nested more than {spec.MAX_DEPTH} deep (at <{elem.tag}>): a SEN2 "
            "file never nests so deep, so it was not read."
        )
    for child in elem:
        _depth_check(child, depth + 1)


def _codes(item: spec.Item) -> str:
    return ", ".join(item.codes)


class _Converter:
    """Turns one element (a Person or the Header) into a record, noting problems."""

    def __init__(self) -> None:
        self.problems: list[_Problem] = []

    def note(self, rule: str, level: Level, path: str, message: str) -> None:
        self.problems.append((rule, level, path, message))

    def record(self, elem: Any, group: _Group, path: str, depth: int, position: int = 0) -> Any:
        values = dict(group.blank)
        values.update(self.values(elem, group, path, depth))
        if position:
            values["position"] = position
        # The records are plain frozen dataclasses and ``values`` holds every field: filling
        # the instance's dict is what their __init__ does, at a fraction of the cost.
        made: Any = object.__new__(group.record)
        made.__dict__.update(values)
        return made

    def values(self, elem: Any, group: _Group, path: str, depth: int) -> dict[str, Any]:
        """The fields of ``elem``'s children. The hot loop of reading: kept plain."""
        if depth > spec.MAX_DEPTH:
            _depth_check(elem, depth)
        values: dict[str, Any] = {}
        empty: set[str] = set()
        last = -1
        by_name = group.by_name
        for child in elem:
            tag = child.tag
            hit = by_name.get(tag)
            if hit is None:
                if isinstance(tag, str):
                    self.unknown(child, group, path, depth + 1)
                continue
            index, item, sub, name, kind, codes, max_length = hit
            if index < last:
                self.out_of_order(item, group, last, path)
            else:
                last = index
            if sub is not None:
                if item.repeat:
                    found = values.get(name)
                    if found is None:
                        found = values[name] = []
                    where = f"{path}{item.xml}[{len(found) + 1}]/"
                    found.append(self.record(child, sub, where, depth + 1))
                    continue
                if sub.group.record is None:  # the header's two parts: flat, marked seen
                    name = "#" + item.xml
                if name in values:
                    self.repeated(item, group.group.xml, path)
                    continue
                if sub.group.record is None:
                    values[name] = True
                    values.update(self.values(child, sub, f"{path}{item.xml}/", depth + 1))
                else:
                    values[name] = self.record(child, sub, f"{path}{item.xml}/", depth + 1)
                continue
            if name in values or name in empty:
                self.repeated(item, group.group.xml, path)
                continue
            if len(child):
                self.holds_elements(child, item, path, depth + 1)
            text = child.text
            if text is None:
                empty.add(name)
                continue
            if len(text) > 40:
                self.long(text, item, path)
            text = text.strip()
            if not text:
                empty.add(name)
                continue
            if kind == _BOOL:
                value: Any = _BOOLS.get(text)
                if value is None:
                    self.bad(item, path, text, "is not a yes/no value: write <{}> as true or "
                             "false.")  # fmt: skip
            elif kind == _DATE:
                value = None
                if len(text) == 10 and text[4] == "-" and text[7] == "-":
                    try:
                        value = date.fromisoformat(text)
                    except ValueError:
                        value = None
                if value is None:
                    self.bad(item, path, text, "is not a date: write <{}> as YYYY-MM-DD "
                             "(for example 2025-09-03).")  # fmt: skip
            elif kind == _CODE:
                if text not in codes:
                    self.bad_code(item, path, text)
                value = text
            elif kind == _TEXT:
                value = text
                if len(text) > max_length:
                    self.too_long(item, path, text)
            elif kind == _INT:
                value = None
                if codes:
                    if text in codes:
                        value = int(text)
                    else:
                        self.bad_code(item, path, text)
                elif text.isascii() and text.isdigit():
                    value = int(text)
                else:
                    self.bad(item, path, text, "is not a whole number: write <{}> in digits.")
            else:
                try:
                    value = datetime.fromisoformat(text)
                except ValueError:
                    value = None
                    self.bad(item, path, text, "is not a date and time: write <{}> as "
                             "YYYY-MM-DDThh:mm:ss.")  # fmt: skip
            values[name] = value
        for item in group.required:
            if item.field in values or "#" + item.xml in values:
                continue
            if item.field in empty:
                message = (
                    f"<{item.xml}> is empty: every <{group.group.xml}> needs one with a value."
                )
            else:
                message = f"<{item.xml}> is missing: every <{group.group.xml}> needs one."
            self.note("S-schema-required", "error", path + item.xml, message)
        for name in group.repeats:
            found = values.get(name)
            if found is not None:
                values[name] = tuple(found)
        for name in group.flat:
            values.pop(name, None)
        return values

    def out_of_order(self, item: spec.Item, group: _Group, last: int, path: str) -> None:
        later = group.group.items[last].xml
        self.note(
            "S-schema-order",
            "error",
            path + item.xml,
            f"<{item.xml}> must come before <{later}> in <{group.group.xml}>: put the "
            "elements in the order of the specification.",
        )

    def holds_elements(self, child: Any, item: spec.Item, path: str, depth: int) -> None:
        _depth_check(child, depth)
        self.note(
            "S-schema-type",
            "error",
            path + item.xml,
            f"<{item.xml}> holds elements; it should hold a value: remove them.",
        )

    def long(self, text: str, item: spec.Item, path: str) -> None:
        if len(text) > spec.MAX_TEXT:
            raise Unreadable(
                f"<{item.xml}> holds {len(text):,} characters; no SEN2 value is longer "
                f"than {spec.MAX_TEXT:,}, so the file was not read."
            )

    def too_long(self, item: spec.Item, path: str, text: str) -> None:
        if item.max_length:
            self.note(
                "S-schema-length",
                "error",
                path + item.xml,
                f"<{item.xml}> is {len(text)} characters long; at most {item.max_length} "
                "are allowed: shorten it.",
            )

    def bad(self, item: spec.Item, path: str, text: str, problem: str) -> None:
        self.note(
            "S-schema-type",
            "error",
            path + item.xml,
            f"'{_short(text)}' " + problem.format(item.xml),
        )

    def bad_code(self, item: spec.Item, path: str, text: str) -> None:
        self.note(
            "S-schema-code",
            item.code_level,
            path + item.xml,
            f"'{_short(text)}' is not a <{item.xml}> code: use one of {_codes(item)}.",
        )

    def repeated(self, item: spec.Item, parent: str, path: str) -> None:
        self.note(
            "S-schema-repeat",
            "error",
            path + item.xml,
            f"<{item.xml}> appears more than once in <{parent}>: keep one.",
        )

    def unknown(self, child: Any, group: _Group, path: str, depth: int) -> None:
        _depth_check(child, depth)
        tag = str(child.tag)
        close = difflib.get_close_matches(tag, list(group.by_name), n=1, cutoff=0.75)
        hint = f"did you mean <{close[0]}>?" if close else f"expected {group.expected}."
        self.note(
            "S-schema-unknown",
            "error",
            path + tag,
            f"<{tag}> is not a SEN2 element inside <{group.group.xml}>: remove it or correct "
            f"its name ({hint})",
        )


class _Slow(Exception):
    """Raised by ``_fast`` at anything out of the ordinary: the careful path takes over."""


def _fast(elem: Any, group: _Group) -> Any:
    """``elem``'s record when it is clean, else ``_Slow``. Clean means what nearly every
    person in a real return is: every element known, in the specification's order, none
    repeated that appears once, every value of its type and code list, no value longer than
    40 characters, and every required element given. For such an element this makes the
    very record ``_Converter.record`` makes, with no findings, at a fraction of the cost;
    for any other element ``_Converter`` runs (same element) and notes the problems, so
    the findings are its findings whichever path a person takes."""
    # The records are plain frozen dataclasses: filling the instance's dict with every
    # field is what their __init__ does, at a fraction of the cost.
    record: Any = object.__new__(group.record)
    values = record.__dict__
    values.update(group.blank)
    fast = group.fast
    last = -1
    required = 0
    repeats: list[str] | None = None
    for child in elem:
        hit = fast.get(child.tag)
        if hit is None:
            raise _Slow
        index, name, kind, codes, longest, needed, repeat, sub, table = hit
        if index <= last:
            if not (repeat and sub is not None and index == last):
                raise _Slow
            needed = False  # a repeat, counted once
        last = index
        if sub is not None:
            if not sub.fast_ok:
                raise _Slow
            part = _fast(child, sub)
            if repeat:
                found = values[name]
                if found == ():
                    found = values[name] = []
                    if repeats is None:
                        repeats = [name]
                    else:
                        repeats.append(name)
                found.append(part)
            else:
                values[name] = part
            if needed:
                required += 1
            continue
        text = child.text
        if table is not None:
            value = table.get(text)
            if value is not None and not len(child):
                values[name] = value
                if needed:
                    required += 1
                continue
        if text is None or len(text) > 40 or len(child):
            raise _Slow
        text = text.strip()
        if not text:
            if needed:
                raise _Slow
            continue
        if kind == _BOOL:
            value = _BOOLS.get(text)
            if value is None:
                raise _Slow
        elif kind == _DATE:
            value = _DATES.get(text)
            if value is None:
                if not (len(text) == 10 and text[4] == "-" and text[7] == "-"):
                    raise _Slow
                try:
                    value = date.fromisoformat(text)
                except ValueError:
                    raise _Slow from None
                if len(_DATES) < _DATES_MAX:
                    _DATES[text] = value
        elif kind == _CODE:
            if text not in codes:
                raise _Slow
            value = text
        elif kind == _TEXT:
            if len(text) > longest:
                raise _Slow
            value = text
        elif kind == _INT:
            if codes:
                if text not in codes:
                    raise _Slow
            elif not (text.isascii() and text.isdigit()):
                raise _Slow
            value = int(text)
        else:
            raise _Slow  # a date and time: only the header has one
        values[name] = value
        if needed:
            required += 1
    if required != group.required_count:
        raise _Slow
    if repeats is not None:
        for name in repeats:
            values[name] = tuple(values[name])
    return record


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def _findings(problems: list[_Problem], position: int, upn: str) -> list[Finding]:
    return [Finding(rule, level, position, upn, path, msg) for rule, level, path, msg in problems]


class Reading:
    """A SEN2 file being read: ``header`` (read already), then ``persons()`` once.
    ``file_findings`` holds findings about the file rather than a person (position 0):
    the header's, and unknown elements outside persons (complete once ``persons()`` is
    exhausted)."""

    def __init__(
        self, events: Iterator[tuple[str, Any]], header: Header, found: list[Finding], root: Any
    ) -> None:
        self._events = events
        #: The root element: what the parser holds so far (all but the current person is
        #: cleared away as the persons are read).
        self.root = root
        self.header = header
        self.file_findings = found
        self._used = False

    def persons(self) -> Iterator[tuple[Person, list[Finding]]]:
        if self._used:
            raise RuntimeError("A Reading's persons can be read once.")
        self._used = True
        position = 0
        try:
            for _, elem in self._events:
                tag = elem.tag
                if tag == spec.PERSON:
                    parent = elem.getparent()
                    if parent is None or parent.tag != spec.PERSONS:
                        self._stray(elem)
                        continue
                    if elem.getprevious() is not None:
                        self._unknown_before(elem)
                    position += 1
                    try:
                        person = _fast(elem, _PERSON)
                    except _Slow:
                        converter = _Converter()
                        person = converter.record(elem, _PERSON, "", 3, position=position)
                        problems = converter.problems
                    else:
                        person.__dict__["position"] = position
                        problems = []
                    elem.clear(keep_tail=False)
                    del parent[0]
                    yield person, _findings(problems, position, person.upn) if problems else []
                elif tag == spec.PERSONS:
                    for child in elem:
                        self._stray(child)
                    elem.clear(keep_tail=False)
                elif tag == spec.ROOT:
                    for child in elem:
                        if child.tag not in (spec.HEADER, spec.PERSONS):
                            self._stray(child)
                else:
                    self.file_findings.append(
                        Finding(
                            "S-schema-repeat",
                            "error",
                            0,
                            "",
                            "Header",
                            "The file has more than one <Header>: keep one.",
                        )
                    )
        except (etree.LxmlError, UnicodeError, ValueError) as problem:
            raise _unreadable(problem) from None

    def _unknown_before(self, elem: Any) -> None:
        while (previous := elem.getprevious()) is not None:
            self._stray(previous)
            previous.getparent().remove(previous)

    def _stray(self, elem: Any) -> None:
        if not isinstance(elem.tag, str):
            return
        _depth_check(elem, 3)
        where = elem.getparent()
        inside = where.tag if where is not None else spec.ROOT
        self.file_findings.append(
            Finding(
                "S-schema-unknown",
                "error",
                0,
                "",
                f"{inside}/{elem.tag}",
                f"<{elem.tag}> is not a SEN2 element inside <{inside}>: remove it.",
            )
        )


def _unreadable(problem: Exception) -> Unreadable:
    """lxml's errors as one clear Unreadable."""
    if isinstance(problem, etree.XMLSyntaxError):
        message = str(problem.msg or problem).strip()
        if "depth" in message.lower():
            return Unreadable(
                "Elements are nested too deep: a SEN2 file never nests so deep, so it was not read."
            )
        return Unreadable(f"The file is not well-formed XML: {message}.")
    return Unreadable(f"The file could not be read as XML: {problem}.")


def _header(converter: _Converter, elem: Any) -> Header:
    values = dict(_HEADER.blank)
    values.update(converter.values(elem, _HEADER, "Header/", 2))
    collection = values.get("collection") or ""
    if collection != "SEN2":
        what = f"a {collection} file" if collection else "not marked as a collection"
        raise Unreadable(
            f"The header says this is {what}, not SEN2 (<Collection>SEN2</Collection>)."
        )
    for name, xml in (("year", "Year"), ("reference_date", "ReferenceDate"), ("la", "LEA")):
        if values.get(name) in (None, ""):
            raise Unreadable(
                f"The header has no usable <{xml}>, so the return cannot be checked: add it."
            )
    la = values["la"]
    if not (len(la) == 3 and la.isascii() and la.isdigit()):
        raise Unreadable(f"The header's <LEA> '{_short(la)}' is not a 3-digit LA number.")
    values["serial_no"] = values["serial_no"] if values["serial_no"] is not None else 0
    values["source_level"] = values["source_level"] or ""
    return Header(**values)


def _iterparse(source: Any) -> Iterator[tuple[str, Any]]:
    """lxml's events for ``source``, with the settings that keep hostile files harmless."""
    events: Iterator[tuple[str, Any]] = etree.iterparse(
        source,
        events=("end",),
        tag=(spec.ROOT, spec.HEADER, spec.PERSONS, spec.PERSON),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    return events


#: What ``read_part`` puts around a part of a file's persons.
PART_BEFORE = b"<Message><Persons>"
PART_AFTER = b"</Persons></Message>"


def read_part(persons: bytes, header: Header) -> Reading:
    """A part of a file's ``<Persons>`` (the bytes of whole ``<Person>`` elements, as the
    file holds them) read as ``read`` reads the whole file: the same parser, settings and
    reading, inside ``<Message><Persons>`` as in the file. For ``validate_parallel``, which
    checks a large file's parts in several processes; ``header`` is the file's. Positions
    count from the part's first person."""
    events = _iterparse(io.BytesIO(PART_BEFORE + persons + PART_AFTER))
    return Reading(events, header, [], None)


def read_head(head: bytes) -> tuple[Header, list[Finding]]:
    """The header and the findings outside persons of a file's bytes up to and including
    its first ``<Persons>``, read as ``read`` reads the whole file (closed after them).
    Raises ``Unreadable`` as ``read`` does, and ``ValueError`` if a person is among them."""
    reading = read(io.BytesIO(head + PART_AFTER))
    for _person in reading.persons():  # none expected: read to the end for file findings
        raise ValueError("a person before <Persons>")
    return reading.header, reading.file_findings


def read(stream: BinaryIO) -> Reading:
    """Start reading ``stream``: check it, read the header, and return the ``Reading``."""
    prefix = stream.read(SNIFF_BYTES)
    if not isinstance(prefix, bytes):
        raise TypeError("read() needs a binary stream")
    root = _sniff(prefix)
    if root != spec.ROOT:
        raise Unreadable(
            f"The root element is <{root}>, not <{spec.ROOT}>: this is not a SEN2 return."
        )
    events = _iterparse(_Replay(prefix, stream))
    try:
        for _, elem in events:
            if elem.tag == spec.HEADER:
                root = elem.getparent()
                if root is None or root.tag != spec.ROOT or root.getparent() is not None:
                    raise Unreadable("The <Header> must be directly inside <Message>.")
                docinfo = elem.getroottree().docinfo
                if docinfo.doctype or docinfo.internalDTD is not None:
                    raise Unreadable("The file declares a DOCTYPE; SEN2 files have none.")
                converter = _Converter()
                header = _header(converter, elem)
                found = _findings(converter.problems, 0, "")
                elem.clear(keep_tail=False)
                return Reading(events, header, found, root)
            raise Unreadable("The file has no <Header> before its persons: it needs one.")
    except (etree.LxmlError, UnicodeError, ValueError) as problem:
        raise _unreadable(problem) from None
    raise Unreadable("The file has no <Header>: it is not a complete SEN2 return.")

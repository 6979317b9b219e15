"""Reading the words in a cell: bullet lists, KPI ids, who leads, dated updates.

Pure functions on strings; nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from senda.sheets import MONTHS

__all__ = [
    "PARTNER_KINDS",
    "DatedText",
    "area_heading",
    "dated_lines",
    "lines",
    "partner_kinds",
    "split_kpis",
    "split_who",
    "starts_with_bullet",
]

_BULLET_START = re.compile(r"^\s*(?:[•▪◦●‣∙·]|[-*–](?=\s)|\d{1,2}[.)](?=\s))\s*")
_BULLET_INSIDE = re.compile(r"\s*[•▪◦●‣∙]\s*")


def lines(text: str) -> list[str]:
    """The cell's lines with bullet markers ("•", "-", "*", "1.") taken off; "a • b" on
    one line is two lines. Blank lines go."""
    found = []
    for raw in text.split("\n"):
        for part in _BULLET_INSIDE.split(raw):
            part = _BULLET_START.sub("", part).strip()
            if part:
                found.append(part)
    return found


def starts_with_bullet(text: str) -> bool:
    """Whether ``text`` starts with a bullet marker ("•", "-", "*", "1.")."""
    return _BULLET_START.match(text) is not None


def joined(text: str) -> str:
    return "\n".join(lines(text))


# --- KPIs ------------------------------------------------------------------------------


def split_kpis(text: str, catalogue: Iterable[str]) -> tuple[list[str], str]:
    """Catalogue KPI ids named in the cell, and its other lines as free-text measures.

    A line that holds only ids (and separators) is dropped from the measures; a line with
    words too keeps its words and gives its ids.
    """
    ids = sorted(catalogue, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])", re.IGNORECASE
    )
    lookup = {kpi.lower(): kpi for kpi in ids}
    kpi_ids: list[str] = []
    measures = []
    for line in lines(text):
        named = [lookup[m.lower()] for m in pattern.findall(line)] if ids else []
        for kpi in named:
            if kpi not in kpi_ids:
                kpi_ids.append(kpi)
        rest = pattern.sub("", line) if ids else line
        if re.sub(r"(?i)\bkpis?\b|[\s,;:/&+()]|\band\b", "", rest):
            measures.append(line)
    return kpi_ids, "\n".join(measures)


# --- Who -------------------------------------------------------------------------------

#: Recognised partner organisations: (Partner.Kind code, pattern), first match wins.
PARTNER_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("pcf", r"parent\s*carers?'?\s*forum|\bpcf\b|parent\s+forum"),
        (
            "health",
            r"\bicb\b|integrated\s+care|\bnhs\b|health|clinical|\bdco\b|camhs|therap|"
            r"paediatric|nurs(e|ing)\b|hospital",
        ),
        ("social_care", r"social\s*care|social\s+work|children'?s\s+social|\bcsc\b|early\s+help"),
        ("schools", r"\bschools?\b|colleges?|head\s*teachers?|\bsencos?\b|academ(y|ies)"),
        (
            "education",
            r"education|\bsend\s+(service|team|manager|lead)|head\s+of\s+send|local\s+authority|"
            r"\bcouncil\b|sendiass?|inclusion|psycholog",
        ),
    )
)

_WHO_SPLIT = re.compile(r"\n|;|,|/|\s+&\s+|\s+and\s+|\s+\+\s+")


def split_who(text: str) -> tuple[str, list[str]]:
    """The lead (the first name or organisation named) and the kinds of partner named."""
    items = [item.strip(" .-–") for item in _WHO_SPLIT.split(joined(text))]
    items = [item for item in items if item]
    lead = items[0][:200] if items else ""
    return lead, partner_kinds(items)


def partner_kinds(items: Iterable[str]) -> list[str]:
    kinds: list[str] = []
    for item in items:
        for kind, pattern in PARTNER_KINDS:
            if pattern.search(item):
                if kind not in kinds:
                    kinds.append(kind)
                break
    return kinds


# --- Dated updates ---------------------------------------------------------------------

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_SEPARATOR = r"(?:\s*[:–—-]\s*|\s+)"
_DATED = [
    re.compile(r"^(?P<day>\d{1,2})[/.-](?P<num>\d{1,2})[/.-]" + _YEAR + _SEPARATOR, re.I),
    re.compile(
        r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+" + _YEAR + _SEPARATOR, re.I
    ),
    re.compile(r"^" + _MONTH + r"\s+" + _YEAR + _SEPARATOR, re.I),
]
_AUTHOR = re.compile(
    r"^(?P<name>[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){1,3}|[A-Z]{2,3})\s*:\s+(?P<text>\S.*)$",
    re.S,
)


@dataclass(frozen=True, slots=True)
class DatedText:
    on: date | None  # None: undated, recorded as of the import day
    author: str
    text: str


def _date_of(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    year = int(parts["year"])
    year = year + 2000 if year < 100 else year
    month = int(parts["num"]) if parts.get("num") else MONTHS[parts["month"].lower()]
    try:
        return date(year, month, int(parts.get("day") or 1))
    except ValueError:
        return None


def _dated(line: str) -> tuple[date, str] | None:
    for pattern in _DATED:
        match = pattern.match(line)
        if match and match.end() < len(line):
            on = _date_of(match)
            if on is not None:
                return on, line[match.end() :].strip()
    return None


def dated_lines(text: str) -> list[DatedText]:
    """Updates from an "Updates / Comments" cell: each line starting with a date ("12/03/26 –
    text", "March 26: text") is one update, with ``Name Surname:`` as its author; lines
    after it continue it; lines before any dated one make one undated update."""
    found: list[tuple[date | None, list[str]]] = []
    for line in lines(text):
        dated = _dated(line)
        if dated is not None:
            found.append((dated[0], [dated[1]]))
        elif found:
            found[-1][1].append(line)
        else:
            found.append((None, [line]))
    updates = []
    for on, body in found:
        whole = "\n".join(body)
        author = _AUTHOR.match(whole)
        if author:
            updates.append(DatedText(on, author["name"], author["text"].strip()))
        else:
            updates.append(DatedText(on, "", whole))
    return updates


# --- Areas -----------------------------------------------------------------------------

_AREA = re.compile(
    r"^\s*(?:(?P<word>area(?:\s+for\s+improvement)?|improvement\s+area|priority|afi)\s*)?"
    r"(?P<number>\d{1,2})(?!\d)(?:\s*[.:)\-–—]\s*|\s+|$)(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def area_heading(text: str, *, needs_word: bool = False) -> tuple[int | None, str] | None:
    """An area's number and title from "Area 2: Transitions", "2. Transitions" or "2".

    With ``needs_word`` only text that says "Area"/"Priority" counts (a heading row);
    otherwise text without a number is a title without a number.
    """
    text = " ".join(text.split())
    match = _AREA.match(text)
    if match and (match["word"] or not needs_word):
        number = int(match["number"])
        return number, match["title"].strip() or f"Area {number}"
    if needs_word:
        return None
    return None, text

"""Read a plan's free-text timescale ("Sept 25 – Sep 26", "By July 27") into dates.

Pure Python: no Django. ``read(text, today=...)`` returns a :class:`Timescale`. Senda never
guesses: text that does not match one of the patterns below exactly is *unresolved* — no
dates are kept, the words are, and a person resolves it.

Patterns (case-insensitive; hyphens, en and em dashes alike; months as "Sep", "Sep.",
"Sept" or "September"; years as "26" or "2026" — a two-digit year is 20YY):

- **A point** — a date ("31/03/2026", "2026-03-31", "31 March 2026"), a month ("Dec 26",
  "April 2026"), a calendar quarter ("Q3 2026" = July–September) or a year ("2026").
  Alone, or after "by", "until", "till", "to", "through" or "end of", a point is a
  **deadline**: ``ends_on`` is its last day, with no start.
- **"from <point>"** — a start only: ``starts_on`` is its first day.
- **A range** "<point> - <point>" (also "to", "until", "till", "through"; optionally
  after "from"): ``starts_on`` is the first day of the first point, ``ends_on`` the last
  day of the second. The first month may omit its year ("Jan to Dec 26", "June–Dec 26"):
  it takes the second's year, or the year before when its month comes later ("Nov – Feb
  27" is November 2026 – February 2027).
- **A span of years** "2026-2028", "26-28", "2026 to 2028": 1 January of the first to 31
  December of the last. "2026-27" or "2026/27" alone is *unresolved*: it may be a
  financial year (April–March) or an academic year (September–August).
- **A school term** "Autumn term 2026", "Spring term 27", "Summer term 2026" is a point
  made of the months the term falls in, the same in every English local area though the
  exact days differ: autumn September–December, spring January to the month of Easter
  (March or April), summer April–July. Alone it is a deadline: "Summer term 2026" ends
  on 31 July 2026. "by", "from", "end of" and ranges work as for any point; the reading
  is noted.
- **An academic or financial year said so**: "academic year 2026/27" (also "AY 2026-27",
  "2026/27 academic year") is 1 September 2026 – 31 August 2027; "financial year
  2026/27" ("FY 26/27") is 1 April 2026 – 31 March 2027.
- A leading "Ongoing" is allowed before a point or range and noted; words in brackets
  ("By July 27 (then ongoing refresh through 28)") are kept as the note, not read.

Unresolved on purpose: "TBC", "ongoing" alone, seasons without the word "term" ("Spring
2027": the season or the term?), half terms (their dates differ between local areas),
"2026/27" without saying which kind of year, financial-year quarters, a range that ends
before it starts, and a year more than 15 years from ``today``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Timescale", "read"]


@dataclass(frozen=True, slots=True)
class Timescale:
    """What Senda read from ``text``. Unresolved means both dates are None."""

    text: str
    starts_on: date | None
    ends_on: date | None
    resolved: bool
    note: str


MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _number:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_BRACKETS = re.compile(r"\(([^()]*)\)")
_TOKEN = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|q[1-4]|\d+|[a-z]+|-|/|\S")
_SEPARATORS = {"-", "to", "until", "till", "through", "thru"}
_DEADLINE_WORDS = {"by", "until", "till", "to", "through", "thru"}
_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
_YEAR_KINDS = {"academic": 9, "ay": 9, "financial": 4, "fy": 4}  # the month each starts
_HORIZON = 15  # years either side of today that a timescale may name


class Unreadable(Exception):
    """The text does not match a documented pattern (the message says why, if known)."""


@dataclass(frozen=True, slots=True)
class _Point:
    first: date
    last: date
    month_only: int = 0  # a month without its year ("Jan" in "Jan to Dec 26")


def read(text: str, *, today: date) -> Timescale:
    """Read ``text`` as a timescale (see the module docstring for every pattern)."""
    notes = [part.strip() for part in _BRACKETS.findall(text) if part.strip()]
    body = _DASHES.sub("-", _BRACKETS.sub(" ", text)).lower().replace(".", " ")
    tokens = [token for token in _TOKEN.findall(body) if token != "the"]
    try:
        if tokens and tokens[0] == "ongoing" and len(tokens) > 1:
            notes.insert(0, "Ongoing")
            tokens = tokens[1:]
        starts_on, ends_on, how = _read_tokens(tokens)
        if any(re.fullmatch(r"q[1-4]", token) for token in tokens):
            how = "a quarter is a calendar quarter (Q1 is January to March)"
        if "term" in tokens:
            how = (
                "school terms read as autumn September–December, spring January to Easter, "
                "summer April–July (the area's own term dates may end a few days sooner)"
            )
        if how:
            notes.insert(1 if notes[:1] == ["Ongoing"] else 0, how)
        for day in (starts_on, ends_on):
            if day is not None and abs(day.year - today.year) > _HORIZON:
                raise Unreadable(f"The year {day.year} is too far from today to be right.")
        if starts_on and ends_on and ends_on < starts_on:
            raise Unreadable("The timescale ends before it starts.")
    except Unreadable as problem:
        reason = str(problem) or "Senda cannot read this timescale: enter the dates."
        return Timescale(text, None, None, False, reason)
    return Timescale(text, starts_on, ends_on, True, "; ".join(notes))


def _read_tokens(tokens: list[str]) -> tuple[date | None, date | None, str]:
    if not tokens or tokens in (["tbc"], ["tbd"], ["ongoing"]):
        raise Unreadable("No dates given: enter them when they are known.")
    if "half" in tokens:
        raise Unreadable("Half terms differ between areas: enter the dates.")
    if _SEASONS & set(tokens) and "term" not in tokens:
        raise Unreadable(
            "A season may mean the season or the school term: enter the dates, or write "
            'it as a term ("Spring term 2027").'
        )
    kind = next((t for t in tokens if t in _YEAR_KINDS), None)
    if kind is not None:
        return _kind_of_year(kind, [t for t in tokens if t not in {kind, "year"}])
    head = tokens[0]
    if head == "end" and tokens[1:2] == ["of"]:
        return None, _point(tokens[2:]).last, ""
    if head == "from":
        found = _range(tokens[1:])
        if found is not None:
            return found
        return _point(tokens[1:]).first, None, ""
    if head in _DEADLINE_WORDS and tokens[1:3] == ["end", "of"]:
        return None, _point(tokens[3:]).last, ""  # "by the end of summer term 2026"
    if head in _DEADLINE_WORDS:
        found = _range(tokens[1:])
        if found is not None and head in {"through", "thru"}:
            return found  # "through 26-28": throughout those years
        if found is not None:
            raise Unreadable()  # "by Jan to Dec 26": a deadline and a range at once
        return None, _point(tokens[1:]).last, ""
    found = _range(tokens)
    if found is not None:
        return found
    return None, _point(tokens).last, ""


def _range(tokens: list[str]) -> tuple[date, date, str] | None:
    """A range of two points or a span of years, or None if ``tokens`` has no separator."""
    years = _year_span(tokens)
    if years is not None:
        return years
    cuts = [i for i, token in enumerate(tokens) if token in _SEPARATORS and i > 0]
    if len(cuts) != 1:
        return None
    cut = cuts[0]
    end = _point(tokens[cut + 1 :])
    start = _point(tokens[:cut], allow_month_only=True)
    if start.month_only:
        if end.first.month != end.last.month or end.first.year != end.last.year:
            raise Unreadable("A month without a year must be followed by a month.")
        year = end.last.year - (1 if start.month_only > end.last.month else 0)
        return date(year, start.month_only, 1), end.last, ""
    return start.first, end.last, ""


def _kind_of_year(kind: str, tokens: list[str]) -> tuple[date, date, str]:
    """ "academic year 2026/27", "FY 26-27": from the kind's first month of the first year
    to the month before it in the next."""
    if len(tokens) != 3 or tokens[1] not in {"-", "/"} or not tokens[0].isdigit():
        raise Unreadable()
    if not tokens[2].isdigit() or len(tokens[0]) not in (2, 4) or len(tokens[2]) not in (2, 4):
        raise Unreadable()
    first, last = _year(tokens[0]), _year(tokens[2])
    if last != first + 1:
        raise Unreadable("An academic or financial year runs over two years in a row.")
    month = _YEAR_KINDS[kind]
    name = "academic" if month == 9 else "financial"
    return (
        date(first, month, 1),
        _month(last, month - 1).last,
        f"read as the {name} year {first}/{str(last)[2:]}",
    )


def _year_span(tokens: list[str]) -> tuple[date, date, str] | None:
    if len(tokens) != 3 or not (tokens[0].isdigit() and tokens[2].isdigit()):
        return None
    if tokens[1] not in _SEPARATORS | {"/"}:
        return None
    if len(tokens[0]) not in (2, 4) or len(tokens[2]) not in (2, 4):
        return None
    first, last = _year(tokens[0]), _year(tokens[2])
    if last == first + 1 and tokens[1] in {"-", "/"}:
        raise Unreadable(
            f"{tokens[0]}{tokens[1]}{tokens[2]} may be a financial or an academic year: "
            "enter the dates."
        )
    return date(first, 1, 1), date(last, 12, 31), f"read as the years {first} to {last}"


def _point(tokens: list[str], *, allow_month_only: bool = False) -> _Point:
    """One date, month, quarter or year, exactly."""
    if len(tokens) == 1:
        token = tokens[0]
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", token):
            y, m, d = (int(part) for part in token.split("-"))
            return _day(y, m, d)
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}", token):
            dd, mm, yy = token.split("/")
            return _day(_year(yy), int(mm), int(dd))
        if re.fullmatch(r"\d{4}", token):
            return _Point(date(int(token), 1, 1), date(int(token), 12, 31))
        if allow_month_only and token in MONTHS:
            month = MONTHS[token]
            return _Point(date(1, month, 1), date(1, month, 1), month_only=month)
    if len(tokens) == 2:
        name, yy = tokens
        if name in MONTHS and yy.isdigit() and len(yy) in (2, 4):
            return _month(_year(yy), MONTHS[name])
        if re.fullmatch(r"q[1-4]", name) and yy.isdigit() and len(yy) == 4:
            q = int(name[1])
            return _Point(_month(int(yy), 3 * q - 2).first, _month(int(yy), 3 * q).last)
    if len(tokens) == 3 and tokens[0] in _TERM_MONTHS and tokens[1] == "term":
        return _term(tokens[0], tokens[2])
    if len(tokens) == 3:
        dd, name, yy = tokens
        if dd.isdigit() and name in MONTHS and yy.isdigit() and len(yy) == 4:
            return _day(int(yy), MONTHS[name], int(dd))
    raise Unreadable()


#: A school term's first and last month; spring ends in the month of Easter (0 here).
_TERM_MONTHS = {"autumn": (9, 12), "spring": (1, 0), "summer": (4, 7)}


def _term(name: str, yy: str) -> _Point:
    if not yy.isdigit() or len(yy) not in (2, 4):
        raise Unreadable()
    year = _year(yy)
    first, last = _TERM_MONTHS[name]
    return _Point(date(year, first, 1), _month(year, last or easter(year).month).last)


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm of 1876)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)


def _year(token: str) -> int:
    if len(token) == 2:
        return 2000 + int(token)
    if len(token) == 4:
        return int(token)
    raise Unreadable()


def _month(year: int, month: int) -> _Point:
    return _Point(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _day(year: int, month: int, day: int) -> _Point:
    try:
        found = date(year, month, day)
    except ValueError:
        raise Unreadable(f"There is no such date as {day}/{month}/{year}.") from None
    return _Point(found, found)

"""The waiting list's waits and direction: distributions of the waits of those waiting on a
day and of the waits completed in a period (referral to first assessment appointment),
by pathway, age band and locality; referrals, assessments and departures month by month.

    lines = waits.lines(la)                              # one query: every referral's dates
    now = waits.waiting(lines, day)                      # Line list, waiting on ``day``
    waits.distribution(now, day)                         # Waits: median, 90th centile …
    waits.by(now, "age", day)                            # {band: Waits}
    waits.throughput(lines, months)                      # [Month]
    waits.overview(la_id, "autism", day)                 # the page's sections and months

Everything after :func:`lines` is pure; the page, the KPIs (``measures``) and the benchmark
use the same functions. The page reads through :func:`area_lines`, which keeps an area's
lines (and the overviews made from them) between requests while nothing on the waiting list
has been written since: its key (:func:`written`) is read afresh on every request, so a
step, a correction or withdrawal, an import, a referral or support recorded in any process
shows at once. A wait is counted in days and shown in weeks (days ÷ 7); "over 18
weeks" is a wait of more than 126 days, "over 52 weeks" more than 364. The 90th centile is
the nearest-rank one (the wait 90% of waits are at or under). The age band is the child's
age on the day referred; the locality that of the school or setting at referral.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import CharField
from django.db.models.functions import Cast

from senda import audit
from senda.pathways.models import ExtractImport, Pathway, Referral, ReferralStep, Support

__all__ = [
    "AGE_BANDS",
    "GROUPS",
    "NOT_RECORDED",
    "WHICH",
    "Breakdown",
    "Line",
    "Month",
    "Overview",
    "Section",
    "Waits",
    "area_lines",
    "by",
    "chosen",
    "completed",
    "direction",
    "distribution",
    "forget",
    "lines",
    "longest_first",
    "months_to",
    "overview",
    "throughput",
    "wait_of",
    "waiting",
    "written",
    "year_ago",
]

NOT_RECORDED = "Not recorded"
#: Age bands on the day referred: (label, youngest, oldest).
AGE_BANDS = (
    ("Under 5", 0, 4),
    ("5 to 10", 5, 10),
    ("11 to 15", 11, 15),
    ("16 and over", 16, 200),
)
OVER_18 = 18 * 7
OVER_52 = 52 * 7


class Line:
    """A referral's dates, as the waits read them; ``end`` (the day it left the list:
    rejected, assessed or closed, the earliest) and ``age_band`` are worked out once."""

    __slots__ = (
        "age_band",
        "assessed_on",
        "assessed_ord",
        "born",
        "closed_on",
        "end",
        "id",
        "locality",
        "pathway",
        "referred_on",
        "referred_ord",
        "rejected_on",
    )

    def __init__(
        self,
        id: int,
        pathway: str,
        referred_on: date,
        rejected_on: date | None,
        assessed_on: date | None,
        closed_on: date | None,
        born: date | None,
        locality: str,
    ) -> None:
        self.id, self.pathway, self.referred_on = id, pathway, referred_on
        self.rejected_on, self.assessed_on, self.closed_on = rejected_on, assessed_on, closed_on
        self.born, self.locality = born, locality
        ends = [d for d in (rejected_on, assessed_on, closed_on) if d is not None]
        self.end = min(ends) if ends else None
        self.age_band = _band(born, referred_on)
        self.referred_ord = referred_on.toordinal()
        self.assessed_ord = assessed_on.toordinal() if assessed_on is not None else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Line) and self.id == other.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"Line({self.id}, {self.pathway!r}, {self.referred_on})"

    def on_list(self, day: date) -> bool:
        return self.referred_on <= day and (self.end is None or self.end > day)

    def wait(self, day: date) -> int:
        """Days waited by ``day`` (or, once assessed, to the first assessment)."""
        end = self.assessed_on if self.assessed_on is not None and self.assessed_on <= day else day
        return (end - self.referred_on).days


def _band(born: date | None, on: date) -> str:
    if born is None:
        return NOT_RECORDED
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for label, low, high in AGE_BANDS:
        if low <= years <= high:
            return label
    return NOT_RECORDED


@dataclass(frozen=True)
class Waits:
    """A distribution of waits: ``ids`` the referrals counted, ``days`` their waits."""

    ids: tuple[int, ...]
    days: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def median(self) -> float | None:
        """In days (the middle two's mean for an even count)."""
        n = len(self.days)
        if not n:
            return None
        middle = n // 2
        return (
            float(self.days[middle]) if n % 2 else (self.days[middle - 1] + self.days[middle]) / 2
        )

    @property
    def p90(self) -> int | None:
        """The nearest-rank 90th centile, in days."""
        return self.days[math.ceil(0.9 * len(self.days)) - 1] if self.days else None

    @property
    def longest(self) -> int | None:
        return self.days[-1] if self.days else None

    @property
    def over_18(self) -> int:
        return sum(1 for d in self.days if d > OVER_18)

    @property
    def over_52(self) -> int:
        return sum(1 for d in self.days if d > OVER_52)

    @staticmethod
    def weeks(days: float | None) -> float | None:
        """Days as weeks to one decimal place."""
        return None if days is None else round(days / 7, 1)


def lines(la_id: int, pathway: str | None = None) -> list[Line]:
    """Every referral of the area (of ``pathway``, if given), as :class:`Line`s: one query,
    its dates read as text and parsed here at C speed rather than by the database driver's
    converters (the page reads 10,000 rows)."""
    found = Referral.objects.of_area(la_id)
    if pathway:
        found = found.filter(pathway=pathway)
    dates = ("referred_on", "rejected_on", "assessed_on", "closed_on", "child__date_of_birth")
    rows = (
        found.order_by()
        .annotate(**{f"t{i}": Cast(name, CharField()) for i, name in enumerate(dates)})
        .values_list("pk", "pathway", "t0", "t1", "t2", "t3", "t4", "setting__locality")
    )
    return [
        Line(
            pk,
            kind,
            date.fromisoformat(referred[:10]),
            _day(rejected),
            _day(assessed),
            _day(closed),
            _day(born),
            locality or NOT_RECORDED,
        )
        for pk, kind, referred, rejected, assessed, closed, born, locality in rows
    ]


def written(la_id: int) -> tuple[object, ...]:
    """What the area's waiting list has had written, in a few index-only reads: the last
    step recorded anywhere (its id and moment: every change to a referral's dates is a
    step, corrections and withdrawals included), the area's referrals (how many, the
    last), the last import and the last support recorded, and the area's latest audited
    write (``audit.latest_write``: a child's details, say). Any write changes it."""
    step = ReferralStep.objects.order_by("-id").values_list("id", "recorded_at").first()
    referrals = Referral.objects.filter(la_id=la_id).order_by("-id").values_list("id", flat=True)
    return (
        audit.latest_write(la_id),
        step,
        referrals.count(),
        referrals.first(),
        ExtractImport.objects.filter(la_id=la_id).order_by("-id").values_list("id").first(),
        Support.objects.order_by("-id").values_list("id").first(),
    )


class _Kept:
    """An area's lines as read when its waiting list was ``key``, and the overviews made
    from them (by pathway, day and months)."""

    __slots__ = ("key", "lines", "overviews")

    def __init__(self, key: tuple[object, ...], found: list[Line]) -> None:
        self.key, self.lines = key, found
        self.overviews: dict[tuple[str, date, int], Overview] = {}


#: Areas' lines kept between requests in this process (the latest few areas).
_KEPT: dict[int, _Kept] = {}
_KEEP_AREAS = 8
_LOCK = threading.Lock()


def _kept(la_id: int) -> _Kept:
    key = written(la_id)
    found = _KEPT.get(la_id)
    if found is None or found.key != key:
        found = _Kept(key, lines(la_id))  # outside the lock: a read blocks no other area
        with _LOCK:
            _KEPT.pop(la_id, None)
            _KEPT[la_id] = found
            while len(_KEPT) > _KEEP_AREAS:
                _KEPT.pop(next(iter(_KEPT)))
    return found


def area_lines(la_id: int) -> list[Line]:
    """:func:`lines` of the area, kept while nothing is written (:func:`written`); the
    list is shared between requests: do not change it."""
    return _kept(la_id).lines


def forget() -> None:
    """Drop every area's kept lines (tests)."""
    with _LOCK:
        _KEPT.clear()


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value[:10])


def waiting(found: Iterable[Line], day: date) -> list[Line]:
    """Those on the list on ``day`` (not yet triaged, or accepted and not yet assessed)."""
    return [line for line in found if line.on_list(day)]


def completed(found: Iterable[Line], start: date, end: date) -> list[Line]:
    """Those first assessed from ``start`` to ``end``: the waits completed then."""
    return [
        line for line in found if line.assessed_on is not None and start <= line.assessed_on <= end
    ]


def distribution(found: Sequence[Line], day: date) -> Waits:
    """The waits of ``found`` as of ``day``, shortest first."""
    d = day.toordinal()
    pairs = sorted(
        (
            (a if (a := line.assessed_ord) is not None and a <= d else d) - line.referred_ord,
            line.id,
        )
        for line in found
    )
    return Waits(tuple(pk for _, pk in pairs), tuple(days for days, _ in pairs))


def _member(line: Line, group: str) -> str:
    if group == "pathway":
        return line.pathway
    if group == "age":
        return line.age_band
    if group == "locality":
        return line.locality
    raise ValueError(f"no such breakdown {group!r}")


def by(found: Sequence[Line], group: str, day: date) -> dict[str, Waits]:
    """The waits of ``found`` broken down by ``group`` (pathway, age or locality), in its
    order (pathways as the choices list them, age bands youngest first, localities by name;
    "Not recorded" last)."""
    parts: dict[str, list[Line]] = {}
    for line in found:
        parts.setdefault(_member(line, group), []).append(line)
    return {member: distribution(parts[member], day) for member in _order(parts, group)}


def _order(parts: Iterable[str], group: str) -> list[str]:
    present = set(parts)
    if group == "pathway":
        order = [p for p in Pathway.values if p in present]
    elif group == "age":
        order = [label for label, _, _ in AGE_BANDS if label in present]
    else:
        order = sorted((m for m in present if m != NOT_RECORDED), key=str.lower)
    if NOT_RECORDED in present:
        order.append(NOT_RECORDED)
    return order


#: A line's wait, id and the line: sorted, the order of :func:`distribution`.
_Ranked = tuple[int, int, Line]
_ATTRIBUTE = {"pathway": "pathway", "age": "age_band", "locality": "locality"}


def _ranked(found: Iterable[Line], day: date) -> list[_Ranked]:
    d = day.toordinal()
    return sorted(
        (
            (a if (a := line.assessed_ord) is not None and a <= d else d) - line.referred_ord,
            line.id,
            line,
        )
        for line in found
    )


def _waits(ranked: Sequence[_Ranked]) -> Waits:
    return Waits(tuple(pk for _, pk, _ in ranked), tuple(days for days, _, _ in ranked))


def _split(ranked: Sequence[_Ranked], group: str, pathway: str) -> Breakdown:
    """:func:`by` and :func:`distribution` of lines already ranked: one sort for both (a
    member's share of a sorted list is sorted)."""
    name = _ATTRIBUTE[group]
    parts: dict[str, list[_Ranked]] = {}
    for item in ranked:
        parts.setdefault(getattr(item[2], name), []).append(item)
    members = {member: _waits(parts[member]) for member in _order(parts, group)}
    return Breakdown(group, pathway, _waits(ranked), members)


def members(found: Sequence[Line], group: str, member: str) -> list[Line]:
    """The lines of ``found`` in ``member`` of ``group``."""
    return [line for line in found if _member(line, group) == member]


@dataclass(frozen=True, slots=True)
class Month:
    """One month's movement: referrals in, first assessments, rejections and departures
    without an assessment; ``waiting`` on its last day."""

    start: date
    referred: int
    assessed: int
    rejected: int
    closed: int
    waiting: int

    @property
    def net(self) -> int:
        """How much the list grew (negative: shrank)."""
        return self.referred - self.assessed - self.rejected - self.closed


def months_to(day: date, count: int) -> list[date]:
    """The first days of the ``count`` months ending with ``day``'s, oldest first."""
    found, year, month = [], day.year, day.month
    for _ in range(count):
        found.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def _month_end(start: date) -> date:
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def throughput(found: Sequence[Line], months: Sequence[date], today: date) -> list[Month]:
    """Each month's movement (``months``: their first days), to ``today`` at most."""
    counts: dict[str, Counter[int]] = {
        what: Counter() for what in ("referred", "assessed", "rejected", "closed")
    }
    referred, left = [], []
    for line in found:
        on = line.referred_on
        counts["referred"][on.year * 12 + on.month] += 1
        referred.append(on)
        if line.end is not None:
            left.append(line.end)
        for what, day in (
            ("assessed", line.assessed_on),
            ("rejected", line.rejected_on),
            ("closed", line.closed_on),
        ):
            if day is not None:
                counts[what][day.year * 12 + day.month] += 1
    referred.sort()
    left.sort()
    result = []
    for start in months:
        key = start.year * 12 + start.month
        end = min(_month_end(start), today)
        result.append(
            Month(
                start,
                counts["referred"][key],
                counts["assessed"][key],
                counts["rejected"][key],
                counts["closed"][key],
                bisect_right(referred, end) - bisect_right(left, end),
            )
        )
    return result


#: The two sets of waits a page shows: on the list today, and completed in the last year.
WHICH = {"waiting": "On the list today", "completed": "First assessed in the last 12 months"}
#: What a breakdown groups by.
GROUPS = {"pathway": "Pathway", "age": "Age when referred", "locality": "Locality of the school"}


@dataclass(frozen=True)
class Breakdown:
    """Waits in all (``overall``) and for each member of ``group`` (``members``); of one
    pathway (``pathway``) or of all of them (``""``)."""

    group: str
    pathway: str
    overall: Waits
    members: dict[str, Waits]


@dataclass(frozen=True)
class Section:
    """One set of waits (``which``: a key of ``WHICH``): by pathway, and for the chosen
    pathway by age band and locality."""

    which: str
    by_pathway: Breakdown
    breakdowns: tuple[Breakdown, ...]

    @property
    def title(self) -> str:
        return WHICH[self.which]


@dataclass(frozen=True)
class Overview:
    """What the waits page shows for one area on ``today``."""

    today: date
    pathway: str
    sections: tuple[Section, ...]
    months: list[Month]

    @property
    def direction(self) -> str:
        return direction(self.months)


def wait_of(referral: Referral, today: date) -> int:
    """Days ``referral`` has waited (to its first assessment, or ``today`` while on the
    list; to the day it left the list otherwise)."""
    line = Line(
        referral.pk,
        referral.pathway,
        referral.referred_on,
        referral.rejected_on,
        referral.assessed_on,
        referral.closed_on,
        None,
        "",
    )
    return line.wait(today)


def year_ago(today: date) -> date:
    """The first day of the twelve months to ``today``."""
    return today - timedelta(days=364)


def chosen(found: Sequence[Line], which: str, today: date) -> list[Line]:
    """Those waiting on ``today`` or first assessed in the twelve months to it."""
    if which == "waiting":
        return waiting(found, today)
    return completed(found, year_ago(today), today)


def overview(la_id: int, pathway: str, today: date, months: int = 24) -> Overview:
    """Every referral's waits for ``la_id`` (one query, or none while the area's lines are
    kept: :func:`area_lines`), as the waits page shows them, with ``months`` of throughput
    for ``pathway``."""
    kept = _kept(la_id)
    found = kept.overviews.get((pathway, today, months))
    if found is None:
        if len(kept.overviews) >= 16:
            kept.overviews.clear()
        found = kept.overviews[(pathway, today, months)] = _overview(
            kept.lines, pathway, today, months
        )
    return found


def _overview(everything: list[Line], pathway: str, today: date, months: int) -> Overview:
    """The page's figures: each set of waits ranked once, then split."""
    sections = []
    for which in WHICH:
        ranked = _ranked(chosen(everything, which, today), today)
        of_pathway = [item for item in ranked if item[2].pathway == pathway]
        sections.append(
            Section(
                which,
                _split(ranked, "pathway", ""),
                tuple(_split(of_pathway, group, pathway) for group in ("age", "locality")),
            )
        )
    of_pathway = [line for line in everything if line.pathway == pathway]
    return Overview(
        today, pathway, tuple(sections), throughput(of_pathway, months_to(today, months), today)
    )


def longest_first(
    la_id: int, which: str, pathway: str, group: str, member: str, today: date
) -> list[Line]:
    """The referrals behind one figure (``member`` of ``group``, or all), longest wait
    first."""
    everything = area_lines(la_id)
    if pathway:
        everything = [line for line in everything if line.pathway == pathway]
    found = chosen(everything, which, today)
    if member:
        found = members(found, group, member)
    return sorted(found, key=lambda line: -line.wait(today))


def direction(months: Sequence[Month]) -> str:
    """The last six months in a sentence: is the list growing or shrinking?"""
    recent = months[-6:]
    change = sum(m.net for m in recent)
    referred = sum(m.referred for m in recent)
    assessed = sum(m.assessed for m in recent)
    if change > 0:
        trend = f"grew by {change:,}"
    elif change < 0:
        trend = f"shrank by {-change:,}"
    else:
        trend = "stayed the same size"
    return (
        f"Over the last six months {referred:,} children were referred and {assessed:,} "
        f"had their first assessment: the list {trend}."
    )

"""Settings' returns: the review report each school or college owes the LA after a review.

Built on the clock's ``review-report`` deadline rows (the report reaches the LA within
2 weeks of the review meeting; SEND Regulations 2014 reg 20(7), 21(7)), grouped by the
child's current setting. For returns **due** in a period, as of ``today``:

- **on time**: received on or before the due date;
- **late**: received after it;
- **missing**: not received, due date passed, case still open (a closed case's missing
  return is no longer chased and is left out altogether);
- **awaiting**: not received, not yet due (only when the period reaches today or later).

Days late are calendar days after the due date: until received for late returns, until
``today`` for missing ones. The ``setting-returns-on-time`` KPI is on time / (on time +
late + missing): returns still inside their two weeks are not counted either way.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from senda import kernel
from senda.casework.models import Case, DeadlineRow
from senda.people.models import LocalAuthority

REPORT_RULE = "review-report"

_LATE = Q(done__gt=F("due"))


@dataclass(frozen=True, slots=True)
class SettingReturns:
    """One setting's returns due in the period: plain values."""

    setting_id: int | None
    name: str
    expected: int
    on_time: int
    late: int
    missing: int
    awaiting: int
    median_days_late: float | None
    max_days_late: int | None

    @property
    def due_so_far(self) -> int:
        """Returns whose due date has passed or that have come in: the KPI's denominator."""
        return self.on_time + self.late + self.missing

    @property
    def share_on_time(self) -> float | None:
        """Fraction received on time (0–1); None when nothing was due yet."""
        return self.on_time / self.due_so_far if self.due_so_far else None

    @property
    def late_or_missing(self) -> int:
        return self.late + self.missing


def report_rows(la: LocalAuthority, start: date, end: date) -> QuerySet[DeadlineRow]:
    """``review-report`` rows of ``la``'s cases due from ``start`` to ``end`` (inclusive),
    at a setting, leaving out missing returns of closed cases."""
    return DeadlineRow.objects.filter(
        rule=REPORT_RULE,
        case__la=la,
        case__child__setting__isnull=False,
        due__gte=start,
        due__lte=end,
    ).exclude(done__isnull=True, case__status=Case.Status.CLOSED)


def is_missing(today: date) -> Q:
    return Q(done__isnull=True, due__lt=today)


def late_or_missing(rows: QuerySet[DeadlineRow], today: date) -> QuerySet[DeadlineRow]:
    return rows.filter(_LATE | is_missing(today))


def days_late(due: date, done: date | None, today: date) -> int:
    return ((done or today) - due).days


@dataclass(frozen=True, slots=True)
class ReturnsReport:
    settings: list[SettingReturns]
    total: SettingReturns


def returns_by_setting(
    la: LocalAuthority, start: date, end: date, *, today: date | None = None
) -> list[SettingReturns]:
    """Each setting with a return due from ``start`` to ``end``: the most late or missing
    first, then the most missing, then by name. Two queries."""
    return returns_report(la, start, end, today=today).settings


def returns_report(
    la: LocalAuthority, start: date, end: date, *, today: date | None = None
) -> ReturnsReport:
    """:func:`returns_by_setting` and the area's total (``setting_id`` None). Two queries."""
    today = today or kernel.today()
    rows = report_rows(la, start, end)
    lateness = _lateness(late_or_missing(rows, today), today)
    counts = (
        rows.values("case__child__setting_id", "case__child__setting__name")
        .order_by()
        .annotate(**_counts(today))
    )
    settings = sorted(
        (
            _returns(c["case__child__setting_id"], c["case__child__setting__name"], c, lateness)
            for c in counts
        ),
        key=lambda r: (-r.late_or_missing, -r.missing, r.name.lower()),
    )
    every_day = [d for days in lateness.values() for d in days]
    return ReturnsReport(settings, _total(settings, every_day))


def setting_returns(
    rows: QuerySet[DeadlineRow], setting_id: int, name: str, today: date, days: list[int]
) -> SettingReturns:
    """Counts for one setting's ``rows`` (already filtered to it), one query; ``days`` are
    the days late of its late and missing returns, which the caller lists anyway."""
    counts = rows.aggregate(**_counts(today))
    return _returns(setting_id, name, counts, {setting_id: days})


def _total(rows: list[SettingReturns], days: list[int]) -> SettingReturns:
    return SettingReturns(
        setting_id=None,
        name="All settings",
        expected=sum(r.expected for r in rows),
        on_time=sum(r.on_time for r in rows),
        late=sum(r.late for r in rows),
        missing=sum(r.missing for r in rows),
        awaiting=sum(r.awaiting for r in rows),
        median_days_late=statistics.median(days) if days else None,
        max_days_late=max(days) if days else None,
    )


def _counts(today: date) -> dict[str, Count]:
    return {
        "expected": Count("pk"),
        "on_time": Count("pk", filter=Q(done__lte=F("due"))),
        "late": Count("pk", filter=_LATE),
        "missing": Count("pk", filter=is_missing(today)),
        "awaiting": Count("pk", filter=Q(done__isnull=True, due__gte=today)),
    }


def _lateness(rows: QuerySet[DeadlineRow], today: date) -> dict[int, list[int]]:
    by_setting: dict[int, list[int]] = defaultdict(list)
    for setting_id, due, done in rows.values_list("case__child__setting_id", "due", "done"):
        by_setting[setting_id].append(days_late(due, done, today))
    return by_setting


def _returns(
    setting_id: int, name: str, counts: dict[str, int], lateness: dict[int, list[int]]
) -> SettingReturns:
    days = lateness.get(setting_id, [])
    return SettingReturns(
        setting_id=setting_id,
        name=name,
        expected=counts["expected"],
        on_time=counts["on_time"],
        late=counts["late"],
        missing=counts["missing"],
        awaiting=counts["awaiting"],
        median_days_late=statistics.median(days) if days else None,
        max_days_late=max(days) if days else None,
    )

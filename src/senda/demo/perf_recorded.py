"""The demo area's recorded KPI values: two years of the figures Senda cannot compute —
surveys, in-depth audits and the high needs deficit. (The ND waits are computed from the
demo's waiting list, ``senda.demo.waiting_list``, NEET from its participation extracts,
``senda.demo.destinations``, and the workforce KPIs from its training register,
``senda.demo.training``.)
(The quality KPIs computed from the QA records — ``senda.quality.measures`` — are not
recorded: the demo's QA records come from ``senda.demo.quality``.)

Each series runs from a starting figure towards a later one with a small fixed wobble, so a
rebuild gives the same figures. Values go through ``senda.performance.recorded.record_value``
(validated and audited like a person's entry), then are dated a few weeks after their
period ended, as a person would have entered them. One quarter of parent satisfaction is
entered twice, to show a correction superseding the first entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from senda.people.models import LocalAuthority
from senda.performance import catalogue, periods
from senda.performance.models import RecordedValue
from senda.performance.recorded import record_value

QUARTERS = 8
MONTHS = 24
#: Added to each period's figure in turn: real figures do not move in a straight line.
WOBBLE = (0.0, 1.2, -0.8, 0.5, -0.3, 0.9, -0.6, 0.2, 0.7, -0.4, 0.1, -0.9)


@dataclass(frozen=True)
class Series:
    """``first`` → ``last`` over the periods; ``base`` (if set) is the denominator and the
    figure a percentage of it; ``wobble`` scales ``WOBBLE``."""

    kpi: str
    first: float
    last: float
    evidence: str
    base: int = 0
    wobble: float = 1.0


SERIES: tuple[Series, ...] = (
    Series(
        "parent-satisfaction",
        58.0,
        71.0,
        "Parent carer forum survey, {label}",
        base=186,
        wobble=1.5,
    ),
    Series(
        "multiagency-advice-in-review",
        21.0,
        44.0,
        "Annual review audit sample, {label}",
        base=40,
        wobble=2.0,
    ),
    Series("warm-audits", 2, 4, "Quality assurance audit log, {label}", wobble=0.0),
)

#: The quarter whose parent satisfaction is corrected, counted back from the latest.
CORRECTED = 2


def write(la: LocalAuthority, today: date, user: User) -> int:
    """Record every series for ``la`` (replacing any values it had); the number recorded."""
    RecordedValue.objects.filter(la=la).delete()
    count = 0
    for series in SERIES:
        entry = catalogue.get(series.kpi)
        span = MONTHS if entry.period == "month" else QUARTERS
        done = periods.last(span + 1, entry.period, today)[:-1]  # complete periods only
        for index, period in enumerate(done):
            share = index / (len(done) - 1)
            figure = series.first + (series.last - series.first) * share
            figure += WOBBLE[index % len(WOBBLE)] * series.wobble
            _record(la, today, user, series, period, figure)
            count += 1
    count += _correction(la, today, user)
    return count


def _record(
    la: LocalAuthority,
    today: date,
    user: User,
    series: Series,
    period: periods.Period,
    figure: float,
    note: str = "",
    entered: tuple[int, time] = (18, time(10, 30)),
) -> RecordedValue:
    """Record ``figure`` for ``period`` as if entered ``entered`` (days after the period
    ends, at a time of day), or today if that is later than today."""
    entry = catalogue.get(series.kpi)
    value: Decimal | None
    numerator = denominator = None
    if series.base:
        denominator = series.base + (period.start.month % 5)
        numerator = round(denominator * max(0.0, min(figure, 100.0)) / 100)
        value = None
    elif entry.unit == "pounds":
        value = Decimal(round(figure, -3))
    else:
        value = Decimal(str(figure)).quantize(Decimal("1"), ROUND_HALF_UP)
    row = record_value(
        user=user,
        la=la,
        kpi_id=entry.id,
        period=period,
        value=value,
        numerator=numerator,
        denominator=denominator,
        evidence=series.evidence.format(label=period.label) + note,
        today=today,
    )
    days, at = entered
    on = min(period.end + timedelta(days=days), today)
    RecordedValue.objects.filter(pk=row.pk).update(
        entered_at=timezone.make_aware(datetime.combine(on, at))
    )
    return row


def _correction(la: LocalAuthority, today: date, user: User) -> int:
    """Parent satisfaction for one quarter entered again, with more responses counted."""
    series = next(s for s in SERIES if s.kpi == "parent-satisfaction")
    period = periods.last(QUARTERS + 1, "quarter", today)[-1 - CORRECTED]
    note = " (late responses added)"
    _record(la, today, user, series, period, 66.0, note=note, entered=(40, time(9)))
    return 1

"""Reading KPI figures: the one way pages, the board and the report get a KPI's value.

    from senda.performance import kpi_figures
    kpi_figures.value(la, "final-plan-20w", quarter)             # KpiFigure | None
    kpi_figures.values(la, ["final-plan-20w", "neet"], periods)  # {(kpi, period.key): KpiFigure}
    kpi_figures.breakdown(la, "final-plan-20w", quarter, "need")  # [(label, KpiFigure)]
    kpi_figures.latest_day(la)  # the last day ``senda tick`` ran for

A computed KPI's figure for a period is its ``KpiFact`` of dimension "all" with the latest
``on`` in the period (the period's last day once it is over, the last day ticked while it
runs), so "last quarter" is the figure as it stood when the quarter ended. A recorded KPI's
figure is the latest ``RecordedValue`` entered for the period; a quarter of a KPI recorded
for shorter or longer periods (months, school terms, academic years) takes the latest such
period touching the quarter that has a value (a quarter of a termly KPI: its term's, or of
the two terms July to September touches, the later with a value), as of the earlier of
that period's end and the quarter's. KPIs are resolved through ``senda.performance.kpis``:
the catalogue's and the local area's own alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.db.models import Max, OuterRef, Subquery

from senda.people.models import LocalAuthority
from senda.people.names import display_name
from senda.performance import kpis
from senda.performance.catalogue.entry import DIMENSIONS, Entry
from senda.performance.models import KpiFact, RecordedValue
from senda.performance.models.facts import ALL
from senda.performance.periods import Period, overlapping

ONE_DP = Decimal("0.1")
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class KpiFigure:
    """A KPI's figure for a period.

    ``value``: per cent to 1 decimal place for a rate (per 1,000 for a KPI counted per
    1,000, ``Entry.per``; None when nothing fell in the period), the count for a count, the
    sum for a sum of money (its denominator: the cases behind it), the entered value for a
    recorded KPI. ``as_of``: the day the figure stands as of (a
    recorded value's period end). ``with_exceptions``: the same figure with exception
    cases included, for KPIs that leave them out.
    """

    kpi: str
    period: Period
    numerator: int | None
    denominator: int | None
    value: Decimal | None
    as_of: date
    source: Literal["computed", "recorded"]
    with_exceptions: KpiFigure | None = None
    evidence: str = ""
    evidence_url: str = ""

    @property
    def is_empty(self) -> bool:
        return self.value is None


def percent(numerator: int, denominator: int | None) -> Decimal | None:
    """``numerator / denominator`` as a per cent to 1 decimal place, halves rounded up."""
    if not denominator:
        return None
    return (Decimal(100 * numerator) / Decimal(denominator)).quantize(ONE_DP, ROUND_HALF_UP)


def rate(numerator: int, denominator: int | None, per: int = 100) -> Decimal | None:
    """``numerator`` per ``per`` of ``denominator`` to 1 decimal place (a per cent when
    ``per`` is 100), halves rounded up."""
    if per == 100:
        return percent(numerator, denominator)
    if not denominator:
        return None
    return (Decimal(per * numerator) / Decimal(denominator)).quantize(ONE_DP, ROUND_HALF_UP)


def value(la: LocalAuthority, kpi_id: str, period: Period) -> KpiFigure | None:
    """The KPI's figure for ``period``; None when there is none (KeyError: unknown KPI)."""
    return values(la, [kpi_id], [period]).get((kpi_id, period.key))


def values(
    la: LocalAuthority, kpi_ids: Iterable[str], periods: Iterable[Period]
) -> dict[tuple[str, str], KpiFigure]:
    """Every figure there is for ``kpi_ids`` × ``periods``, keyed by (kpi id, period key).

    Two queries at most (facts, recorded values), however many KPIs and periods."""
    entries = kpis.entries(la, kpi_ids)
    wanted = list(dict.fromkeys(periods))
    if not entries or not wanted:
        return {}
    found: dict[tuple[str, str], KpiFigure] = {}
    computed = [e for e in entries if e.source == "computed"]
    if computed:
        found |= _computed(la, computed, wanted)
    recorded = [e for e in entries if e.source == "recorded"]
    if recorded:
        found |= _recorded(la, recorded, wanted)
    return found


def breakdown(
    la: LocalAuthority, kpi_id: str, period: Period, dimension: str
) -> list[tuple[str, KpiFigure]]:
    """The KPI's figure for ``period`` by ``dimension`` (need, officer …), as of the same day
    as the whole area's figure; labelled (need names, officers' names), sorted by label with
    "Not recorded" last. Empty for a recorded KPI or a dimension without facts."""
    return breakdowns(la, kpi_id, period, [dimension]).get(dimension, [])


def breakdowns(
    la: LocalAuthority, kpi_id: str, period: Period, dimensions: Sequence[str]
) -> dict[str, list[tuple[str, KpiFigure]]]:
    """:func:`breakdown` for several dimensions at once, in two queries whatever their
    number; a dimension without facts is left out."""
    entry = kpis.get(la, kpi_id)
    wanted = [d for d in dimensions if d != ALL]
    if entry.source != "computed" or not wanted:
        return {}
    latest = _latest_on(la, entry.id, period)
    if latest is None:
        return {}
    facts = KpiFact.objects.filter(
        la=la,
        kpi=entry.id,
        period=period.kind,
        period_start=period.start,
        dimension__in=wanted,
        on=latest,
    )
    by_dimension: dict[str, list[KpiFact]] = {}
    for fact in facts:
        by_dimension.setdefault(fact.dimension, []).append(fact)
    found: dict[str, list[tuple[str, KpiFigure]]] = {}
    for dimension in wanted:
        rows = by_dimension.get(dimension, [])
        if not rows:
            continue
        labels = member_labels(dimension, [f.member for f in rows])
        pairs = [(labels[f.member], _fact_value(entry, period, f)) for f in rows]
        found[dimension] = sorted(pairs, key=lambda p: (p[0] == NOT_RECORDED, p[0].lower()))
    return found


def latest_day(la: LocalAuthority) -> date | None:
    """The last day facts were computed as of for the local area (None: never ticked)."""
    latest: date | None = KpiFact.objects.filter(la=la).aggregate(latest=Max("on"))["latest"]
    return latest


# --- computed ------------------------------------------------------------------------------


def _computed(
    la: LocalAuthority, entries: Sequence[Entry], periods: Sequence[Period]
) -> dict[tuple[str, str], KpiFigure]:
    by_id = {e.id: e for e in entries}
    wanted = {(p.kind, p.start): p for p in periods}
    starts = sorted({p.start for p in periods})
    kinds = sorted({p.kind for p in periods})
    latest = KpiFact.objects.filter(
        la=la,
        kpi=OuterRef("kpi"),
        period=OuterRef("period"),
        period_start=OuterRef("period_start"),
        dimension=ALL,
    ).order_by("-on")
    rows = KpiFact.objects.filter(
        la=la, kpi__in=list(by_id), period__in=kinds, period_start__in=starts, dimension=ALL
    ).filter(on=Subquery(latest.values("on")[:1]))
    found: dict[tuple[str, str], KpiFigure] = {}
    for fact in rows:
        period = wanted.get((fact.period, fact.period_start))
        if period is None or fact.on > period.end:
            continue
        found[(fact.kpi, period.key)] = _fact_value(by_id[fact.kpi], period, fact)
    return found


def _latest_on(la: LocalAuthority, kpi_id: str, period: Period) -> date | None:
    latest: date | None = (
        KpiFact.objects.filter(
            la=la,
            kpi=kpi_id,
            period=period.kind,
            period_start=period.start,
            dimension=ALL,
            on__lte=period.end,
        )
        .aggregate(latest=Max("on"))
        .get("latest")
    )
    return latest


def _fact_value(entry: Entry, period: Period, fact: KpiFact) -> KpiFigure:
    def make(numerator: int, denominator: int | None) -> KpiFigure:
        plain = denominator is None or entry.unit == "pounds"  # a sum: beside its cases
        shown = Decimal(numerator) if plain else rate(numerator, denominator, entry.per)
        if entry.unit == "weeks":  # a wait beside the children it rests on; none: no figure
            shown = Decimal(numerator) if denominator else None
        return KpiFigure(entry.id, period, numerator, denominator, shown, fact.on, "computed")

    main = make(fact.numerator, fact.denominator)
    if fact.numerator_with_exceptions is None:
        return main
    beside = make(fact.numerator_with_exceptions, fact.denominator_with_exceptions)
    return KpiFigure(
        main.kpi,
        period,
        main.numerator,
        main.denominator,
        main.value,
        main.as_of,
        "computed",
        with_exceptions=beside,
    )


# --- recorded ------------------------------------------------------------------------------


def _recorded(
    la: LocalAuthority, entries: Sequence[Entry], periods: Sequence[Period]
) -> dict[tuple[str, str], KpiFigure]:
    """Recorded values for each entry's own period kind; a quarter of a KPI recorded for
    other periods is the latest of them touching the quarter with a value; a month of a
    KPI recorded for longer periods has none."""
    wanted: list[tuple[Entry, Period, list[Period]]] = []
    for entry in entries:
        for period in periods:
            if period.kind == entry.period:
                wanted.append((entry, period, [period]))
            elif period.kind == "quarter":
                wanted.append((entry, period, overlapping(period, entry.period)))
    if not wanted:
        return {}
    starts = sorted({p.start for _e, _p, parts in wanted for p in parts})
    rows = RecordedValue.objects.filter(
        la=la, kpi__in=[e.id for e in entries], period_start__in=starts
    ).order_by("kpi", "period", "period_start", "-entered_at", "-id")
    latest: dict[tuple[str, str, date], RecordedValue] = {}
    for row in rows:
        latest.setdefault((row.kpi, row.period, row.period_start), row)
    found: dict[tuple[str, str], KpiFigure] = {}
    for entry, period, parts in wanted:
        for part in reversed(parts):
            row = latest.get((entry.id, part.kind, part.start))
            if row is not None:
                found[(entry.id, period.key)] = KpiFigure(
                    entry.id,
                    period,
                    row.numerator,
                    row.denominator,
                    row.value,
                    min(part.end, period.end),
                    "recorded",
                    evidence=row.evidence,
                    evidence_url=row.evidence_url,
                )
                break
    return found


# --- labels --------------------------------------------------------------------------------


def member_labels(dimension: str, members: Iterable[str]) -> dict[str, str]:
    """What each member of a dimension is called on a page: the need's name, the officer's
    name, the setting type's name …; a blank member is "Not recorded"."""
    members = list(dict.fromkeys(members))
    names: dict[str, str] = {}
    if dimension == "need":
        from senda.people.models.children import SEN_TYPES

        names = dict(SEN_TYPES)
    elif dimension == "phase":
        from senda.people.models import Setting

        names = dict(Setting.Phase.choices)
    elif dimension == "setting_type":
        from senda.people.models import Setting

        names = dict(Setting.Type.choices)
    elif dimension == "officer":
        names = _officer_names([m for m in members if m.isdigit()])
    elif dimension == "group":
        from senda.people.groups import GROUPS, NONE, NONE_NAME

        names = {**dict(GROUPS), NONE: NONE_NAME}
    elif dimension == "discipline":
        names = {m: m.capitalize() for m in members}
    return {m: (names.get(m, m) if m else NOT_RECORDED) for m in members}


def _officer_names(ids: list[str]) -> dict[str, str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=[int(i) for i in ids])
    return {str(u.pk): display_name(u) for u in users}


def dimension_name(dimension: str) -> str:
    """``need`` → "Primary need"."""
    return DIMENSIONS.get(dimension, dimension)


__all__ = [
    "NOT_RECORDED",
    "KpiFigure",
    "breakdown",
    "dimension_name",
    "latest_day",
    "member_labels",
    "percent",
    "value",
    "values",
]

"""Benchmarks: a local area's KPI beside published national figures.

    from senda.performance import benchmarks
    benchmarks.panel(la, catalogue.get("final-plan-20w"))  # Panel | None
    benchmarks.panel(la, "timeliness-20w-ex")               # a published measure id
    benchmarks.area_panels(la, "E06000015")                 # every measure for one area

A :class:`Panel` has one row per area — the LA's own published area (if DfE publishes it),
England, its region, each statistical neighbour (``Comparators``) — and one column per
published year; each cell is exactly the published cell (``Cell.shown``). Where two releases
give the same year, the newer release's figure is shown (``Cell.release`` says which).
``Panel.senda`` is Senda's own computed figure for the last complete quarter, when the KPI
is computed and ``senda.performance.kpi_figures`` can give it (None otherwise: the page says so).

Queries: a constant number per page (one for the figures of every measure and area shown).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from senda import kernel
from senda.people.models import LocalAuthority
from senda.performance import catalogue, kpi_figures
from senda.performance.dfe.measures import (
    GROUPS,
    HEADLINE,
    MEASURES,
    MIXES,
    SYMBOLS,
    Measure,
    period_label,
    shown,
)
from senda.performance.dfe.reader import ENGLAND
from senda.performance.models import Comparators, PublishedArea, PublishedFigure, PublishedRelease
from senda.performance.periods import containing

YEARS = 6
NEWER_WINS = "Where two releases give the same year, the newer release's figure is shown."
LICENCE = (
    "Source: Department for Education, Education, health and care plans. Contains public "
    "sector information licensed under the Open Government Licence v3.0."
)


@dataclass(frozen=True)
class Cell:
    """One published figure: ``raw`` exactly as published, ``shown`` as Senda shows it
    (the same, without trailing zeros that add nothing), ``meaning`` for a symbol."""

    raw: str
    value: Decimal | None
    release: str
    source: str

    @property
    def shown(self) -> str:
        return shown(self.raw)

    @property
    def meaning(self) -> str:
        return SYMBOLS.get(self.raw.strip().lower(), "")


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    kind: str  # own | england | region | neighbour | area
    cells: tuple[Cell | None, ...]

    @property
    def label(self) -> str:
        return {"own": f"{self.name} (this area)", "region": f"{self.name} (region)"}.get(
            self.kind, self.name
        )


@dataclass(frozen=True)
class SendaFigure:
    """Senda's own figure of a computed KPI for the last complete quarter, shown beside the
    DfE measure it is benchmarked by: a label, the value (None: none yet) and a note."""

    label: str
    value: Decimal | None
    note: str


@dataclass
class Panel:
    measure: Measure
    periods: tuple[str, ...]
    rows: list[Row]
    senda: SendaFigure | None = None
    releases: list[tuple[str, int]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    licence: str = LICENCE
    newer_wins: str = NEWER_WINS

    @property
    def period_labels(self) -> list[str]:
        return [period_label(p) for p in self.periods]

    @property
    def caption(self) -> str:
        return self.measure.name

    @property
    def unit_note(self) -> str:
        return "Per cent." if self.measure.unit == "percent" else "Number."

    @property
    def is_empty(self) -> bool:
        return not any(c is not None for r in self.rows for c in r.cells)


@dataclass(frozen=True)
class Setup:
    """Whom an area is compared with: its own published code, its region, neighbours."""

    own: str
    region: str
    neighbours: tuple[str, ...]

    @property
    def configured(self) -> bool:
        return bool(self.own or self.region or self.neighbours)


def comparators_of(la: LocalAuthority) -> Setup:
    saved = Comparators.objects.filter(la=la).first()
    if saved is None:
        return Setup("", "", ())
    return Setup(saved.published_code, saved.region_code, tuple(saved.neighbour_codes or ()))


def imported() -> bool:
    return PublishedRelease.objects.exists()


def releases() -> list[PublishedRelease]:
    return list(PublishedRelease.objects.order_by("-year"))


def _measure_of(entry_or_measure: Any) -> Measure | None:
    if isinstance(entry_or_measure, Measure):
        return entry_or_measure
    if isinstance(entry_or_measure, str):
        return MEASURES.get(entry_or_measure)
    benchmark = getattr(entry_or_measure, "benchmark", "")
    return MEASURES.get(benchmark) if benchmark else None


def _figures(measures: Iterable[Measure], codes: Iterable[str]) -> dict[tuple[str, str, str], Cell]:
    """(measure id, area code, time period) → the newest release's cell, in one query."""
    wanted = {m.growth_of or m.id for m in measures}
    found: dict[tuple[str, str, str], tuple[int, Cell]] = {}
    rows = PublishedFigure.objects.filter(
        measure__in=wanted, area__code__in=set(codes)
    ).values_list(
        "measure",
        "area__code",
        "time_period",
        "raw",
        "value",
        "release__name",
        "release__year",
        "source",
    )
    for measure, code, period, raw, value, release, year, source in rows:
        key = (measure, code, period)
        if key not in found or found[key][0] < year:
            found[key] = (year, Cell(raw, value, release, source))
    return {key: cell for key, (_, cell) in found.items()}


def published(measure_ids: Iterable[str], codes: Iterable[str]) -> dict[tuple[str, str, str], Cell]:
    """DfE's published cells of ``measure_ids`` for the areas ``codes``: (measure id, area
    code, time period) → the newest release's cell."""
    return _figures([MEASURES[m] for m in measure_ids], codes)


def _growth(figures: dict[tuple[str, str, str], Cell], measure: Measure) -> None:
    """Add the derived year-on-year growth cells of ``measure`` to ``figures``."""
    base = [(k, c) for k, c in figures.items() if k[0] == measure.growth_of]
    by = {(k[1], k[2]): c for k, c in base}
    for (_, code, period), cell in base:
        previous = by.get((code, _previous(period)))
        if previous is None or not previous.value or cell.value is None:
            continue
        change = ((cell.value - previous.value) * 100 / previous.value).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        figures[(measure.id, code, period)] = Cell(
            str(change), change, cell.release, f"calculated by Senda from {cell.source}"
        )


def _previous(period: str) -> str:
    if len(period) == 6:
        start = int(period[:4]) - 1
        return f"{start}{str(start + 1)[2:]}"
    return str(int(period) - 1)


def _names(codes: Iterable[str]) -> dict[str, PublishedArea]:
    return {a.code: a for a in PublishedArea.objects.filter(code__in=set(codes))}


def _build(
    measure: Measure,
    figures: dict[tuple[str, str, str], Cell],
    lines: Sequence[tuple[str, str]],
    areas: dict[str, PublishedArea],
    years: int,
    release_years: dict[str, int],
) -> Panel:
    periods = sorted({k[2] for k in figures if k[0] == measure.id})[-years:]
    rows = []
    missing = []
    for code, kind in lines:
        area = areas.get(code)
        if area is None:
            missing.append(code)
            continue
        cells = tuple(figures.get((measure.id, code, p)) for p in periods)
        rows.append(Row(code, area.name, kind, cells))
    used = {(c.release, c.source) for r in rows for c in r.cells if c is not None}
    return Panel(
        measure,
        tuple(periods),
        rows,
        releases=sorted({(n, release_years.get(n, 0)) for n, _ in used}, key=lambda r: -r[1]),
        sources=sorted({s for _, s in used}),
        missing=missing,
    )


def _lines(setup: Setup, focus: str = "") -> list[tuple[str, str]]:
    """(code, kind) in the order a panel shows them, each code once."""
    lines: list[tuple[str, str]] = []
    if focus:
        lines.append((focus, "area"))
    elif setup.own:
        lines.append((setup.own, "own"))
    lines.append((ENGLAND, "england"))
    if setup.region:
        lines.append((setup.region, "region"))
    lines.extend((code, "neighbour") for code in setup.neighbours)
    unique: dict[str, str] = {}
    for code, kind in lines:
        unique.setdefault(code, kind)
    return list(unique.items())


def panel(
    la: LocalAuthority, entry_or_measure: Any, *, years: int = YEARS, on: date | None = None
) -> Panel | None:
    """The benchmark panel for a catalogue entry (its ``benchmark`` measure) or a published
    measure (a ``Measure`` or its id). None when there is nothing to compare with: no such
    measure, or no national data imported."""
    measure = _measure_of(entry_or_measure)
    if measure is None or not imported():
        return None
    [result] = _panels(la, [measure], years=years)
    result.senda = senda_figure(la, entry_or_measure, on or kernel.today())
    return result


def area_panels(
    la: LocalAuthority,
    code: str = "",
    *,
    measures: Sequence[str] = (),
    years: int = YEARS,
    on: date | None = None,
) -> list[Panel]:
    """A panel per measure (default every measure, headline ones first) for the area
    ``code`` (default: the LA's own comparators) beside England, the area's region and the
    LA's neighbours. Constant queries whatever the number of measures. For the LA's own
    comparators (no ``code``), a measure a computed KPI is benchmarked by also carries
    Senda's own figure for the last complete quarter (``Panel.senda``)."""
    chosen = [MEASURES[m] for m in measures] if measures else ordered_measures()
    panels = _panels(la, chosen, code, years=years)
    if not code:
        entries = _entries_by_benchmark()
        for each in panels:
            entry = entries.get(each.measure.id)
            if entry is not None:
                each.senda = senda_figure(la, entry, on or kernel.today())
    return panels


def _panels(
    la: LocalAuthority, chosen: list[Measure], code: str = "", *, years: int
) -> list[Panel]:
    """The published figures of ``chosen`` for ``code`` (default: the LA's comparators)
    beside England, the region and the neighbours, in a constant number of queries."""
    setup = comparators_of(la)
    if code:
        area = PublishedArea.objects.filter(code=code).first()
        region = area.region_code if area is not None else ""
        setup = Setup("", region or setup.region, setup.neighbours)
    lines = _lines(setup, focus=code)
    figures = _figures(chosen, [c for c, _ in lines])
    for measure in chosen:
        if measure.derived:
            _growth(figures, measure)
    areas = _names(c for c, _ in lines)
    release_years = _years()
    return [_build(m, figures, lines, areas, years, release_years) for m in chosen]


def _entries_by_benchmark() -> dict[str, Any]:
    """Published measure id → the first computed catalogue KPI benchmarked by it."""
    found: dict[str, Any] = {}
    for entry in catalogue.CATALOGUE.values():
        if entry.benchmark and entry.source == "computed":
            found.setdefault(entry.benchmark, entry)
    return found


def _years() -> dict[str, int]:
    return dict(PublishedRelease.objects.values_list("name", "year"))


@dataclass(frozen=True)
class Mix:
    """Measures that share out an area's plans (placements, primary needs) for one year:
    a row per measure, a column per area (the panels' rows)."""

    caption: str
    period: str
    columns: tuple[tuple[str, str], ...]  # (code, label)
    rows: tuple[tuple[Measure, tuple[Cell | None, ...]], ...]

    @property
    def period_label(self) -> str:
        return period_label(self.period)


@dataclass(frozen=True)
class Section:
    key: str
    name: str
    panels: list[Panel]
    mix: Mix | None = None


def sections(panels: Sequence[Panel]) -> list[Section]:
    """The panels grouped as a benchmark page shows them; a mix group also gets its latest
    year side by side (``Section.mix``)."""
    found: list[Section] = []
    for key, name in GROUPS.items():
        grouped = [p for p in panels if p.measure.group == key]
        if grouped:
            found.append(Section(key, name, grouped, _mix(name, grouped) if key in MIXES else None))
    return found


def _mix(name: str, panels: Sequence[Panel]) -> Mix | None:
    periods = sorted({p.periods[-1] for p in panels if p.periods})
    if not periods:
        return None
    latest = periods[-1]
    columns = tuple((r.code, r.label) for r in panels[0].rows)
    rows = []
    for each in panels:
        at = each.periods.index(latest) if latest in each.periods else None
        cells = {r.code: (r.cells[at] if at is not None else None) for r in each.rows}
        rows.append((each.measure, tuple(cells.get(code) for code, _ in columns)))
    return Mix(f"{name}, {period_label(latest)} (per cent of plans)", latest, columns, tuple(rows))


def ordered_measures() -> list[Measure]:
    rest = [m for m in MEASURES.values() if m.id not in HEADLINE]
    return [MEASURES[m] for m in HEADLINE] + rest


def senda_figure(la: LocalAuthority, entry: Any, on: date) -> SendaFigure | None:
    """Senda's own figure for the last complete quarter, for a computed catalogue entry whose
    values ``senda.performance.kpi_figures`` can give; None otherwise (e.g. for a bare measure)."""
    kpi_id = getattr(entry, "id", "")
    if not kpi_id or getattr(entry, "source", "") != "computed":
        return None
    quarter = containing(on, "quarter").previous()
    try:
        value = kpi_figures.value(la, kpi_id, quarter)
    except LookupError:
        return None
    note = f"Senda's own figure for {quarter.label}, computed from {entry.computed_from}."
    if entry.dfe:
        note = f"{note} {entry.dfe}"
    return SendaFigure(f"{la.name} (Senda, {quarter.label})", value.value if value else None, note)


def national_caseload() -> list[tuple[int, int]]:
    """England's EHC plans maintained each January, as DfE published them (the ``caseload``
    measure): (the January's year, plans), oldest first; empty before an import."""
    found: dict[int, int] = {}
    for period, value in PublishedFigure.objects.filter(
        measure="caseload", area__level=PublishedArea.Level.NATIONAL, value__isnull=False
    ).values_list("time_period", "value"):
        found[int(period[:4]) + 1 if len(period) == 6 else int(period)] = int(value)
    return sorted(found.items())


def published_areas(level: str = PublishedArea.Level.LA) -> list[PublishedArea]:
    return list(PublishedArea.objects.filter(level=level).order_by("name"))


def area_choices(
    level: str = PublishedArea.Level.LA, *, old_code: bool = False
) -> list[tuple[str, str]]:
    """(code, label) for a select of published areas, by name. An area no longer published
    (a county since split, such as Northamptonshire) says until when, so two areas of one
    name (the old and the new Buckinghamshire) can be told apart."""
    areas = published_areas(level)
    last: dict[int, str] = {}
    periods = (
        PublishedFigure.objects.filter(area__level=level)
        .values_list("area_id", "time_period")
        .distinct()
    )
    for area_id, period in periods:
        if area_id not in last or _order(period) > _order(last[area_id]):
            last[area_id] = period
    latest = max((_order(p) for p in last.values()), default=(0, ""))
    choices = []
    for area in areas:
        label = f"{area.name} ({area.old_code})" if old_code and area.old_code else area.name
        period = last.get(area.pk)
        if period is not None and _order(period)[0] < latest[0]:
            label = f"{label}, until {period_label(period)}"
        choices.append((area.code, label))
    return choices


def _order(period: str) -> tuple[int, str]:
    return (int(period[:4]) if period[:4].isdigit() else 0, period)


def resolve(codes: Iterable[str]) -> tuple[list[str], list[str]]:
    """ONS or 3-digit DfE codes → (ONS codes of published LAs, codes not found)."""
    wanted = [c.strip().upper() for c in codes if c.strip()]
    areas = PublishedArea.objects.filter(level=PublishedArea.Level.LA)
    by_code = {a.code.upper(): a.code for a in areas}
    by_old = {a.old_code: a.code for a in areas if a.old_code}
    found: list[str] = []
    unknown: list[str] = []
    for code in wanted:
        ons = by_code.get(code) or by_old.get(code)
        if ons is None:
            unknown.append(code)
        elif ons not in found:
            found.append(ons)
    return found, unknown

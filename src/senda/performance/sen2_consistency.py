"""The SEN2 return's own figures beside Senda's KPI figures for the same period and beside
DfE's published figures for earlier years, each difference explained in plain words.

    rows(la, census, run.counts)   # [Row(key, label, return_value, kpi_id, kpi_value, dfe, …)]

The KPI figures are computed here, for the return's period (the calendar year before the
census; the census day for plans maintained), by the catalogue's own definitions: the
clock's rows counted by ``tally.figures`` (``final-plan-20w``, ``assess-decision-6w``,
``review-decision-4w``) and the measures ``records.count`` answers
(``appeals-per-1000-plans``: its denominator is the plans maintained on a day). The DfE
figures are those of the "Education, health and care plans" release imported with
``senda import dfe-ehcp`` for the area (its 3-digit LA number), by year.

Where the return and the KPI count the same thing they must agree; where they count
different things the row says how they differ, and by how much.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from senda.interchange.sen2.export import period
from senda.people.models import LocalAuthority
from senda.performance import records, tick
from senda.performance.figure import Figure
from senda.performance.models import PublishedFigure
from senda.performance.tally import ALL, figures

Value = int | float | None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    return_value: Value
    kpi_id: str
    kpi_value: Value
    dfe: dict[str, Value] = field(default_factory=dict)
    explanation: str = ""

    @property
    def agrees(self) -> bool | None:
        """Whether the return and the KPI agree (None: no KPI to compare with)."""
        if self.kpi_value is None or self.return_value is None:
            return None
        return self.return_value == self.kpi_value


@dataclass(frozen=True)
class _Line:
    key: str
    label: str
    ours: Callable[[dict[str, int]], Value]
    kpi_id: str
    kpi: Callable[[Figure], Value] | None
    dfe_measure: str
    same: str  # why they should agree
    differs: str  # what makes them differ


def _pct(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def _with(figure: Figure) -> Figure:
    return figure.with_exceptions or Figure(0, 0)


LINES: tuple[_Line, ...] = (
    _Line(
        "plans_new",
        "New plans issued in the year (exception cases included)",
        lambda c: c["plans_new"],
        "final-plan-20w",
        lambda f: _with(f).denominator,
        "new-plans",
        "Both count final plans issued in the year after an assessment; transfers in are "
        "in neither.",
        "The KPI counts every final plan the clock saw issued in the year, exception cases "
        "included; the return counts plans under an assessment decided in the year "
        "(AssessmentOutcome Y). A plan whose request Senda does not hold (an older plan, a "
        "transfer in) is in neither; a plan issued after the census day is in the KPI only "
        "when the figure is taken later.",
    ),
    _Line(
        "plans_new_ex",
        "New plans issued in the year, exception cases left out",
        lambda c: c["plans_new_ex"],
        "final-plan-20w",
        lambda f: f.denominator,
        "",
        "Both leave out a plan whose request had an exception to the 20-week limit (Week20).",
        "The KPI leaves out a plan when the clock applies an exception to its final-plan "
        "deadline; the return marks Week20 for an exception recorded in the request's cycle. "
        "They differ when an exception was recorded for another step only (applies to "
        "advice, say).",
    ),
    _Line(
        "plans_new_20w",
        "New plans issued within 20 weeks, exception cases left out",
        lambda c: c["plans_new_20w"],
        "final-plan-20w",
        lambda f: f.numerator,
        "",
        "Both count plans issued on or before the request + 20 weeks (the clock's due day).",
        "See the rows above: the plans counted differ.",
    ),
    _Line(
        "pct_20w_ex",
        "% of new plans within 20 weeks, exception cases left out",
        lambda c: _pct(c["plans_new_20w"], c["plans_new_ex"]),
        "final-plan-20w",
        lambda f: _pct(f.numerator, f.denominator or 0),
        "timeliness-20w-ex",
        "The same measure as DfE's (SEN2, excluding exceptions), per calendar year.",
        "The counts behind it differ (rows above).",
    ),
    _Line(
        "pct_20w_all",
        "% of new plans within 20 weeks, exception cases included",
        lambda c: _pct(c["plans_new_20w_all"], c["plans_new"]),
        "final-plan-20w",
        lambda f: _pct(_with(f).numerator, _with(f).denominator or 0),
        "timeliness-20w",
        "The same measure as DfE's (SEN2, including exceptions), per calendar year.",
        "The counts behind it differ (rows above).",
    ),
    _Line(
        "decisions",
        "Decisions whether to assess made in the year",
        lambda c: c["assessed"] + c["refusals"],
        "assess-decision-6w",
        lambda f: _with(f).denominator,
        "",
        "Both count decisions to assess or not to assess made in the year.",
        "The KPI counts each decision the clock saw in the year, exception cases included; "
        "the return counts requests with outcome Y or N dated in the year. A decision on a "
        "request made before a later request (outcome W in the return) is one difference.",
    ),
    _Line(
        "refusals",
        "Refusals to assess in the year",
        lambda c: c["refusals"],
        "",
        None,
        "requests-refused",
        "",
        "No KPI counts refusals on their own (assess-decision-6w counts every decision).",
    ),
    _Line(
        "requests",
        "Requests for assessment received in the year",
        lambda c: c["requests"],
        "",
        None,
        "requests",
        "",
        "No KPI counts requests received; DfE publishes initial requests.",
    ),
    _Line(
        "plans_active",
        "Plans active on the census day",
        lambda c: c["plans_active"],
        "appeals-per-1000-plans",
        None,
        "caseload",
        "Both count plans started on or before the census day and not ceased by it.",
        "The KPI's base counts every plan record of the area's cases; the return counts "
        "those under a person in it. A plan issued after the day the return was made is in "
        "the KPI only. A return made before its census day counts a plan due to end between "
        "that day and the census as active (it still is), while the KPI counts it as ended "
        "by the census day: so the return is higher while the census is ahead.",
    ),
    _Line(
        "reviews_decided",
        "Review decisions in the year",
        lambda c: c["reviews_decided"],
        "review-decision-4w",
        lambda f: f.denominator,
        "",
        "Both count decisions after an annual review made in the year.",
        "The return reports only the latest review of a plan still active on the census "
        "day, met and decided in the year; the KPI counts every review decision notified in "
        "the year: plans since ceased, second reviews and meetings of the year before "
        "included.",
    ),
)


def kpi_figures(la: LocalAuthority, census: date, as_of: date) -> dict[str, Figure]:
    """The whole area's figure of each clock KPI for the return's period, as of ``as_of``."""
    start, end = period(census)
    found = figures(tick.read_records(la), start, end, as_of)
    return {kpi: by_member[ALL] for kpi, by_member in found.items() if ALL in by_member}


def plans_maintained(la: LocalAuthority, census: date, as_of: date) -> int | None:
    """The plans maintained on the census day: ``appeals-per-1000-plans``'s base."""
    return records.count("appeals-per-1000-plans", la, census, census, as_of).denominator


def published(la: LocalAuthority, measure: str, years: int = 3) -> dict[str, Value]:
    """DfE's published figures of ``measure`` for the area, latest ``years`` periods."""
    rows = (
        PublishedFigure.objects.filter(measure=measure, area__old_code=la.code, area__level="la")
        .order_by("-time_period", "-release__year")
        .values_list("time_period", "value")
    )
    found: dict[str, Value] = {}
    for time_period, value in rows:
        if time_period not in found and len(found) < years:
            found[time_period] = _number(value)
    return dict(sorted(found.items()))


def _number(value: Decimal | None) -> Value:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def rows(
    la: LocalAuthority, census: date, counts: dict[str, int], *, as_of: date | None = None
) -> list[Row]:
    """Each of the return's figures beside the KPI's and DfE's, with why they differ."""
    as_of = as_of or census
    kpis = kpi_figures(la, census, as_of)
    found: list[Row] = []
    for line in LINES:
        ours = line.ours(counts)
        kpi: Value = None
        if line.kpi_id == "appeals-per-1000-plans":
            kpi = plans_maintained(la, census, as_of)
        elif line.kpi is not None and line.kpi_id in kpis:
            kpi = line.kpi(kpis[line.kpi_id])
        dfe = published(la, line.dfe_measure) if line.dfe_measure else {}
        found.append(
            Row(
                line.key,
                line.label,
                ours,
                line.kpi_id,
                kpi,
                dfe,
                _explain(line, ours, kpi),
            )
        )
    return found


def _explain(line: _Line, ours: Value, kpi: Value) -> str:
    if not line.kpi_id:
        return line.differs
    if kpi is None or ours is None:
        return f"Nothing to compare: {line.differs}"
    if ours == kpi:
        return f"They agree. {line.same}"
    gap = ours - kpi
    return (
        f"The return is {'higher' if gap > 0 else 'lower'} by {abs(round(gap, 1))}. {line.differs}"
    )

"""What a catalogue entry says about a KPI. Pure: no Django."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from senda.performance.definitions import (
    DIMENSIONS,
    CountFromRecords,
    Definition,
    FromRecords,
)

__all__ = ["DIMENSIONS", "Area", "Entry", "PeriodKind", "Source", "Unit", "Weekly"]

Source = Literal["computed", "recorded"]
#: The period a recorded value is entered for (``senda.performance.periods``).
PeriodKind = Literal["month", "quarter", "term", "year"]
Unit = Literal["percent", "count", "days", "weeks", "pounds", "number"]

#: What the cases-behind list of a rate calls each part, unless the KPI names it otherwise.
RATE_LABELS = {
    "counted": "Counted as on time",
    "missed": "Not on time",
    "excepted": "Left out: exception applies",
    "open": "Left out: not due yet",
}


@dataclass(frozen=True)
class Area:
    """An improvement area KPIs serve; the board dashboard groups KPIs by it."""

    id: str
    name: str


@dataclass(frozen=True)
class Weekly:
    """How the weekly service dashboard (``/dashboard/``) shows a computed KPI: ``text``, its
    definition worded for a week (numerator, denominator and period, or count and period;
    the first paragraph is its summary); ``labels``, what the lists of the cases behind a
    figure are called, by part (``definitions.PARTS``); ``breakdown``, what its row
    dimension is called there; ``title``, only where the dashboard's heading differs from
    the KPI's name."""

    text: str
    labels: dict[str, str] = field(default_factory=dict)
    breakdown: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Entry:
    """One KPI.

    ``source``: computed from casework by ``senda tick``, or recorded per period by a
    person with evidence. ``casework_kpi``: the id of the weekly service-dashboard KPI whose
    cases-behind lists this KPI links to (computed KPIs only). ``dfe``: how the definition
    relates to DfE's, if DfE has one. ``benchmark``: the published DfE measure id it is
    compared with (``senda.performance.dfe``). ``period``: the period a recorded value is
    entered for. ``dimensions``: what a computed KPI is broken down by. ``clock_rule``: the
    clock rule (``senda.clock.rules``) a computed KPI without a service-dashboard
    counterpart is counted from. ``corrected_steps``: for a computed KPI counted from how
    steps were recorded rather than from the clock's rows, the event types whose
    corrections and withdrawals it counts (``casework.actions.corrections``). ``seen``:
    targets and figures seen in published improvement plans (context only; the local
    area's own targets are its trajectory). ``computed_by``: a computed KPI's definition as
    code (``senda.performance.definitions``), which ``senda tick`` and the weekly dashboard
    both count with; ``weekly``: how the weekly dashboard shows it, if it does. ``per``: a
    computed rate of unit ``number`` is shown per this many (1,000: appeals per 1,000
    plans); a per cent is per 100.

    ``local``: a KPI the partnership defined itself on the pages (``senda.performance.
    local_kpis``), kept as data for one local area beside the catalogue's entries in code;
    always recorded. ``establishing``: its definition and baseline are still being set (it
    shows "Working to establish definition and baseline"). ``data_source``: where its figure
    comes from. ``version``: which version of its definition this is (1 for the first).
    """

    id: str
    name: str
    definition: str
    numerator: str
    denominator: str
    unit: Unit
    higher_is_better: bool
    owner: str
    area: str
    source: Source
    statute: str = ""
    dfe: str = ""
    benchmark: str = ""
    casework_kpi: str = ""
    period: PeriodKind = "quarter"
    dimensions: tuple[str, ...] = ()
    with_exceptions: bool = False
    clock_rule: str = ""
    corrected_steps: tuple[str, ...] = ()
    seen: str = ""
    computed_by: Definition | None = None
    weekly: Weekly | None = None
    per: int = 100
    #: Whom the figure counts: children (small numbers suppressed where a figure leaves the
    #: service) or staff (the workforce's training and posts: no child behind it, shown whole).
    about: Literal["children", "staff"] = "children"
    local: bool = False
    establishing: bool = False
    data_source: str = ""
    version: int = 0

    @property
    def is_rate(self) -> bool:
        return self.unit == "percent"

    @property
    def title(self) -> str:
        """The weekly dashboard's heading: the KPI's name unless it words it otherwise."""
        return self.weekly.title if self.weekly is not None and self.weekly.title else self.name

    @property
    def kind(self) -> str:
        """``rate``, ``count`` or ``now`` (computed KPIs), as its definition counts."""
        return self.computed_by.kind if self.computed_by is not None else ""

    @property
    def labels(self) -> dict[str, str]:
        """The weekly lists' names by part (a rate's defaults, then the KPI's own)."""
        own = self.weekly.labels if self.weekly is not None else {}
        return dict(own) if self.kind == "count" else RATE_LABELS | own

    @property
    def breakdown(self) -> str | None:
        """What the weekly dashboard calls its row dimension, if it has one."""
        return self.weekly.breakdown if self.weekly is not None else None

    @property
    def weekly_text(self) -> str:
        return self.weekly.text if self.weekly is not None else ""

    @property
    def summary(self) -> str:
        """The weekly text's first paragraph."""
        return " ".join(self.weekly_text.split("\n\n")[0].split())

    @property
    def computed_from(self) -> str:
        """Where a computed KPI's figure comes from, in words for a page or a refusal:
        "casework" for those counted from the clock's rows and caseloads, else the records
        its definition names without their code names ("the council's monthly
        participation extracts…"), or "Senda's records" when it names none."""
        if self.source != "computed":
            return ""
        if not isinstance(self.computed_by, FromRecords):
            return "casework"
        records = self.computed_by.records
        if not records:
            return "Senda's records"
        return " ".join(_CODE_NAME.sub("", records).replace("`", "").split())


def recorded(
    id: str,
    name: str,
    definition: str,
    numerator: str,
    denominator: str,
    *,
    owner: str,
    area: str,
    unit: Unit = "percent",
    higher_is_better: bool = True,
    source: Source = "recorded",
    **more: Any,
) -> Entry:
    """A KPI recorded per period by a person, with its evidence (or, with ``source`` and
    ``more`` fields, any KPI: the catalogue's entries are written in this order)."""
    return Entry(
        id=id,
        name=name,
        definition=definition,
        numerator=numerator,
        denominator=denominator,
        unit=unit,
        higher_is_better=higher_is_better,
        owner=owner,
        area=area,
        source=source,
        **more,
    )


def from_records(
    id: str,
    name: str,
    definition: str,
    numerator: str,
    denominator: str,
    *,
    records: str,
    owner: str,
    area: str,
    unit: Unit = "percent",
    **more: Any,
) -> Entry:
    """A KPI ``senda tick`` computes from records a room keeps (the portal's, the
    disagreements', the QA records'), measured by the measure named by its id, for the whole
    area: a count (or a sum of money) or a rate (``performance.records``)."""
    kind = CountFromRecords if unit in ("count", "pounds", "weeks") else FromRecords
    return recorded(
        id,
        name,
        definition,
        numerator,
        denominator,
        owner=owner,
        area=area,
        unit=unit,
        source="computed",
        computed_by=kind(measure=id, records=records),
        **more,
    )


#: A code name in a records text ("(`pathways.Referral`)", "`casework.Plan`"), left out of
#: the words shown to people.
_CODE_NAME = re.compile(r"\s*\(`[\w.]+`[^)]*\)|\s*`[\w.]+`")

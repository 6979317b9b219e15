"""What a catalogue entry says about a KPI. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Source = Literal["computed", "recorded"]
Unit = Literal["percent", "count", "days", "weeks", "pounds", "number"]

#: Dimensions a computed KPI's facts may be broken down by (see ``measures``).
DIMENSIONS: dict[str, str] = {
    "phase": "Phase of education",
    "need": "Primary need",
    "setting_type": "Type of setting",
    "locality": "Locality",
    "officer": "Case officer",
    "discipline": "Discipline",
    "band": "How long overdue",
}


@dataclass(frozen=True)
class Area:
    """An improvement area KPIs serve; the board dashboard groups KPIs by it."""

    id: str
    name: str


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
    area's own targets are its trajectory).
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
    period: Literal["month", "quarter"] = "quarter"
    dimensions: tuple[str, ...] = ()
    with_exceptions: bool = False
    clock_rule: str = ""
    corrected_steps: tuple[str, ...] = ()
    seen: str = ""

    @property
    def is_rate(self) -> bool:
        return self.unit == "percent"

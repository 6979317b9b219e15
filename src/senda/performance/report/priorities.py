"""The partnership's priorities as the quarterly report shows them: one page each.

``performance`` may not import ``improvement`` (the plan reads KPIs from here), so the
report does not read the plan: whoever builds a report passes the priorities in as these
plain records (``senda.improvement.priorities.for_report`` makes them; the web's views pass
them to :func:`senda.performance.report.build`; ADR 0033). Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

#: Where a quarter's key actions stand: drawn from the plan (nobody has reviewed them yet),
#: a draft being edited, or published (frozen).
ListState = Literal["drawn", "draft", "published"]
STATE_LABELS: dict[str, str] = {
    "drawn": "Drawn from the actions and milestones due; not yet reviewed",
    "draft": "Draft: may still change",
    "published": "Published",
}


@dataclass(frozen=True)
class Rated:
    """A priority's RAGB rating for a quarter: ``code`` (red, amber, green, blue)."""

    quarter_label: str
    code: str
    label: str
    narrative: str
    rated_on: date
    by: str


@dataclass(frozen=True)
class KeyAction:
    text: str
    due_on: date | None
    reference: str = ""  # the plan's number of the action it was drawn from
    lead: str = ""


@dataclass(frozen=True)
class Priority:
    """One priority of the partnership: the "I" and "We" statements, its areas of action,
    its rating for the report's quarter (and the quarter before), the KPIs its actions
    serve (catalogue ids) and the key actions for the coming quarter."""

    number: int
    title: str
    lead: str
    i_statement: str
    we_statement: str
    areas_of_action: list[str]
    rating: Rated | None
    previous: Rated | None
    kpi_ids: list[str]
    key_actions: list[KeyAction] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"priority-{self.number}"


@dataclass(frozen=True)
class Priorities:
    """What the report carries: the plan it read, each priority and the state of the key
    actions' list for the quarter."""

    plan_title: str
    priorities: list[Priority]
    key_actions_state: ListState = "drawn"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.key_actions_state]

"""The two table layouts councils write improvement plans in, as data.

The importer reads them and the XLSX export writes them back: each layout lists its columns
in order, each column the field it fills, the header Senda writes and the other spellings
it recognises (compared ignoring case, spacing and punctuation).

- **areas**: one block per improvement area, columns *Aims · What · How · KPIs · Timescale ·
  Who · Updates / Comments*. In a workbook, one sheet per area (the area's title in a row
  above the header, else the sheet's name) or one sheet with an "Area" column; in a CSV
  file the "Area" column is required.
- **milestones**: *No. · Action & completion date · Delivery lead · Month 3 · Month 6 ·
  Month 9 · Month 12 · Evidence · Impact/KPI*. A milestone column's header may carry its
  date ("Month 3 (Dec 25)"); its cells hold the milestone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "AREAS",
    "LAYOUTS",
    "MILESTONES",
    "MILESTONE_HEADER",
    "Column",
    "Layout",
    "normalise",
]


def normalise(header: str) -> str:
    """A header as compared: lower case, "&" as "and", no punctuation or extra spaces."""
    text = str(header).replace("&", " and ").lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    #: "text" keeps the cell's lines; "date" must be a date (or blank).
    kind: str = "text"

    @property
    def spellings(self) -> frozenset[str]:
        return frozenset(normalise(h) for h in (self.header, *self.aliases))


@dataclass(frozen=True, slots=True)
class Layout:
    code: str
    name: str
    columns: tuple[Column, ...]
    #: Headers that tell this layout apart from the other one (milestone columns do too).
    signature: tuple[str, ...]
    milestone_columns: tuple[str, ...] = ()

    def column(self, field: str) -> Column:
        for column in self.columns:
            if column.field == field:
                return column
        raise KeyError(field)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(column.field for column in self.columns)


AREA = Column("area", "Area", ("Improvement area", "Area for improvement", "Priority", "AFI"))
REFERENCE = Column("reference", "No.", ("No", "Number", "Ref", "Ref.", "Reference", "Action no."))

AREAS = Layout(
    code="areas",
    name="Per improvement area (Aims, What, How, KPIs, Timescale, Who, Updates)",
    columns=(
        AREA,
        REFERENCE,
        Column("aim", "Aims", ("Aim", "Objective", "Objectives", "Outcome")),
        Column("what", "What", ("What we will do", "What will we do"), required=True),
        Column("how", "How", ("How we will do it", "Steps")),
        Column("kpis", "KPIs", ("KPI", "Measures", "Success measures", "Measure of success")),
        Column("timescale", "Timescale", ("Timescales", "When", "Timeframe", "By when")),
        Column("who", "Who", ("Lead", "Leads", "Responsible", "Who is responsible")),
        Column(
            "updates",
            "Updates / Comments",
            ("Updates", "Comments", "Update", "Progress", "Progress update", "Updates/comments"),
        ),
    ),
    signature=("What",),
)

MILESTONES = Layout(
    code="milestones",
    name="Actions with milestones (No., Action & completion date, Month 3 … Month 12)",
    columns=(
        AREA,
        REFERENCE,
        Column(
            "action",
            "Action & completion date",
            ("Action and completion date", "Action", "Actions", "Action/completion date"),
            required=True,
        ),
        Column(
            "completion", "Completion date", ("Completion", "Due date", "Deadline"), kind="date"
        ),
        Column("who", "Delivery lead", ("Lead", "Delivery leads", "Lead officer", "Who")),
        Column("evidence", "Evidence", ("Evidence of impact", "Evidence/links")),
        Column("impact", "Impact/KPI", ("Impact / KPI", "Impact", "KPI", "KPIs", "Impact and KPI")),
    ),
    signature=("Action & completion date",),
    milestone_columns=("Month 3", "Month 6", "Month 9", "Month 12"),
)

#: A milestone column's header: "Month 3", "Month 6 (Mar 26)", "3 months – Dec 25".
MILESTONE_HEADER = re.compile(
    r"^\s*(?:month\s*(?P<a>\d{1,2})|(?P<b>\d{1,2})\s*months?)\b\s*[\(\[:–—-]?\s*(?P<date>[^\)\]]*)",
    re.IGNORECASE,
)


LAYOUTS = {layout.code: layout for layout in (AREAS, MILESTONES)}

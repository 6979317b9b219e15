"""The whole plan as an XLSX workbook, in a layout the importer reads (see
``senda.improvement.importer.layouts``): ``areas`` by default, or ``milestones``.

One sheet per improvement area, the layout's columns in its order with its headers (so an
exported plan reads back in), then Senda's own: the current *Rating*, the action's
*Stage*, *Impact rating* and *Impact evidence* (ADR 0034) and, in the areas layout, the
*Milestones*. Cells holding several things (steps, updates, milestones) put one
on a line; a completion date is a date cell. Text that a spreadsheet could run as a formula
stays text (``senda.exports``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db.models import QuerySet
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from senda import exports
from senda.improvement.importer.layouts import LAYOUTS
from senda.improvement.models import SCALES, Action, ImpactRating, ImprovementPlan, Stage
from senda.people.names import display_name

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(value: object) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""  # type: ignore[attr-defined]


def _who(action: Action) -> str:
    partners = [p.name for p in action.partners.all()]
    return "\n".join(filter(None, [action.lead, *partners]))


def _kpis(action: Action) -> str:
    return "\n".join([*(str(k) for k in action.kpi_ids or ()), *filter(None, [action.measures])])


def _updates(action: Action) -> str:
    lines = []
    for update in action.updates.all():
        author = update.author_name or display_name(update.author, "")
        lines.append(f"{_day(update.on)}{f' – {author}' if author else ''}: {update.text}")
    return "\n".join(lines)


def _milestone(m: object) -> str:
    due = f" – due {_day(m.due_on)}" if m.due_on else ""  # type: ignore[attr-defined]
    done = f" (done {_day(m.done_on)})" if m.done_on else ""  # type: ignore[attr-defined]
    return f"{m.title}{due}{done}"  # type: ignore[attr-defined]


def _rating(action: Action) -> str:
    """The current rating's label (``plan_actions`` annotates its code), or blank."""
    current: str | None = action.current  # type: ignore[attr-defined]
    if not current:
        return ""
    scale = SCALES[action.area.plan.scale]
    try:
        return scale.value(current).label
    except KeyError:
        return current


def _stage(action: Action) -> str:
    code: str | None = action.impact_stage  # type: ignore[attr-defined]
    return str(Stage(code).label) if code in Stage.values else ""


def _impact(action: Action) -> str:
    code: str | None = action.impact_rating  # type: ignore[attr-defined]
    return str(ImpactRating(code).label) if code in ImpactRating.values else ""


#: The current stage and impact of an action (``plan_actions`` annotates them).
IMPACT_COLUMNS: list[tuple[str, Callable[[Action], object]]] = [
    ("Stage", _stage),
    ("Impact rating", _impact),
    ("Impact evidence", lambda a: a.impact_evidence or ""),  # type: ignore[attr-defined]
]


def _nth_milestone(n: int) -> Callable[[Action], str]:
    def cell(action: Action) -> str:
        milestones = list(action.milestones.all())
        return _milestone(milestones[n]) if len(milestones) > n else ""

    return cell


#: What Senda writes in each importer field (``importer.layouts.Column.field``).
CELLS: dict[str, Callable[[Action], object]] = {
    "area": lambda a: str(a.area),
    "reference": lambda a: a.reference,
    "aim": lambda a: a.aim.text if a.aim else "",
    "what": lambda a: a.what,
    "how": lambda a: a.how,
    "kpis": _kpis,
    "timescale": lambda a: a.timescale,
    "who": _who,
    "updates": _updates,
    "action": lambda a: "\n".join(filter(None, [a.what, a.timescale])),
    "completion": lambda a: a.ends_on,
    "evidence": lambda a: a.evidence,
    "impact": lambda a: "\n".join(filter(None, [a.impact, _kpis(a)])),
}

#: Senda's own columns after the layout's: the current rating, stage and impact and, where
#: the layout has no milestone columns, the milestones.
EXTRA = {
    "areas": [
        ("Rating", _rating),
        *IMPACT_COLUMNS,
        ("Milestones", lambda a: "\n".join(_milestone(m) for m in a.milestones.all())),
    ],
    "milestones": [("Rating", _rating), *IMPACT_COLUMNS],
}


def columns(layout: str) -> list[tuple[str, Callable[[Action], object]]]:
    """The layout's columns in order: (header, cell)."""
    spec = LAYOUTS[layout]
    out = [(c.header, CELLS[c.field]) for c in spec.columns]
    out += [(header, _nth_milestone(n)) for n, header in enumerate(spec.milestone_columns)]
    return out + EXTRA.get(layout, [])


def plan_actions(plan: ImprovementPlan) -> QuerySet[Action]:
    """The plan's actions with all they need prefetched and their current rating: a fixed
    number of queries."""
    return (
        Action.objects.filter(area__plan=plan)
        .with_current_rating()
        .with_impact()
        .select_related("area__plan", "aim")
        .prefetch_related("partners", "milestones", "updates__author")
        .order_by("area__number", "id")
    )


def sheet_title(number: int, title: str, taken: set[str]) -> str:
    """An Excel-safe, unique sheet name (31 characters, none of ``[]:*?/\\``)."""
    name = re.sub(r"[\[\]:*?/\\]", " ", f"{number}. {title}")[:31].strip()
    while name in taken:
        name = f"{name[:28]} {len(taken)}"
    taken.add(name)
    return name


def write_plan(plan: ImprovementPlan, layout: str = "areas") -> bytes:
    """The plan as XLSX bytes in ``layout`` (one of ``LAYOUTS``)."""
    cols = columns(layout)
    book = exports.workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    by_area: dict[int, list[Action]] = {}
    for action in plan_actions(plan):
        by_area.setdefault(action.area_id, []).append(action)
    for area in plan.areas.order_by("number"):
        sheet = book.create_sheet(sheet_title(area.number, area.title, taken))
        sheet.append([header for header, _ in cols])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for action in by_area.get(area.pk, []):
            sheet.append([cell(action) for _, cell in cols])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for n in range(len(cols)):
            sheet.column_dimensions[get_column_letter(n + 1)].width = 32
    if not book.sheetnames:
        book.create_sheet("Plan").append([header for header, _ in cols])
    return exports.xlsx(book)

"""From sheets of cells to the plan's areas and actions, with every problem found.

Nothing is written here: ``parse`` reads the whole file, collects every problem (so a person
can fix them all at once) and returns what :mod:`build` will write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from senda.improvement import timescales
from senda.improvement.importer import continuation
from senda.improvement.importer import text as words
from senda.improvement.importer.layouts import (
    AREAS,
    LAYOUTS,
    MILESTONE_HEADER,
    MILESTONES,
    Layout,
    normalise,
)
from senda.improvement.importer.problems import Joined, Problem, Unresolved
from senda.sheets import Cell, Sheet, column_letter

__all__ = ["ActionIn", "AreaIn", "MilestoneIn", "Parsed", "parse"]

HEADER_SEARCH_ROWS = 15


@dataclass
class MilestoneIn:
    title: str
    note: str
    due_on: date | None
    done_on: date | None


@dataclass
class ActionIn:
    sheet: str
    row: int
    reference: str  # "" until build numbers it
    aim: str
    what: str
    how: str = ""
    kpi_ids: list[str] = field(default_factory=list)
    measures: str = ""
    timescale: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    resolved: bool = True
    lead: str = ""
    partner_kinds: list[str] = field(default_factory=list)
    evidence: str = ""
    impact: str = ""
    milestones: list[MilestoneIn] = field(default_factory=list)
    updates: list[words.DatedText] = field(default_factory=list)
    #: What could not be read: (what, the words, column letter), listed once numbered.
    unresolved: list[tuple[str, str, str]] = field(default_factory=list)
    #: Rows that continued this one (a cell run over a page break): (row, their headings).
    continued: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)


@dataclass
class AreaIn:
    number: int | None
    title: str
    actions: list[ActionIn] = field(default_factory=list)


@dataclass
class Parsed:
    layout: Layout
    areas: list[AreaIn]
    problems: list[Problem]

    @property
    def unresolved(self) -> list[Unresolved]:
        """What could not be read, in file order (after build has numbered the actions)."""
        return [
            Unresolved(action.reference, text, what, action.row, column, action.sheet)
            for area in self.areas
            for action in area.actions
            for what, text, column in action.unresolved
        ]

    @property
    def joined(self) -> list[Joined]:
        """Rows joined to the action above them, in file order (after build numbered them)."""
        return [
            Joined(action.reference, row, headings, action.sheet)
            for area in self.areas
            for action in area.actions
            for row, headings in action.continued
        ]


@dataclass
class _Header:
    row: int
    columns: dict[str, int]  # field → 0-based column index
    milestones: list[tuple[int, str, date | None]]  # (index, header, due date)
    headers: dict[int, str]


@dataclass
class _Row:
    """An action's row, with the rows that continue it joined on."""

    number: int
    cells: list[Cell]
    aim: str
    area: tuple[int | None, str] | None
    continued: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)

    def join(self, number: int, cells: list[Cell], indexes: list[int], header: _Header) -> None:
        self.cells = continuation.merge(self.cells, cells, indexes)
        self.continued.append((number, tuple(header.headers[i] for i in indexes)))


def _text(cells: list[Cell], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    value = cells[index]
    return value if isinstance(value, str) else f"{value.day} {value:%b %Y}"


def _spellings(layout: Layout, mapping: Mapping[str, str]) -> dict[str, frozenset[str]]:
    return {
        column.field: (
            frozenset({normalise(mapping[column.field])})
            if column.field in mapping
            else column.spellings
        )
        for column in layout.columns
    }


def _match(cells: list[Cell], layout: Layout, mapping: Mapping[str, str]) -> _Header:
    spellings = _spellings(layout, mapping)
    columns: dict[str, int] = {}
    milestones = []
    headers = {}
    for index, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell:
            continue
        key = normalise(cell)
        headers[index] = " ".join(cell.split())
        found = next((f for f, names in spellings.items() if key in names), None)
        if found is not None and found not in columns:
            columns[found] = index
        elif found is None and layout.milestone_columns and MILESTONE_HEADER.match(cell):
            milestones.append((index, headers[index], None))
    return _Header(0, columns, milestones, headers)


def _score(header: _Header, layout: Layout) -> int:
    signature = any(
        normalise(s) in {normalise(h) for h in header.headers.values()} for s in layout.signature
    )
    return len(header.columns) + len(header.milestones) + (3 if signature else 0)


def _find_header(
    sheet: Sheet, layout: Layout | None, mapping: Mapping[str, str]
) -> tuple[Layout, _Header] | None:
    """The first row that reads as a header of ``layout`` (or of either, best first)."""
    for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        best: tuple[int, Layout, _Header] | None = None
        for candidate in [layout] if layout else [MILESTONES, AREAS]:
            header = _match(cells, candidate, mapping)
            score = _score(header, candidate)
            if len(header.columns) + len(header.milestones) >= 2 and (
                best is None or score > best[0]
            ):
                best = (score, candidate, header)
        if best is not None:
            best[2].row = number
            return best[1], best[2]
    return None


class _Reader:
    """Reads one file's sheets, collecting areas, problems and unresolved timescales."""

    def __init__(
        self,
        *,
        layout: Layout | None,
        mapping: Mapping[str, str],
        today: date,
        csv: bool,
        kpi_ids: Iterable[str],
    ) -> None:
        self.layout = layout
        self.mapping = mapping
        self.today = today
        self.csv = csv
        self.catalogue = list(kpi_ids)  # the ids a KPI cell may name
        self.areas: dict[object, AreaIn] = {}
        self.problems: list[Problem] = []
        self.seen_refs: dict[tuple[object, str], int] = {}

    def problem(
        self,
        sheet: Sheet,
        row: int | None,
        column: int | None,
        message: str,
        header: _Header | None = None,
    ) -> None:
        letter = column_letter(column) if column is not None else ""
        heading = header.headers.get(column, "") if header and column is not None else ""
        self.problems.append(Problem(row, letter, message, heading, sheet.name))

    def area(self, number: int | None, title: str) -> tuple[object, AreaIn]:
        key: object = number if number is not None else normalise(title)
        if key not in self.areas:
            self.areas[key] = AreaIn(number, title)
        return key, self.areas[key]

    # --- one sheet -----------------------------------------------------------------

    def read(self, sheets: list[Sheet]) -> None:
        found = [(sheet, _find_header(sheet, self.layout, self.mapping)) for sheet in sheets]
        data = [(sheet, hit) for sheet, hit in found if hit is not None]
        if not data:
            self.problems.append(
                Problem(
                    None,
                    "",
                    "No header row found in the first 15 rows: expected the columns "
                    "Aims, What, How, KPIs, Timescale, Who, Updates / Comments or No., "
                    "Action & completion date, Delivery lead, Month 3 … Month 12, Evidence, "
                    "Impact/KPI.",
                )
            )
            return
        self.layout = self.layout or data[0][1][0]
        for sheet, _ in data:
            hit = _find_header(sheet, self.layout, self.mapping)
            if hit is not None:
                self.read_sheet(sheet, hit[1], several=len(data) > 1)

    def read_sheet(self, sheet: Sheet, header: _Header, *, several: bool) -> None:
        layout = self.layout
        assert layout is not None
        cols = header.columns
        for column in layout.columns:
            if column.required and column.field not in cols:
                self.problem(
                    sheet,
                    header.row,
                    None,
                    f'The required column "{self.mapping.get(column.field, column.header)}" '
                    f"is missing from the header row.",
                )
        if self.csv and layout is AREAS and "area" not in cols:
            self.problem(
                sheet,
                header.row,
                None,
                'The required column "Area" is missing: a CSV file needs it to '
                "say which improvement area each action belongs to.",
            )
        if any(p.sheet == sheet.name and p.row == header.row for p in self.problems):
            return
        header.milestones = [self.milestone_column(sheet, header, m) for m in header.milestones]
        sheet_area = self.sheet_area(sheet, header, several)
        aim, current = "", sheet_area
        pending: _Row | None = None
        for number, cells in sheet.rows:
            if number <= header.row or not any(c != "" for c in cells):
                continue
            if _match(cells, layout, self.mapping).columns.keys() == cols.keys():
                continue  # the header repeated (a block per area, or after a page break)
            filled = [c for c in cells if c != ""]
            heading = (
                words.area_heading(filled[0], needs_word=True)
                if len(filled) == 1 and isinstance(filled[0], str)
                else None
            )
            if heading is not None:
                self.place(sheet, header, pending)
                pending, current, aim = None, heading, ""
                continue
            area_text = _text(cells, cols.get("area"))
            named = words.area_heading(area_text) if area_text else None
            fields = continuation.continued_fields(cells, cols, layout.code)
            if fields is not None:  # a cell run over a page break, or a stray row
                if pending is not None and named in (None, current):
                    pending.join(number, cells, [cols[f] for f in fields], header)
                else:
                    self.cannot_place(sheet, header, number)
                continue
            self.place(sheet, header, pending)
            if named is not None and named != current:
                current, aim = named, ""
            aim = _text(cells, cols.get("aim")) or aim
            pending = _Row(number, list(cells), aim, current)
        self.place(sheet, header, pending)

    def place(self, sheet: Sheet, header: _Header, row: _Row | None) -> None:
        """Read ``row`` (with any rows that continue it) as an action of its area."""
        if row is None:
            return
        action = self.action(sheet, header, row.number, row.cells, row.aim)
        if action is None:
            return
        action.continued = row.continued
        area = row.area
        if area is None:
            prefix = action.reference.split(".")[0]
            area = (
                (int(prefix), f"Area {prefix}")
                if prefix.isdigit() and "." in action.reference
                else (1, "Actions")
            )
        area_key, target = self.area(*area)
        self.check_reference(sheet, header, action, area_key)
        target.actions.append(action)

    def cannot_place(self, sheet: Sheet, header: _Header, row: int) -> None:
        what = header.columns.get("what" if self.layout is AREAS else "action")
        self.problem(
            sheet,
            row,
            what,
            f'"{header.headers.get(what if what is not None else -1, "What")}" is empty and '
            "there is no action above this row for its text to continue: say what will be "
            "done, or move the text into the action it belongs to.",
            header,
        )

    def sheet_area(
        self, sheet: Sheet, header: _Header, several: bool
    ) -> tuple[int | None, str] | None:
        """The area a sheet without an "Area" column is about: its title row, else its name
        (only in a workbook, and for the milestones layout only with several sheets)."""
        if "area" in header.columns or self.csv or (self.layout is MILESTONES and not several):
            return None
        above = [
            next(c for c in cells if isinstance(c, str) and c)
            for n, cells in sheet.rows
            if n < header.row and any(isinstance(c, str) and c for c in cells)
        ]
        return words.area_heading(above[-1] if above else sheet.name)

    def milestone_column(
        self, sheet: Sheet, header: _Header, found: tuple[int, str, date | None]
    ) -> tuple[int, str, date | None]:
        index, heading, _ = found
        match = MILESTONE_HEADER.match(heading)
        when = match["date"].strip(" ()[]–—-:") if match else ""
        if not when:
            return index, heading, None
        read = timescales.read(when, today=self.today)
        if not read.resolved or read.ends_on is None:
            self.problem(
                sheet,
                header.row,
                index,
                f"The date {when!r} in this milestone column's heading cannot be "
                'read: write it as a month and year, e.g. "Month 3 (Dec 25)".',
                header,
            )
            return index, heading, None
        return index, heading, read.ends_on

    def check_reference(
        self, sheet: Sheet, header: _Header, action: ActionIn, area_key: object
    ) -> None:
        if not action.reference:
            return
        key = (area_key, action.reference)
        if key in self.seen_refs:
            self.problem(
                sheet,
                action.row,
                header.columns.get("reference"),
                f"Action number {action.reference} is used twice in the same area "
                f"(rows {self.seen_refs[key]} and {action.row}).",
                header,
            )
        else:
            self.seen_refs[key] = action.row

    # --- one row -----------------------------------------------------------------

    def action(
        self, sheet: Sheet, header: _Header, row: int, cells: list[Cell], aim: str
    ) -> ActionIn | None:
        cols = header.columns
        layout = self.layout
        what_field = "what" if layout is AREAS else "action"
        raw_what = _text(cells, cols.get(what_field))
        structural = {cols.get("area"), cols.get("aim")}
        others = [c for i, c in enumerate(cells) if c != "" and i not in structural]
        if not others:
            return None  # an area or aim on its own row; the actions follow
        reference = _text(cells, cols.get("reference")).strip().rstrip(".")
        if len(reference) > 20:
            self.problem(
                sheet,
                row,
                cols.get("reference"),
                "The action number is longer than 20 characters.",
                header,
            )
        if not raw_what:
            self.problem(
                sheet,
                row,
                cols.get(what_field),
                f'"{header.headers.get(cols.get(what_field, -1), "What")}" is empty: '
                "every action needs to say what will be done.",
                header,
            )
            return None
        action = ActionIn(sheet.name, row, reference[:20], aim=words.joined(aim), what="")
        lead, kinds = words.split_who(_text(cells, cols.get("who")))
        action.lead, action.partner_kinds = lead, kinds
        if layout is AREAS:
            self.areas_row(action, cells, header, raw_what)
        else:
            self.milestones_row(sheet, action, cells, header, raw_what)
        return action

    def areas_row(
        self, action: ActionIn, cells: list[Cell], header: _Header, raw_what: str
    ) -> None:
        cols = header.columns
        action.what = words.joined(raw_what)
        action.how = words.joined(_text(cells, cols.get("how")))
        action.kpi_ids, action.measures = words.split_kpis(
            _text(cells, cols.get("kpis")), self.catalogue
        )
        index = cols.get("timescale")
        value = cells[index] if index is not None and index < len(cells) else ""
        self.timescale(action, value, header, index)
        action.updates = words.dated_lines(_text(cells, cols.get("updates")))

    def milestones_row(
        self, sheet: Sheet, action: ActionIn, cells: list[Cell], header: _Header, raw_what: str
    ) -> None:
        cols = header.columns
        what, when = _split_completion(words.lines(raw_what), self.today)
        action.what = "\n".join(what)
        index = cols.get("completion")
        completion = cells[index] if index is not None and index < len(cells) else ""
        if when:
            self.timescale(action, when, header, cols.get("action"))
        elif isinstance(completion, date):
            self.timescale(action, completion, header, index)
        elif completion:
            read = timescales.read(completion, today=self.today)
            if read.resolved and read.ends_on:
                self.timescale(action, completion, header, index)
            else:
                self.problem(
                    sheet,
                    action.row,
                    index,
                    f"{completion!r} is not a date: write it as a date or a month "
                    'and year, e.g. "31/03/2026" or "Mar 26".',
                    header,
                )
        action.evidence = words.joined(_text(cells, cols.get("evidence")))
        action.kpi_ids, action.impact = words.split_kpis(
            _text(cells, cols.get("impact")), self.catalogue
        )
        for index, heading, due in header.milestones:
            text = _text(cells, index)
            if text:
                action.milestones.append(self.milestone(action, header, index, heading, due, text))

    def timescale(self, action: ActionIn, value: Cell, header: _Header, index: int | None) -> None:
        if isinstance(value, date):
            action.timescale = f"{value.day} {value:%b %Y}"
            action.ends_on = value
            return
        action.timescale = " ".join(value.split())[:200]
        if not action.timescale:
            return
        read = timescales.read(action.timescale, today=self.today)
        action.starts_on, action.ends_on, action.resolved = (
            read.starts_on,
            read.ends_on,
            read.resolved,
        )
        if not read.resolved:
            letter = column_letter(index) if index is not None else ""
            action.unresolved.append(("timescale", action.timescale, letter))

    def milestone(
        self,
        action: ActionIn,
        header: _Header,
        index: int,
        heading: str,
        due: date | None,
        text: str,
    ) -> MilestoneIn:
        body = words.lines(text)
        last = body[-1] if body else ""
        done_on = None
        done = _TRAILER_DONE.search(last)
        if done and (read := timescales.read(done["when"], today=self.today)).resolved:
            done_on, last = read.ends_on, last[: done.start()].rstrip()
        due_match = _TRAILER_DUE.search(last)
        if due_match and (read := timescales.read(due_match["when"], today=self.today)).resolved:
            due, last = read.ends_on, last[: due_match.start()].rstrip()
        body[-1:] = [last] if last else []
        title = "; ".join(body) or heading
        note = "\n".join(body) if len(body) > 1 or len(title) > 300 else ""
        if len(title) > 300:
            title = title[:299] + "…"
        if due is None:
            action.unresolved.append(
                (f"milestone {heading!r} (no date)", title, column_letter(index))
            )
        return MilestoneIn(title, note, due, done_on)


_TRAILER_DUE = re.compile(r"\s*[–—-]?\s*\(?\bdue\s+(?P<when>[^()]+?)\)?\s*$", re.I)
_TRAILER_DONE = re.compile(r"\s*\(\s*done\s+(?P<when>[^()]+)\)\s*$", re.I)
_COMPLETION = re.compile(
    r"^\(?\s*(?:completion(?:\s+date)?|complete(?:d)?\s+by|to\s+be\s+completed\s+by|due(?:\s+date)?"
    r"|deadline|target\s+date)\s*[:–—-]?\s*(?P<when>.+?)\)?$",
    re.I,
)


def _split_completion(body: list[str], today: date) -> tuple[list[str], str]:
    """An "Action & completion date" cell: the action's lines and its completion date, from
    a last line such as "Completion: March 26", "By July 27" or one that is a date."""
    if len(body) < 2:
        return body, ""
    last = body[-1]
    labelled = _COMPLETION.match(last)
    if labelled:
        return body[:-1], labelled["when"].strip()
    if timescales.read(last, today=today).resolved:
        return body[:-1], last
    return body, ""


def parse(
    sheets: Iterable[Sheet],
    *,
    layout: str | None,
    mapping: Mapping[str, str] | None,
    today: date,
    csv: bool,
    kpi_ids: Iterable[str] | None = None,
) -> Parsed:
    """The file's areas, actions and problems. A KPI cell's ids are those of ``kpi_ids``
    (an area's KPIs, its own local ones too: ``senda.performance.kpis.for_area``), or of
    the code catalogue when not given."""
    if kpi_ids is None:
        from senda.performance.catalogue import CATALOGUE

        kpi_ids = CATALOGUE
    chosen = LAYOUTS[layout] if layout else None
    reader = _Reader(
        layout=chosen, mapping=dict(mapping or {}), today=today, csv=csv, kpi_ids=kpi_ids
    )
    known = {c.field for each in LAYOUTS.values() for c in each.columns}
    unknown = sorted(set(mapping or {}) - known)
    if unknown:
        reader.problems.append(
            Problem(
                None,
                "",
                f"Unknown fields in the column mapping: {', '.join(unknown)} "
                f"(known: {', '.join(sorted(known))}).",
            )
        )
    else:
        reader.read(list(sheets))
    return Parsed(reader.layout or AREAS, list(reader.areas.values()), reader.problems)

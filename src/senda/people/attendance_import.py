"""A session's attendance from a sign-in sheet (CSV or XLSX), all or nothing
(docs/workforce.md).

Headings (any order, case ignored): **Name**, **Organisation**, **Attended** (yes/no), and
optionally **Confidence before**, **Confidence after** (1–5) and **Competent and confident**
(yes/no). Each row is matched to one person of the area's register by name and
organisation (case and spacing ignored); a row matching nobody, or several people, is a
problem. Every problem is listed by row and column and nothing is written; otherwise the
rows are recorded through ``training_actions.record_attendance`` (one audit entry; each
line names the file).
"""

from __future__ import annotations

from typing import Any

from senda.kernel import ActionError
from senda.people.models import Trainee, TrainingSession
from senda.people.training_actions import Mark, record_attendance
from senda.sheets import Cell, ImportFailed, Problem, column_letter, read_sheets

__all__ = ["HEADINGS", "import_attendance"]

HEADINGS = {
    "name": "Name",
    "organisation": "Organisation",
    "attended": "Attended",
    "before": "Confidence before",
    "after": "Confidence after",
    "confident": "Competent and confident",
}
REQUIRED = ("name", "organisation", "attended")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _columns(header: list[Cell], row: int) -> tuple[dict[str, int], list[Problem]]:
    wanted = {_key(label): field for field, label in HEADINGS.items()}
    found = {wanted[_key(str(c))]: i for i, c in enumerate(header) if _key(str(c)) in wanted}
    problems = [
        Problem(row, "", f"No column headed {HEADINGS[field]!r}")
        for field in REQUIRED
        if field not in found
    ]
    return found, problems


class _Row:
    def __init__(self, number: int, cells: list[Cell], columns: dict[str, int]) -> None:
        self.number, self.cells, self.columns = number, cells, columns
        self.problems: list[Problem] = []

    def text(self, field: str) -> str:
        index = self.columns.get(field)
        if index is None or index >= len(self.cells):
            return ""
        return str(self.cells[index]).strip()

    def problem(self, field: str, message: str) -> None:
        index = self.columns.get(field, 0)
        self.problems.append(
            Problem(self.number, column_letter(index), message, header=HEADINGS[field])
        )

    def yes_no(self, field: str, required: bool) -> bool | None:
        value = self.text(field).lower()
        if value in YES:
            return True
        if value in NO:
            return False
        if value or required:
            self.problem(field, "Enter yes or no")
        return None

    def score(self, field: str) -> int | None:
        value = self.text(field)
        if not value:
            return None
        if value not in {"1", "2", "3", "4", "5"}:
            self.problem(field, "Enter a whole number from 1 to 5, or leave it blank")
            return None
        return int(value)


def _marks(rows: list[tuple[int, list[Cell]]], session: TrainingSession) -> list[Mark]:
    header_row, header = rows[0]
    columns, problems = _columns(header, header_row)
    if problems:
        raise ImportFailed(problems)
    people: dict[tuple[str, str], list[Trainee]] = {}
    for person in Trainee.objects.filter(la_id=session.course.la_id):
        people.setdefault((_key(person.name), _key(person.organisation)), []).append(person)
    marks, seen = [], {}
    for number, cells in rows[1:]:
        if not any(str(c).strip() for c in cells):
            continue
        row = _Row(number, cells, columns)
        found = people.get((_key(row.text("name")), _key(row.text("organisation"))), [])
        if not row.text("name"):
            row.problem("name", "Enter the person's name")
        elif not found:
            row.problem("name", "Nobody of this name and organisation is in the register")
        elif len(found) > 1:
            row.problem("name", "Several people of this name and organisation are in the register")
        elif found[0].pk in seen:
            row.problem("name", f"This person is on row {seen[found[0].pk]} too")
        attended = row.yes_no("attended", required=True)
        before, after = row.score("before"), row.score("after")
        confident = row.yes_no("confident", required=False)
        if attended is False and (before, after, confident) != (None, None, None):
            row.problem("attended", "They did not attend: leave the survey blank")
        problems += row.problems
        if not row.problems:
            seen[found[0].pk] = number
            marks.append(Mark(found[0], bool(attended), before, after, confident))
    if problems:
        raise ImportFailed(problems)
    if not marks:
        raise ImportFailed([Problem(None, "", "The file lists nobody.")])
    return marks


def import_attendance(*, session: TrainingSession, data: bytes, filename: str, by: Any) -> int:
    """Record the file's rows on ``session``'s register; how many lines were written.
    ImportFailed (nothing written) lists every problem."""
    sheets = read_sheets(data, filename)
    rows = [(n, cells) for n, cells in sheets[0].rows if any(str(c).strip() for c in cells)]
    marks = _marks(rows, session)
    try:
        return record_attendance(session=session, marks=marks, by=by, via=filename)
    except ActionError as error:
        raise ImportFailed([Problem(None, "", error.message)]) from error

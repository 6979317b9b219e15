"""Rows that continue the action above them: a cell that ran over a page break.

Councils copy their plan out of a PDF or Word table into a spreadsheet. Where a cell ran
over a page break its text goes on in a row of its own, with the action's number, *Aims*
and *What* (or *Action & completion date*) empty and only the running-on cells filled.
Such a row joins the action above it; the import report names each one.

Pure functions on cells; nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping

from senda.improvement.importer.text import starts_with_bullet
from senda.sheets import Cell

__all__ = ["CONTINUES", "continued_fields", "join_text", "merge"]

#: The fields, per layout, whose text may run on into the next row. The action's number,
#: aim, what and timescale never do: a row with one of them is an action of its own.
CONTINUES: dict[str, frozenset[str]] = {
    "areas": frozenset({"how", "kpis", "who", "updates"}),
    "milestones": frozenset({"who", "evidence", "impact"}),
}


def continued_fields(
    cells: list[Cell], columns: Mapping[str, int], layout: str
) -> list[str] | None:
    """The fields a row fills if it reads as the continuation of the action above (only
    fields that may run on, and the area's column), else None."""
    field_of = {index: field for field, index in columns.items()}
    fields = []
    for index, cell in enumerate(cells):
        if cell == "":
            continue
        field = field_of.get(index)
        if field == "area":
            continue  # the caller checks it names the same area
        if field not in CONTINUES[layout]:
            return None
        fields.append(field)
    return fields or None


def join_text(above: str, more: str) -> str:
    """``more`` added to ``above``: on the same line when a sentence was cut in two (the
    text above ends mid-sentence and the next starts in lower case), else on a new line."""
    if not above or not more:
        return above or more
    first = more.lstrip()
    if not starts_with_bullet(first) and first[:1].islower() and above.rstrip()[-1:].isalnum():
        return f"{above.rstrip()} {first}"
    return f"{above}\n{more}"


def merge(cells: list[Cell], more: list[Cell], indexes: list[int]) -> list[Cell]:
    """The cells of the action above with ``more``'s text joined on in ``indexes``."""
    merged = list(cells) + [""] * max(0, len(more) - len(cells))
    for index in indexes:
        merged[index] = join_text(_str(merged[index]), _str(more[index]))
    return merged


def _str(cell: Cell) -> str:
    return cell if isinstance(cell, str) else f"{cell.day} {cell:%b %Y}"

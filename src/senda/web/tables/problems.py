"""The table of an import's problems, each with its place in the file (the improvement
plan's import and the High Needs ledger's)."""

from __future__ import annotations

from django.utils.safestring import SafeString

from senda.sheets import Problem
from senda.web.components import table


def problems_table(problems: list[Problem]) -> SafeString:
    """Every problem with its place in the file: sheet (workbooks), row and column."""
    sheets = any(p.sheet for p in problems)
    head = [*(["Sheet"] if sheets else []), "Row", "Column", "Problem"]
    rows = [
        [
            *([{"text": p.sheet}] if sheets else []),
            {"text": "–" if p.row is None else str(p.row)},
            {"text": f"{p.column} ({p.header})" if p.header else p.column or "–"},
            {"text": p.message},
        ]
        for p in problems
    ]
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return table(f"{count} in the file", head, rows)

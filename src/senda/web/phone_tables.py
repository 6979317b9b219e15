"""GOV.UK tables that fit a phone.

A table of :data:`STACK_FROM` columns or more is too wide for a 375 px screen. Below
GOV.UK's tablet breakpoint it shows each row as a block, each cell labelled with its
column's heading (``senda.css``: ``senda-table--stack``, the labels from ``data-label``);
from the tablet breakpoint up it is the GOV.UK table as ever. Every ``GovUKTable`` Senda
renders goes through :func:`stacked_table`, so a new wide table fits a phone too.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from govuk_frontend_django.components.table import GovUKTable

#: Tables with this many columns or more stack on phones.
STACK_FROM = 4
STACK_CLASS = "senda-table--stack"


def stacked_table(**options: Any) -> GovUKTable:
    """``GovUKTable(**options)``, with its body cells labelled for phones when it is wide."""
    head = options.get("head") or []
    if len(head) < STACK_FROM:
        return GovUKTable(**options)
    labels = [_label(cell) for cell in head for _ in range(int(cell.get("colspan") or 1))]
    rows = [_labelled(row, labels) for row in options.get("rows") or []]
    classes = " ".join(filter(None, [options.get("classes"), STACK_CLASS]))
    return GovUKTable(**{**options, "rows": rows, "classes": classes})


def captioned_table(
    caption: str,
    head: list[str],
    rows: list[list[dict[str, Any]]],
    *,
    first_cell_is_header: bool = False,
) -> SafeString:
    """A table with a medium caption and plain-text headings, rendered (the shape most of
    Senda's tables take)."""
    return stacked_table(
        caption=caption,
        captionClasses="govuk-table__caption--m",
        firstCellIsHeader=first_cell_is_header,
        head=[{"text": text} for text in head],
        rows=rows,
    ).render()


def _label(cell: dict[str, Any]) -> str:
    return " ".join(strip_tags(str(cell.get("text") or cell.get("html") or "")).split())


def _labelled(row: list[dict[str, Any]], labels: list[str]) -> list[dict[str, Any]]:
    cells, column = [], 0
    for cell in row:
        span = int(cell.get("colspan") or 1)
        label = labels[column] if span == 1 and column < len(labels) else ""
        if label:
            cell = {**cell, "attributes": {**(cell.get("attributes") or {}), "data-label": label}}
        cells.append(cell)
        column += span
    return cells

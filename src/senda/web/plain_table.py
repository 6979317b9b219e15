"""A GOV.UK table rendered in Python, for tables of many cells.

The GOV.UK table macro (``GovUKTable``) calls a Jinja attributes macro for every cell: about
0.1 ms a cell, so the waiting list's seven tables cost ~60 ms and the children behind a
figure (500 rows) most of their time. :func:`plain_table` writes the same elements, classes,
attributes and escaped text in one pass (only the whitespace between them differs; a test
compares the two as parsed HTML), for the cells Senda's tables use: ``text`` or ``html``,
``classes``, ``format``, ``colspan``, ``rowspan`` and ``attributes``. Wide tables stack on a
phone as :func:`senda.web.phone_tables.stacked_table` makes them: each body cell labelled
with its column's heading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from senda.web.phone_tables import STACK_CLASS, STACK_FROM, _label


def _attributes(attributes: Mapping[str, Any] | None) -> str:
    if not attributes:
        return ""
    return "".join(f' {escape(name)}="{escape(value)}"' for name, value in attributes.items())


def _spans(cell: Mapping[str, Any]) -> str:
    found = ""
    if cell.get("colspan"):
        found += f' colspan="{escape(cell["colspan"])}"'
    if cell.get("rowspan"):
        found += f' rowspan="{escape(cell["rowspan"])}"'
    return found


def _content(cell: Mapping[str, Any]) -> str:
    html = cell.get("html")
    if html:
        return str(html)
    text = cell.get("text")
    return "" if text is None else str(conditional_escape(text))


def plain_table(
    caption: str,
    head: Sequence[str],
    rows: Sequence[Sequence[Mapping[str, Any]]],
    caption_classes: str = "govuk-table__caption--m",
) -> SafeString:
    """A GOV.UK table with a caption, text headings and prepared rows (as
    :func:`senda.web.components.table` takes them), stacked on phones when wide."""
    stack = len(head) >= STACK_FROM
    labels = [_label({"text": text}) for text in head] if stack else []
    out = [f'<table class="govuk-table{" " + STACK_CLASS if stack else ""}">\n']
    if caption:
        extra = f" {escape(caption_classes)}" if caption_classes else ""
        out.append(f'<caption class="govuk-table__caption{extra}">{escape(caption)}</caption>\n')
    if head:
        out.append('<thead class="govuk-table__head">\n<tr class="govuk-table__row">\n')
        out.extend(
            f'<th scope="col" class="govuk-table__header">{escape(text)}</th>\n' for text in head
        )
        out.append("</tr>\n</thead>\n")
    out.append('<tbody class="govuk-table__body">\n')
    for row in rows:
        if not row:
            continue
        out.append('<tr class="govuk-table__row">\n')
        column = 0
        for cell in row:
            classes = "govuk-table__cell"
            if cell.get("format"):
                classes += f" govuk-table__cell--{escape(cell['format'])}"
            if cell.get("classes"):
                classes += f" {escape(cell['classes'])}"
            span = int(cell.get("colspan") or 1)
            attributes = dict(cell.get("attributes") or {})
            if stack and span == 1 and column < len(labels) and labels[column]:
                attributes["data-label"] = labels[column]
            column += span
            out.append(
                f'<td class="{classes}"{_spans(cell)}{_attributes(attributes)}>'
                f"{_content(cell)}</td>\n"
            )
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n")
    return mark_safe("".join(out))  # every value above is escaped

"""The quarterly report's "Complaints, mediation and appeals" section for scrutiny: tables of
the quarter's figures from the records (``senda.casework.scrutiny.quarter``), small numbers
suppressed (``senda.performance.suppress``), for the HTML page, the PDF and the XLSX.

A suppressed figure carries no number (``Line.suppressed``): a count from 1 to the
threshold less one, a rate resting on such a count, a sum of money spent on fewer appeals
(or paid on fewer decisions) than the threshold, and, in a table whose total is shown,
enough other rows that no hidden one can be worked out by subtraction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from senda.casework import scrutiny
from senda.casework.models import Appeal, AppealCost, Complaint, Issue, Mediation
from senda.people.models import LocalAuthority
from senda.performance import suppress
from senda.performance.kpi_figures import rate
from senda.performance.periods import Period

TITLE = "Complaints, mediation and appeals: figures for scrutiny"
Unit = Literal["count", "percent", "number", "pounds"]


@dataclass(frozen=True)
class Line:
    """One figure: ``value`` (None when suppressed or when there is nothing to divide by),
    with a rate's ``numerator`` and ``denominator``."""

    label: str
    unit: Unit
    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    suppressed: bool = False


@dataclass(frozen=True)
class Table:
    """A table of the section: its ``id`` (for links), title, lines and a note on how it
    is counted."""

    id: str
    title: str
    lines: list[Line]
    note: str = ""


@dataclass(frozen=True)
class Scrutiny:
    quarter: Period
    tables: list[Table]

    @property
    def title(self) -> str:
        return TITLE


def _hidden(line: Line) -> Line:
    return Line(line.label, line.unit, None, suppressed=True)


def count(label: str, value: int, limit: int) -> Line:
    if suppress.small(value, limit):
        return Line(label, "count", None, suppressed=True)
    return Line(label, "count", Decimal(value), value)


def share(label: str, found: scrutiny.Found, limit: int, unit: Unit = "percent") -> Line:
    """A rate from a measure; per 1,000 for ``unit`` number."""
    numerator, denominator = found.numerator, found.denominator
    if suppress.primary(suppress.Cell(numerator, denominator), limit):
        return Line(label, unit, None, suppressed=True)
    per = 1000 if unit == "number" else 100
    return Line(label, unit, rate(numerator, denominator, per), numerator, denominator)


def money(label: str, pounds: int, behind: int, limit: int) -> Line:
    """A sum of money, hidden when it rests on few records (``behind``)."""
    if suppress.small(behind, limit):
        return Line(label, "pounds", None, suppressed=True)
    return Line(label, "pounds", Decimal(pounds))


def breakdown(
    total_label: str,
    total: int,
    rows: Sequence[tuple[str, int]],
    limit: int,
) -> list[Line]:
    """A total and its parts, which add up to it: primary and secondary suppression. A
    part of zero is shown and never hidden to protect another (it gives nothing away)."""
    cells = [suppress.Cell(n) if n else None for _, n in rows]
    hidden = suppress.table(suppress.Cell(total), cells, limit)
    lines = [count(total_label, total, limit)]
    if hidden.total:
        lines[0] = Line(total_label, "count", None, suppressed=True)
    for (label, n), off in zip(rows, hidden.rows, strict=True):
        lines.append(Line(label, "count", None, suppressed=True) if off else count(label, n, limit))
    return lines


def spend_lines(found: scrutiny.Quarter, limit: int) -> list[Line]:
    """Spend by cost line: a line spent on fewer appeals than the threshold is hidden, and
    while one line alone is hidden beside a shown total, the smallest shown line too (or
    the total, if none is left), so no amount can be worked out by subtraction."""
    total_pounds, total_appeals = found.spend_total
    lines = [(line, *found.spend.get(line, (0, 0))) for line in AppealCost.Line.values]
    lines = [entry for entry in lines if entry[2]]
    hidden = [suppress.small(n, limit) for _, _, n in lines]
    total_hidden = suppress.small(total_appeals, limit)
    while not total_hidden and sum(hidden) == 1:
        shown = [(n, i) for i, (_, _, n) in enumerate(lines) if not hidden[i]]
        if not shown:
            total_hidden = True
            break
        hidden[min(shown)[1]] = True
    labels = dict(AppealCost.Line.choices)
    out = [
        _hidden(Line("Total spend", "pounds", None))
        if total_hidden
        else Line("Total spend", "pounds", Decimal(total_pounds))
    ]
    for (line, pounds, _), off in zip(lines, hidden, strict=True):
        shown = Line(labels[line], "pounds", Decimal(pounds))
        out.append(_hidden(shown) if off else shown)
    return out


def _labelled(counter: Counter[str], choices: Sequence[tuple[str, str]]) -> list[tuple[str, int]]:
    return [(label, counter.get(code, 0)) for code, label in choices]


def build(la: LocalAuthority, quarter: Period, today: date, limit: int) -> Scrutiny:
    """The section for ``quarter`` as it stands ``today`` (``limit``: the suppression
    threshold; 0 shows every figure)."""
    found = scrutiny.quarter(la, quarter.start, quarter.end, quarter.as_of(today))
    registered = found.appeals.numerator
    before = found.before_hearing
    tables = [
        Table(
            "appeals",
            "Appeals to the SEND Tribunal",
            [
                count("Appeals registered", registered, limit),
                share("Appeals registered per 1,000 EHC plans", found.per_plans, limit, "number"),
                share("Tribunal orders carried out on time", found.orders, limit),
            ],
            "Registered by the tribunal in the quarter; per 1,000 plans the council maintained "
            "on the quarter's last day. Orders (and the council's concessions) whose time "
            "limit fell in the quarter.",
        ),
        Table(
            "appeal-grounds",
            "Appeals registered, by ground",
            [count(label, n, limit) for label, n in _labelled(found.grounds, Issue.choices)],
            "An appeal may have more than one ground, so these add up to more than the "
            "appeals registered.",
        ),
        Table(
            "appeal-outcomes",
            "Appeals concluded, by outcome",
            [
                *breakdown(
                    "Appeals concluded",
                    found.concluded,
                    _labelled(found.outcomes, Appeal.Outcome.choices),
                    limit,
                ),
                count("Conceded before a hearing", before.get("conceded", 0), limit),
                count("Withdrawn before a hearing", before.get("withdrawn", 0), limit),
            ],
            "Decided, conceded, withdrawn or struck out in the quarter. Allowed and allowed "
            "in part are decided for the family; dismissed and struck out, for the council.",
        ),
        Table(
            "mediation",
            "Mediation",
            [
                count("Mediations held", found.held.numerator, limit),
                share(
                    "Mediations reaching agreement on some or every issue", found.agreement, limit
                ),
                share("Mediations followed by an appeal", found.to_appeal, limit),
            ],
            "Mediations with an appeal right held in the quarter (not disagreement resolution).",
        ),
        Table(
            "certificates",
            "Mediation certificates issued, by type",
            breakdown(
                "Certificates issued",
                sum(found.certificates.values()),
                _labelled(found.certificates, Mediation.Certificate.choices),
                limit,
            ),
            "A certificate lets the family appeal: after mediation, when they declined it, or "
            "when it could not be arranged in time.",
        ),
        Table(
            "spend",
            "Tribunal spend, by cost line",
            spend_lines(found, limit),
            "Costs of appeals dated in the quarter, in whole pounds. A line spent on few "
            "appeals is suppressed.",
        ),
        Table(
            "complaints-stage",
            "Complaints, by stage",
            [
                count("Stage 1 complaints received", found.received["stage1"], limit),
                count("Stage 2 reviews asked for", found.received["stage2"], limit),
                count("Referred to the Ombudsman", found.received["ombudsman"], limit),
                share("Stage 1 answered on time", found.stage1, limit),
                share("Stage 2 answered on time", found.stage2, limit),
            ],
            "Received or asked for in the quarter; answered on time: responses due in the "
            "quarter sent by their due date.",
        ),
        Table(
            "complaints-subject",
            "Complaints received, by subject",
            breakdown(
                "Complaints received",
                sum(found.subjects.values()),
                _labelled(found.subjects, Complaint.Category.choices),
                limit,
            ),
        ),
        Table(
            "ombudsman",
            "Ombudsman decisions",
            [
                *breakdown(
                    "Decisions made",
                    sum(found.ombudsman.values()),
                    _labelled(found.ombudsman, Complaint.OmbudsmanDecision.choices),
                    limit,
                ),
                money("Payments the Ombudsman asked for", *found.ombudsman_paid, limit),
            ],
            "Decisions of the Local Government and Social Care Ombudsman made in the quarter; "
            "upheld means fault was found.",
        ),
    ]
    return Scrutiny(quarter, tables)

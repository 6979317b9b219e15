"""The termly feedback summary as shown and downloaded: the counts of
``senda.portal.feedback_summary.figures`` with small numbers hidden by the suppression rules
(``senda.performance.suppress``, ``SENDA_SUPPRESS_BELOW``), and never who answered.

- A question's figure (satisfied of answered, and its percentage) is hidden when the
  satisfied, the answered or the difference is from 1 to the threshold less one.
- A theme's count (from surveys, from complaints) is hidden when small.
- The number of responses is hidden when small, and so are the comments: with few
  responses a comment could point to the family who wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from senda.performance.suppress import Cell, primary, small
from senda.portal.feedback_themes import THEMES
from senda.portal.surveys import QUESTIONS

HIDDEN = "fewer than {threshold}"


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    answered: int
    satisfied: int
    hidden: bool

    @property
    def percent(self) -> int | None:
        if self.hidden or not self.answered:
            return None
        return round(100 * self.satisfied / self.answered)


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    surveys: int | None  # None: hidden
    complaints: int | None


@dataclass(frozen=True)
class ShownSummary:
    responses: int | None  # None: hidden
    questions: list[Question]
    themes: list[Theme]
    complaints: int | None
    comments: list[str]
    comments_hidden: bool
    threshold: int


def _count(value: int, threshold: int) -> int | None:
    return None if small(value, threshold) else value


def shown(figures: dict[str, Any], threshold: int) -> ShownSummary:
    """``figures`` (a summary's counts) with small numbers hidden."""
    questions = []
    for name, label in QUESTIONS.items():
        found = figures.get("questions", {}).get(name, {})
        answered, satisfied = int(found.get("answered", 0)), int(found.get("satisfied", 0))
        hidden = primary(Cell(satisfied, answered), threshold)
        questions.append(Question(name, label, answered, satisfied, hidden))
    themes = []
    for code, label in THEMES.items():
        found = figures.get("themes", {}).get(code, {})
        themes.append(
            Theme(
                code,
                label,
                _count(int(found.get("surveys", 0)), threshold),
                _count(int(found.get("complaints", 0)), threshold),
            )
        )
    responses = int(figures.get("responses", 0))
    comments_hidden = small(responses, threshold)
    return ShownSummary(
        responses=_count(responses, threshold),
        questions=questions,
        themes=themes,
        complaints=_count(int(figures.get("complaints", 0)), threshold),
        comments=[] if comments_hidden else list(figures.get("comments", [])),
        comments_hidden=comments_hidden,
        threshold=threshold,
    )


def csv_rows(term: str, summary: ShownSummary) -> list[list[Any]]:
    """The summary as CSV rows (the header first): one row per figure; a hidden figure
    says so, and comments follow, one a row, with nothing that names anyone."""
    hidden = HIDDEN.format(threshold=summary.threshold)

    def cell(value: int | None) -> Any:
        return hidden if value is None else value

    rows: list[list[Any]] = [["term", "section", "item", "count", "of", "percent"]]
    rows.append([term, "responses", "survey responses", cell(summary.responses), "", ""])
    for q in summary.questions:
        if q.hidden:
            rows.append([term, "question", q.label, hidden, hidden, ""])
        else:
            rows.append(
                [
                    term,
                    "question",
                    q.label,
                    q.satisfied,
                    q.answered,
                    "" if q.percent is None else q.percent,
                ]
            )
    rows.append([term, "complaints", "complaints received", cell(summary.complaints), "", ""])
    for t in summary.themes:
        rows.append([term, "theme (surveys)", t.label, cell(t.surveys), "", ""])
        rows.append([term, "theme (complaints)", t.label, cell(t.complaints), "", ""])
    if summary.comments_hidden:
        rows.append([term, "comment", f"not shown: {hidden} responses", "", "", ""])
    for comment in summary.comments:
        rows.append([term, "comment", comment, "", "", ""])
    return rows

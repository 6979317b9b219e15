"""The termly summary of families' feedback: for each term, the survey answers counted per
question (satisfied: agree or strongly agree), the themes counted from tagged comments and
from complaints' categories, and the comments themselves, without who gave them or about
which case. Producing it keeps a ``FeedbackSummary`` (one per area per term) for the QA and
partnership meetings. Small numbers are hidden where figures are shown
(``senda.performance.feedback``), not here: the kept figures are the counts.

Terms (the school year, simplified to whole months): autumn 1 September – 31 December,
spring 1 January – 30 April, summer 1 May – 31 August.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from senda import audit, kernel
from senda.casework.models import Complaint
from senda.kernel import WHOLE_FORM, ActionError, check_permission
from senda.people.models import LocalAuthority
from senda.portal.feedback_themes import COMPLAINT_THEMES, THEMES
from senda.portal.models import FeedbackSummary, SurveyResponse
from senda.portal.surveys import QUESTIONS, SATISFIED, may_review_feedback

#: Term name → (first month, last month).
TERMS: dict[str, tuple[int, int]] = {"spring": (1, 4), "summer": (5, 8), "autumn": (9, 12)}
_ENDS = {4: 30, 8: 31, 12: 31}


@dataclass(frozen=True)
class Term:
    name: str
    year: int

    @property
    def starts(self) -> date:
        return date(self.year, TERMS[self.name][0], 1)

    @property
    def ends(self) -> date:
        last = TERMS[self.name][1]
        return date(self.year, last, _ENDS[last])

    @property
    def key(self) -> str:
        """``2026-autumn``: how a URL names it."""
        return f"{self.year}-{self.name}"

    @property
    def label(self) -> str:
        return f"{self.name.capitalize()} term {self.year}"

    def previous(self) -> Term:
        names = list(TERMS)
        index = names.index(self.name)
        return Term(names[index - 1], self.year - 1 if index == 0 else self.year)


def term_of(day: date) -> Term:
    """The term ``day`` falls in."""
    for name, (first, last) in TERMS.items():
        if first <= day.month <= last:
            return Term(name, day.year)
    raise AssertionError(day)  # pragma: no cover: every month is in a term


def parse_term(key: str | None) -> Term | None:
    """The term a key names (``2026-autumn``), or None for anything else."""
    year, _, name = (key or "").partition("-")
    if name not in TERMS or not year.isdigit() or not 2000 <= int(year) <= 2100:
        return None
    return Term(name, int(year))


def recent_terms(today: date, count: int = 6) -> list[Term]:
    """The term ``today`` is in and the ``count - 1`` before it, newest first."""
    terms = [term_of(today)]
    while len(terms) < count:
        terms.append(terms[-1].previous())
    return terms


def figures(la: LocalAuthority, term: Term) -> dict[str, Any]:
    """The term's counts: ``responses``; ``questions`` (per question: ``answered``,
    ``satisfied``); ``themes`` (per theme: ``surveys``, ``complaints``); ``complaints``;
    ``comments`` (the text only, sorted, so neither order nor date points to anyone)."""
    responses = list(
        SurveyResponse.objects.filter(
            la=la, answered_on__gte=term.starts, answered_on__lte=term.ends
        ).values(*QUESTIONS, "comment", "themes")
    )
    questions = {}
    for name in QUESTIONS:
        answers = [row[name] for row in responses if row[name] is not None]
        questions[name] = {
            "answered": len(answers),
            "satisfied": sum(1 for a in answers if a in SATISFIED),
        }
    categories = list(
        Complaint.objects.filter(
            case__la=la, received_on__gte=term.starts, received_on__lte=term.ends
        ).values_list("category", flat=True)
    )
    themes = {
        code: {
            "surveys": sum(1 for row in responses if code in (row["themes"] or [])),
            "complaints": sum(1 for c in categories if COMPLAINT_THEMES.get(c) == code),
        }
        for code in THEMES
    }
    comments = sorted(row["comment"] for row in responses if row["comment"])
    return {
        "responses": len(responses),
        "questions": questions,
        "themes": themes,
        "complaints": len(categories),
        "comments": comments,
    }


def summary_of(la: LocalAuthority, term: Term) -> FeedbackSummary | None:
    return FeedbackSummary.objects.filter(la=la, term_starts=term.starts).first()


@transaction.atomic
def produce_summary(
    *, la: LocalAuthority, term: Term, by: Any, today: date | None = None
) -> FeedbackSummary:
    """Keep the term's summary (once the term has ended; once per term)."""
    today = today or kernel.today()
    membership = may_review_feedback(by)
    check_permission(
        membership is not None and membership.la_id == la.pk,
        "Your role does not produce feedback summaries.",
    )
    if term.ends > today:
        raise ActionError(
            WHOLE_FORM,
            f"You can produce this term's summary once the term ends on "
            f"{kernel.long_date(term.ends)}.",
        )
    existing = summary_of(la, term)
    if existing is not None:
        raise ActionError(
            WHOLE_FORM,
            f"The summary for this term was produced on {kernel.long_date(existing.produced_on)}.",
        )
    try:
        with transaction.atomic():
            summary = FeedbackSummary.objects.create(
                la=la,
                term_starts=term.starts,
                term_ends=term.ends,
                produced_on=today,
                produced_by=by,
                figures=figures(la, term),
            )
    except IntegrityError:
        raise ActionError(WHOLE_FORM, "The summary for this term was produced already.") from None
    audit.record(
        user=by, verb="write", obj=summary, la_id=la.pk, summary=f"feedback summary {summary.pk}"
    )
    return summary

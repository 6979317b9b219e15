"""The quality assurance home page (``/qa/``): where council QA staff start — links to
samples, audits, actions, moderation rounds, advice moderation and learning summaries,
panels, frameworks and the termly reports — and the headline QA KPIs for this term,
counted from the records (``senda.quality.measures``) with small numbers hidden. Each is
shown for one period only, the term: beside the term's figure is the status the board's
rule (``senda.performance.status_rule.derive``) gives that figure against the local area's
trajectory, and the trajectory's target (``senda.performance.board.target_text``). The
quarter's status on the board may differ: it judges the quarter's figure.

Council QA staff (``quality.access.qa_staff``) only; everyone else gets 403. Figures are
aggregates: no child is named, so no read is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda import kernel
from senda.performance import board, catalogue
from senda.performance.status_rule import Derived, derive
from senda.performance.status_shown import plans_for, threshold
from senda.quality import measures
from senda.quality import report as qa_report
from senda.quality.access import qa_lead, qa_staff

#: The pages of quality assurance, in the order a QA lead works through them (URL names).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("Samples", "web:qa-samples", "Draw the month's or term's sample of plans to audit."),
    ("Audits", "web:qa-audits", "Plan audits: open, in progress and submitted."),
    ("Audit actions", "web:qa-actions", "Actions raised by audits, open and overdue."),
    ("Moderation rounds", "web:qa-rounds", "Plans graded by several auditors, and agreement."),
    ("Advice moderation", "web:qa-advice", "Professionals' advice graded, with feedback."),
    (
        "Needs profile audits",
        "web:qa-profiles",
        "Schools' ND needs profiles sampled and graded against the standard.",
    ),
    ("Learning summaries", "web:qa-summaries", "Twice-yearly summaries of advice learning."),
    ("Decision panels", "web:qa-panels", "Panel meetings, decisions and learning shared."),
    ("Frameworks", "web:qa-frameworks", "What auditors check: domains, criteria, grades."),
    ("Termly reports", "web:qa-reports", "The termly QA report for partners."),
)
#: The headline KPIs, in order.
HEADLINES = (
    "plans-good-outstanding",
    "plans-outcomes-good-outstanding",
    "audit-sample-with-review",
    "audit-cross-agency",
    "moderation-agreement",
    "audit-actions-on-time",
    "advice-moderated",
    "advice-quality",
)


@dataclass(frozen=True)
class Headline:
    entry: catalogue.Entry
    figure: qa_report.Figure
    status: Derived
    target: str


@login_required
def qa_home(request: HttpRequest) -> HttpResponse:
    staff = qa_staff(request.user)
    if staff is None:
        raise PermissionDenied("Quality assurance pages are for council staff.")
    la, today = staff.la, kernel.today()
    term = qa_report.term_of(today)
    limit = threshold()
    plans = plans_for(la, HEADLINES)
    as_of = min(today, term.end)
    headlines = []
    for kpi in HEADLINES:
        found = measures.count(kpi, la, term.start, term.end, today)
        entry = catalogue.get(kpi)
        figure = qa_report.figure(entry.name, found.numerator, found.denominator, limit)
        # Judged on the real figure, as the board does: the status says where the KPI
        # stands, not the count (a hidden figure's status names no number on this page).
        plan = plans.get(kpi)
        status = derive(plan, figure.percent, as_of, entry.higher_is_better, unit=entry.unit)
        headlines.append(Headline(entry, figure, status, board.target_text(plan, entry)))
    context = {
        "sections": SECTIONS,
        "term": term,
        "as_of": as_of,
        "headlines": headlines,
        "lead": qa_lead(request.user) is not None,
        "threshold": limit,
    }
    return render(request, "web/qa/home/home.html", context)


urlpatterns: list[URLPattern] = [
    path("qa/", qa_home, name="qa-home"),
]

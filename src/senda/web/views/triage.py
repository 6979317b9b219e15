"""Triage: overdue and soon-due work across the service, ordered by risk (docs/triage.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework import triage as scoring
from senda.casework.models import Case
from senda.web.access import require_la_staff, visible_cases
from senda.web.filters import TriageFilterForm
from senda.web.memo import Memo

PAGE_SIZE = 25
#: Each area's ranking per window and day, per process (see memo.py for why not the cache).
RANKINGS = Memo(maxsize=32)


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    membership = require_la_staff(request.user)
    form = TriageFilterForm(request.GET, la=membership.la)
    chosen = form.filters()
    today = kernel.today()
    ranked = ranked_for(membership.la_id, visible_cases(request.user), chosen, today)
    page = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = Case.objects.select_related("child", "officer").in_bulk([s.case_id for s in page])
    audit.record_list(
        user=request.user,
        request=request,
        page="triage",
        obj=membership.la,
        filters=chosen,
        number=page.number,
    )
    context = {
        "form": form,
        "page_obj": page,
        "rows": [(score, shown[score.case_id]) for score in page],
        "window": chosen["window"],
        "today": today,
        "weights": [(rule, weight) for rule, weight in scoring.WEIGHTS.items()],
    }
    return render(request, "web/triage/triage.html", context)


def ranked_for(
    la_id: int, cases: QuerySet[Case], chosen: dict[str, Any], today: date
) -> list[scoring.Score]:
    """The ranked triage list for the filters ``chosen``.

    The whole area's ranking for the window is cached until anything in the area is
    written or the day changes (the key holds the area's latest audited write,
    ``audit.latest_write``, and the date, so it is never stale); the officer and deadline
    filters are applied to it, so every filter shares one computation.
    """
    window = chosen["window"]
    key = f"triage:{la_id}:{audit.latest_write(la_id)}:{today.isoformat()}:{window}"

    def compute() -> list[tuple[scoring.Score, scoring.CaseFacts]]:
        facts = {f.case_id: f for f in scoring.triage_facts(cases, today, window)}
        return [(s, facts[s.case_id]) for s in scoring.rank(facts.values(), today)]

    ranked = RANKINGS.get_or_set(key, compute)
    officer, rule = chosen.get("officer"), chosen.get("rule", "")
    return [
        score
        for score, facts in ranked
        if (officer is None or facts.officer_id == officer.pk)
        and (not rule or any(d.rule == rule for d in facts.deadlines))
    ]


urlpatterns: list[URLPattern] = [path("triage/", triage, name="triage")]

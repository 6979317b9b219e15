"""Triage: overdue and soon-due work across the service, ordered by risk (docs/triage.md)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from senda.casework import triage as scoring
from senda.casework.models import Case
from senda.web.access import visible_cases
from senda.web.filters import TriageFilterForm
from senda.web.views.caseload import require_la_staff

PAGE_SIZE = 25


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    membership = require_la_staff(request.user)
    form = TriageFilterForm(request.GET, la=membership.la)
    chosen = form.filters()
    today = timezone.localdate()
    cases = visible_cases(request.user)
    if "officer" in chosen:
        cases = cases.filter(officer=chosen["officer"])
    facts = scoring.triage_facts(cases, today, chosen["window"], chosen.get("rule", ""))
    page = Paginator(scoring.rank(facts, today), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = Case.objects.select_related("child", "officer").in_bulk([s.case_id for s in page])
    context = {
        "form": form,
        "page_obj": page,
        "rows": [(score, shown[score.case_id]) for score in page],
        "window": chosen["window"],
        "today": today,
        "weights": [(rule, weight) for rule, weight in scoring.WEIGHTS.items()],
    }
    return render(request, "web/triage/triage.html", context)


urlpatterns: list[URLPattern] = [path("triage/", triage, name="triage")]

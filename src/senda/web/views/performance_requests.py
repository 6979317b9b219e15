"""Local request figures (``senda.performance.requests``): requests for an EHC needs
assessment, refusals to assess and new plans, from the register by calendar year and age
band (under 5s first), beside DfE's published totals for the area and England.

``/performance/requests/`` (``web:requests``): council staff and partnership board members,
as every performance page; SENCos, parents and advice-givers get 403. Aggregates only, small
numbers suppressed for everyone: no child is named or listed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda import kernel
from senda.performance import benchmarks, requests, status_shown
from senda.web.access import require_performance


@login_required
def request_figures(request: HttpRequest) -> HttpResponse:
    membership = require_performance(request.user)
    today = kernel.today()
    threshold = status_shown.threshold()
    found = requests.figures(membership.la, today, threshold=threshold)
    tables: list[dict[str, Any]] = []
    for measure in requests.FIGURES:
        lines = [line for line in found.lines if line.measure == measure]
        rows = [(band, [line.bands[n] for line in lines]) for n, band in enumerate(found.bands)]
        tables.append(
            {
                "measure": measure,
                "rows": rows,
                "totals": [line.total for line in lines],
                "dfe_area": [line.dfe_area for line in lines],
                "dfe_england": [line.dfe_england for line in lines],
            }
        )
    context = {
        "la": membership.la,
        "years": found.years,
        "partial": found.partial,
        "tables": tables,
        "published_code": found.published_code,
        "imported": benchmarks.imported(),
        "threshold": threshold,
        "today": today,
    }
    return render(request, "web/performance/requests.html", context)


urlpatterns: list[URLPattern] = [
    path("performance/requests/", request_figures, name="requests"),
]

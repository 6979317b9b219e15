"""The data-quality page: each data-quality check (``senda.interchange.quality_checks``)
for the user's area, with its count, a link to its KPI (whose trend ``senda tick`` keeps)
and the open cases behind it, listed by reference only (never a child's name). For team
managers, service managers and QA auditors; the read is audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.interchange import quality_checks
from senda.web.access import membership_for
from senda.web.navigation import DATA_QUALITY_ROLES


@login_required
def data_quality(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    if membership is None or membership.role not in DATA_QUALITY_ROLES:
        raise PermissionDenied("Only managers and quality assurance staff see this page.")
    today = kernel.today()
    results = quality_checks.run(membership.la, today)
    audit.record_list(
        user=request.user,
        request=request,
        page="data quality",
        obj=membership.la,
        la_id=membership.la_id,
    )
    context = {
        "results": results,
        "today": today,
        "total": sum(result.count for result in results),
    }
    return render(request, "web/data_quality/page.html", context)


urlpatterns: list[URLPattern] = [
    path("data-quality/", data_quality, name="data-quality"),
]

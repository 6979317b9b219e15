"""The data-quality page: each data-quality check (``senda.interchange.quality_checks``)
for the user's area, with its count, its owner (team and service managers assign them),
its trend (the daily counts ``senda tick`` keeps for its KPI) and the open cases behind it,
listed by reference only (never a child's name), each linked to where the problem is put
right. For team managers, service managers and QA auditors; the read is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import audit, kernel
from senda.interchange import fix_links, owners, quality_checks
from senda.people.models import Membership
from senda.performance import daily
from senda.web.access import membership_for
from senda.web.forms.data_quality import CheckOwnerForm
from senda.web.forms.errors import saved
from senda.web.navigation import DATA_QUALITY_ROLES
from senda.web.tables import data_quality as tables


def require_data_quality(user: object) -> Membership:
    membership = membership_for(user)
    if membership is None or membership.role not in DATA_QUALITY_ROLES:
        raise PermissionDenied("Only managers and quality assurance staff see this page.")
    return membership


@login_required
def data_quality(request: HttpRequest) -> HttpResponse:
    membership = require_data_quality(request.user)
    la = membership.la
    may_assign = owners.can_assign(request.user, la)
    posted: CheckOwnerForm | None = None
    posted_check = ""
    if request.method == "POST":
        if not may_assign:
            raise PermissionDenied("Only team managers and service managers assign owners.")
        posted_check = CheckOwnerForm.posted_check(request.POST)
        posted = CheckOwnerForm(request.POST, la=la, check_id=posted_check)
        if posted.is_valid():
            chosen = posted.cleaned_data
            write = lambda: owners.assign_owner(  # noqa: E731
                la=la, check_id=chosen["check"], owner=chosen["owner"], by=request.user
            )
            if saved(posted, write):
                title = quality_checks.BY_ID[chosen["check"]].title
                messages.success(request, f"The owner of “{title}” is saved.")
                return redirect(reverse("web:data-quality") + f"#check-{chosen['check']}")
    today = kernel.today()
    results = quality_checks.run(la, today)
    audit.record_list(
        user=request.user, request=request, page="data quality", obj=la, la_id=membership.la_id
    )
    forms: dict[str, CheckOwnerForm] = {}
    held = owners.of_area(la)
    if may_assign:
        for result in results:
            check_id = result.check.id
            row = held.get(check_id)
            initial = {"owner": row.owner_id if row else None}
            forms[check_id] = CheckOwnerForm(la=la, check_id=check_id, initial=initial)
        if posted is not None:
            forms[posted_check] = posted
    case_ids = [pk for result in results for pk in result.case_ids]
    context = {
        "sections": tables.sections(
            results,
            owners=held,
            counts=daily.counts(
                la, [r.check.id for r in results], since=tables.trend_since(today), until=today
            ),
            children=fix_links.children_of_cases(la, case_ids),
            details=membership.role in owners.ASSIGN_ROLES,
            forms=forms,
        ),
        "posted": posted,
        "today": today,
        "total": sum(result.count for result in results),
        "checks": len(results),
    }
    return render(request, "web/data_quality/page.html", context)


urlpatterns: list[URLPattern] = [
    path("data-quality/", data_quality, name="data-quality"),
]

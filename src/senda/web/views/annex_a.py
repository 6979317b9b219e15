"""The Annex A page (``/annex-a/``): the child-level lists an area SEND inspection asks
for (``senda.interchange.annex_a``), with each list's row count and Senda's checks on
them, and the lists as an XLSX download in the published layout.

Preparing for an inspection is a managers' task: the page is for the data-quality page's
roles (team and service managers, QA auditors), and linked from it. The page shows
findings by list, row, column and Senda's child id, never a child's name; viewing it is
audited as a read of a list, the download as an export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda import audit, exports, kernel
from senda.interchange import annex_a
from senda.people.models import Membership
from senda.web.access import membership_for
from senda.web.navigation import DATA_QUALITY_ROLES

#: The page lists at most this many findings; the download has them all.
SHOWN = 200


def _manager(request: HttpRequest) -> Membership:
    membership = membership_for(request.user)
    if membership is None or membership.role not in DATA_QUALITY_ROLES:
        raise PermissionDenied("Only managers and quality assurance staff see this page.")
    return membership


@login_required
def annex_a_page(request: HttpRequest) -> HttpResponse:
    membership = _manager(request)
    today = kernel.today()
    lists = annex_a.build(membership.la, today)
    findings = annex_a.annex_a_checks(lists, today)
    audit.record_list(
        user=request.user,
        request=request,
        page="annex a",
        obj=membership.la,
        la_id=membership.la_id,
    )
    context = {
        "lists": lists,
        "findings": findings[:SHOWN],
        "total": len(findings),
        "errors": sum(1 for finding in findings if finding.level == annex_a.ERROR),
        "more": max(0, len(findings) - SHOWN),
        "today": today,
    }
    return render(request, "web/annex_a/page.html", context)


@login_required
def annex_a_xlsx(request: HttpRequest) -> HttpResponse:
    membership = _manager(request)
    today = kernel.today()
    lists = annex_a.build(membership.la, today)
    findings = annex_a.annex_a_checks(lists, today)
    counts = " ".join(f"{annex.key.replace(' ', '').lower()}={len(annex.rows)}" for annex in lists)
    audit.record(
        user=request.user,
        verb="export",
        obj=membership.la,
        request=request,
        la_id=membership.la_id,
        summary=f"annex a xlsx: {counts} findings={len(findings)}",
    )
    response = HttpResponse(annex_a.workbook(lists, findings), content_type=exports.XLSX)
    filename = f"annex-a-{membership.la.code}-{today:%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns: list[URLPattern] = [
    path("annex-a/", annex_a_page, name="annex-a"),
    path("annex-a/annex-a.xlsx", annex_a_xlsx, name="annex-a-xlsx"),
]

"""The council's received tray (docs/portal/tray.md): review reports the settings sent,
oldest first, to log or return; and advice answered lately.

Council casework staff of the area (case officers, team and service managers) log and
return; a QA auditor reads. Anyone else: 403 (the tray is never theirs); another area's
report: 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.people.models import Membership
from senda.portal.access import reports_for
from senda.portal.models import ReviewReport
from senda.portal.tray import answered_advice, log_report, received_tray, report_answers
from senda.portal.tray import return_report as return_action
from senda.web.access import require_la_staff
from senda.web.forms.errors import saved
from senda.web.forms.portal_tray import LogReportForm, ReturnReportForm
from senda.web.tables.portal_uploads import files_table


def _writer(membership: Membership) -> bool:
    return membership.can_write_casework(membership.la_id)


def _report(request: HttpRequest, report_id: int, *, write: bool = False) -> ReviewReport:
    """The area's report (404 otherwise); 403 for a role that may not use the tray, or
    may not change it when ``write``."""
    membership = require_la_staff(request.user)
    if write and not _writer(membership):
        raise PermissionDenied("A QA auditor can read the tray but not log or return reports.")
    reports = reports_for(request.user).select_related("case__child", "setting", "plan")
    return get_object_or_404(reports, pk=report_id)


def _read(request: HttpRequest, report: ReviewReport) -> None:
    audit.record(
        user=request.user,
        verb="read",
        obj=report,
        child=report.case.child,
        request=request,
        summary=f"case {report.case_id}: review report {report.pk} read",
    )


@login_required
def tray(request: HttpRequest) -> HttpResponse:
    membership = require_la_staff(request.user)
    today = kernel.today()
    entries = received_tray(membership.la, today)
    advice = list(answered_advice(membership.la, today))
    audit.record_list(user=request.user, request=request, page="received tray", obj=membership.la)
    context = {"entries": entries, "advice": advice, "today": today}
    return render(request, "web/portal/tray/list.html", context)


@login_required
def tray_report(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    membership = require_la_staff(request.user)
    _read(request, report)
    uploads = list(report.uploads.all())
    context: dict[str, Any] = {
        "report": report,
        "sections": report_answers(report, kernel.today()),
        "files": files_table(uploads) if uploads else "",
        "can_act": _writer(membership) and report.status == ReviewReport.Status.SUBMITTED,
        "return_form": ReturnReportForm(),
        "returns": list(report.returns.all()),
    }
    return render(request, "web/portal/tray/report.html", context)


@login_required
def tray_log(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, write=True)
    form = LogReportForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(form, lambda: log_report(report=report, by=request.user))
    ):
        messages.success(request, f"Review report {report.pk} logged for case {report.case_id}.")
        return redirect("web:portal-tray")
    _read(request, report)
    return render(request, "web/portal/tray/log.html", {"report": report, "form": form})


@login_required
def tray_return(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, write=True)
    form = ReturnReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if saved(form, lambda: return_action(report=report, reason=reason, by=request.user)):
            messages.success(
                request, f"Review report {report.pk} returned to the setting with your reason."
            )
            return redirect("web:portal-tray")
    _read(request, report)
    return render(request, "web/portal/tray/return.html", {"report": report, "form": form})


urlpatterns: list[URLPattern] = [
    path("portal/tray/", tray, name="portal-tray"),
    path("portal/tray/<id:report_id>/", tray_report, name="portal-tray-report"),
    path("portal/tray/<id:report_id>/log/", tray_log, name="portal-tray-log"),
    path("portal/tray/<id:report_id>/return/", tray_return, name="portal-tray-return"),
]

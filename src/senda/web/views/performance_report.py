"""The quarterly performance report: the page, its PDF and its XLSX workbook.

For the local area's staff (``LA_WIDE_ROLES``) and partnership board members: figures are
aggregates, suppressed as for any paper that leaves the service. SENCos, parents and users
without a role get 403. ``?quarter=2026-27-q2`` chooses the quarter; without it the page
shows the latest complete quarter (``senda.performance.report.quarters``). A quarter that
has not started, or a key that is not a quarter, is 404. The report carries the
partnership's priorities from the area's newest improvement plan (``build``). The PDF is
tagged (headings, tables, reading order) for screen readers. Each download of the PDF or the
XLSX writes an ``export`` audit row.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.exports import XLSX
from senda.improvement import priorities
from senda.people.models import LocalAuthority
from senda.performance import report
from senda.performance.periods import Period
from senda.performance.status_shown import threshold
from senda.web.access import require_performance
from senda.web.forms.performance import ReportQuarterForm
from senda.web.pdf import pdf_bytes


def build(la: LocalAuthority, quarter: Period, day: date) -> report.Report:
    """The report with the partnership's priorities, which the plan makes: ``performance``
    may not read ``improvement``, so the page composes the two (ADR 0033)."""
    return report.build(la, quarter, day, priorities=priorities.for_report(la, quarter))


def quarter_from(key: str | None, day: date) -> Period:
    try:
        return report.quarters.chosen(key, day)
    except ValueError:
        raise Http404("No report for that quarter.") from None


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    la = require_performance(request.user).la
    day = kernel.today()
    quarter = quarter_from(request.GET.get("quarter"), day)
    content = build(la, quarter, day)
    context = {
        "content": content,
        "form": ReportQuarterForm(day, quarter),
        "threshold": threshold(),
    }
    return render(request, "web/performance/report.html", context)


@login_required
def report_pdf(request: HttpRequest, quarter: str) -> HttpResponse:
    la = require_performance(request.user).la
    day = kernel.today()
    content = build(la, quarter_from(quarter, day), day)
    context = {"content": content, "threshold": threshold()}
    html = render_to_string("web/performance/report_print.html", context)
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    return _download(request, response, content, "pdf")


@login_required
def report_xlsx(request: HttpRequest, quarter: str) -> HttpResponse:
    la = require_performance(request.user).la
    day = kernel.today()
    content = build(la, quarter_from(quarter, day), day)
    response = HttpResponse(report.xlsx.write(content), content_type=XLSX)
    return _download(request, response, content, "xlsx")


def _download(
    request: HttpRequest, response: HttpResponse, content: report.Report, kind: str
) -> HttpResponse:
    name = f"performance-report-{content.quarter.key}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    summary = f"performance report {content.quarter.key} {kind}"
    audit.record(
        user=request.user,
        verb="export",
        obj=content.la,
        request=request,
        summary=summary,
        la_id=content.la.pk,
    )
    return response


urlpatterns: list[URLPattern] = [
    path("performance/report/", report_page, name="report"),
    path("performance/report/<str:quarter>.pdf", report_pdf, name="report-pdf"),
    path("performance/report/<str:quarter>.xlsx", report_xlsx, name="report-xlsx"),
]

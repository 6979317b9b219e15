"""The termly QA report: the list (create the next one), the report itself (publish it,
add recommendations, mark them implemented), its PDF and its XLSX
(``senda.quality.report``; ``docs/quality/report.md``).

Council QA staff (``quality.access.qa_staff``) read every report of their area; QA leads
(``qa_lead``) write. Partnership board members read the list and the reports once
published (an unpublished one is 404 to them). Everyone else gets 403; a report of another
area is 404. Figures are aggregates with small numbers hidden (the report goes to
partners); each download writes an ``export`` audit row.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.exports import XLSX
from senda.people.models import LocalAuthority, Role
from senda.performance.status_shown import threshold
from senda.quality import report as qa_report
from senda.quality.access import qa_lead, qa_staff
from senda.quality.models import QAReport
from senda.web.access import membership_for
from senda.web.forms import qa_report as f
from senda.web.forms.errors import saved
from senda.web.pdf import pdf_bytes

#: How many past terms the list offers to create a report for.
TERMS_OFFERED = 3


def _reader(user: object) -> tuple[LocalAuthority, bool]:
    """The reader's local area and whether they are QA staff (else a board member, who
    reads published reports only); 403 for anyone else."""
    staff = qa_staff(user)
    if staff is not None:
        return staff.la, True
    membership = membership_for(user)
    if membership is not None and membership.role == Role.BOARD_MEMBER:
        return membership.la, False
    raise PermissionDenied("Your role does not see QA reports.")


def _reports(la: LocalAuthority, staff: bool) -> QuerySet[QAReport]:
    rows = QAReport.objects.filter(la=la).select_related("la")
    return rows if staff else rows.filter(published_on__isnull=False)


def _report(request: HttpRequest, qa_report_id: int) -> tuple[QAReport, bool]:
    la, staff = _reader(request.user)
    found = _reports(la, staff).filter(pk=qa_report_id).first()
    if found is None:
        raise Http404("No such report.")
    return found, staff


def _is_lead(request: HttpRequest, found: QAReport) -> bool:
    lead = qa_lead(request.user)
    return lead is not None and lead.la_id == found.la_id


def _terms_to_create(la: LocalAuthority) -> list[tuple[str, str]]:
    """The current term and the few before it that have no report yet."""
    term = qa_report.term_of(kernel.today())
    taken = set(QAReport.objects.filter(la=la).values_list("period_start", flat=True))
    offered = []
    for _ in range(TERMS_OFFERED + 1):
        if term.start not in taken:
            offered.append((term.start.isoformat(), term.name))
        term = qa_report.term_of(term.start - timedelta(days=1))
    return offered


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    la, staff = _reader(request.user)
    lead = qa_lead(request.user) is not None and staff
    terms = _terms_to_create(la) if lead else []
    form = None
    if lead:
        form = f.CreateReportForm(request.POST if request.method == "POST" else None, terms=terms)
        if request.method == "POST" and form.is_valid():
            start = date.fromisoformat(form.cleaned_data["term_start"])
            made: list[QAReport] = []
            if saved(
                form,
                lambda: made.append(
                    qa_report.create_report(la=la, term_start=start, by=request.user)
                ),
            ):
                messages.success(request, f"Report for {made[0].term} created.")
                return redirect("web:qa-report", qa_report_id=made[0].pk)
    elif request.method == "POST":
        raise PermissionDenied("Only a QA lead creates reports.")
    today = kernel.today()
    rows = list(_reports(la, staff).order_by("-period_start"))
    context = {"reports": rows, "form": form, "terms": terms, "staff": staff, "today": today}
    return render(request, "web/qa/report/list.html", context)


@login_required
def report_page(request: HttpRequest, qa_report_id: int) -> HttpResponse:
    found, staff = _report(request, qa_report_id)
    lead = staff and _is_lead(request, found)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted is not None and not lead:
        raise PermissionDenied("Only a QA lead changes a report.")
    open_recs = found.recommendations.filter(implemented_on__isnull=True).order_by("due_on", "pk")
    publish = f.PublishForm(request.POST if posted == "publish" else None, prefix="publish")
    if posted == "add" and found.published_on is not None:
        raise PermissionDenied("A published report's recommendations are fixed.")
    add = f.RecommendationForm(request.POST if posted == "add" else None, prefix="add")
    done = f.ImplementedForm(
        request.POST if posted == "done" else None, prefix="done", recommendations=open_recs
    )
    if posted == "publish" and publish.is_valid():
        summary = publish.cleaned_data["summary"]
        if saved(
            publish,
            lambda: qa_report.publish_report(
                report=found, summary=summary, by=request.user, threshold=threshold()
            ),
        ):
            messages.success(request, "Report published.")
            return redirect("web:qa-report", qa_report_id=found.pk)
    if posted == "add" and add.is_valid():
        data = add.cleaned_data
        if saved(
            add,
            lambda: qa_report.add_recommendation(
                report=found,
                text=data["text"],
                owner=data["owner"],
                due_on=data["due_on"],
                by=request.user,
            ),
        ):
            messages.success(request, "Recommendation added.")
            return redirect("web:qa-report", qa_report_id=found.pk)
    if posted == "done" and done.is_valid():
        data = done.cleaned_data
        if saved(
            done,
            lambda: qa_report.mark_implemented(
                recommendation=data["recommendation"], note=data["note"], by=request.user
            ),
        ):
            messages.success(request, "Recommendation marked implemented.")
            return redirect("web:qa-report", qa_report_id=found.pk)
    content = qa_report.build(found, threshold=threshold())
    audit.record(
        user=request.user,
        verb="read",
        obj=found,
        request=request,
        summary=f"QA report {found.pk}",
        la_id=found.la_id,
    )
    today = kernel.today()
    context = {
        "content": content,
        "lead": lead,
        "can_publish": lead and found.published_on is None and today > found.period_end,
        "publish": publish,
        "add": add if found.published_on is None else None,
        "done": done if open_recs.exists() else None,
        "today": today,
    }
    return render(request, "web/qa/report/detail.html", context)


def _download(
    request: HttpRequest, found: QAReport, body: bytes, kind: str, content_type: str
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    name = f"qa-report-{found.period_start:%Y-%m}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit.record(
        user=request.user,
        verb="export",
        obj=found,
        request=request,
        summary=f"QA report {found.pk} {kind}",
        la_id=found.la_id,
    )
    return response


@login_required
def report_pdf(request: HttpRequest, qa_report_id: int) -> HttpResponse:
    found, _staff = _report(request, qa_report_id)
    content = qa_report.build(found, threshold=threshold())
    html = render_to_string("web/qa/report/print.html", {"content": content})
    return _download(request, found, pdf_bytes(html), "pdf", "application/pdf")


@login_required
def report_xlsx(request: HttpRequest, qa_report_id: int) -> HttpResponse:
    found, _staff = _report(request, qa_report_id)
    content = qa_report.build(found, threshold=threshold())
    return _download(request, found, qa_report.xlsx(content), "xlsx", XLSX)


urlpatterns: list[URLPattern] = [
    path("qa/reports/", report_list, name="qa-reports"),
    path("qa/reports/<id:qa_report_id>/", report_page, name="qa-report"),
    path("qa/reports/<id:qa_report_id>/pdf/", report_pdf, name="qa-report-pdf"),
    path("qa/reports/<id:qa_report_id>/xlsx/", report_xlsx, name="qa-report-xlsx"),
]

"""Samples of plans for audit (issue 15, docs/quality/sampling.md): the list, drawing a
sample, a sample's plans (case references only) with why each is in it and its audit, its
CSV and XLSX, and adding a plan on purpose.

Council staff of the area read (``qa_staff``; anyone else 403); QA leads draw and add
(``qa_lead``; other staff 403). Another area's sample: 404. Every page is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, exports, kernel
from senda.casework.models import Case
from senda.people.models import Membership
from senda.quality import samples as sampling_actions
from senda.quality.access import qa_lead, qa_staff
from senda.quality.models import Sample, SampleItem
from senda.web.forms.errors import saved
from senda.web.forms.qa_samples import PurposiveForm, SampleForm
from senda.web.tables import qa_samples as tables

PER_PAGE = 100
EXPORT_HEAD = [
    "Case reference",
    "Plan",
    "Stratum",
    "Why it is in the sample",
    "Includes a review",
    "On purpose",
    "Audit",
]


def _staff(request: HttpRequest) -> Membership:
    membership = qa_staff(request.user)
    if membership is None:
        raise PermissionDenied("Your role does not see samples for audit.")
    return membership


def _lead(request: HttpRequest) -> Membership:
    membership = qa_lead(request.user)
    if membership is None:
        raise PermissionDenied("Only a QA lead draws samples.")
    return membership


def _sample(membership: Membership, sample_id: int) -> Sample:
    sample = Sample.objects.filter(la_id=membership.la_id, pk=sample_id).first()
    if sample is None:
        raise Http404("No such sample.")
    return sample


def _counted(samples: Any) -> Any:
    return samples.annotate(
        drawn_count=Count("items", filter=Q(items__purposive=False), distinct=True),
        purposive_count=Count("items", filter=Q(items__purposive=True), distinct=True),
        opened_count=Count(
            "items__audits", filter=Q(items__audits__withdrawn_on__isnull=True), distinct=True
        ),
        submitted_count=Count(
            "items__audits", filter=Q(items__audits__submitted_on__isnull=False), distinct=True
        ),
    )


@login_required
def sample_list(request: HttpRequest) -> HttpResponse:
    membership = _staff(request)
    page = Paginator(
        _counted(Sample.objects.filter(la_id=membership.la_id)).order_by("-period_start", "-id"), 25
    ).get_page(request.GET.get("page"))
    audit.record_list(
        user=request.user, request=request, page="qa samples", obj=membership.la, number=page.number
    )
    context = {
        "page": page,
        "table": tables.samples_table(page),
        "may_draw": qa_lead(request.user) is not None,
    }
    return render(request, "web/qa/samples/list.html", context)


@login_required
def sample_new(request: HttpRequest) -> HttpResponse:
    membership = _lead(request)
    today = kernel.today()
    form = SampleForm(request.POST if request.method == "POST" else None, today=today)
    drawn: list[Sample] = []
    if form.is_bound and form.is_valid():
        arguments = form.arguments()

        def write() -> None:
            drawn.append(
                sampling_actions.draw_sample(
                    la=membership.la, by=request.user, today=today, **arguments
                )
            )

        if saved(form, write):
            messages.success(request, f"Sample drawn: {drawn[0].items.count()} plans.")
            return redirect("web:qa-sample", sample_id=drawn[0].pk)
    return render(request, "web/qa/samples/new.html", {"form": form})


def _items(sample: Sample, purposive: bool) -> Any:
    return (
        SampleItem.objects.filter(sample=sample, purposive=purposive)
        .prefetch_related("audits")
        .order_by("case_id", "pk")
    )


@login_required
def sample_page(request: HttpRequest, sample_id: int) -> HttpResponse:
    membership = _staff(request)
    sample = _sample(membership, sample_id)
    may_open = qa_lead(request.user) is not None
    page = Paginator(_items(sample, False), PER_PAGE).get_page(request.GET.get("page"))
    added = list(_items(sample, True))
    audit.record_list(
        user=request.user,
        request=request,
        page="qa sample",
        obj=sample,
        filters={"sample": sample.pk},
        number=page.number,
        la_id=sample.la_id,
    )
    context = {
        "sample": sample,
        "page": page,
        "period": tables.period(sample),
        "share": tables.percent(sample.share),
        "review_share": tables.percent(sample.review_share),
        "strata": sample.strata.replace(" ", ", ") or "not stratified",
        "drawn_total": page.paginator.count,
        "reviewed_total": SampleItem.objects.filter(
            sample=sample, purposive=False, includes_review=True
        ).count(),
        "drawn_table": tables.items_table(
            page, caption="Drawn at random", may_open=may_open, purposive=False
        ),
        "added_table": tables.items_table(
            added, caption="Added on purpose", may_open=may_open, purposive=True
        )
        if added
        else "",
        "may_add": may_open,
    }
    return render(request, "web/qa/samples/sample.html", context)


def _export_rows(sample: Sample) -> list[list[Any]]:
    rows = []
    for item in SampleItem.objects.filter(sample=sample).prefetch_related("audits"):
        status, _ = tables.audit_status(item)
        rows.append(
            [
                f"R-{item.case_id}",
                item.plan_id,
                item.stratum,
                item.reason,
                "Yes" if item.includes_review else "No",
                "Yes" if item.purposive else "No",
                status,
            ]
        )
    return rows


def _export(request: HttpRequest, sample_id: int, kind: str) -> HttpResponse:
    membership = _staff(request)
    sample = _sample(membership, sample_id)
    rows = _export_rows(sample)
    audit.record(
        user=request.user,
        verb="export",
        obj=sample,
        request=request,
        la_id=sample.la_id,
        summary=f"qa sample {kind}: sample={sample.pk} rows={len(rows)}",
    )
    filename = f"sample-{sample.pk}-{sample.period_start:%Y-%m}.{kind}"
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        exports.write_csv(response, [EXPORT_HEAD, *rows])
    else:
        book = exports.workbook()
        sheet = book.active
        sheet.title = "Sample"
        for row in [EXPORT_HEAD, *rows]:
            sheet.append(row)
        response = HttpResponse(exports.xlsx(book), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def sample_csv(request: HttpRequest, sample_id: int) -> HttpResponse:
    return _export(request, sample_id, "csv")


@login_required
def sample_xlsx(request: HttpRequest, sample_id: int) -> HttpResponse:
    return _export(request, sample_id, "xlsx")


@login_required
def sample_add(request: HttpRequest, sample_id: int) -> HttpResponse:
    membership = _staff(request)
    sample = _sample(membership, sample_id)
    _lead(request)
    form = PurposiveForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        case_id = form.cleaned_data["case_ref"]
        case = Case.objects.filter(la_id=sample.la_id, pk=case_id).first()
        plan = case.plans.live(kernel.today()).first() if case is not None else None
        if plan is None:
            form.add_error("case_ref", f"There is no case R-{case_id} with a live plan here")
        elif saved(
            form,
            lambda: sampling_actions.add_purposive(
                sample=sample, plan=plan, reason=form.cleaned_data["reason"], by=request.user
            ),
        ):
            messages.success(request, f"R-{case_id} added to the sample.")
            return redirect("web:qa-sample", sample_id=sample.pk)
    audit.record(user=request.user, verb="read", obj=sample, request=request, la_id=sample.la_id)
    return render(request, "web/qa/samples/add.html", {"form": form, "sample": sample})


urlpatterns: list[URLPattern] = [
    path("qa/samples/", sample_list, name="qa-samples"),
    path("qa/samples/new/", sample_new, name="qa-sample-new"),
    path("qa/samples/<id:sample_id>/", sample_page, name="qa-sample"),
    path("qa/samples/<id:sample_id>/sample.csv", sample_csv, name="qa-sample-csv"),
    path("qa/samples/<id:sample_id>/sample.xlsx", sample_xlsx, name="qa-sample-xlsx"),
    path("qa/samples/<id:sample_id>/add/", sample_add, name="qa-sample-add"),
]

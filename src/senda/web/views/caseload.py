"""My caseload and the all-cases list: filters, sorting, paging and CSV export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, exports, kernel
from senda.casework.caseloads import CASELOAD_MANAGER_ROLES
from senda.casework.models import Case
from senda.casework.models.cases import CaseQuerySet
from senda.people.models import Membership
from senda.people.names import display_name
from senda.web import filters
from senda.web.access import (
    FAMILY_ROLES,
    LA_WIDE_ROLES,
    membership_for,
    require_case_list,
    require_la_staff,
    visible_cases,
)
from senda.web.formats import year_group_label
from senda.web.forms.cases import CaseStatusForm
from senda.web.tables.casework import rule_title

PAGE_SIZE = 50


def _caseload(request: HttpRequest) -> tuple[Membership, filters.CaseFilterForm, CaseQuerySet]:
    """The filter form and the filtered, sorted cases of one officer (default: the user).
    Team and service managers may choose another officer."""
    membership = require_la_staff(request.user)
    may_choose = membership.role in CASELOAD_MANAGER_ROLES
    form = filters.CaseFilterForm(request.GET, la=membership.la, with_officer=may_choose)
    chosen = form.filters()
    chosen["officer"] = chosen.get("officer") or request.user
    today = kernel.today()
    cases = visible_cases(request.user).open().with_next_deadline(today)
    cases = cases.filtered(today=today, **chosen)
    return membership, form, cases.none() if form.errors else cases


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    membership, form, cases = _caseload(request)
    officer = form.filters().get("officer") or request.user
    page = Paginator(_with_related(cases), PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record_list(
        user=request.user,
        request=request,
        page="caseload",
        obj=membership.la,
        filters={**form.filters(), "officer": officer},
        number=page.number,
    )
    context = {
        "form": form,
        "page_obj": page,
        "officer": officer,
        "own": officer == request.user,
        "officer_name": display_name(officer, "Unassigned"),
        "today": kernel.today(),
        "export_query": _without_page(request),
    }
    return render(request, "web/caseload/caseload.html", context)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """Every case the user may see: LA staff their area's open cases (filtered), SENCos and
    advice-givers every case in their scope, open, closed or both (``status_form``). A
    parent or young person is sent to their own page, "Where we are"."""
    require_case_list(request.user)
    membership = membership_for(request.user)
    if membership is not None and membership.role in FAMILY_ROLES:
        return redirect("web:family-home")
    today = kernel.today()
    cases = visible_cases(request.user).with_next_deadline(today)
    form: filters.CaseFilterForm | None = None
    status_form: CaseStatusForm | None = None
    if membership is not None and membership.role in LA_WIDE_ROLES:
        form = filters.CaseFilterForm(request.GET, la=membership.la, with_officer=True)
        cases = cases.open().filtered(today=today, **form.filters())
        cases = cases.none() if form.errors else cases
        chosen = form.filters()
    else:
        status_form = CaseStatusForm(request.GET)
        cases = status_form.narrow(cases).sorted_by(None)
        chosen = status_form.filters()
    page = Paginator(_with_related(cases), PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record_list(
        user=request.user,
        request=request,
        page="case list",
        obj=membership.la,  # type: ignore[union-attr]  # require_case_list: a membership
        filters=chosen,
        number=page.number,
    )
    context = {"form": form, "status_form": status_form, "page_obj": page, "today": today}
    return render(request, "web/cases/list.html", context)


@login_required
def caseload_csv(request: HttpRequest) -> HttpResponse:
    """The filtered caseload as CSV: every row, not one page. One ``export`` audit entry."""
    membership, form, cases = _caseload(request)
    chosen = form.filters()
    officer = chosen.get("officer") or request.user
    today = kernel.today()
    rows = [_csv_row(case, today) for case in _with_related(cases)]
    summary = f"caseload csv: officer={officer.pk} {filters.describe(chosen)} rows={len(rows)}"
    audit.record(
        user=request.user, verb="export", obj=membership.la, request=request, summary=summary
    )
    filename = f"caseload-officer-{officer.pk}-{today:%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    exports.write_csv(response, [CSV_HEAD, *rows])
    return response


CSV_HEAD = [
    "Case ID",
    "Child",
    "Setting",
    "Year group",
    "Stage",
    "Next deadline",
    "Due",
    "Status",
    "Officer",
]


def _csv_row(case: Case, today: Any) -> list[Any]:
    annotated: Any = case
    setting = case.child.setting
    return [
        case.pk,
        str(case.child),
        setting.name if setting else "",
        year_group_label(case.child.year_group(today)),
        filters.STAGES.get(annotated.stage, annotated.stage),
        rule_title(annotated.next_rule) if annotated.next_rule else "",
        annotated.next_due.isoformat() if annotated.next_due else "",
        filters.STATUSES.get(annotated.next_status, annotated.next_status),
        display_name(case.officer, "Unassigned"),
    ]


def _with_related(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related("child__setting", "officer")


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


urlpatterns: list[URLPattern] = [
    path("caseload/", caseload, name="caseload"),
    path("caseload/export.csv", caseload_csv, name="caseload-csv"),
]

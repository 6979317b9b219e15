"""Case list and case page (read-only)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from senda import audit
from senda.casework.models import Case, DeadlineRow
from senda.web.access import get_case_for_user, require_case_list, visible_cases

PAGE_SIZE = 50
OPEN_STATUSES = ("pending", "overdue")


def with_next_deadline(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with its earliest open deadline: one query, however many cases."""
    open_rows = DeadlineRow.objects.filter(case=OuterRef("pk"), status__in=OPEN_STATUSES)
    first = open_rows.order_by("due", "rule")
    return cases.annotate(
        next_rule=Subquery(first.values("rule")[:1]),
        next_due=Subquery(first.values("due")[:1]),
        next_status=Subquery(first.values("status")[:1]),
    )


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    require_case_list(request.user)
    cases = with_next_deadline(visible_cases(request.user)).select_related("child", "officer")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/cases/list.html", {"page_obj": page})


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id)
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    context = {
        "case": case,
        "year_group": case.child.year_group(timezone.localdate()),
        "events": case.events.all(),
        "deadlines": case.deadlines.all(),
    }
    return render(request, "web/cases/detail.html", context)

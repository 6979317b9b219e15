"""Team view for managers: caseloads against target, overdue work, reassigning cases.

Team managers and service managers only: everyone else gets 403 (case officers included,
and they have no "Team" link); an officer or case outside the user's area is 404 first.
The cases to move are listed at ``/team/officers/<id>/`` (an officer's open cases),
``/team/unallocated/`` and ``/team/cases/<id>/`` (one case: the link for a case page); each
form posts to ``/team/reassign/`` (POST only), which names its source in hidden fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import audit, kernel
from senda.casework.actions import reassign_cases
from senda.casework.caseloads import (
    CASE_HOLDER_ROLES,
    CASELOAD_MANAGER_ROLES,
    OfficerLoad,
    Suggestion,
    caseload_by_officer,
    suggest_receiver,
    team_caseloads,
    team_totals,
)
from senda.casework.models import Case
from senda.casework.models.deadlines import row_overdue_on
from senda.kernel import ActionError
from senda.people.models import Membership
from senda.people.names import display_name
from senda.web.access import get_case_for_user, membership_for
from senda.web.forms.errors import show_action_error
from senda.web.forms.fields import LARGEST_INTEGER
from senda.web.forms.team import ReassignForm

PAGE_SIZE = 50


def require_caseload_manager(user: User) -> Membership:
    """The user's membership if they manage caseloads (team or service manager); else 403."""
    membership = membership_for(user)
    if membership is None or membership.role not in CASELOAD_MANAGER_ROLES:
        raise PermissionDenied("Only team managers and service managers see the team view.")
    return membership


@login_required
def team(request: HttpRequest) -> HttpResponse:
    membership = require_caseload_manager(request.user)
    team = team_caseloads(membership.la)
    context = {
        "la": membership.la,
        "loads": team.loads,
        "totals": team_totals(team.loads),
        "unallocated": team.unallocated,
        "held_by_others": team.held_by_others,
        "overdue_reviews": team.overdue_reviews,
    }
    return render(request, "web/team/team.html", context)


@dataclass
class Source:
    """Where the cases to move come from: the page listing them and the hidden fields
    that name it when the form posts back."""

    cases: QuerySet[Case]
    holder: User | None
    heading: str
    url: str
    keep: dict[str, str]


def _open_cases(membership: Membership) -> QuerySet[Case]:
    return Case.objects.for_area(membership.la_id).open()


def officer_source(user: User, officer_id: int) -> Source:
    """An officer's (or team manager's) open cases; 404 unless they work in the user's area."""
    membership = membership_for(user)
    if officer_id > LARGEST_INTEGER:  # no such user, and more than the database can compare
        raise Http404("No such officer in your area.")
    holder = (
        Membership.objects.select_related("user")
        .filter(la_id=getattr(membership, "la_id", None), role__in=CASE_HOLDER_ROLES)
        .filter(user_id=officer_id)
        .first()
    )
    if membership is None or holder is None:
        raise Http404("No such officer in your area.")
    require_caseload_manager(user)
    cases = _open_cases(membership).filter(officer_id=officer_id)
    url = reverse("web:team-officer", args=[officer_id])
    heading = f"Move cases from {display_name(holder.user)}"
    return Source(cases, holder.user, heading, url, {"from": str(officer_id)})


def unallocated_source(user: User) -> Source:
    membership = require_caseload_manager(user)
    cases = _open_cases(membership).filter(officer__isnull=True)
    url = reverse("web:team-unallocated")
    return Source(cases, None, "Allocate cases", url, {"from": "unallocated"})


def case_source(user: User, case_id: int) -> Source:
    """One open case; 404 unless the user may see it, then 403 unless they manage."""
    case = get_case_for_user(user, case_id)
    membership = require_caseload_manager(user)
    if not case.is_open or case.la_id != membership.la_id:
        raise Http404("No such open case.")
    audit.record(user=user, verb="read", obj=case, child=case.child, summary="reassign")
    url = reverse("web:team-case", args=[case.pk])
    cases = _open_cases(membership).filter(pk=case.pk)
    return Source(cases, case.officer, f"Move case {case.pk}", url, {"case": str(case.pk)})


def posted_source(user: User, data: QueryDict) -> Source:
    case, origin = _id(data.get("case", "")), data.get("from", "")
    if case is not None:
        return case_source(user, case)
    if origin == "unallocated":
        return unallocated_source(user)
    if (officer := _id(origin)) is not None:
        return officer_source(user, officer)
    raise Http404("Choose an officer, the unallocated cases or a case.")


def _id(text: str) -> int | None:
    """A posted id: ASCII digits only ("¹" is a digit to Python, but no id), within range."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(LARGEST_INTEGER)):
        return None
    return int(text) if int(text) <= LARGEST_INTEGER else None


@login_required
def officer_cases(request: HttpRequest, officer_id: int) -> HttpResponse:
    return _show(request, officer_source(request.user, officer_id))


@login_required
def unallocated_cases(request: HttpRequest) -> HttpResponse:
    return _show(request, unallocated_source(request.user))


@login_required
def case_move(request: HttpRequest, case_id: int) -> HttpResponse:
    return _show(request, case_source(request.user, case_id))


@login_required
def reassign(request: HttpRequest) -> HttpResponse:
    """POST only: move the chosen cases, or show the source page again with errors."""
    require_caseload_manager(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _show(request, posted_source(request.user, request.POST))


def _show(request: HttpRequest, source: Source) -> HttpResponse:
    membership = require_caseload_manager(request.user)
    loads = [x for x in caseload_by_officer(membership.la) if x.officer_id != _pk(source.holder)]
    params = request.POST if request.method == "POST" else request.GET
    page = Paginator(_listed(source.cases), PAGE_SIZE).get_page(params.get("page"))
    if "case" not in source.keep:  # one case's page is audited as a read of that case
        audit.record_list(
            user=request.user,
            request=request,
            page="team list",
            obj=membership.la,
            filters=source.keep,
            number=page.number,
        )
    suggestion = suggest_receiver(loads)
    form = _form(request, source, page, loads, suggestion)
    if request.method == "POST" and form.is_valid():
        moved = _move(request, form)
        if moved:
            messages.success(request, _banner(len(moved), source.holder, moved[0].officer))
            return redirect("web:team")
    context = {"source": source, "page_obj": page, "form": form, "suggestion": suggestion}
    return render(request, "web/team/reassign.html", context)


def _pk(user: User | None) -> int | None:
    return user.pk if user else None


def _listed(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The (open) cases with their child and number of overdue deadlines, by the child's
    name."""
    overdue = row_overdue_on(kernel.today(), via="deadlines__")
    return (
        cases.select_related("child")
        .annotate(overdue=Count("deadlines", filter=overdue))
        .order_by("child__family_name", "child__given_name", "pk")
    )


def _form(
    request: HttpRequest,
    source: Source,
    page: Page,
    loads: list[OfficerLoad],
    suggestion: Suggestion | None,
) -> ReassignForm:
    case_choices = [(case.pk, case_label(case)) for case in page.object_list]
    officer_choices = [(load.officer_id, officer_label(load)) for load in loads]
    choices = {"case_choices": case_choices, "officer_choices": officer_choices}
    if request.method == "POST":
        return ReassignForm(request.POST, **choices)
    initial = {
        "officer": suggestion.officer.officer_id if suggestion else None,
        "cases": [case.pk for case in page.object_list] if "case" in source.keep else [],
    }
    return ReassignForm(initial=initial, **choices)


def case_label(case: Case) -> str:
    overdue = {0: "nothing overdue", 1: "1 overdue deadline"}.get(
        case.overdue, f"{case.overdue} overdue deadlines"
    )
    return f"{case.child}, case {case.pk} ({overdue})"


def officer_label(load: OfficerLoad) -> str:
    return (
        f"{load.name}: {load.open_cases} of {load.target} cases, "
        f"{load.overdue_deadlines} overdue deadlines"
    )


def _move(request: HttpRequest, form: ReassignForm) -> list[Case]:
    officer = User.objects.get(pk=form.cleaned_data["officer"])
    try:
        return reassign_cases(
            cases=Case.objects.filter(pk__in=form.cleaned_data["cases"]),
            officer=officer,
            by=request.user,
        )
    except ActionError as error:
        show_action_error(form, error)
        return []


def _banner(count: int, holder: User | None, officer: User) -> str:
    cases = "1 case" if count == 1 else f"{count} cases"
    if holder is None:
        return f"{cases} allocated to {display_name(officer)}"
    return f"{cases} moved from {display_name(holder)} to {display_name(officer)}"


urlpatterns: list[URLPattern] = [
    path("team/", team, name="team"),
    path("team/officers/<id:officer_id>/", officer_cases, name="team-officer"),
    path("team/unallocated/", unallocated_cases, name="team-unallocated"),
    path("team/cases/<id:case_id>/", case_move, name="team-case"),
    path("team/reassign/", reassign, name="team-reassign"),
]

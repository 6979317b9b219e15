"""Preparing for adulthood: destinations (issue 18; docs/pathways.md "Destinations"):

- ``/destinations/`` (``web:destinations``, ``?send=&month=``): young people with a plan
  (or on SEN support) by the year they left Year 11, and what they were doing in the month's
  participation extract; sustained EET six months on; internships and apprenticeships
  created and filled;
- ``/destinations/children/`` (``web:destinations-children``): the young people behind a
  figure (audited);
- ``/destinations/young-people/<id>/`` (``web:destinations-young-person``): one young
  person's months in the extracts, by the council's reference (audited);
- ``/destinations/post-19/`` (``web:destinations-post-19``): young people aged 19 to 25
  with a plan and their latest activity (audited);
- ``/destinations/import/`` (``web:destinations-import``): upload a month's extract;
- ``/destinations/opportunities/`` (``web:destinations-opportunities``): record
  internships and apprenticeships created.

Who sees what: council staff who see every child of their area see the figures and the
young people; board members the figures alone, small numbers suppressed; team and service
managers import and record; everyone else 403.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.models import Case, Plan
from senda.pathways import activities, destinations
from senda.pathways.access import may_import, may_see_children, may_see_destinations
from senda.pathways.models import Participation, Send
from senda.pathways.opportunities import record_opportunity
from senda.pathways.participation_import import import_participation
from senda.people.models import Child, Membership
from senda.performance.status_shown import threshold
from senda.sheets import ImportFailed, Problem
from senda.web.forms.destinations import OpportunityForm, ParticipationForm
from senda.web.forms.placements import save
from senda.web.tables import destinations as tables
from senda.web.tables.places import Counts
from senda.web.tables.problems import problems_table

SENDS = dict(Send.choices)
LIMIT = 500


def require_destinations(user: Any, *, children: bool = False) -> Membership:
    membership = may_see_destinations(user)
    if membership is None:
        raise PermissionDenied("Your role does not see the destinations.")
    if children and not may_see_children(membership):
        raise PermissionDenied("Your role sees the destinations' figures, not the young people.")
    return membership


def require_manager(user: Any) -> Membership:
    membership = may_see_destinations(user)
    if membership is None or not may_import(user, membership.la):
        raise PermissionDenied("Only team and service managers import and record.")
    return membership


def _month(text: str, months: list[date]) -> date | None:
    for month in months:
        if f"{month:%Y-%m}" == text:
            return month
    return months[0] if months else None


def _months(la_id: int) -> list[date]:
    found = Participation.objects.filter(la_id=la_id).values_list("month", flat=True)
    return sorted(set(found.order_by().distinct()), reverse=True)


@login_required
def destinations_page(request: HttpRequest) -> HttpResponse:
    membership = require_destinations(request.user)
    staff = may_see_children(membership)
    counts = Counts(0 if staff else threshold())
    send = request.GET.get("send", Send.EHCP)
    if send not in SENDS:
        send = Send.EHCP
    months = _months(membership.la_id)
    month = _month(request.GET.get("month", ""), months)
    context: dict[str, Any] = {
        "staff": staff,
        "manager": may_import(request.user, membership.la),
        "threshold": counts.below,
        "send": send,
        "sends": Send.choices,
        "months": months,
        "month": month,
        "cohorts": "",
    }
    if month is not None:
        found = destinations.lines(membership.la_id, date(month.year - 10, 1, 1), month, send=send)
        link = {"send": send, "month": f"{month:%Y-%m}"} if staff else None
        imported = destinations.imported_months(membership.la_id)
        cohorts = destinations.by_cohort(found, month, imported)
        context["cohorts"] = tables.cohorts_table(
            f"{SENDS[send]}: by the year they left Year 11, {month:%B %Y}",
            cohorts,
            month,
            counts,
            link,
        )
        every = destinations.lines(membership.la_id, until=month)
        context["opportunities"] = tables.opportunities_table(
            destinations.opportunities(membership.la_id, every), counts
        )
    return render(request, "web/destinations/destinations.html", context)


@login_required
def children(request: HttpRequest) -> HttpResponse:
    membership = require_destinations(request.user, children=True)
    send = request.GET.get("send", Send.EHCP)
    which = request.GET.get("which", "young_people")
    months = _months(membership.la_id)
    month = _month(request.GET.get("month", ""), months)
    cohort_text = request.GET.get("cohort", "")
    known = cohort_text == "" or (cohort_text.isdigit() and len(cohort_text) == 4)
    if send not in SENDS or which not in destinations.WHICH or not known:
        raise Http404("No such list.")
    cohort = int(cohort_text) if cohort_text else None  # None: every cohort
    ids: list[int] = []
    if month is not None:
        found = destinations.lines(membership.la_id, date(month.year - 10, 1, 1), month, send=send)
        imported = destinations.imported_months(membership.la_id)
        for row in destinations.by_cohort(found, month, imported):
            if cohort is None or row.year == cohort:
                ids += row.part(which)
    records = Participation.objects.select_related("child").in_bulk(ids[:LIMIT])
    rows = [(records[pk], records[pk].child) for pk in ids[:LIMIT] if pk in records]
    audit.record_list(
        user=request.user,
        request=request,
        page="destinations",
        obj=membership.la,
        filters={"send": send, "which": which, "cohort": cohort_text, "month": f"{month:%Y-%m}"}
        if month
        else {},
        number=len(rows),
    )
    context = {
        "title": destinations.WHICH[which],
        "caption": ", ".join(
            part
            for part in (
                f"With {SENDS[send]}",
                f"left Year 11 in {cohort}" if cohort else "",
                f"{month:%B %Y}" if month else "no extract imported",
            )
            if part
        ),
        "count": len(ids),
        "shown": len(rows),
        "table": tables.records_table(rows) if rows else "",
    }
    return render(request, "web/destinations/children.html", context)


@login_required
def young_person(request: HttpRequest, participation_id: int) -> HttpResponse:
    """One young person in the participation extracts, by the council's reference: the
    months of their activity (superseded records struck through), cohort and SEND status,
    and their case where Senda holds one. ``participation_id``: any of their records. Staff who see
    the young people (the read audited); another area's record 404."""
    membership = require_destinations(request.user, children=True)
    record = (
        Participation.objects.filter(la_id=membership.la_id, pk=participation_id)
        .select_related("child")
        .first()
    )
    if record is None:
        raise Http404("No such young person.")
    records = list(Participation.objects.of_young_person(record).select_related("child"))
    latest = [r for r in records if r.pk not in {s.replaces_id for s in records}][-1]
    audit.record(
        user=request.user, verb="read", obj=latest, child=latest.child, request=request,
        summary=f"destinations: participation {latest.pk} ({len(records)} records)",
    )  # fmt: skip
    child = latest.child
    case = None
    if child is not None:
        case = Case.objects.for_area(membership.la).latest_of_children([child.pk]).get(child.pk)
    context = {
        "record": latest,
        "child": child,
        "case": case,
        "age": activities.academic_age(latest.cohort, latest.month),
        "table": tables.months_table(records),
    }
    return render(request, "web/destinations/young_person.html", context)


@login_required
def post_19(request: HttpRequest) -> HttpResponse:
    membership = require_destinations(request.user, children=True)
    today = kernel.today()
    youngest = date(today.year - 19, today.month, min(today.day, 28))
    child_ids = set(
        Plan.objects.live(today)
        .filter(case__la_id=membership.la_id, case__child__date_of_birth__lte=youngest)
        .values_list("case__child_id", flat=True)
    )
    young = [
        child
        for child in Child.objects.filter(pk__in=child_ids).order_by("date_of_birth", "pk")
        if child.date_of_birth and 19 <= activities.age_on(child.date_of_birth, today) <= 25
    ]
    latest: dict[int, Participation] = {}
    for record in (
        Participation.objects.current()
        .filter(la_id=membership.la_id, child_id__in=[c.pk for c in young])
        .order_by("month", "id")
    ):
        latest[record.child_id or 0] = record
    rows = [
        (child, activities.age_on(child.date_of_birth, today), latest.get(child.pk))
        for child in young[:LIMIT]
        if child.date_of_birth
    ]
    audit.record_list(
        user=request.user,
        request=request,
        page="destinations post-19",
        obj=membership.la,
        number=len(rows),
    )
    groups = [activities.group(r.activity) for _, _, r in rows if r is not None]
    context = {
        "count": len(young),
        "shown": len(rows),
        "eet": groups.count("eet"),
        "neet": groups.count("neet"),
        "unknown": len(rows) - groups.count("eet") - groups.count("neet"),
        "table": tables.post19_table(rows) if rows else "",
    }
    return render(request, "web/destinations/post_19.html", context)


@login_required
def import_extract(request: HttpRequest) -> HttpResponse:
    membership = require_manager(request.user)
    form = ParticipationForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_participation(
                upload.read(),
                filename=upload.name,
                la=membership.la,
                by=request.user,
                month=form.cleaned_data["month"],
            )
        except ImportFailed as failed:
            problems = failed.problems
            form.add_problems(problems)
        else:
            messages.success(request, result.summary)
            return redirect("web:destinations")
    context = {
        "form": form,
        "problems": problems_table(problems) if problems else "",
        "la": membership.la,
    }
    return render(request, "web/destinations/import.html", context)


@login_required
def opportunities(request: HttpRequest) -> HttpResponse:
    membership = require_manager(request.user)
    data = request.POST if request.method == "POST" else None
    initial = {"year": activities.academic_year(kernel.today()), "change": "add"}
    form = OpportunityForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        arguments = form.arguments()
        write = lambda: record_opportunity(la=membership.la, by=request.user, **arguments)  # noqa: E731
        if save(form, write, {}):
            messages.success(request, "The opportunity is recorded.")
            return redirect("web:destinations")
    return render(request, "web/destinations/opportunities.html", {"form": form})


urlpatterns: list[URLPattern] = [
    path("destinations/", destinations_page, name="destinations"),
    path("destinations/children/", children, name="destinations-children"),
    path(
        "destinations/young-people/<id:participation_id>/",
        young_person,
        name="destinations-young-person",
    ),
    path("destinations/post-19/", post_19, name="destinations-post-19"),
    path("destinations/import/", import_extract, name="destinations-import"),
    path("destinations/opportunities/", opportunities, name="destinations-opportunities"),
]

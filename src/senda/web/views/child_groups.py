"""A child's vulnerable groups (docs/child-details.md, "Vulnerable groups"): looked after
and previously looked after or adopted (dated periods, corrected by superseding), and the
SEN2 flags for elective home education and children missing education (changed on the
identifiers and flags page).

Only those ``senda.people.groups.may_see_groups`` allows (casework staff and social care
staff of the child's area); everyone else gets 404, so neither the child nor the page is
revealed. Every page audits a read of the child; every save is an audited action.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.models import Case
from senda.people import groups
from senda.people.models import Child, ChildGroupPeriod, Membership
from senda.web.forms.child_groups import CorrectGroupPeriodForm, GroupPeriodForm
from senda.web.forms.errors import saved


def _child(request: HttpRequest, child_id: int) -> Child:
    membership = Membership.objects.filter(user_id=request.user.pk).first()
    child = None
    if membership is not None:
        child = Child.objects.filter(la_id=membership.la_id, pk=child_id).first()
    if child is None or not groups.may_see_groups(request.user, child.la_id):
        raise Http404("No such child.")
    audit.record(
        user=request.user,
        verb="read",
        obj=child,
        child=child,
        request=request,
        summary=f"child {child.pk} vulnerable groups",
    )
    return child


def _flag(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not recorded")  # type: ignore[arg-type]


@login_required
def child_groups(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _child(request, child_id)
    today = kernel.today()
    periods = list(
        ChildGroupPeriod.objects.filter(child=child)
        .select_related("replaces", "recorded_by")
        .order_by("group", "-start", "-id")
    )
    replaced = {p.replaces_id for p in periods if p.replaces_id}
    rows = [
        {"period": p, "stands": p.pk not in replaced and not p.withdrawn}
        for p in periods
        if not p.withdrawn
    ]
    withdrawals = {p.replaces_id: p for p in periods if p.withdrawn}
    corrections = {p.replaces_id: p for p in periods if p.replaces_id and not p.withdrawn}
    for row in rows:
        pk = row["period"].pk
        row["withdrawal"] = withdrawals.get(pk)
        row["correction"] = corrections.get(pk)
    context: dict[str, Any] = {
        "child": child,
        "case": Case.objects.filter(child=child).order_by("-pk").first(),
        "now": groups.groups_of(child, today),
        "names": dict(groups.GROUPS),
        "rows": rows,
        "home_educated": _flag(child.elective_home_education),
        "missing_education": _flag(child.missing_education),
        "may_change_flags": _casework(request, child),
    }
    return render(request, "web/child_groups/groups.html", context)


def _casework(request: HttpRequest, child: Child) -> bool:
    membership = Membership.objects.filter(user_id=request.user.pk).first()
    return membership is not None and membership.can_write_casework(child.la_id)


@login_required
def record(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _child(request, child_id)
    data = request.POST if request.method == "POST" else None
    form = GroupPeriodForm(data)
    if data is not None and form.is_valid():
        write = lambda: groups.record_period(child=child, by=request.user, **form.arguments())  # noqa: E731
        if saved(form, write):
            messages.success(request, "The period is recorded.")
            return redirect("web:child-groups", child_id=child.pk)
    return render(request, "web/child_groups/record.html", {"child": child, "form": form})


@login_required
def correct(request: HttpRequest, group_period_id: int) -> HttpResponse:
    found = (
        ChildGroupPeriod.objects.current()
        .select_related("child")
        .filter(pk=group_period_id)
        .first()
    )
    if found is None:
        raise Http404("No such period.")
    child = _child(request, found.child_id)
    data = request.POST if request.method == "POST" else None
    initial = {"start": found.start, "end": found.end, "how": found.how}
    form = CorrectGroupPeriodForm(data, period=found, initial=initial)
    if data is not None and form.is_valid():
        d = form.cleaned_data

        def write() -> Any:
            if d["what"] == "withdraw":
                return groups.withdraw_period(period=found, reason=d["reason"], by=request.user)
            return groups.correct_period(
                period=found,
                start=d["start"],
                end=d.get("end"),
                how=d.get("how") or "",
                reason=d["reason"],
                by=request.user,
            )

        if saved(form, write):
            messages.success(request, "The period is corrected.")
            return redirect("web:child-groups", child_id=child.pk)
    context = {"child": child, "period": found, "form": form}
    return render(request, "web/child_groups/correct.html", context)


urlpatterns: list[URLPattern] = [
    path("children/<id:child_id>/groups/", child_groups, name="child-groups"),
    path("children/<id:child_id>/groups/record/", record, name="child-group-record"),
    path("child-groups/<id:group_period_id>/correct/", correct, name="child-group-correct"),
]

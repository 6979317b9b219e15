"""The disabled children's register (issue 18, area 5; docs/disabled-children.md):

- ``/disabled-children/`` (``web:dc-register``, ``?status=``): every child on the register,
  their open social care status, short breaks in the last year and direct payments;
- ``/disabled-children/add/`` (``web:dc-add``): put a child on it (the referral to the team);
- ``/disabled-children/<id>/`` (``web:dc-child``): a child's records, corrections struck
  through;
- ``/disabled-children/<id>/record/?kind=`` (``web:dc-record``): record a short break,
  direct payment, status, complaint or referral;
- ``/disabled-children/records/<id>/`` (``web:dc-correct``): correct or withdraw a record.

Strict access (``senda.pathways.disabled.access``): the area's service managers and the
members of its social care advice teams. Everyone else gets 404 on every page, as does
another area's entry; every read is audited (the list and each child's page).

And the social care assessment offered with a plan or at a review, on a case:
``/cases/<id>/social-care/`` (``web:case-social-care``): council staff of the area read it,
casework writers record it; anyone else 403, another area's case 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import audit, kernel
from senda.casework.actions.social_care import record_social_care_offer
from senda.casework.social_care import steps_and_offers
from senda.pathways.disabled import actions, summary
from senda.pathways.disabled.access import register_membership
from senda.pathways.disabled.models import DisabledChild, Kind, RegisterRecord, Status
from senda.people.models import Membership
from senda.web.access import can_record, get_case_for_user, require_la_staff
from senda.web.forms.disabled_children import (
    AddChildForm,
    CorrectRecordForm,
    RecordForm,
    SocialCareOfferForm,
)
from senda.web.forms.errors import saved


def _member(request: HttpRequest) -> Membership:
    membership = register_membership(request.user)
    if membership is None:
        raise Http404("No such page.")
    return membership


def _entry(request: HttpRequest, register_id: int) -> DisabledChild:
    membership = _member(request)
    found = (
        DisabledChild.objects.of_area(membership.la_id)
        .select_related("child", "la")
        .filter(pk=register_id)
        .first()
    )
    if found is None:
        raise Http404("No such entry.")
    return found


def _read(request: HttpRequest, entry: DisabledChild) -> None:
    audit.record(
        user=request.user,
        verb="read",
        obj=entry,
        child=entry.child,
        request=request,
        summary=f"disabled children register {entry.pk}",
    )


@login_required
def register(request: HttpRequest) -> HttpResponse:
    membership = _member(request)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    today = kernel.today()
    found = summary.rows(membership.la_id, today, status)
    audit.record_list(
        user=request.user,
        request=request,
        page="disabled children register",
        obj=membership.la,
        filters={"status": status},
    )
    context = {"rows": found, "status": status, "statuses": Status.choices, "today": today}
    return render(request, "web/disabled_children/register.html", context)


@login_required
def add(request: HttpRequest) -> HttpResponse:
    membership = _member(request)
    data = request.POST if request.method == "POST" else None
    form = AddChildForm(data)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        child = summary.find_child(membership.la_id, d["identifier"], d["date_of_birth"])
        if child is None:
            form.add_error(
                "identifier",
                "No child of the area has this NHS number or UPN and date of birth",
            )
        else:
            made: list[DisabledChild] = []
            write = lambda: made.append(  # noqa: E731
                actions.add_child(
                    child=child,
                    referred_on=d["referred_on"],
                    decision=d.get("decision") or "",
                    decided_on=d.get("decided_on"),
                    by=request.user,
                )
            )
            if saved(form, write):
                messages.success(request, "The child is on the register.")
                return redirect("web:dc-child", register_id=made[0].pk)
    return render(request, "web/disabled_children/add.html", {"form": form})


@login_required
def child(request: HttpRequest, register_id: int) -> HttpResponse:
    entry = _entry(request, register_id)
    _read(request, entry)
    records = summary.records_of(entry)
    groups = [
        (kind, label, [(r, stands) for r, stands in records if r.kind == kind])
        for kind, label in Kind.choices
    ]
    context = {"entry": entry, "groups": groups, "kinds": Kind.choices}
    return render(request, "web/disabled_children/child.html", context)


@login_required
def record(request: HttpRequest, register_id: int) -> HttpResponse:
    entry = _entry(request, register_id)
    kind = request.GET.get("kind", Kind.SHORT_BREAK)
    if kind not in Kind.values:
        raise Http404("No such kind of record.")
    _read(request, entry)
    data = request.POST if request.method == "POST" else None
    form = RecordForm(data, kind=kind)
    if data is not None and form.is_valid():
        arguments = form.arguments()
        write = lambda: actions.record(entry=entry, kind=kind, by=request.user, **arguments)  # noqa: E731
        if saved(form, write):
            messages.success(request, f"{Kind(kind).label} recorded.")
            return redirect("web:dc-child", register_id=entry.pk)
    context = {"entry": entry, "form": form, "kind": kind, "label": Kind(kind).label}
    return render(request, "web/disabled_children/record.html", context)


@login_required
def correct(request: HttpRequest, register_record_id: int) -> HttpResponse:
    membership = _member(request)
    found = (
        RegisterRecord.objects.current()
        .of_area(membership.la_id)
        .select_related("entry__child")
        .filter(pk=register_record_id)
        .first()
    )
    if found is None:
        raise Http404("No such record.")
    entry = found.entry
    _read(request, entry)
    data = request.POST if request.method == "POST" else None
    form = CorrectRecordForm(data, initial={"starts_on": found.starts_on, "ends_on": found.ends_on})
    if data is not None and form.is_valid():
        d = form.cleaned_data

        def write() -> Any:
            if d["what"] == "withdraw":
                return actions.withdraw_record(record=found, why=d["why"], by=request.user)
            return actions.correct_record(
                record=found,
                why=d["why"],
                by=request.user,
                starts_on=d["starts_on"],
                ends_on=d.get("ends_on"),
            )

        if saved(form, write):
            messages.success(request, "The record is corrected.")
            return redirect("web:dc-child", register_id=entry.pk)
    context = {"entry": entry, "record": found, "form": form}
    return render(request, "web/disabled_children/correct.html", context)


@login_required
def case_social_care(request: HttpRequest, case_id: int) -> HttpResponse:
    require_la_staff(request.user)
    case = get_case_for_user(request.user, case_id)
    may_write = can_record(request.user, case)
    if request.method == "POST" and not may_write:
        raise PermissionDenied("Your role cannot record on this case.")
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    found = steps_and_offers(case)
    data = request.POST if request.method == "POST" else None
    form = SocialCareOfferForm(data, steps=[step for step, _ in found])
    if data is not None and form.is_valid():
        arguments = form.arguments()
        write = lambda: record_social_care_offer(case=case, by=request.user, **arguments)  # noqa: E731
        if saved(form, write):
            messages.success(request, "The social care assessment offer is recorded.")
            return redirect(reverse("web:case-detail", args=[case.pk]) + "#social-care")
    context = {"case": case, "found": found, "form": form, "can_edit": may_write}
    return render(request, "web/disabled_children/case_social_care.html", context)


urlpatterns: list[URLPattern] = [
    path("disabled-children/", register, name="dc-register"),
    path("disabled-children/add/", add, name="dc-add"),
    path("disabled-children/<id:register_id>/", child, name="dc-child"),
    path("disabled-children/<id:register_id>/record/", record, name="dc-record"),
    path("disabled-children/records/<id:register_record_id>/", correct, name="dc-correct"),
    path("cases/<id:case_id>/social-care/", case_social_care, name="case-social-care"),
]

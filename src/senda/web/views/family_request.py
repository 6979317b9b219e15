"""Asking for an EHC needs assessment online (docs/families.md, "Asking for an assessment
online").

Public, no sign-in (a parent or carer with parental responsibility, or the young person):
- ``/request/``: what an assessment is, who can ask, and the local areas to ask.
- ``/request/<area>/``: the form (``area`` is the local area's DfE code).
- ``/request/<area>/sent/``: the reference and what happens next, with the day the
  council must decide by (the clock's rule). The reference comes from the session: the
  URL and the title never name the child.

Council staff who record casework (officers, team and service managers), their own area:
- ``/requests/online/``: the requests waiting to be checked, oldest first, and those dealt
  with.
- ``/requests/online/<id>/``: one request (an audited read), to accept or reject.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from senda import audit, kernel
from senda.people.models import LocalAuthority, Membership
from senda.portal import online_requests as online
from senda.portal.models import OnlineRequest
from senda.web.access import membership_for
from senda.web.forms.errors import saved
from senda.web.forms.family_request import NEW_CHILD, AcceptForm, FamilyRequestForm, RejectForm
from senda.web.tables.online_requests import decided_table, waiting_table

#: The session key holding the reference of the request this browser just sent.
SENT = "online_request_reference"


def _decision(found: OnlineRequest | None) -> dict[str, Any]:
    if found is None:
        return {}
    return {"decide_by": online.decide_by(found), "citation": online.decision_citation()}


@require_http_methods(["GET"])
def family_request_start(request: HttpRequest) -> HttpResponse:
    areas = LocalAuthority.objects.order_by("name")
    return render(request, "family/request/start.html", {"areas": areas})


@require_http_methods(["GET", "POST"])
def family_request(request: HttpRequest, area: str) -> HttpResponse:
    la = get_object_or_404(LocalAuthority, code=area)
    form = FamilyRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.is_robot():  # the hidden field: keep nothing, say nothing
            request.session.pop(SENT, None)
            return redirect("web:family-request-sent", area=la.code)
        data = form.cleaned_data
        made: list[OnlineRequest] = []

        def write() -> None:
            made.append(
                online.submit_online_request(
                    la=la,
                    who=data["who"],
                    requester_name=data["requester_name"],
                    relationship=data["relationship"],
                    email=data["email"],
                    phone=data["phone"],
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    school=data["school"],
                    needs=data["needs"],
                    tried=data["tried"],
                    consent_to_share=data["consent_to_share"] == "yes",
                    wants_account=data["wants_account"] == "yes",
                    sender=request.META.get("REMOTE_ADDR"),
                )
            )

        if saved(form, write):
            request.session[SENT] = made[0].reference
            return redirect("web:family-request-sent", area=la.code)
    return render(request, "family/request/form.html", {"la": la, "form": form})


@require_http_methods(["GET"])
def family_request_sent(request: HttpRequest, area: str) -> HttpResponse:
    la = get_object_or_404(LocalAuthority, code=area)
    reference = str(request.session.get(SENT) or "")
    found = OnlineRequest.objects.filter(la=la, reference=reference).first() if reference else None
    context = {"la": la, "found": found, **_decision(found)}
    return render(request, "family/request/sent.html", context)


# --- The council's side -----------------------------------------------------------------


def _decider(request: HttpRequest) -> Membership:
    """The signed-in member of staff who records casework; 403 for every other role."""
    membership = membership_for(request.user)
    if membership is None or not membership.can_write_casework(membership.la_id):
        raise PermissionDenied("Only council staff who record casework see online requests.")
    return membership


@login_required
@require_http_methods(["GET"])
def online_request_list(request: HttpRequest) -> HttpResponse:
    membership = _decider(request)
    today = kernel.today()
    waiting = list(online.waiting(membership.la_id))
    recent = list(online.decided(membership.la_id)[:20])
    audit.record_list(
        user=request.user,
        request=request,
        page="online requests",
        obj=membership.la,
        la_id=membership.la_id,
    )
    context = {
        "waiting": waiting_table(waiting, today) if waiting else None,
        "recent": decided_table(recent) if recent else None,
    }
    return render(request, "family/request/list.html", context)


def _children(found: OnlineRequest) -> list[Any]:
    return list(online.possible_children(found)) if found.status == "received" else []


@login_required
@require_http_methods(["GET", "POST"])
def online_request_detail(request: HttpRequest, online_request_id: int) -> HttpResponse:
    membership = _decider(request)
    found = OnlineRequest.objects.filter(pk=online_request_id, la_id=membership.la_id).first()
    if found is None:
        raise Http404("No such online request in your area.")
    children = _children(found)
    choices = [(str(c.pk), f"{c} (child record {c.pk})") for c in children]
    places = list(online.settings_of(found.la_id)) if found.status == "received" else []
    matched = online.matching_setting(found) if places else None
    posted = request.POST if request.method == "POST" else None
    chosen = posted.get("answer") if posted is not None else None
    accept = AcceptForm(
        posted if chosen == "accept" else None,
        children=choices,
        settings=[(str(p.pk), p.name) for p in places],
        matched=str(matched.pk) if matched else "",
    )
    reject = RejectForm(posted if chosen == "reject" else None)
    if chosen == "accept" and accept.is_valid():
        if _accepted(request, found, accept, children, places):
            return redirect("web:online-request", online_request_id=found.pk)
    elif chosen == "reject" and reject.is_valid():
        write = partial(
            online.reject_online_request,
            request=found,
            reason=reject.cleaned_data["reason"],
            note=reject.cleaned_data["note"],
            by=request.user,
        )
        if saved(reject, write):
            messages.success(request, "Request not accepted. We have emailed the family.")
            return redirect("web:online-request", online_request_id=found.pk)
    _read(request, found, children)
    context = {
        "found": found,
        "accept": accept,
        "reject": reject,
        "errors": accept.errors or reject.errors,
        "today": kernel.today(),
        "children": children,
        "matched": matched,
        "takes_case": online.takes_the_case(request.user, found.la_id),
        **_decision(found),
    }
    return render(request, "family/request/detail.html", context)


def _accepted(
    request: HttpRequest, found: OnlineRequest, form: AcceptForm, children: Any, places: Any
) -> bool:
    picked = form.cleaned_data["child"]
    child = None if picked == NEW_CHILD else next(c for c in children if str(c.pk) == picked)
    place = form.cleaned_data["setting"]
    setting = next((p for p in places if str(p.pk) == place), None)
    done: list[online.Acceptance] = []

    def write() -> None:
        done.append(
            online.accept_online_request(
                request=found,
                by=request.user,
                checked=form.cleaned_data["checked"],
                child=child,
                setting=setting,
                match_school=False,  # the officer chose from the list, the match preselected
            )
        )

    if not saved(form, write):
        return False
    text = f"Request accepted: it is on case {done[0].online.case_id}."
    case = done[0].online.case
    if case is not None and case.officer_id is None:
        text += " The case has no officer yet: it waits for allocation."
    if done[0].online.invitation_id is not None:
        text += " We have emailed them an invitation to a family account."
    elif done[0].no_account:
        text += f" No account invitation was sent: {done[0].no_account}"
    messages.success(request, text)
    return True


def _read(request: HttpRequest, found: OnlineRequest, children: list[Any]) -> None:
    audit.record(
        user=request.user,
        verb="read",
        obj=found,
        child=found.child,
        request=request,
        summary=f"online request {found.pk}: read",
    )
    for child in children:  # the possible matches are named on the page
        audit.record(
            user=request.user,
            verb="read",
            obj=child,
            child=child,
            request=request,
            summary=f"child {child.pk}: possible match for online request {found.pk}",
        )


urlpatterns: list[URLPattern] = [
    path("request/", family_request_start, name="family-request-start"),
    path("request/<slug:area>/", family_request, name="family-request"),
    path("request/<slug:area>/sent/", family_request_sent, name="family-request-sent"),
    path("requests/online/", online_request_list, name="online-requests"),
    path(
        "requests/online/<id:online_request_id>/",
        online_request_detail,
        name="online-request",
    ),
]

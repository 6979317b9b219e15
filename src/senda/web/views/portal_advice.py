"""Advice requests (docs/portal/advice.md): a team's task list and the request page where it
answers or declines; the council's list of a case's requests, where it asks and withdraws.

Who may: the task list is an advice-giver's (others 403). A request's page is open to the
members of the team asked while its grant is in force, and to the council staff of the
area (to read); anyone else gets 404. The case's list is the council's (404 for who cannot
see the case, 403 for a partner or family member who can); only casework staff ask and
withdraw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_POST

from senda import audit, kernel
from senda.kernel import ActionError, long_date
from senda.people.models import Role
from senda.portal import advice
from senda.portal.access import advice_requests_for
from senda.portal.models import AdviceRequest
from senda.web.access import (
    can_record,
    get_case_for_user,
    membership_for,
    require_la_staff,
    writable_case,
)
from senda.web.forms.errors import saved
from senda.web.forms.portal_advice import (
    AdviceRequestForm,
    AnswerForm,
    DeclineForm,
    FeedbackForm,
)

#: The session key that shows the feedback question once, after a team replies.
FEEDBACK_KEY = "advice_feedback"


@login_required
def advice_tasks(request: HttpRequest) -> HttpResponse:
    """An advice-giver's open requests, due soonest first, and those recently closed."""
    membership = membership_for(request.user)
    if membership is None or membership.role != Role.ADVICE_GIVER:
        raise PermissionDenied("Only advice-givers have advice requests.")
    today = kernel.today()
    context = {
        "tasks": advice.open_tasks(request.user, today),
        "recent": advice.recent_tasks(request.user, today),
    }
    audit.record_list(
        user=request.user,
        request=request,
        page="advice tasks",
        obj=AdviceRequest,
        la_id=membership.la_id,
    )
    return render(request, "web/portal/advice/tasks.html", context)


def _request_for(user: Any, request_id: int) -> AdviceRequest:
    """The request if ``user`` may open it (``portal.access``); 404 otherwise."""
    found = advice_requests_for(user).select_related(
        "team", "case__child__setting", "case__la", "answered_by"
    )
    return get_object_or_404(found, pk=request_id)


def _writer(which: str, found: AdviceRequest, user: Any) -> Callable[[forms.Form], Any]:
    """What a valid form of kind ``which`` does."""
    if which == "answer":
        return lambda form: advice.answer_advice(
            request=found, answer=form.cleaned_data["answer"], by=user
        )
    if which == "decline":
        return lambda form: advice.decline_advice(
            request=found,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            by=user,
        )
    return lambda form: advice.record_advice_feedback(
        request=found, answer=form.cleaned_data["easy"], by=user
    )


FORMS: dict[str, type[forms.Form]] = {
    "answer": AnswerForm,
    "decline": DeclineForm,
    "feedback": FeedbackForm,
}
DONE = {
    "answer": "Your advice has been sent to the council.",
    "decline": "You have told the council you cannot give advice.",
    "feedback": "Thank you for your feedback.",
}


@login_required
def advice_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """The request (child, date of birth, setting, question, due date) with the answer and
    decline forms while it is open; after a reply, the one feedback question."""
    found = _request_for(request.user, request_id)
    member = found.team.members.filter(pk=request.user.pk).exists()
    unbound: dict[str, forms.Form] = {name: form() for name, form in FORMS.items()}
    bound = None
    if request.method == "POST":
        if not member:
            raise PermissionDenied("Only the team asked can reply to this request.")
        which = request.POST.get("form", "")
        is_open = found.status == AdviceRequest.Status.OPEN
        if which in (("answer", "decline") if is_open else ("feedback",)):
            bound = unbound[which] = FORMS[which](request.POST)
            write = _writer(which, found, request.user)
            if bound.is_valid() and saved(bound, lambda: write(bound)):
                if which == "feedback":
                    request.session.pop(FEEDBACK_KEY, None)
                else:
                    request.session[FEEDBACK_KEY] = found.pk
                messages.success(request, DONE[which])
                return redirect("web:portal-advice-request", request_id=found.pk)
    audit.record(user=request.user, verb="read", obj=found, child=found.case.child, request=request)
    today = kernel.today()
    context = {
        "found": found,
        "child": found.case.child,
        "member": member,
        "can_reply": member and found.status == AdviceRequest.Status.OPEN,
        "overdue": found.status == AdviceRequest.Status.OPEN and found.due_on < today,
        "ask_feedback": member
        and found.status != AdviceRequest.Status.OPEN
        and request.session.get(FEEDBACK_KEY) == found.pk,
        "sees_until": found.grant.ends_on,
        "bound": bound,
        **{f"{name}_form": form for name, form in unbound.items()},
    }
    return render(request, "web/portal/advice/request.html", context)


@login_required
def case_advice_requests(request: HttpRequest, case_id: int) -> HttpResponse:
    """The council's list of a case's advice requests, and the form to ask a team."""
    case = get_case_for_user(request.user, case_id)
    require_la_staff(request.user)
    can_ask = case.is_open and can_record(request.user, case)
    form = AdviceRequestForm(
        request.POST if request.method == "POST" else None,
        la_id=case.la_id,
        initial={"on": kernel.today()},
    )
    if request.method == "POST":
        if not can_ask:
            raise PermissionDenied("Your role cannot ask for advice on this case.")
        if form.is_valid() and saved(
            form, lambda: advice.request_advice(case=case, by=request.user, **form.cleaned_data)
        ):
            team = form.cleaned_data["team"]
            messages.success(request, f"{team.name} has been asked for advice.")
            return redirect("web:case-advice-requests", case_id=case.pk)
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    context = {
        "case": case,
        "requests": list(advice.requests_of_case(case)),
        "today": kernel.today(),
        "can_ask": can_ask,
        "can_withdraw": can_record(request.user, case),
        "form": form,
        "has_teams": form.fields["team"].queryset.exists(),  # type: ignore[attr-defined]
    }
    return render(request, "web/portal/advice/case_requests.html", context)


@login_required
@require_POST
def withdraw_request(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    """Withdraw an open request (casework staff of the area): the team's access ends today."""
    case = writable_case(request.user, case_id)
    found = get_object_or_404(case.advice_requests.select_related("team", "grant"), pk=request_id)
    try:
        advice.withdraw_advice_request(request=found, by=request.user)
    except ActionError as error:
        messages.info(request, error.message)
    else:
        messages.success(
            request,
            f"The request to {found.team.name} has been withdrawn: the team's access to the "
            f"child's record ends on {long_date(kernel.today())}.",
        )
    return redirect("web:case-advice-requests", case_id=case.pk)


urlpatterns: list[URLPattern] = [
    path("portal/advice/", advice_tasks, name="portal-advice"),
    path("portal/advice/<id:request_id>/", advice_request, name="portal-advice-request"),
    path(
        "cases/<id:case_id>/advice-requests/",
        case_advice_requests,
        name="case-advice-requests",
    ),
    path(
        "cases/<id:case_id>/advice-requests/<id:request_id>/withdraw/",
        withdraw_request,
        name="case-advice-withdraw",
    ),
]

"""The council's side of families' secure messages: the thread on a case, with the reply
form (staff who record casework), and the messages that missed their reply date (team and
service managers, their whole area). No page names a child in its title."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from senda import audit, kernel
from senda.casework.models import Case
from senda.portal import family_voice as voice
from senda.web.access import (
    MESSAGE_MANAGER_ROLES,
    can_record,
    get_case_for_user,
    membership_for,
    require_la_staff,
)
from senda.web.forms.errors import saved
from senda.web.forms.family_voice import MessageForm


@login_required
@require_http_methods(["GET", "POST"])
def case_messages(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id)  # 404 if they cannot see it
    require_la_staff(request.user)  # a SENCo or a parent who sees the case: 403
    may_reply = can_record(request.user, case)
    form = MessageForm(request.POST if request.method == "POST" else None)
    form.fields["body"].label = "Your reply"
    if request.method == "POST":
        if not may_reply:
            raise PermissionDenied("Your role cannot reply to families.")
        if form.is_valid():
            write = lambda: voice.reply_to_family(  # noqa: E731
                case=case, body=form.cleaned_data["body"], by=request.user
            )
            if saved(form, write):
                messages.success(request, "Reply sent. The family has been told by email.")
                return redirect("web:case-messages", case_id=case.pk)
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    context = {
        "case": case,
        "thread": list(voice.message_thread(case)),
        "form": form,
        "may_reply": may_reply,
        "today": kernel.today(),
    }
    return render(request, "web/cases/messages.html", context)


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    if membership is None or membership.role not in MESSAGE_MANAGER_ROLES:
        raise PermissionDenied("Only team managers and service managers see this page.")
    today = kernel.today()
    rows = list(voice.overdue_messages(membership.la_id, today))
    audit.record_list(
        user=request.user,
        request=request,
        page="families' messages not replied to",
        obj=Case,
        number=len(rows),
        la_id=membership.la_id,
    )
    for row in rows:
        row.days_late = (today - row.reply_due_on).days  # type: ignore[attr-defined, operator]
    return render(request, "web/cases/messages_overdue.html", {"rows": rows, "today": today})


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/messages/", case_messages, name="case-messages"),
    path("messages/overdue/", overdue, name="messages-overdue"),
]

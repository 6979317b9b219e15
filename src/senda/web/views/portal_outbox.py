"""The outbox: every message Senda has sent for the local area, for its service managers
(docs/portal/notifications.md). With the outbox backend nothing leaves Senda and this is
where messages can be read; with GOV.UK Notify it shows what was sent and what failed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path

from senda import audit
from senda.people.models import Membership, Role
from senda.portal.messages import render as render_message
from senda.portal.models import Message
from senda.portal.notify import case_reference
from senda.web.access import membership_for
from senda.web.tables.messages import outbox_table, status, what, when

PAGE_SIZE = 50


def require_outbox(user: Any) -> Membership:
    """The service manager's membership; PermissionDenied (403) for anyone else."""
    membership = membership_for(user)
    if membership is None or membership.role != Role.SERVICE_MANAGER:
        raise PermissionDenied("Only service managers can read the outbox.")
    return membership


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    membership = require_outbox(request.user)
    messages = Message.objects.filter(la_id=membership.la_id).select_related("case")
    page = Paginator(messages, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record_list(
        user=request.user, request=request, page="outbox", obj=membership.la, number=page.number
    )
    context = {"page_obj": page, "table": outbox_table(page.object_list)}
    return render(request, "web/portal/outbox.html", context)


@login_required
def outbox_message(request: HttpRequest, message_id: int) -> HttpResponse:
    # Another area's message is 404 for everyone (its existence is not revealed), then
    # only service managers may read one of their own area.
    own = membership_for(request.user)
    message = get_object_or_404(
        Message.objects.select_related("case"), pk=message_id, la_id=own.la_id if own else None
    )
    membership = require_outbox(request.user)
    audit.record(
        user=request.user,
        verb="read",
        obj=message,
        child=message.case.child if message.case_id else None,
        request=request,
        la_id=membership.la_id,
    )
    subject, body = render_message(message.template, shown_fields(message))
    context = {
        "message": message,
        "subject": subject,
        "paragraphs": [p for p in body.split("\n\n") if p.strip()],
        "what": what(message),
        "status": status(message),
        "sent": when(message.sent_at),
        "queued": when(message.created_at),
        "case_reference": case_reference(message.case) if message.case_id else "",
    }
    return render(request, "web/portal/outbox_message.html", context)


#: Placeholders that hold a secret for the recipient alone (an invitation's one-time link):
#: once a message has gone through GOV.UK Notify, the outbox does not show them. In the
#: outbox backend (the demo) nothing leaves Senda, so the outbox is where the link is read.
SECRET_FIELDS = {"invitation": ("link",)}


def shown_fields(message: Message) -> dict[str, str]:
    fields = dict(message.personalisation)
    if message.backend != "outbox":
        for name in SECRET_FIELDS.get(message.template, ()):
            if name in fields:
                fields[name] = "(sent to the recipient only)"
    return fields


urlpatterns: list[URLPattern] = [
    path("portal/outbox/", outbox, name="portal-outbox"),
    path("portal/outbox/<id:message_id>/", outbox_message, name="portal-outbox-message"),
]

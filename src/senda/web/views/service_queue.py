"""The background queue for service managers (``/service/queue/``, ADR 0038): its backlog
and failures. Anyone else gets 404: the page is the installation's, not a case's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.timesince import timesince

from senda.people.models import Role
from senda.portal import queue
from senda.web.access import membership_for
from senda.web.tables.messages import when
from senda.web.tables.queue import counts_table, failures_table


@login_required
def service_queue(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    if membership is None or membership.role != Role.SERVICE_MANAGER:
        raise Http404("No such page.")
    counts = queue.counts()
    failures = queue.recent_failures()
    oldest = queue.oldest_waiting()
    context = {
        "counts": counts_table(counts) if counts else None,
        "failures": failures_table(failures) if failures else None,
        "oldest": oldest,
        "oldest_when": when(oldest.enqueued_at) if oldest else "",
        "oldest_for": timesince(oldest.enqueued_at, timezone.now()) if oldest else "",
        "waiting": sum(c.waiting for c in counts),
    }
    return render(request, "web/service/queue.html", context)


urlpatterns: list[URLPattern] = [
    path("service/queue/", service_queue, name="service-queue"),
]

"""Correct or withdraw a recorded step, from the case's timeline (docs/recording-steps.md).

Who may: as for recording a step (anyone who cannot see the case: 404; a same-area role
that cannot record: 403), and for a step first recorded more than
``SENDA_CORRECTION_MANAGER_AFTER_DAYS`` days ago only a team or service manager (403,
saying so). A step already corrected or withdrawn sends the user back to the case.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.formats import date_format

from senda import audit, kernel
from senda.casework.actions.corrections import (
    correct_event,
    corrections_of,
    is_closing_step,
    may_correct,
    withdraw_event,
)
from senda.casework.models import Case, CaseEvent, Plan
from senda.casework.next_step import STEPS, Step, next_step
from senda.kernel import ActionError
from senda.people.names import display_name
from senda.web.access import writable_case
from senda.web.forms.corrections import WithdrawalForm, correction_form
from senda.web.pages import next_text
from senda.web.tables.timeline import event_detail

#: The step each event type is recorded as.
STEP_OF_EVENT = {s.event_type: s for s in STEPS.values()}


def step_of(event: CaseEvent) -> Step:
    """The step ``event`` was recorded as: a plan ceasing for SEN2 reason 5 (how a transfer
    out was recorded before it had its own event) is a transfer out (corrected by its own
    form, the date only)."""
    if event.type == "plan_ceased" and event.cease_reason == Plan.CeaseReason.TRANSFERRED:
        return STEPS["transferred-out"]
    return STEP_OF_EVENT[event.type]


def _step_and_event(request: HttpRequest, case_id: int, event_id: int) -> tuple[Case, CaseEvent]:
    case = writable_case(request.user, case_id)
    event = get_object_or_404(case.events.select_related("recorded_by"), pk=event_id)
    return case, event


def _refusal(request: HttpRequest, case: Case, event: CaseEvent) -> HttpResponse | None:
    """A page instead of the form: step no longer current (back to the case), a step of a
    closed case other than the one that closed it (409), a step recorded too long ago for
    this user (403)."""
    if not case.events.current().filter(pk=event.pk).exists():
        messages.info(request, "That step has already been corrected or withdrawn.")
        return redirect("web:case-detail", case_id=case.pk)
    if not case.is_open and not is_closing_step(event, case):
        return render(request, "web/steps/closed.html", {"case": case}, status=409)
    if not may_correct(request.user, event, corrections_of(case), kernel.today()):
        days = settings.SENDA_CORRECTION_MANAGER_AFTER_DAYS
        raise PermissionDenied(
            f"This step was recorded more than {days} days ago: only a team manager or "
            "service manager can correct or withdraw it."
        )
    return None


def _banner(request: HttpRequest, case: Case, step: Step, done: str) -> HttpResponse:
    was_open = case.is_open
    case.refresh_from_db()
    found = next_step(
        case.events.current(),
        case.deadlines.all(),
        is_open=case.is_open,
        live_plan=case.has_live_plan(),
        today=kernel.today(),
    )
    reopened = " The case is open again." if case.is_open and not was_open else ""
    messages.success(
        request, f"{step.name[0].upper()}{step.name[1:]} {done}.{reopened} {next_text(found)}"
    )
    return redirect("web:case-detail", case_id=case.pk)


def _page(
    request: HttpRequest, case: Case, event: CaseEvent, template: str, **context: Any
) -> HttpResponse:
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    step = step_of(event)
    context |= {"case": case, "event": event, "step": step, "recorded": recorded_text(event)}
    return render(request, template, context)


def recorded_text(event: CaseEvent) -> str:
    """``"Recorded: 4 March 2026 (Maintain), by Sam Officer on 2 December 2026."``"""
    detail = event_detail(event)
    when = timezone.localdate(event.recorded_at)
    return (
        f"Recorded: {date_format(event.on, 'j F Y')}{f' ({detail})' if detail else ''}, "
        f"by {display_name(event.recorded_by)} on {date_format(when, 'j F Y')}."
    )


@login_required
def correct_step(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    case, event = _step_and_event(request, case_id, event_id)
    refused = _refusal(request, case, event)
    if refused is not None:
        return refused
    step = step_of(event)
    data = request.POST if request.method == "POST" else None
    form = correction_form(step, event, data, kernel.today())
    if request.method == "POST" and form.is_valid():
        try:
            correct_event(event=event, by=request.user, **form.correction_arguments())  # type: ignore[attr-defined]
        except ActionError as error:
            form.add_action_error(error)
        else:
            return _banner(request, case, step, "corrected")
    return _page(request, case, event, "web/corrections/correct.html", form=form)


@login_required
def withdraw_step(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    case, event = _step_and_event(request, case_id, event_id)
    refused = _refusal(request, case, event)
    if refused is not None:
        return refused
    step = step_of(event)
    form = WithdrawalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_event(event=event, reason=form.cleaned_data["why"], by=request.user)
        except ActionError as error:
            form.add_action_error(error)
        else:
            return _banner(request, case, step, "withdrawn")
    return _page(request, case, event, "web/corrections/withdraw.html", form=form)


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/steps/<id:event_id>/correct/", correct_step, name="correct-step"),
    path("cases/<id:case_id>/steps/<id:event_id>/withdraw/", withdraw_step, name="withdraw-step"),
]

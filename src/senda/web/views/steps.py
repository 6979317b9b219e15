"""Record a step: one GOV.UK form per statutory step, each saving through its action.

Who may: roles that write casework (``Membership.can_write_casework``: case officers, team
managers, service managers) on a case of their own local area. Anyone who cannot see the
case gets 404; a same-area role that can see it but not write (QA auditor, SENCo, parent)
gets 403. A closed case has no forms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework import actions
from senda.casework.deadlines import live_deadlines
from senda.casework.models import Case
from senda.casework.next_step import STEPS, Step, available_steps, case_state, next_step
from senda.kernel import ActionError
from senda.portal.family_voice import family_finished
from senda.web.access import writable_case
from senda.web.forms.steps import form_for
from senda.web.pages import next_text

#: The action each step's form saves through, by its name in ``senda.casework.actions``
#: (looked up when the form is saved: :func:`action_for`).
ACTIONS: dict[str, str] = {
    "request-received": "record_request_received",
    "assess-decision": "record_assess_decision",
    "advice-requested": "record_advice_requested",
    "advice-received": "record_advice_received",
    "exception": "record_exception",
    "issue-decision": "record_issue_decision",
    "draft-plan-issued": "record_draft_plan",
    "final-plan-issued": "record_final_plan",
    "review-invitations-sent": "record_review_invitations",
    "review-advice-circulated": "record_review_advice_circulated",
    "review-meeting": "record_review_meeting",
    "review-report-received": "record_review_report",
    "review-logged": "record_review_logged",
    "review-decision": "record_review_decision",
    "amendment-notice-issued": "record_amendment_notice",
    "amended-plan-issued": "record_amended_plan",
    "phase-transfer": "record_phase_transfer",
    "phase-transfer-plan-issued": "record_phase_transfer_plan",
    "reassessment-requested": "record_reassessment_request",
    "reassess-decision": "record_reassess_decision",
    "reassessment-outcome": "record_reassessment_outcome",
    "cease-proposed": "record_cease_proposed",
    "cease-decision": "record_cease_decision",
    "cease-appealed": "record_cease_appealed",
    "cease-appeal-decided": "record_cease_appeal_decided",
    "plan-ceased": "record_plan_ceased",
    "transferred-in": "record_transferred_in",
    "transfer-in-notified": "record_transfer_in_letter",
    "move-out-known": "record_move_out",
    "transferred-out": "record_transferred_out",
}

#: The plans the family's "I have finished commenting" (in the portal) lets the council
#: issue before the 15 days are up, by step, with the step's clock event type.
FAMILY_MAY_FINISH: dict[str, str] = {
    "final-plan-issued": "final_plan_issued",
    "amended-plan-issued": "amended_plan_issued",
}


def action_for(step: Step) -> Callable[..., Any]:
    """The casework action that records ``step``."""
    action: Callable[..., Any] = getattr(actions, ACTIONS[step.slug])
    return action


def _closed(request: HttpRequest, case: Case) -> HttpResponse:
    return render(request, "web/steps/closed.html", {"case": case}, status=409)


@login_required
def choose_step(request: HttpRequest, case_id: int) -> HttpResponse:
    case = writable_case(request.user, case_id)
    if not case.is_open:
        return _closed(request, case)
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    events = list(case.events.current())
    live, today = case.has_live_plan(), kernel.today()
    found = next_step(events, live_deadlines(case, events, today), live_plan=live, today=today)
    steps = available_steps(events, live_plan=live, today=today)
    context = {"case": case, "next": found, "steps": steps, "all_steps": STEPS}
    return render(request, "web/steps/choose.html", context)


@login_required
def record_step(request: HttpRequest, case_id: int, step: str) -> HttpResponse:
    case = writable_case(request.user, case_id)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404("No such step.")
    if not case.is_open:
        return _closed(request, case)
    today = kernel.today()
    state = case_state(case.events.current(), today=today)
    data = request.POST if request.method == "POST" else None
    form = form_for(chosen)(data, step=chosen, today=today, disciplines=state.outstanding_advice)
    if request.method == "POST" and form.is_valid():
        finished: dict[str, bool] = {}
        if chosen.slug in FAMILY_MAY_FINISH:
            finished["family_finished"] = family_finished(case, FAMILY_MAY_FINISH[chosen.slug])
        try:
            action_for(chosen)(case=case, by=request.user, **form.arguments(), **finished)
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, recorded_text(case, chosen))
            return redirect("web:case-detail", case_id=case.pk)
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    return render(request, "web/steps/record.html", {"case": case, "step": chosen, "form": form})


def recorded_text(case: Case, step: Step) -> str:
    """What the banner says after saving: the step, then what the clock now says is next
    (the deadline rows the action has just refreshed as of today)."""
    found = next_step(
        case.events.current(),
        case.deadlines.all(),
        is_open=case.is_open,
        live_plan=case.has_live_plan(),
        today=kernel.today(),
    )
    return f"{step.name[0].upper()}{step.name[1:]} recorded. {next_text(found)}"


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/record/", choose_step, name="record-step-choose"),
    path("cases/<id:case_id>/record/<slug:step>/", record_step, name="record-step"),
]

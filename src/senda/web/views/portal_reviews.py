"""The setting's side of the annual review: the reviews due, each review as a task list, the
meeting, the report's sections, check and send, and the one question after sending.

Who may: the staff of the child's school or setting (a SENCo, or anyone the setting has
added). Anyone else who can see the case (council staff) gets 403; everyone else 404, so a
review's existence is not revealed (another school's SENCo, an advice-giver, a parent, an
officer of another area).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from senda import audit, kernel
from senda.casework.models import Case
from senda.people.models import Role
from senda.portal import report_actions as actions
from senda.portal.access import setting_ids
from senda.portal.family_voice import answer_rows, cycle_views
from senda.portal.models import ReviewReport
from senda.portal.notify import case_reference
from senda.portal.report_sections import questions_for
from senda.portal.report_sections import section as find_section
from senda.portal.reviews import (
    SENT,
    answer_summary,
    current_report,
    cycle_dates,
    cycle_events,
    live_plan,
    missing_sections,
    plan_outcomes,
    review_steps,
    reviews_due,
    section_state,
    sections_for,
    setting_case,
)
from senda.web.access import LA_WIDE_ROLES, get_case_for_user, membership_for
from senda.web.forms.errors import saved
from senda.web.forms.portal_reviews import (
    FeedbackForm,
    InvitationsForm,
    MeetingForm,
    SectionForm,
    SendForm,
)

GET_POST = require_http_methods(["GET", "POST"])


def _staff_settings(user: Any) -> set[int]:
    """The settings the user works for; 403 unless they are a setting's staff."""
    ids = setting_ids(user)
    membership = membership_for(user)
    if not ids and (membership is None or membership.role != Role.SENCO):
        raise PermissionDenied("This page is for the staff of schools and settings.")
    return ids


def _review_case(user: Any, case_id: int) -> Case:
    """The case if the user works at the child's setting; 403 for council staff who can see
    it, 404 for everyone else."""
    case = setting_case(user, case_id)
    if case is not None:
        return case
    get_case_for_user(user, case_id)  # 404 if they cannot see it at all
    membership = membership_for(user)
    if membership is not None and membership.role in LA_WIDE_ROLES:
        raise PermissionDenied("Only the child's school or setting runs the review here.")
    raise Http404("No such review.")


def _read(request: HttpRequest, case: Case) -> None:
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)


@login_required
def portal_home(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    if membership is not None and membership.role == Role.ADVICE_GIVER:
        return redirect("web:portal-advice")  # an advice-giver's portal is their tasks
    ids = _staff_settings(request.user)
    tasks = reviews_due(ids, kernel.today())
    audit.record_list(
        user=request.user,
        request=request,
        page="portal reviews due",
        obj=Case,
        filters={"settings": ",".join(str(i) for i in sorted(ids))},
        number=len(tasks),
    )
    return render(request, "web/portal/reviews/home.html", {"tasks": tasks})


@login_required
def review(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _review_case(request.user, case_id)
    today = kernel.today()
    report = current_report(case)
    sections = sections_for(case, today)
    plan = live_plan(case, today)
    _read(request, case)
    context = {
        "case": case,
        "report": report,
        "plan": plan,
        "steps": review_steps(report, cycle_events(case), today),
        "sections": [(s, section_state(report, s.slug)) for s in sections],
        "ready": report is not None and not missing_sections(report, sections),
        "today": today,
        "family_views": [(v, answer_rows(v)) for v in cycle_views(case).values()],
    }
    return render(request, "web/portal/reviews/review.html", context)


def _sent_already(request: HttpRequest, report: ReviewReport | None) -> bool:
    """A sent report cannot change: say so (the page then goes back to the task list)."""
    if report is None or report.status not in SENT:
        return False
    messages.info(request, "This report has been sent to the council and cannot be changed.")
    return True


def _start(case: Case, request: HttpRequest, form: Any) -> ReviewReport | None:
    found: list[ReviewReport] = []
    ok = saved(form, lambda: found.append(actions.start_report(case=case, by=request.user)))
    return found[0] if ok else None


@login_required
@GET_POST
def meeting(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _review_case(request.user, case_id)
    report = current_report(case)
    if _sent_already(request, report):
        return redirect("web:portal-review", case_id=case.pk)
    which = request.POST.get("form") if request.method == "POST" else None
    dates = cycle_dates(report, cycle_events(case))
    meeting_form = MeetingForm(
        request.POST if which == "meeting" else None,
        prefix="meeting",
        initial={"on": dates.meeting_on},
    )
    invitations_form = InvitationsForm(
        request.POST if which == "invitations" else None,
        prefix="invitations",
        initial={"on": dates.invitations_on},
    )
    form = meeting_form if which == "meeting" else invitations_form
    if which in ("meeting", "invitations") and form.is_valid():
        report = report or _start(case, request, form)
        if report is not None and saved(form, lambda: _save_meeting(which, report, form, request)):
            messages.success(request, "Saved.")
            return redirect("web:portal-review", case_id=case.pk)
    _read(request, case)
    context = {
        "case": case,
        "report": report,
        "dates": dates,
        "meeting_form": meeting_form,
        "invitations_form": invitations_form,
        "errors": form if which else None,
    }
    return render(request, "web/portal/reviews/meeting.html", context)


def _save_meeting(which: str | None, report: ReviewReport, form: Any, request: HttpRequest) -> Any:
    on = form.cleaned_data["on"]
    if which == "meeting":
        return actions.set_meeting_date(report=report, on=on, by=request.user)
    return actions.record_invitations_sent(report=report, on=on, by=request.user)


@login_required
@GET_POST
def report_section(request: HttpRequest, case_id: int, section: str) -> HttpResponse:
    case = _review_case(request.user, case_id)
    today = kernel.today()
    chosen = find_section(section)
    if chosen is None or chosen not in sections_for(case, today):
        raise Http404("No such section.")
    report = current_report(case)
    if _sent_already(request, report):
        return redirect("web:portal-review", case_id=case.pk)
    plan = report.plan if report else live_plan(case, today)
    outcomes = plan_outcomes(plan)
    questions = questions_for(chosen, outcomes)
    saved_answers = (report.answers or {}).get(chosen.slug, {}) if report else {}
    done = report is not None and chosen.slug in (report.completed_sections or [])
    data = request.POST if request.method == "POST" else None
    form = SectionForm(data, questions=questions, saved=saved_answers, done=done)
    if data is not None and form.is_valid():
        report = report or _start(case, request, form)
        write = lambda: actions.save_section(  # noqa: E731
            report=report,
            section=chosen.slug,
            answers=form.answers(),
            done=form.done,
            by=request.user,
        )
        if report is not None and saved(form, write):
            messages.success(request, f"{chosen.title} saved.")
            return redirect("web:portal-review", case_id=case.pk)
    _read(request, case)
    context = {"case": case, "section": chosen, "form": form, "outcomes": outcomes}
    return render(request, "web/portal/reviews/section.html", context)


@login_required
@GET_POST
def check(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _review_case(request.user, case_id)
    today = kernel.today()
    report = current_report(case)
    form = SendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if report is None:
            form.add_error(None, "Start the report before sending it")
        elif saved(form, lambda: actions.submit(report=report, by=request.user)):
            return redirect("web:portal-review-sent", case_id=case.pk)
    plan = report.plan if report else live_plan(case, today)
    outcomes = plan_outcomes(plan)
    summary = answer_summary(report, sections_for(case, today), outcomes)
    _read(request, case)
    context = {
        "case": case,
        "report": report,
        "summary": summary,
        "form": form,
        "meeting_rows": _meeting_rows(case, report),
    }
    return render(request, "web/portal/reviews/check.html", context)


def _meeting_rows(case: Case, report: ReviewReport | None) -> list[tuple[str, str]]:
    dates = cycle_dates(report, cycle_events(case))
    meeting_on, sent_on = dates.meeting_on, dates.invitations_on
    return [
        ("Date of the review meeting", kernel.long_date(meeting_on) if meeting_on else ""),
        ("Invitations sent", kernel.long_date(sent_on) if sent_on else ""),
    ]


@login_required
@GET_POST
def sent(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _review_case(request.user, case_id)
    report = current_report(case)
    if report is None or report.status not in SENT:
        return redirect("web:portal-review", case_id=case.pk)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        write = lambda: actions.record_feedback(  # noqa: E731
            la=case.la,
            user=request.user,
            answer=form.cleaned_data["answer"],
            about="review_report",
            today=kernel.today(),
        )
        if saved(form, write):
            messages.success(request, "Thank you for your feedback.")
            return redirect("web:portal-home")
    _read(request, case)
    return render(
        request,
        "web/portal/reviews/sent.html",
        {"case": case, "report": report, "form": form, "reference": case_reference(case)},
    )


urlpatterns: list[URLPattern] = [
    path("portal/", portal_home, name="portal-home"),
    path("portal/reviews/<id:case_id>/", review, name="portal-review"),
    path("portal/reviews/<id:case_id>/meeting/", meeting, name="portal-review-meeting"),
    path(
        "portal/reviews/<id:case_id>/section/<slug:section>/",
        report_section,
        name="portal-review-section",
    ),
    path("portal/reviews/<id:case_id>/check/", check, name="portal-review-check"),
    path("portal/reviews/<id:case_id>/sent/", sent, name="portal-review-sent"),
]

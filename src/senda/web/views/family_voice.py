"""The family's voice, their side: views before a review, comments on a draft plan or an
amendment notice, messages with the case officer, a complaint. Every page is for a family
member who sees the child's record (``web.access.family_case``); anyone else gets 404.
Writing needs ``may_act`` (the action checks); a family member who only sees is told so."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods

from senda import audit, kernel
from senda.casework.actions import complaints
from senda.casework.disagreements import stage1_due
from senda.casework.models import Case
from senda.people.families import may_act
from senda.portal import family_voice as voice
from senda.portal.models import FamilyViews
from senda.portal.uploads import MESSAGES
from senda.web.access import family_case
from senda.web.forms.errors import saved
from senda.web.forms.family_voice import ComplaintForm, MessageForm, RepresentationForm, ViewsForm
from senda.web.upload_limit import INTERRUPTED, TOO_LARGE, UNREADABLE

GET_POST = require_http_methods(["GET", "POST"])


def _read(request: HttpRequest, case: Case) -> None:
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)


def _about(request: HttpRequest) -> str:
    chosen = request.POST.get("about") or request.GET.get("about")
    return FamilyViews.About.PARENT if chosen == "parent" else FamilyViews.About.CHILD


def _views_url(case: Case, about: str) -> str:
    """The views page for the same ``about`` (the parent's page has ``?about=parent``)."""
    found = reverse("web:family-views", kwargs={"case_id": case.pk})
    return f"{found}?about=parent" if about == FamilyViews.About.PARENT else found


def _upload_refusal(request: HttpRequest) -> str | None:
    """Why the file did not arrive whole (too large, or the body could not be read), in
    the upload's own words (``portal.uploads.MESSAGES``), or None when it did."""
    max_mb = settings.SENDA_UPLOAD_MAX_MB
    try:
        request.POST, request.FILES  # noqa: B018 (reading the body sets the flags)
    except UNREADABLE:
        for handler in getattr(request, "upload_handlers", []):
            handler.upload_interrupted()
        return MESSAGES["failed"]
    for flag, key in ((TOO_LARGE, "too_large"), (INTERRUPTED, "failed")):
        if getattr(request, flag, False):
            return MESSAGES[key].format(mb=max_mb)
    return None


def _posted(request: HttpRequest) -> Any:
    """What arrived of the form's fields (none, if the body could not be read)."""
    try:
        return request.POST
    except UNREADABLE:
        return {}


@login_required
@GET_POST
def views(request: HttpRequest, case_id: int) -> HttpResponse:
    case = family_case(request.user, case_id)
    today = kernel.today()
    about = _about(request)
    given = voice.cycle_views(case)
    earlier = given.get(about)
    acts = may_act(request.user, case.child, today)
    refusal = _upload_refusal(request) if request.method == "POST" and acts else None
    data = request.POST if request.method == "POST" and acts and refusal is None else None
    form = ViewsForm(
        _posted(request) if refusal is not None else data,
        request.FILES if data is not None else None,
        about=about,
        saved=earlier.answers if earlier else None,
        initial={"helped_by": earlier.helped_by if earlier else ""},
    )
    if refusal is not None:  # nothing is saved: the file did not arrive whole
        form.is_valid()
        form.add_error("file", refusal)
    elif data is not None and form.is_valid():
        write = lambda: voice.save_views(  # noqa: E731
            case=case,
            about=about,
            answers=form.answers(),
            helped_by=form.cleaned_data.get("helped_by", ""),
            file=form.cleaned_data.get("file"),
            by=request.user,
            today=today,
        )
        if saved(form, write):
            messages.success(
                request, "Thank you. Your views are saved. The school or college will see them."
            )
            return redirect(_views_url(case, about))
    _read(request, case)
    context = {
        "case": case,
        "about": about,
        "form": form,
        "earlier": earlier,
        "review_due_on": voice.next_review_due(case),
        "may_act": acts,
    }
    return render(request, "web/family_voice/views.html", context)


def _initial(rep: Any) -> dict[str, Any]:
    if rep is None:
        return {}
    initial = {f"section_{k}": v for k, v in (rep.comments or {}).items()}
    return initial | {
        "school_name": rep.school_name,
        "school_category": rep.school_category,
        "meeting_requested": rep.meeting_requested,
        "finished": rep.finished,
    }


@login_required
@GET_POST
def draft(request: HttpRequest, case_id: int) -> HttpResponse:
    case = family_case(request.user, case_id)
    today = kernel.today()
    window = voice.comment_window(case, today)
    mine = voice.representation_of(request.user, window) if window else None
    acts = may_act(request.user, case.child, today)
    open_ = window is not None and window.is_open
    data = request.POST if request.method == "POST" and acts and open_ else None
    form = RepresentationForm(data, initial=_initial(mine))
    if data is not None and form.is_valid():
        write = lambda: voice.make_representation(  # noqa: E731
            case=case,
            comments=form.comments(),
            school_name=form.cleaned_data["school_name"],
            school_category=form.cleaned_data["school_category"],
            meeting_requested=form.cleaned_data["meeting_requested"],
            finished=form.cleaned_data["finished"],
            by=request.user,
            today=today,
        )
        if saved(form, write):
            end = kernel.long_date(window.ends_on) if window else ""
            messages.success(
                request,
                f"Thank you. Your comments are saved and your officer has been told. "
                f"You can change them until {end}.",
            )
            return redirect("web:family-draft", case_id=case.pk)
    _read(request, case)
    context = {
        "case": case,
        "window": window,
        "mine": mine,
        "form": form,
        "not_saved": request.method == "POST" and data is None,
        "may_act": acts,
    }
    return render(request, "web/family_voice/draft.html", context)


@login_required
@GET_POST
def thread(request: HttpRequest, case_id: int) -> HttpResponse:
    case = family_case(request.user, case_id)
    today = kernel.today()
    acts = may_act(request.user, case.child, today)
    posted = request.method == "POST" and acts and case.is_open
    form = MessageForm(request.POST if posted else None)
    if form.is_bound and form.is_valid():
        sent: list[Any] = []
        write = lambda: sent.append(  # noqa: E731
            voice.send_family_message(
                case=case, body=form.cleaned_data["body"], by=request.user, today=today
            )
        )
        if saved(form, write):
            due = kernel.long_date(sent[0].reply_due_on)
            messages.success(
                request,
                f"We have your message. Your officer will reply by {due}. "
                "We have also sent you an email to say we have it.",
            )
            return redirect("web:family-messages", case_id=case.pk)
    _read(request, case)
    context = {
        "case": case,
        "thread": list(voice.message_thread(case)),
        "form": form,
        "closed_message": voice.CLOSED_CASE,
        "may_act": acts,
    }
    return render(request, "web/family_voice/messages.html", context)


@login_required
@GET_POST
def complaint(request: HttpRequest, case_id: int) -> HttpResponse:
    case = family_case(request.user, case_id)
    today = kernel.today()
    acts = may_act(request.user, case.child, today)
    form = ComplaintForm(request.POST if request.method == "POST" and acts else None)
    if form.is_bound and form.is_valid():
        write = lambda: complaints.make_complaint_online(  # noqa: E731
            case=case,
            category=form.cleaned_data["category"],
            summary=form.cleaned_data["summary"],
            by=request.user,
            today=today,
        )
        made: list[Any] = []
        if saved(form, lambda: made.append(write())):
            _read(request, case)
            context = {"case": case, "answer_by": stage1_due(made[0])}
            return render(request, "web/family_voice/complaint_sent.html", context)
    _read(request, case)
    context = {
        "case": case,
        "form": form,
        "complaints": voice.family_complaints(case),
        "days": case.la.complaint_stage1_days,
        "may_act": acts,
    }
    return render(request, "web/family_voice/complaint.html", context)


urlpatterns: list[URLPattern] = [
    path("family/<id:case_id>/views/", views, name="family-views"),
    path("family/<id:case_id>/draft/", draft, name="family-draft"),
    path("family/<id:case_id>/messages/", thread, name="family-messages"),
    path("family/<id:case_id>/complaint/", complaint, name="family-complaint"),
]

"""The governance pages: bodies and their members, meetings (the board pack considered,
attendance, decisions, the action log) and escalations. Who may see and change what is
``senda.governance.access``: a body, meeting, decision, action-log item or escalation the
user may not see is 404; a change they may not make is 403. No child-level data here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import kernel
from senda.governance import actions as act
from senda.governance import queries as gq
from senda.governance.access import (
    can_manage_bodies,
    can_raise_on_action,
    can_raise_on_kpi,
    can_record,
    get_body_for_user,
    may_see_governance,
    visible_bodies,
)
from senda.governance.models import Body, Decision, Escalation, LogItem, Meeting, Member
from senda.improvement import queries as plan_queries
from senda.improvement.access import NO_PLAN_ROLES, get_plan_for_user
from senda.improvement.models import BoardPack
from senda.kernel import ActionError
from senda.performance import kpis
from senda.web.access import membership_for, require_performance
from senda.web.forms.errors import show_action_error
from senda.web.forms.governance import (
    AttendanceForm,
    BodyForm,
    CorrectionForm,
    DecisionForm,
    DoneForm,
    EscalationDecisionForm,
    EscalationForm,
    LeaveForm,
    LogItemForm,
    MeetingForm,
    MemberForm,
)
from senda.web.tables import governance as tables

FORM = "web/governance/form.html"


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _saved(form: Any, write: Callable[[], Any]) -> Any:
    try:
        return write()
    except ActionError as error:
        show_action_error(form, error)
        return None


def _page(request: HttpRequest, form: Any, title: str, back: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "back_url": back, **extra}
    return render(request, FORM, context)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("You may not change this body's record.")


def _visible(user: Any) -> Any:
    return visible_bodies(user).values("pk")


def _meeting(user: Any, meeting_id: int) -> Meeting:
    meeting = (
        Meeting.objects.filter(body__in=_visible(user), pk=meeting_id)
        .select_related("body__la", "board_pack__plan")
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def _staff(la_id: int) -> list[User]:
    """The area's staff who reach its plans: owners of action-log items, members' accounts."""
    return list(
        User.objects.filter(membership__la_id=la_id, is_active=True)
        .exclude(membership__role__in=sorted(NO_PLAN_ROLES))
        .order_by("last_name", "first_name", "pk")
    )


def _member_accounts(body: Body) -> list[User]:
    partners = User.objects.filter(plan_memberships__plan__la_id=body.la_id, is_active=True)
    staff = {u.pk: u for u in _staff(body.la_id)}
    for user in partners.order_by("last_name", "first_name", "pk"):
        staff.setdefault(user.pk, user)
    return list(staff.values())


# --- Bodies ----------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not may_see_governance(request.user):
        raise PermissionDenied("Your role does not see the partnership's governance.")
    bodies = list(visible_bodies(request.user).select_related("la").order_by("name", "pk"))
    membership = membership_for(request.user)
    open_escalations = (
        Escalation.objects.filter(body__in=[b.pk for b in bodies], decision__isnull=True)
        .select_related("body", "action")
        .order_by("raised_on", "pk")
    )
    mine = list(gq.my_log_items(request.user))
    waiting = list(open_escalations)
    caption = "Escalations awaiting a decision"
    context = {
        "bodies": bodies,
        "can_manage": membership is not None and can_manage_bodies(request.user, membership.la_id),
        "open_table": tables.escalations_table(waiting, caption) if waiting else None,
        "mine_table": tables.my_log_table(mine, kernel.today(), "Your actions from meetings")
        if mine
        else None,
    }
    return render(request, "web/governance/index.html", context)


@login_required
def body_new(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    if membership is None or not can_manage_bodies(request.user, membership.la_id):
        raise PermissionDenied("Only service managers create governance bodies.")
    form = BodyForm(_post(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body = _saved(
            form, lambda: act.create_body(la_id=membership.la_id, by=request.user, **data)
        )
        if body is not None:
            messages.success(request, f"{body.name} is added.")
            return redirect("web:governance-body", body.pk)
    return _page(request, form, "Add a governance body", reverse("web:governance"))


@login_required
def body(request: HttpRequest, body_id: int) -> HttpResponse:
    found = get_body_for_user(request.user, body_id)
    today = kernel.today()
    members = list(found.members.select_related("user").order_by("left_on", "name", "pk"))
    meetings = list(gq.meetings_of(found))
    escalations = gq.escalations_to(found)
    context = {
        "body": found,
        "current": [m for m in members if m.left_on is None or m.left_on > today],
        "former": [m for m in members if m.left_on is not None and m.left_on <= today],
        "meetings": meetings,
        "meetings_table": tables.meetings_table(meetings),
        "escalations": escalations,
        "escalations_table": tables.escalations_table(
            escalations, "Escalations raised with this body"
        ),
        "can_manage": can_manage_bodies(request.user, found.la_id),
        "can_record": can_record(request.user, found),
    }
    return render(request, "web/governance/body.html", context)


@login_required
def body_edit(request: HttpRequest, body_id: int) -> HttpResponse:
    found = get_body_for_user(request.user, body_id)
    _require(can_manage_bodies(request.user, found.la_id))
    initial = {
        "name": found.name,
        "kind": found.kind,
        "terms_of_reference": found.terms_of_reference,
        "meets": found.meets,
    }
    form = BodyForm(_post(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: act.update_body(body=found, by=request.user, **data)):
            messages.success(request, "The body's details are saved.")
            return redirect("web:governance-body", found.pk)
    back = reverse("web:governance-body", args=[found.pk])
    return _page(request, form, "Change the body's details", back, caption=found.name)


@login_required
def member_new(request: HttpRequest, body_id: int) -> HttpResponse:
    found = get_body_for_user(request.user, body_id)
    _require(can_manage_bodies(request.user, found.la_id))
    form = MemberForm(_post(request), accounts=_member_accounts(found))
    if request.method == "POST" and form.is_valid():
        data = form.arguments()
        if _saved(form, lambda: act.add_member(body=found, by=request.user, **data)):
            messages.success(request, "The member is added.")
            return redirect("web:governance-body", found.pk)
    back = reverse("web:governance-body", args=[found.pk])
    return _page(request, form, "Add a member", back, caption=found.name)


@login_required
def member_leave(request: HttpRequest, body_id: int, member_id: int) -> HttpResponse:
    found = get_body_for_user(request.user, body_id)
    member = Member.objects.filter(body=found, pk=member_id).first()
    if member is None:
        raise Http404("No such member.")
    _require(can_manage_bodies(request.user, found.la_id))
    form = LeaveForm(_post(request))
    if request.method == "POST" and form.is_valid():
        left_on = form.cleaned_data["left_on"]
        if _saved(form, lambda: act.member_leaves(member=member, left_on=left_on, by=request.user)):
            messages.success(request, f"{member.name} has left the body.")
            return redirect("web:governance-body", found.pk)
    back = reverse("web:governance-body", args=[found.pk])
    return _page(request, form, f"{member.name} leaves the body", back, caption=found.name)


# --- Meetings --------------------------------------------------------------------------


@login_required
def meeting_new(request: HttpRequest, body_id: int) -> HttpResponse:
    found = get_body_for_user(request.user, body_id)
    _require(can_record(request.user, found))
    packs = list(
        BoardPack.objects.filter(plan__la_id=found.la_id)
        .select_related("plan")
        .order_by("-meeting_on", "pk")
    )
    form = MeetingForm(_post(request), packs=packs)
    if request.method == "POST" and form.is_valid():
        data = form.arguments()
        meeting = _saved(form, lambda: act.add_meeting(body=found, by=request.user, **data))
        if meeting is not None:
            messages.success(request, "The meeting is added.")
            return redirect("web:governance-meeting", meeting.pk)
    back = reverse("web:governance-body", args=[found.pk])
    return _page(request, form, "Add a meeting", back, caption=found.name)


@login_required
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    found = _meeting(request.user, meeting_id)
    pack = found.board_pack
    full = gq.meeting_in_full(found)
    user = request.user
    recorder = can_record(user, found.body)
    today = kernel.today()
    context = {
        "meeting": found,
        "body": found.body,
        "full": full,
        "log_table": tables.action_log_table(
            full.log_items, today, may_close=lambda item: recorder or item.owner_id == user.pk
        ),
        "escalations_table": tables.escalations_table(
            full.escalations, "Escalations decided at this meeting"
        ),
        "pack_url": (
            reverse("web:plan-board-pack-view", args=[pack.plan_id, pack.pk]) if pack else None
        ),
        "can_record": recorder,
    }
    return render(request, "web/governance/meeting.html", context)


@login_required
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    found = _meeting(request.user, meeting_id)
    _require(can_record(request.user, found.body))
    members = list(found.body.members.current(found.held_on))
    current = {row.member_id: row.status for row in found.attendance.all()}
    form = AttendanceForm(_post(request), members=members, current=current)
    if request.method == "POST" and form.is_valid():
        statuses = form.statuses()
        recorded = _saved(
            form,
            lambda: act.record_attendance(meeting=found, statuses=statuses, by=request.user),
        )
        if recorded is not None:
            messages.success(request, "Attendance is recorded.")
            return redirect("web:governance-meeting", found.pk)
    back = reverse("web:governance-meeting", args=[found.pk])
    return _page(
        request, form, "Record attendance", back, caption=_meeting_caption(found), empty=not members
    )


def _meeting_caption(meeting: Meeting) -> str:
    return f"{meeting.body.name}, {kernel.long_date(meeting.held_on)}"


@login_required
def decision_new(request: HttpRequest, meeting_id: int) -> HttpResponse:
    found = _meeting(request.user, meeting_id)
    _require(can_record(request.user, found.body))
    form = DecisionForm(_post(request))
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if _saved(form, lambda: act.record_decision(meeting=found, text=text, by=request.user)):
            messages.success(request, "The decision is recorded.")
            return redirect("web:governance-meeting", found.pk)
    back = reverse("web:governance-meeting", args=[found.pk])
    return _page(request, form, "Record a decision", back, caption=_meeting_caption(found))


@login_required
def decision_correct(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = (
        Decision.objects.filter(meeting__body__in=_visible(request.user), pk=decision_id)
        .select_related("meeting__body")
        .first()
    )
    if decision is None:
        raise Http404("No such decision.")
    found = decision.meeting
    _require(can_record(request.user, found.body))
    form = CorrectionForm(_post(request), initial={"text": decision.text})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: act.correct_decision(decision=decision, by=request.user, **data)):
            messages.success(request, "The correction is recorded; the original is kept.")
            return redirect("web:governance-meeting", found.pk)
    back = reverse("web:governance-meeting", args=[found.pk])
    return _page(request, form, "Correct a decision", back, caption=_meeting_caption(found))


@login_required
def log_item_new(request: HttpRequest, meeting_id: int) -> HttpResponse:
    found = _meeting(request.user, meeting_id)
    _require(can_record(request.user, found.body))
    owners = {u.pk: u for u in _staff(found.body.la_id)}
    for member in found.body.members.exclude(user=None).select_related("user"):
        owners.setdefault(member.user_id, member.user)  # type: ignore[arg-type]
    form = LogItemForm(_post(request), owners=list(owners.values()))
    if request.method == "POST" and form.is_valid():
        data = form.arguments()
        if _saved(form, lambda: act.add_log_item(meeting=found, by=request.user, **data)):
            messages.success(request, "The action is added to the action log.")
            return redirect("web:governance-meeting", found.pk)
    back = reverse("web:governance-meeting", args=[found.pk])
    return _page(request, form, "Add to the action log", back, caption=_meeting_caption(found))


@login_required
def log_item_done(request: HttpRequest, item_id: int) -> HttpResponse:
    user = request.user
    item = (
        LogItem.objects.filter(Q(meeting__body__in=_visible(user)) | Q(owner_id=user.pk))
        .filter(pk=item_id)
        .select_related("meeting__body")
        .first()
    )
    if item is None:
        raise Http404("No such action.")
    _require(item.owner_id == user.pk or can_record(user, item.meeting.body))
    form = DoneForm(_post(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: act.complete_log_item(item=item, by=user, **data)):
            messages.success(request, "The action is marked done.")
            return redirect("web:governance-meeting", item.meeting_id)
    back = reverse("web:governance-meeting", args=[item.meeting_id])
    return _page(request, form, "Mark an action done", back, caption=item.text[:80])


# --- Escalations -----------------------------------------------------------------------


@login_required
def escalation(request: HttpRequest, escalation_id: int) -> HttpResponse:
    found = (
        Escalation.objects.filter(body__in=_visible(request.user), pk=escalation_id)
        .select_related("body__la", "action__area__plan")
        .first()
    )
    if found is None:
        raise Http404("No such escalation.")
    body_ = found.body
    may_decide = can_record(request.user, body_) and not _decided(found)
    if request.method == "POST" and not may_decide:
        raise PermissionDenied("You may not decide this escalation.")
    others = list(Body.objects.filter(la_id=body_.la_id).exclude(pk=body_.pk).order_by("name"))
    form = EscalationDecisionForm(
        _post(request), meetings=list(body_.meetings.all()), bodies=others
    )
    if request.method == "POST" and form.is_valid():
        data = form.arguments()
        if _saved(form, lambda: act.decide_escalation(escalation=found, by=request.user, **data)):
            messages.success(request, "The body's decision is recorded.")
            return redirect("web:governance-escalation", found.pk)
    context = {
        "escalation": found,
        "body": body_,
        "history": gq.chain(found),
        "kpi": _kpi_or_none(found.body.la_id, found.kpi_id) if found.kpi_id else None,
        "form": form if may_decide else None,
    }
    return render(request, "web/governance/escalation.html", context)


def _kpi_or_none(la_id: int, kpi_id: str) -> Any:
    """The area's KPI (the catalogue's or its own, ``performance.kpis``), or None."""
    try:
        return kpis.get(la_id, kpi_id)
    except KeyError:
        return None


def _decided(escalation: Escalation) -> bool:
    return Escalation.objects.filter(pk=escalation.pk, decision__isnull=False).exists()


def _raise_page(
    request: HttpRequest, la_id: int, write: Callable[[dict[str, Any]], Escalation], **page: Any
) -> HttpResponse:
    bodies = list(Body.objects.filter(la_id=la_id).order_by("name", "pk"))
    form = EscalationForm(_post(request), bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.arguments()
        made = _saved(form, lambda: write(data))
        if made is not None:
            messages.success(request, f"Raised with {made.body.name}.")
            return redirect("web:governance-escalation", made.pk)
    return _page(request, form, page.pop("title"), page.pop("back"), no_bodies=not bodies, **page)


@login_required
def action_escalate(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    action = plan_queries.action_in_full(plan, action_id)
    if action is None:
        raise Http404("No such action in this plan.")
    if not can_raise_on_action(request.user, action):
        raise PermissionDenied("Only the action's lead raises it with a governance body.")

    def write(data: dict[str, Any]) -> Escalation:
        return act.raise_on_action(action=action, by=request.user, **data)

    back = reverse("web:plan-action", args=[plan.pk, action.pk])
    caption = f"Action {action.reference}"
    return _raise_page(
        request, plan.la_id, write, title="Raise with a governance body", back=back, caption=caption
    )


@login_required
def kpi_escalate(request: HttpRequest, kpi_id: str) -> HttpResponse:
    membership = require_performance(request.user)
    entry = _kpi_or_none(membership.la_id, kpi_id)
    if entry is None:
        raise Http404("No such KPI.")
    if not can_raise_on_kpi(request.user, membership.la_id):
        raise PermissionDenied("Only the KPI's owners raise it with a governance body.")

    def write(data: dict[str, Any]) -> Escalation:
        return act.raise_on_kpi(la_id=membership.la_id, kpi_id=entry.id, by=request.user, **data)

    back = reverse("web:kpi", args=[entry.id])
    return _raise_page(
        request,
        membership.la_id,
        write,
        title="Raise with a governance body",
        back=back,
        caption=entry.name,
    )


urlpatterns: list[URLPattern] = [
    path("governance/", index, name="governance"),
    path("governance/bodies/new/", body_new, name="governance-body-new"),
    path("governance/bodies/<id:body_id>/", body, name="governance-body"),
    path("governance/bodies/<id:body_id>/change/", body_edit, name="governance-body-edit"),
    path("governance/bodies/<id:body_id>/members/new/", member_new, name="governance-member-new"),
    path(
        "governance/bodies/<id:body_id>/members/<id:member_id>/leave/",
        member_leave,
        name="governance-member-leave",
    ),
    path(
        "governance/bodies/<id:body_id>/meetings/new/", meeting_new, name="governance-meeting-new"
    ),
    path("governance/meetings/<id:meeting_id>/", meeting, name="governance-meeting"),
    path(
        "governance/meetings/<id:meeting_id>/attendance/", attendance, name="governance-attendance"
    ),
    path(
        "governance/meetings/<id:meeting_id>/decisions/new/",
        decision_new,
        name="governance-decision-new",
    ),
    path(
        "governance/decisions/<id:decision_id>/correct/",
        decision_correct,
        name="governance-decision-correct",
    ),
    path(
        "governance/meetings/<id:meeting_id>/actions/new/",
        log_item_new,
        name="governance-log-new",
    ),
    path("governance/actions/<id:item_id>/done/", log_item_done, name="governance-log-done"),
    path("governance/escalations/<id:escalation_id>/", escalation, name="governance-escalation"),
    path(
        "plans/<id:plan_id>/actions/<id:action_id>/escalate/",
        action_escalate,
        name="plan-action-escalate",
    ),
    path("performance/kpis/<slug:kpi_id>/escalate/", kpi_escalate, name="kpi-escalate"),
]

"""Decision panels (docs/quality/panels.md): the area's panels, a new panel, one panel's
agenda, members, quorum, decisions with reasons and learning, the form that records a
decision on an agenda item (through the casework actions), and learning added, shared and
marked acted on.

Council casework staff of the area read (a QA auditor too); QA leads and team managers
change a panel; a decision needs someone who may also record on the case (a team or
service manager). Anyone else: 403; another area's panel: 404. Reads are audited.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_POST

from senda import audit
from senda.casework.models import Case
from senda.kernel import ActionError
from senda.people.models import AdviceTeam, Membership
from senda.people.models.staff import CASEWORK_WRITE_ROLES
from senda.people.names import display_name
from senda.quality import panels as actions
from senda.quality.access import QA_READ_ROLES, qa_lead, qa_staff
from senda.quality.models import Panel, PanelLearning
from senda.web.forms import qa_panels as f
from senda.web.forms.errors import show_action_error


def _staff(request: HttpRequest) -> Membership:
    membership = qa_staff(request.user)
    if membership is None:
        raise PermissionDenied("Only the council's SEND staff can open panels.")
    return membership


def _lead(request: HttpRequest) -> Membership:
    membership = qa_lead(request.user)
    if membership is None:
        raise PermissionDenied("Only QA leads and team managers can change a panel.")
    return membership


def _panel(request: HttpRequest, panel_id: int) -> Panel:
    membership = _staff(request)
    panel = (
        Panel.objects.select_related("chair").filter(pk=panel_id, la_id=membership.la_id).first()
    )
    if panel is None:
        raise Http404("No such panel.")
    return panel


def _write(form: forms.Form, write: Any) -> bool:
    try:
        write()
    except ActionError as error:
        show_action_error(form, error)
        return False
    return True


@login_required
def panel_list(request: HttpRequest) -> HttpResponse:
    membership = _staff(request)
    panels = list(Panel.objects.filter(la_id=membership.la_id).prefetch_related("items"))
    for panel in panels:
        items = list(panel.items.all())
        panel.item_count = len(items)
        panel.decided_count = sum(1 for i in items if i.decided_on is not None)
    context = {"panels": panels, "can_edit": qa_lead(request.user) is not None}
    return render(request, "web/qa/panels/list.html", context)


@login_required
def panel_new(request: HttpRequest) -> HttpResponse:
    membership = _lead(request)
    staff = Membership.objects.filter(la_id=membership.la_id, role__in=QA_READ_ROLES)
    chairs = sorted(
        ((m.user_id, display_name(m.user)) for m in staff.select_related("user")),
        key=lambda pair: pair[1],
    )
    form = f.PanelForm(request.POST or None, chairs=chairs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chair = next((m.user for m in staff if str(m.user_id) == data["chair"]), None)
        made: list[Panel] = []
        write = lambda: made.append(  # noqa: E731
            actions.create_panel(
                la=membership.la,
                name=data["name"],
                meets_on=data["meets_on"],
                chair=chair,
                by=request.user,
            )
        )
        if _write(form, write):
            messages.success(request, "The panel is created. Add its members and agenda.")
            return redirect("web:qa-panel", panel_id=made[0].pk)
    return render(request, "web/qa/panels/new.html", {"form": form})


def _teams(panel: Panel) -> list[tuple[int, str]]:
    return list(AdviceTeam.objects.filter(la_id=panel.la_id).values_list("pk", "name"))


HELD = "The panel has met: its agenda, members and meeting can no longer change"


def _page(request: HttpRequest, panel: Panel, **bound: Any) -> HttpResponse:
    items = list(panel.items.select_related("case", "event", "case_decision"))
    learning = list(panel.learning.select_related("team"))
    audit.record(
        user=request.user,
        verb="read",
        obj=panel,
        request=request,
        la_id=panel.la_id,
        summary=f"panel {panel.pk}: cases {','.join(str(i.case_id) for i in items)}"[:200],
    )
    membership = qa_lead(request.user)
    lead = membership is not None
    acted = {
        entry.pk: bound.get(f"acted-{entry.pk}") or f.ActedForm(prefix=f"acted-{entry.pk}")
        for entry in learning
    }
    context = {
        "panel": panel,
        "items": items,
        "members": list(panel.members.all()),
        "learning": [(entry, acted[entry.pk]) for entry in learning],
        "lead": lead,
        "can_decide": lead and membership.can_write_casework(panel.la_id),
        "member_form": bound.get("member") or f.MemberForm(),
        "item_form": bound.get("item") or f.ItemForm(),
        "held_form": bound.get("held") or f.HeldForm(),
        "learning_form": bound.get("learning") or f.LearningForm(teams=_teams(panel)),
        "error_form": next((form for form in bound.values() if form.errors), None),
    }
    return render(request, "web/qa/panels/panel.html", context)


@login_required
def panel_page(request: HttpRequest, panel_id: int) -> HttpResponse:
    panel = _panel(request, panel_id)
    if request.method != "POST":
        return _page(request, panel)
    _lead(request)
    which = request.POST.get("form")
    if which == "member":
        form: forms.Form = f.MemberForm(request.POST)
        write = lambda: actions.add_member(  # noqa: E731
            panel=panel,
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
            present=form.cleaned_data["present"],
            by=request.user,
        )
    elif which == "item":
        form = f.ItemForm(request.POST)
        write = lambda: actions.add_item(  # noqa: E731
            panel=panel,
            case=Case.objects.filter(pk=form.cleaned_data["case"]).first(),
            question=form.cleaned_data["question"],
            by=request.user,
        )
    elif which == "held":
        form = f.HeldForm(request.POST)
        write = lambda: actions.record_held(  # noqa: E731
            panel=panel,
            held_on=form.cleaned_data["held_on"],
            quorum_met=form.cleaned_data["quorum_met"] == "yes",
            by=request.user,
        )
    else:
        raise Http404("No such form.")
    if panel.held_on is not None:  # the page offers none of these once the panel has met
        messages.error(request, HELD)
        return redirect("web:qa-panel", panel_id=panel.pk)
    if form.is_valid() and _write(form, write):
        messages.success(request, "The panel is updated.")
        return redirect("web:qa-panel", panel_id=panel.pk)
    return _page(request, panel, **{which: form})


@login_required
def panel_decide(request: HttpRequest, panel_id: int) -> HttpResponse:
    panel = _panel(request, panel_id)
    membership = _lead(request)
    if membership.role not in CASEWORK_WRITE_ROLES:
        raise PermissionDenied("Your role cannot record a decision on a case.")
    number = request.GET.get("item") or request.POST.get("item") or ""
    item = (
        panel.items.select_related("case").filter(pk=int(number)).first()
        if number.isdigit() and len(number) < 10
        else None
    )
    if number and item is None:
        raise Http404("No such item.")
    context: dict[str, Any] = {"panel": panel, "item": item}
    if item is None:
        context["waiting"] = [i for i in panel.items.all() if i.decided_on is None]
        return render(request, "web/qa/panels/decide.html", context)
    if item.decided_on is not None:
        messages.info(request, "The decision on this case is recorded already.")
        return redirect("web:qa-panel", panel_id=panel.pk)
    form = f.DecisionForm(request.POST or None, question=item.question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        write = lambda: actions.record_item_decision(  # noqa: E731
            item=item,
            decision=data["decision"],
            reasons=data["reasons"],
            decided_on=data["decided_on"],
            band=data.get("band", ""),
            family_told_on=data.get("family_told_on"),
            by=request.user,
        )
        if _write(form, write):
            messages.success(request, "The panel's decision is recorded on the case.")
            return redirect("web:qa-panel", panel_id=panel.pk)
    audit.record(
        user=request.user,
        verb="read",
        obj=item.case,
        child=item.case.child,
        request=request,
        summary=f"panel {panel.pk}: item {item.pk}",
    )
    context["form"] = form
    return render(request, "web/qa/panels/decide.html", context)


@login_required
@require_POST
def panel_learning(request: HttpRequest, panel_id: int) -> HttpResponse:
    panel = _panel(request, panel_id)
    _lead(request)
    do = request.POST.get("do")
    if do == "add":
        form: forms.Form = f.LearningForm(request.POST, teams=_teams(panel))
        if form.is_valid():
            data = form.cleaned_data
            team = AdviceTeam.objects.filter(pk=data["team"] or None, la_id=panel.la_id).first()
            write: Any = lambda: actions.add_learning(  # noqa: E731
                panel=panel, text=data["text"], partner=data["partner"], team=team, by=request.user
            )
            if _write(form, write):
                messages.success(request, "The learning is added.")
                return redirect("web:qa-panel", panel_id=panel.pk)
        return _page(request, panel, learning=form)
    number = request.POST.get("learning") or ""
    learning = (
        PanelLearning.objects.filter(panel=panel, pk=int(number)).first()
        if number.isdigit() and len(number) < 10
        else None
    )
    if learning is None:
        raise Http404("No such learning.")
    if do == "share":
        try:
            actions.share_learning(learning=learning, by=request.user)
        except ActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Learning shared with {learning.partner}.")
        return redirect("web:qa-panel", panel_id=panel.pk)
    if do == "acted":
        key = f"acted-{learning.pk}"
        form = f.ActedForm(request.POST, prefix=key)
        if form.is_valid():
            write = lambda: actions.mark_acted_on(  # noqa: E731
                learning=learning, note=form.cleaned_data["note"], by=request.user
            )
            if _write(form, write):
                messages.success(request, "The learning is marked acted on.")
                return redirect("web:qa-panel", panel_id=panel.pk)
        return _page(request, panel, **{key: form})
    raise Http404("No such form.")


urlpatterns: list[URLPattern] = [
    path("qa/panels/", panel_list, name="qa-panels"),
    path("qa/panels/new/", panel_new, name="qa-panel-new"),
    path("qa/panels/<id:panel_id>/", panel_page, name="qa-panel"),
    path("qa/panels/<id:panel_id>/decide/", panel_decide, name="qa-panel-decide"),
    path("qa/panels/<id:panel_id>/learning/", panel_learning, name="qa-panel-learning"),
]

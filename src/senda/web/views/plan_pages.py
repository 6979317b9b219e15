"""Reading an improvement plan: the list of plans, the plan on a page, an area, an action
and "My actions". Who may see a plan is ``senda.improvement.access``: 404 for a plan (or
an area or action of one) the user may not see. No child-level data appears here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse

from senda import kernel
from senda.governance import queries as governance
from senda.governance.access import can_raise_on_action
from senda.improvement import queries as q
from senda.improvement.access import can_update_action, get_plan_for_user, visible_plans
from senda.improvement.impact import current_of, history_of
from senda.improvement.importer import may_import
from senda.improvement.models import ImprovementPlan
from senda.web.access import FAMILY_ROLES, PLACES_ROLES, membership_for
from senda.web.tables.governance import my_log_table

#: Links from the plan on a page to the plan's other pages, by URL name.
PLAN_LINKS = (
    ("Priorities for the quarterly report", "web:plan-priorities"),
    ("Risk register", "web:plan-risks"),
    ("You said, we did", "web:plan-feedback"),
    ("Timescales to resolve", "web:plan-timescales"),
    ("Timeline", "web:plan-timeline"),
    ("Board packs", "web:plan-board-pack"),
    ("Exception report", "web:plan-exceptions"),
    ("Download the plan (XLSX)", "web:plan-export"),
)


def plan_links(plan: ImprovementPlan) -> list[tuple[str, str]]:
    """(text, href) for each of the plan's other pages that exists."""
    links = []
    for text, name in PLAN_LINKS:
        try:
            links.append((text, reverse(name, args=[plan.pk])))
        except NoReverseMatch:
            continue
    return links


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    """The plans the user may see; with just one, that plan. Families: 403."""
    _not_family(request.user)
    listed = list(visible_plans(request.user).select_related("la"))
    if len(listed) == 1:
        return redirect("web:plan", plan_id=listed[0].pk)
    context = {"plans": listed, "can_import": _may_import_any(request.user)}
    return render(request, "web/plans/list.html", context)


def _not_family(user: Any) -> None:
    """403 for a parent or young person: improvement plans are the partnership's work."""
    if getattr(membership_for(user), "role", None) in FAMILY_ROLES:
        raise PermissionDenied("Improvement plans are not part of the family pages.")


def _import_link(user: Any, plan: Any) -> list[tuple[str, str]]:
    """The import page, for those who may import plans for the plan's local area."""
    return [("Import a plan", reverse("web:plan-import"))] if may_import(user, plan.la) else []


def _may_import_any(user: Any) -> bool:
    membership = membership_for(user)
    return membership is not None and may_import(user, membership.la)


@login_required
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    today = kernel.today()
    context = {
        "plan": plan,
        "areas": q.plan_on_a_page(plan, today),
        "sign_offs": list(plan.sign_offs.select_related("partner")),
        "links": plan_links(plan)
        + (
            [("Import a plan", reverse("web:plan-import"))]
            if may_import(request.user, plan.la)
            else []
        ),
        "scale": q.scale_of(plan),
    }
    return render(request, "web/plans/plan.html", context)


@login_required
def area(request: HttpRequest, plan_id: int, area_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    area = plan.areas.filter(pk=area_id).first()
    if area is None:
        raise Http404("No such area in this plan.")
    context = {
        "plan": plan,
        "area": area,
        "aims": list(area.aims.all()),
        "actions": q.area_actions(area, kernel.today()),
    }
    return render(request, "web/plans/area.html", context)


@login_required
def action(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    action = q.action_in_full(plan, action_id)
    if action is None:
        raise Http404("No such action in this plan.")
    ratings = list(action.ratings.all())
    context = {
        "plan": plan,
        "action": action,
        "current": ratings[0] if ratings else None,
        "ratings": ratings,
        "kpis": q.kpi_refs(
            action.kpi_ids or [], q.kpi_status(action.kpi_ids or [], plan.la_id), plan.la_id
        ),
        "can_edit": can_update_action(request.user, action),
        # The current stage and impact (ADR 0034), and the page that records them.
        "impact": current_of(history_of(action)).record,
        "today": kernel.today(),
        "capital_projects": list(action.capital_projects.order_by("name")),
        "capital_links": _sees_capital(request.user, plan),
        # The escalations of the action to governance bodies, and the page to raise one.
        "escalations": governance.action_history(action),
        "escalate_url": (
            reverse("web:plan-action-escalate", args=[plan.pk, action.pk])
            if can_raise_on_action(request.user, action)
            else None
        ),
    }
    return render(request, "web/plans/action.html", context)


def _sees_capital(user: Any, plan: ImprovementPlan) -> bool:
    """Whether the user may open the plan's area's capital project pages (to link them)."""
    membership = membership_for(user)
    return (
        membership is not None
        and membership.la_id == plan.la_id
        and (membership.role in PLACES_ROLES)
    )


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    """Open actions the user leads, in every plan they may see: overdue, then due soon; and
    the open items of governance meetings' action logs they own."""
    _not_family(request.user)
    today = kernel.today()
    rows = q.my_actions(request.user, visible_plans(request.user), today)
    overdue, soon = q.split_due(rows, today)
    soon_caption = f"Due in the next {q.DUE_SOON_DAYS} days"
    context = {"overdue": overdue, "soon": soon, "days": q.DUE_SOON_DAYS, "leads": bool(rows)}
    context["soon_caption"] = soon_caption
    # The action logs of governance meetings: the items the user owns, open, due soonest.
    logged = list(governance.my_log_items(request.user))
    context["log_table"] = (
        my_log_table(logged, today, "From governance meetings") if logged else None
    )
    return render(request, "web/plans/my_actions.html", context)


urlpatterns: list[URLPattern] = [
    path("plans/", plans, name="plans"),
    path("plans/my-actions/", my_actions, name="my-actions"),
    path("plans/<id:plan_id>/", plan, name="plan"),
    path("plans/<id:plan_id>/areas/<id:area_id>/", area, name="plan-area"),
    path("plans/<id:plan_id>/actions/<id:action_id>/", action, name="plan-action"),
]

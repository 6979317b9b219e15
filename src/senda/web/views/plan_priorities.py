"""The partnership's priorities (a plan's improvement areas) for the quarterly report:
the list, the "I" and "We" statements, a quarter's RAGB rating, and the key actions for
the coming quarter.

404 for a plan (or an area of one) the user may not see, or a quarter that is not one or
has not started; the list is for everyone who sees the plan, the other pages for its
managers (403 otherwise: ``access.can_manage_plan``). Writes go through
``senda.improvement.priority_actions``; views hold HTTP only.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import kernel
from senda.improvement import priorities as reads
from senda.improvement import priority_actions as write
from senda.improvement.access import can_manage_plan, get_plan_for_user, require
from senda.improvement.models import ImprovementArea, ImprovementPlan, KeyAction
from senda.performance.periods import Period, parse
from senda.performance.report import quarters
from senda.web.forms.errors import saved
from senda.web.forms.priorities import (
    KeyActionForm,
    PriorityRateForm,
    RemoveForm,
    RewordForm,
    StatementsForm,
)


def _quarter(key: str) -> Period:
    try:
        return quarters.chosen(key, kernel.today())
    except ValueError:
        raise Http404("No such quarter.") from None


def _area(request: HttpRequest, plan_id: int, area_id: int) -> tuple[ImprovementPlan, Any]:
    """The plan and its area, 404 unless the user sees the plan, 403 unless they manage it."""
    plan = get_plan_for_user(request.user, plan_id)
    area = plan.areas.filter(pk=area_id).first()
    if area is None:
        raise Http404("No such priority in this plan.")
    require(can_manage_plan(request.user, plan))
    return plan, area


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _back(plan: ImprovementPlan) -> HttpResponse:
    return redirect("web:plan-priorities", plan_id=plan.pk)


@login_required
def priorities(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Each priority with its statements and its ratings for the last two quarters."""
    plan = get_plan_for_user(request.user, plan_id)
    today = kernel.today()
    quarter = quarters.default(today)
    shown_quarters = [quarter.previous(), quarter, quarters.current(today)]
    areas = list(plan.areas.order_by("number"))
    statements = reads.current_statements(areas)
    ratings = reads.ratings_by_quarter(areas, [q.key for q in shown_quarters])
    rows = [
        {
            "area": area,
            "statements": statements.get(area.pk),
            "ratings": [(q, ratings.get((area.pk, q.key))) for q in shown_quarters],
        }
        for area in areas
    ]
    context = {
        "plan": plan,
        "rows": rows,
        "quarter": quarter,
        "current": quarters.current(today),
        "manages": can_manage_plan(request.user, plan),
    }
    return render(request, "web/plans/priorities.html", context)


@login_required
def statements(request: HttpRequest, plan_id: int, area_id: int) -> HttpResponse:
    plan, area = _area(request, plan_id, area_id)
    history = list(area.statements.select_related("author"))
    initial = {}
    if history:
        initial = {"i_statement": history[0].i_statement, "we_statement": history[0].we_statement}
    form = StatementsForm(_data(request), initial=initial)
    if form.is_valid() and saved(
        form, partial(write.write_statements, area=area, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"Statements of priority {area.number} saved")
        return _back(plan)
    context = {"plan": plan, "area": area, "form": form, "history": history}
    return render(request, "web/plans/priority_statements.html", context)


@login_required
def rate(request: HttpRequest, plan_id: int, area_id: int, quarter: str) -> HttpResponse:
    plan, area = _area(request, plan_id, area_id)
    period = _quarter(quarter)
    current = reads.rating_for(area, period)
    initial = {"value": current.value, "narrative": current.narrative} if current else {}
    form = PriorityRateForm(_data(request), initial=initial)
    if form.is_valid() and saved(
        form,
        partial(
            write.rate_priority, area=area, quarter=period, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, f"Priority {area.number} rated for {period.label}")
        return _back(plan)
    history = list(
        area.priority_ratings.select_related("author").order_by("-quarter", *reads.ORDER)
    )
    counted = {}
    for row in history:
        counted.setdefault(row.quarter, row.pk)
    context = {
        "plan": plan,
        "area": area,
        "quarter": period,
        "form": form,
        "history": [
            (row, counted[row.quarter] == row.pk, parse(row.quarter).label) for row in history
        ],
    }
    return render(request, "web/plans/priority_rate.html", context)


def _key_list_or_draw(plan: ImprovementPlan, period: Period) -> tuple[Any, list[Any]]:
    key_list = reads.key_action_list(plan, period)
    if key_list is None:
        return None, reads.draw(plan, period.following())
    items = list(KeyAction.objects.filter(key_list=key_list).select_related("area", "action"))
    return key_list, items


@login_required
def key_actions(request: HttpRequest, plan_id: int, quarter: str) -> HttpResponse:
    """The key actions for the quarter after ``quarter`` (the report of ``quarter`` shows
    them): start the list from what is due, add, reword, remove, draw again, publish."""
    plan = get_plan_for_user(request.user, plan_id)
    require(can_manage_plan(request.user, plan))
    period = _quarter(quarter)
    key_list, items = _key_list_or_draw(plan, period)
    areas = [(a.pk, f"{a.number}. {a.title}") for a in plan.areas.order_by("number")]
    add_form = KeyActionForm(areas=areas)
    reword: dict[int, forms.Form] = {}
    failed: forms.Form | None = None
    if request.method == "POST":
        op = request.POST.get("op", "")
        done, form = _post(request, op, plan, period, key_list, items, areas)
        if done is not None:
            messages.success(request, done)
            return redirect(request.path)
        if form is not None:
            failed = _shown_failure(form, key_list)
            if isinstance(form, KeyActionForm):
                add_form = form
            elif isinstance(form, RewordForm):
                reword[_item_id(request)] = form
    rows: list[tuple[Any, forms.Form | None]] = [(item, None) for item in items]
    if key_list is not None and not key_list.published:
        rows = [(item, reword.get(item.pk) or _reword(item)) for item in items]
    context = {
        "plan": plan,
        "quarter": period,
        "coming": period.following(),
        "key_list": key_list,
        "rows": rows,
        "add_form": add_form,
        "failed": failed,
        "report_url": reverse("web:report") + f"?quarter={period.key}",
    }
    return render(request, "web/plans/key_actions.html", context)


def _shown_failure(form: forms.Form, key_list: Any) -> forms.Form:
    """The form whose errors the page shows: a form the page does not show (the remove
    button's, or any once the list is published) gives its messages to the whole page."""
    if type(form) is forms.Form or (
        not isinstance(form, RemoveForm) and not (key_list is not None and key_list.published)
    ):
        return form
    page = forms.Form(data={})
    page.is_valid()
    for messages_of in form.errors.values():
        for message in messages_of:
            page.add_error(None, message)
    return page


def _reword(item: KeyAction) -> RewordForm:
    return RewordForm(prefix=f"item-{item.pk}", initial={"text": item.text})


def _item_id(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("item", ""))
    except ValueError:
        raise Http404("No such key action.") from None


def _post(
    request: HttpRequest,
    op: str,
    plan: ImprovementPlan,
    period: Period,
    key_list: Any,
    items: list[Any],
    areas: list[tuple[int, str]],
) -> tuple[str | None, forms.Form | None]:
    """Carry out one of the page's buttons: (message when done, the form with its error)."""
    by = request.user
    plain = forms.Form(request.POST)
    if op == "start":
        ok = saved(plain, partial(write.start_key_actions, plan=plan, quarter=period, by=by))
        return ("Key actions started from what is due" if ok else None), plain
    if key_list is None:
        raise Http404("Start the list first.")
    if op == "redraw":
        ok = saved(plain, partial(write.redraw_key_actions, key_list=key_list, by=by))
        return ("Drawn again: anything newly due was added" if ok else None), plain
    if op == "publish":
        ok = saved(plain, partial(write.publish_key_actions, key_list=key_list, by=by))
        return (f"Key actions for {period.following().label} published" if ok else None), plain
    if op == "add":
        form = KeyActionForm(request.POST, areas=areas)
        if form.is_valid():
            data = form.cleaned_data
            area = ImprovementArea.objects.get(plan=plan, pk=data["area"])
            write_it = partial(
                write.add_key_action,
                key_list=key_list,
                area=area,
                text=data["text"],
                due_on=data["due_on"],
                by=by,
            )
            if saved(form, write_it):
                return "Key action added", None
        return None, form
    item = next((i for i in items if i.pk == _item_id(request)), None)
    if item is None:
        raise Http404("No such key action in this list.")
    if op == "reword":
        form = RewordForm(request.POST, prefix=f"item-{item.pk}")
        if form.is_valid() and saved(
            form, partial(write.reword_key_action, item=item, text=form.cleaned_data["text"], by=by)
        ):
            return "Key action reworded", None
        return None, form
    if op == "remove":
        form = RemoveForm(request.POST)
        if form.is_valid() and saved(
            form,
            partial(write.remove_key_action, item=item, reason=form.cleaned_data["reason"], by=by),
        ):
            return "Key action removed", None
        return None, form
    raise Http404("No such change.")


P = "plans/<id:plan_id>/priorities/"
urlpatterns: list[URLPattern] = [
    path(P, priorities, name="plan-priorities"),
    path(f"{P}<id:area_id>/statements/", statements, name="plan-priority-statements"),
    path(f"{P}<id:area_id>/rate/<str:quarter>/", rate, name="plan-priority-rate"),
    path("plans/<id:plan_id>/key-actions/<str:quarter>/", key_actions, name="plan-key-actions"),
]

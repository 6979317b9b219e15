"""Preparing for adulthood (issue 18; docs/adulthood.md):

- ``/cases/<id>/adulthood-outcomes/`` (``web:review-adulthood``): the preparing-for-adulthood
  outcomes agreed at the case's reviews from Year 9, and the council's form to record them
  (a setting's review report records them when it is sent). Council staff of the area
  read (a QA auditor too); casework staff record; anyone else 403, another area's case 404.
- ``/transition/`` (``web:transition``): young people aged 16 or 17 with a plan, their
  transition to adult services and what is missing. Council staff see the young people
  (the list is audited); board members and the area's health and social care
  advice-givers see the figures alone, small numbers suppressed; anyone else 403.
- ``/transition/young-people/<id>/`` (``web:transition-young-person``): one young person's
  transition records (corrections and withdrawals struck through; audited), a link to each
  of their cases the user may see, and the forms to record and withdraw; council staff
  only, another area's young person 404.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.actions import record_adulthood_outcomes
from senda.casework.actions.adulthood import from_year_9
from senda.casework.models import AdulthoodOutcomes, Case
from senda.pathways import transition
from senda.pathways.access import may_record, may_see_children, may_see_transition
from senda.pathways.models import Complexity, TransitionRecord
from senda.pathways.transition_actions import record_transition, withdraw_transition
from senda.people.models import Child, Membership
from senda.performance.status_shown import threshold
from senda.web.access import can_record, get_case_for_user, require_la_staff, visible_cases
from senda.web.forms.adulthood import (
    ReviewAdulthoodForm,
    TransitionRecordForm,
    WithdrawTransitionForm,
)
from senda.web.forms.errors import saved
from senda.web.tables.places import Counts


def _case(request: HttpRequest, case_id: int) -> Case:
    require_la_staff(request.user)
    case = get_case_for_user(request.user, case_id)
    if request.method == "POST" and not can_record(request.user, case):
        raise PermissionDenied("Your role cannot record on a case.")
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    return case


@login_required
def review_adulthood(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    born = case.child.date_of_birth
    reviews = [
        r for r in case.reviews.order_by("-meeting_on", "-id") if from_year_9(born, r.meeting_on)
    ]
    rows = list(
        AdulthoodOutcomes.objects.filter(case=case)
        .select_related("review", "recorded_by")
        .order_by("-review__meeting_on", "-recorded_at", "-id")
    )
    replaced = {r.replaces_id for r in rows if r.replaces_id}
    current = {r.review_id: r for r in rows if r.pk not in replaced}
    data = request.POST if request.method == "POST" else None
    form = ReviewAdulthoodForm(
        data, reviews=reviews, current=current.get(reviews[0].pk) if reviews else None
    )
    if data is not None and reviews and form.is_valid():
        review, outcomes = form.review_chosen(), form.outcomes()
        write = lambda: record_adulthood_outcomes(  # noqa: E731
            review=review, outcomes=outcomes, via="officer", by=request.user
        )
        if saved(form, write):
            messages.success(request, "The preparing-for-adulthood outcomes are recorded.")
            return redirect("web:review-adulthood", case_id=case.pk)
    year = case.child.year_group(kernel.today())
    context: dict[str, Any] = {
        "case": case,
        "year": year,
        "reviews": reviews,
        "recorded": [(r, r.pk in replaced) for r in rows],
        "form": form,
        "can_edit": can_record(request.user, case) and bool(reviews),
    }
    return render(request, "web/adulthood/review_outcomes.html", context)


def _membership(request: HttpRequest) -> Membership:
    membership = may_see_transition(request.user)
    if membership is None:
        raise PermissionDenied("Your role does not see the transition to adult services.")
    return membership


def _figures(young: list[transition.Young], today: Any, counts: Counts) -> list[tuple[str, str]]:
    """(what, how many) for the page's summary, suppressed for readers outside the council:
    the ratings' counts add up to the total, so if one is hidden all are."""
    total = len(young)
    ratings = [
        (label.split(":")[0], sum(1 for y in young if y.rating == value))
        for value, label in Complexity.choices
    ] + [("Not rated", sum(1 for y in young if not y.rating))]
    hide_ratings = any(counts.hidden(n) for _, n in ratings)
    red = [y for y in young if y.rating == Complexity.RED]
    disabled = [y for y in young if y.learning_disability]
    rows = [("Young people aged 16 or 17 with a plan", counts.count(total))]
    rows += [
        (
            f"Rated {what.lower()}" if what != "Not rated" else what,
            "Not shown" if hide_ratings and n else counts.count(n),
        )
        for what, n in ratings
    ]
    rows += [
        ("With a transition plan", counts.count(sum(1 for y in young if y.plan_on))),
        (
            "Rated red and allocated an adult social care worker",
            counts.count(sum(1 for y in red if y.allocated_on)),
        ),
        ("With travel training completed", counts.count(sum(1 for y in young if y.travel_on))),
        ("With a learning disability", counts.count(len(disabled))),
        (
            "With a learning disability and a health check in the last year",
            counts.count(sum(1 for y in disabled if y.check_current(today))),
        ),
        (
            "With a learning disability and a health action plan",
            counts.count(sum(1 for y in disabled if y.health_plan_on)),
        ),
    ]
    return rows


@login_required
def transition_page(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    staff = may_see_children(membership)
    today = kernel.today()
    counts = Counts(0 if staff else threshold())
    young = transition.approaching_18(membership.la_id, today)
    median, allocations = transition.median_age_at_allocation(
        membership.la_id, today - timedelta(days=364), today
    )
    shown_median = median is not None and not counts.hidden(allocations)
    rows = []
    if staff:
        children = Child.objects.in_bulk([y.child_id for y in young])
        rows = [(children[y.child_id], y, y.missing(today)) for y in young]
        audit.record_list(
            user=request.user, request=request, page="transition to adult services",
            obj=membership.la,
        )  # fmt: skip
    context = {
        "today": today,
        "staff": staff,
        "threshold": counts.below,
        "figures": _figures(young, today, counts),
        "median": transition.months_text(median) if shown_median and median is not None else "",
        "allocations": counts.count(allocations),
        "rows": rows,
    }
    return render(request, "web/adulthood/transition.html", context)


@login_required
def transition_young_person(request: HttpRequest, child_id: int) -> HttpResponse:
    membership = _membership(request)
    if not may_see_children(membership):
        raise PermissionDenied("Your role sees the figures, not the young people.")
    child = Child.objects.filter(la_id=membership.la_id, pk=child_id).select_related("la").first()
    if child is None:
        raise Http404("No such young person.")
    can_edit = may_record(request.user, child.la)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("Your role cannot record a young person's transition.")
    audit.record(
        user=request.user, verb="read", obj=child, child=child, request=request,
        summary=f"transition: child {child.pk}",
    )  # fmt: skip
    data = request.POST if request.method == "POST" else None
    which = (data or {}).get("action", "")
    form = TransitionRecordForm(data if which == "record" else None)
    withdraw = WithdrawTransitionForm(data if which == "withdraw" else None)
    if which == "record" and form.is_valid():
        arguments = form.arguments()
        write = lambda: record_transition(child=child, by=request.user, **arguments)  # noqa: E731
        if saved(form, write):
            messages.success(request, "The record is saved.")
            return redirect("web:transition-young-person", child_id=child.pk)
    if which == "withdraw" and withdraw.is_valid():
        record = TransitionRecord.objects.filter(
            child=child, pk=withdraw.cleaned_data["record"]
        ).first()
        if record is None:
            raise Http404("No such record.")
        why = withdraw.cleaned_data["why"]
        write = lambda: withdraw_transition(record=record, why=why, by=request.user)  # noqa: E731
        if saved(withdraw, write):
            messages.success(request, "The record is withdrawn.")
            return redirect("web:transition-young-person", child_id=child.pk)
    records = list(
        TransitionRecord.objects.filter(child=child)
        .select_related("recorded_by")
        .order_by("on", "id")
    )
    replaced = {r.replaces_id for r in records if r.replaces_id}
    current = [r for r in records if r.pk not in replaced and not r.withdrawn]
    today = kernel.today()
    young = None
    if child.date_of_birth is not None:
        blank = transition.Young(child.pk, 0, child.date_of_birth, child.primary_need)
        young = transition.facts_of(blank, current, None)
    context = {
        "child": child,
        # the young person's cases, linked for a user who may see them (none for anyone else)
        "cases": list(
            visible_cases(request.user).filter(child=child).order_by("-opened_on", "-id")
        ),
        "young": young,
        "missing": young.missing(today) if young else [],
        "records": [(r, r.pk in replaced) for r in records],
        "current_ids": {r.pk for r in current},
        "form": form,
        "withdraw": withdraw,
        "can_edit": can_edit,
        "age": transition.months_text(transition.age_in_months(child.date_of_birth, today))
        if child.date_of_birth
        else "",
    }
    return render(request, "web/adulthood/young_person.html", context)


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/adulthood-outcomes/", review_adulthood, name="review-adulthood"),
    path("transition/", transition_page, name="transition"),
    path(
        "transition/young-people/<id:child_id>/",
        transition_young_person,
        name="transition-young-person",
    ),
]

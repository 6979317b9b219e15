"""The retention pages (docs/retention.md): the records past retention awaiting approval,
one record's decision (approve: anonymise or delete as the schedule says; reject: keep it),
and the area's schedule. A service manager's pages: anyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from senda import audit
from senda.kernel import ActionError
from senda.people.models import Membership, Role
from senda.retention import actions
from senda.retention.defaults import BY_CODE
from senda.retention.models import Disposal, Rule
from senda.retention.schedule import ensure_schedule
from senda.web.access import require_service_manager
from senda.web.forms.errors import show_action_error
from senda.web.forms.retention import DecisionForm, RuleForm
from senda.web.phone_tables import captioned_table


def _record(disposal: Disposal) -> str:
    return f"{BY_CODE[disposal.record_type].label.split(':')[0]} {disposal.object_id}"


@login_required
def waiting(request: HttpRequest) -> HttpResponse:
    membership = require_service_manager(request.user)
    rows = list(Disposal.objects.pending().filter(la_id=membership.la_id).select_related("rule"))
    audit.record_list(user=request.user, request=request, page="retention", obj=membership.la)
    table = captioned_table(
        "Records past retention awaiting approval",
        ["Record", "Child", "Retention ended", "What happens", "Decide"],
        [_row(d) for d in rows],
    )
    done = Disposal.objects.filter(la_id=membership.la_id).exclude(status="pending").count()
    context = {"table": table if rows else None, "decided": done}
    return render(request, "web/retention/waiting.html", context)


def _row(disposal: Disposal) -> list[dict[str, Any]]:
    href = reverse("web:retention-disposal", args=[disposal.pk])
    return [
        {"text": _record(disposal)},
        {"text": str(disposal.child_id or "")},
        {"text": f"{disposal.due_on:%-d %b %Y}"},
        {"text": disposal.get_action_display()},
        {"html": format_html('<a class="govuk-link" href="{}">Decide</a>', href)},
    ]


def _disposal(membership: Membership, disposal_id: int) -> Disposal:
    found = Disposal.objects.filter(la_id=membership.la_id, pk=disposal_id)
    disposal = found.select_related("rule", "decided_by").first()
    if disposal is None:
        raise Http404("No such record.")
    return disposal


@login_required
def decide(request: HttpRequest, disposal_id: int) -> HttpResponse:
    membership = require_service_manager(request.user)
    disposal = _disposal(membership, disposal_id)
    audit.record(
        user=request.user, verb="read", obj=disposal, child=disposal.child, request=request
    )
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if disposal.status == Disposal.Status.PENDING and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                actions.approve(disposal=disposal, by=request.user)  # type: ignore[arg-type]
                messages.success(request, f"Done: {_record(disposal)}.")
            else:
                reason = form.cleaned_data["reason"]
                actions.reject(disposal=disposal, by=request.user, reason=reason)  # type: ignore[arg-type]
                messages.success(request, f"Kept: {_record(disposal)}.")
            return redirect("web:retention")
        except ActionError as error:
            show_action_error(form, error)
    context = {
        "form": form,
        "disposal": disposal,
        "record": _record(disposal),
        "kind": BY_CODE[disposal.record_type],
        "may_decide": actions.may_decide(request.user, disposal),
    }
    return render(request, "web/retention/decide.html", context)


@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    membership = require_service_manager(request.user)
    rules = ensure_schedule(membership.la)
    rows = [
        [
            {"text": BY_CODE[rule.record_type].label},
            {"text": f"{rule.keep_years} years from {BY_CODE[rule.record_type].counted_from}"},
            {"text": rule.get_action_display()},
            {"text": rule.source},
            {
                "html": format_html(
                    '<a class="govuk-link" href="{}">Change</a>',
                    reverse("web:retention-rule", args=[rule.pk]),
                )
            },
        ]
        for rule in rules
    ]
    head = ["Record", "Kept for", "Then", "Source", "Change"]
    table = captioned_table("The retention schedule", head, rows)
    return render(request, "web/retention/schedule.html", {"table": table})


def _managers(la_id: int) -> list[User]:
    found = User.objects.filter(
        is_active=True, membership__la_id=la_id, membership__role=Role.SERVICE_MANAGER
    )
    return list(found.order_by("last_name", "first_name", "pk"))


@login_required
def rule(request: HttpRequest, rule_id: int) -> HttpResponse:
    membership = require_service_manager(request.user)
    found = Rule.objects.filter(la_id=membership.la_id, pk=rule_id).first()
    if found is None:
        raise Http404("No such rule.")
    initial = {
        "keep_years": found.keep_years,
        "action": found.action,
        "source": found.source,
        "approver": str(found.approver_id or ""),
    }
    data = request.POST if request.method == "POST" else None
    form = RuleForm(data, initial=initial, managers=_managers(membership.la_id))
    if form.is_valid():
        try:
            actions.change_rule(
                rule=found,
                keep_years=form.cleaned_data["keep_years"],
                action=form.cleaned_data["action"],
                source=form.cleaned_data["source"],
                approver=form.chosen_approver(),
                by=request.user,  # type: ignore[arg-type]
            )
            messages.success(request, "The schedule is changed.")
            return redirect("web:retention-schedule")
        except ActionError as error:
            show_action_error(form, error)
    context = {
        "form": form,
        "title": f"Change the period: {BY_CODE[found.record_type].label.split(':')[0]}",
        "back_url": reverse("web:retention-schedule"),
    }
    return render(request, "web/plain_form.html", context)


urlpatterns: list[URLPattern] = [
    path("retention/", waiting, name="retention"),
    path("retention/schedule/", schedule, name="retention-schedule"),
    path("retention/schedule/<id:rule_id>/", rule, name="retention-rule"),
    path("retention/<id:disposal_id>/", decide, name="retention-disposal"),
]

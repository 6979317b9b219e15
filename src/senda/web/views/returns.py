"""Settings' returns: review paperwork expected and received per school or college.

LA staff (case officers, team managers, QA auditors, service managers) see every setting;
a SENCo sees their own setting's page (``/returns/`` takes them there) and gets 404 for any
other setting; parents and board members get 403 on the list and 404 on a setting.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.models import DeadlineRow
from senda.casework.returns import (
    days_late,
    report_rows,
    returns_report,
    setting_returns,
)
from senda.kernel import ActionError
from senda.people.models import Membership, Role, Setting
from senda.portal.models import Escalation, SupportContact
from senda.portal.support import (
    LOOK_BACK,
    MANAGERS,
    escalate,
    late_cases,
    record_support_contact,
    resolve_escalation,
)
from senda.web.access import LA_WIDE_ROLES, membership_for
from senda.web.forms.errors import saved
from senda.web.forms.portal_tray import EscalationForm, ResolveForm, SupportContactForm
from senda.web.forms.returns import DEFAULT_WEEKS, PeriodForm


def period(request: HttpRequest, today: date) -> tuple[PeriodForm, date, date]:
    """The chosen period (default the last 12 weeks, ending today) and its form."""
    form = PeriodForm(request.GET if "weeks" in request.GET else None)
    weeks = form.cleaned_data["weeks"] if form.is_bound and form.is_valid() else DEFAULT_WEEKS
    if not form.is_valid():
        form = PeriodForm(initial={"weeks": weeks})
    return form, today - timedelta(weeks=int(weeks)), today


@login_required
def returns_list(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    if membership is not None and membership.role == Role.SENCO:
        return redirect("web:returns-setting", setting_id=membership.setting_id)
    if membership is None or membership.role not in LA_WIDE_ROLES:
        raise PermissionDenied("Settings' returns are for the local area's staff.")
    today = kernel.today()
    form, start, end = period(request, today)
    report = returns_report(membership.la, start, end, today=today)
    context = {"form": form, "report": report, "start": start, "end": end, "la": membership.la}
    return render(request, "web/returns/list.html", context)


def get_setting_for_user(membership: Membership | None, setting_id: int) -> Setting:
    """The setting if the user may see its returns: a SENCo their own, LA staff a setting
    of their area or one their area's children attend; 404 for anything else."""
    if membership is not None and membership.role == Role.SENCO:
        if membership.setting_id != setting_id:
            raise Http404("No such setting.")
        return Setting.objects.get(pk=setting_id)
    ours = Q(la_id=getattr(membership, "la_id", None))
    ours |= Q(children__la_id=getattr(membership, "la_id", None))
    setting = Setting.objects.filter(ours, pk=setting_id).first()
    if membership is None or setting is None or membership.role not in LA_WIDE_ROLES:
        raise Http404("No such setting.")
    return setting


#: How each listed return reads (its tag's text; ``web.tags.RETURN`` its colour), in the
#: order they are listed.
STATES = {"missing": "Missing", "awaiting": "Not yet due", "late": "Late"}


def listed_returns(rows: QuerySet[DeadlineRow], today: date) -> list[DeadlineRow]:
    """The setting's missing, not-yet-due and late returns, in that order, oldest first;
    each row carries ``days_late``, ``state`` and ``state_text``. One query."""
    outstanding = rows.filter(Q(done__isnull=True) | Q(done__gt=F("due")))
    listed = list(outstanding.select_related("case__child", "case__officer"))
    order = list(STATES)
    for row in listed:
        row.days_late = days_late(row.due, row.done, today)
        row.state = "late" if row.done else "missing" if row.days_late > 0 else "awaiting"
        row.state_text = STATES[row.state]
    return sorted(listed, key=lambda r: (order.index(r.state), r.due, r.case_id))


def support_and_challenge(
    request: HttpRequest, membership: Membership, setting: Setting, today: date
) -> dict[str, Any] | HttpResponse:
    """The setting's support contacts and escalations, and their forms; a POST records
    one (case officers, team and service managers; resolving: managers only)."""
    writer = membership.can_write_casework(membership.la_id)
    late = list(late_cases(membership.la, setting, today - LOOK_BACK, today))
    data = request.POST if request.method == "POST" else None
    which = data.get("form") if data is not None else None
    if data is not None and not writer:
        raise PermissionDenied("Your role cannot record support and challenge.")
    contact = SupportContactForm(data if which == "contact" else None, prefix="contact")
    escalation = EscalationForm(data if which == "escalate" else None, prefix="escalate", late=late)
    resolve = ResolveForm(data if which == "resolve" else None, prefix="resolve")
    done = None
    if which == "contact" and contact.is_valid():
        fields = contact.cleaned_data
        if saved(
            contact, lambda: record_support_contact(setting=setting, by=request.user, **fields)
        ):
            done = "The contact is recorded."
    elif which == "escalate" and escalation.is_valid():
        fields = dict(escalation.cleaned_data)
        fields["cases"] = [c for c in late if str(c.pk) in fields["cases"]]
        if saved(escalation, lambda: escalate(setting=setting, by=request.user, **fields)):
            done = "The escalation is recorded."
    elif which == "resolve":
        if membership.role not in MANAGERS:
            raise PermissionDenied("Only a team manager or service manager can resolve this.")
        if not resolve.is_valid():
            raise Http404("No such escalation.")
        found = get_object_or_404(
            Escalation, la=membership.la, setting=setting, pk=resolve.cleaned_data["escalation"]
        )
        try:
            resolve_escalation(escalation=found, on=today, by=request.user)
        except ActionError as error:  # resolved already (by someone else, just now)
            messages.info(request, error.message)
            return redirect("web:returns-setting", setting_id=setting.pk)
        done = "The escalation is marked as resolved."
    if done is not None:
        messages.success(request, done)
        return redirect("web:returns-setting", setting_id=setting.pk)
    bound = [f for f in (contact, escalation) if f.is_bound and f.errors]
    escalations = Escalation.objects.filter(la=membership.la, setting=setting)
    return {
        "contacts": list(SupportContact.objects.filter(la=membership.la, setting=setting)),
        "escalations": list(escalations.prefetch_related("cases")),
        "contact_form": contact,
        "escalation_form": escalation,
        "error_form": bound[0] if bound else None,
        "late_cases": late,
        "can_support": writer,
        "can_resolve": writer and membership.role in MANAGERS,
    }


@login_required
def returns_setting(request: HttpRequest, setting_id: int) -> HttpResponse:
    membership = membership_for(request.user)
    setting = get_setting_for_user(membership, setting_id)
    today = kernel.today()
    support: dict[str, Any] = {}
    if membership.role != Role.SENCO:  # type: ignore[union-attr]  # found a setting: a member
        found = support_and_challenge(request, membership, setting, today)  # type: ignore[arg-type]
        if isinstance(found, HttpResponse):
            return found
        support = found
    elif request.method == "POST":
        raise PermissionDenied("Support and challenge is for the council's staff.")
    form, start, end = period(request, today)
    rows = report_rows(membership.la, start, end).filter(case__child__setting=setting)
    listed = listed_returns(rows, today)
    audit.record_list(
        user=request.user,
        request=request,
        page="setting returns",
        obj=setting,
        filters={"weeks": form["weeks"].value()},
        la_id=membership.la_id,  # type: ignore[union-attr]  # a setting is never a stranger's
    )
    days = [r.days_late for r in listed if r.days_late > 0]
    summary = setting_returns(rows, setting.pk, setting.name, today, days)
    context = {
        "form": form,
        "setting": setting,
        "summary": summary,
        "listed": listed,
        "start": start,
        "end": end,
        "is_senco": membership.role == Role.SENCO,
        **support,
    }
    return render(request, "web/returns/setting.html", context)


urlpatterns: list[URLPattern] = [
    path("returns/", returns_list, name="returns"),
    path("returns/<id:setting_id>/", returns_setting, name="returns-setting"),
]

"""Settings' returns: review paperwork expected and received per school or college.

LA staff (case officers, team managers, QA auditors, service managers) see every setting;
a SENCo sees their own setting's page (``/returns/`` takes them there) and gets 404 for any
other setting; parents and board members get 403 on the list and 404 on a setting.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.models import DeadlineRow
from senda.casework.returns import (
    days_late,
    report_rows,
    returns_report,
    setting_returns,
)
from senda.people.models import Membership, Role, Setting
from senda.web.access import LA_WIDE_ROLES, membership_for
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


@login_required
def returns_setting(request: HttpRequest, setting_id: int) -> HttpResponse:
    membership = membership_for(request.user)
    setting = get_setting_for_user(membership, setting_id)
    today = kernel.today()
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
    }
    return render(request, "web/returns/setting.html", context)


urlpatterns: list[URLPattern] = [
    path("returns/", returns_list, name="returns"),
    path("returns/<id:setting_id>/", returns_setting, name="returns-setting"),
]

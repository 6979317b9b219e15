"""Import an improvement plan from a spreadsheet (CSV or XLSX) through the browser.

Who may: service managers and team managers, for their own local area (everyone else,
partners included, gets 403: an import creates a plan of an area). The file is checked
whole by :func:`senda.improvement.importer.import_plan`; if anything is wrong, every
problem is listed with its row and column and nothing is written. On success the plan opens
with a banner saying what was imported and which timescales Senda could not read.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda.improvement.access import PLAN_EDIT_ROLES
from senda.improvement.importer import ImportFailed, Problem, import_plan
from senda.web.access import membership_for
from senda.web.forms.plan_import import ImportForm
from senda.web.tables.problems import problems_table


def require_importer(user: Any) -> Any:
    """The user's membership if they may import plans for their area; 403 otherwise."""
    membership = membership_for(user)
    if membership is None or membership.role not in PLAN_EDIT_ROLES:
        raise PermissionDenied("Only service managers and team managers import plans.")
    return membership


@login_required
def plan_import(request: HttpRequest) -> HttpResponse:
    membership = require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_plan(
                upload,
                filename=upload.name,
                la=membership.la,
                by=request.user,
                title=form.cleaned_data["title"] or None,
                layout=form.cleaned_data["layout"] or None,
                mapping=form.cleaned_data["mapping"] or None,
            )
        except ImportFailed as failed:
            problems = failed.problems
            form.add_problems(problems)
        else:
            messages.success(request, result.summary)
            return redirect("web:plan", plan_id=result.plan.pk)
    context = {
        "form": form,
        "problems": problems_table(problems) if problems else "",
        "la": membership.la,
    }
    return render(request, "web/plans/import.html", context)


urlpatterns: list[URLPattern] = [
    path("plans/import/", plan_import, name="plan-import"),
]

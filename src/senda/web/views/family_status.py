"""The family's home: "Where we are, in plain English" (docs/families.md).

- ``/family/``: for a family member (a parent or carer, or the young person; 403 for
  everyone else). With one case it shows where that case is; with several, a list to choose
  from; with none, what they can do.
- ``/family/<case>/``: one case, when a family has several children (404 unless the user
  sees the child's record as family today: ``senda.people.families``).

What the page says is ``senda.portal.family_status``; every read is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse

from senda import audit, kernel
from senda.casework.models import Case
from senda.people.families import contacts_of, family_access, rights_holder
from senda.portal import surveys
from senda.portal.family_status import STAGE_TEXTS, FamilyStatus, Voice, family_status, say
from senda.portal.family_voice import family_complaints
from senda.portal.notify import case_reference
from senda.web.access import family_case, family_cases, require_family


@login_required
def family_home(request: HttpRequest) -> HttpResponse:
    require_family(request.user)
    today = kernel.today()
    cases = list(
        family_cases(request.user, today)
        .select_related("child", "la")
        .order_by("-opened_on", "-id")
    )
    # The open cases; with none open, the closed ones (a plan that ended still says so).
    open_cases = [case for case in cases if case.is_open] or cases
    if len(open_cases) == 1:
        return status_page(request, open_cases[0], today)
    if not open_cases:
        voice: Voice = (
            "young person"
            if any(c.is_young_person for c in contacts_of(request.user))
            else "parent"
        )
        heading, text = STAGE_TEXTS["none"]
        status = FamilyStatus(voice, "none", say(heading, voice), say(text, voice))
        return render(request, "web/family/status.html", {"status": status, "tasks": []})
    for case in open_cases:
        audit.record(
            user=request.user,
            verb="read",
            obj=case,
            child=case.child,
            request=request,
            summary="family: list of cases",
        )
    choices = [
        {
            "href": reverse("web:family-case", kwargs={"case_id": case.pk}),
            "name": case.child.given_name,
            "reference": case_reference(case),
            "opened_on": case.opened_on,
        }
        for case in open_cases
    ]
    return render(request, "web/family/choose.html", {"choices": choices})


@login_required
def family_case_status(request: HttpRequest, case_id: int) -> HttpResponse:
    today = kernel.today()
    case = family_case(request.user, case_id, today)
    return status_page(request, case, today)


def status_page(request: HttpRequest, case: Case, today: Any) -> HttpResponse:
    access = family_access(request.user, case.child, today)
    voice: Voice = "young person" if access and access.contact.is_young_person else "parent"
    status = family_status(
        case,
        today,
        voice=voice,
        may_act=bool(access and access.may_act),
        rights_holder=rights_holder(case.child, today),
        acts_for=bool(access and access.acts_for),
        live_plan=case.has_live_plan(today),
        survey_open=bool(surveys.open_events(request.user, case, today)),
    )
    audit.record(
        user=request.user,
        verb="read",
        obj=case,
        child=case.child,
        request=request,
        summary=f"family: where we are ({status.stage})",
    )
    context = {
        "case": case,
        "reference": case_reference(case),
        "status": status,
        "tasks": task_links(case, status),
        "open_complaint": next((c for c in family_complaints(case) if c.is_open), None),
    }
    return render(request, "web/family/status.html", context)


def task_links(case: Case, status: FamilyStatus) -> list[dict[str, str]]:
    """The family's tasks as links (web:family-views, -draft, -messages, -survey,
    -complaint, -documents)."""
    return [
        {
            "href": reverse(task.url_name, kwargs={"case_id": case.pk}),
            "text": task.text,
            "hint": task.hint,
            "id": f"task-{n}",
        }
        for n, task in enumerate(status.tasks)
    ]


urlpatterns: list[URLPattern] = [
    path("family/", family_home, name="family-home"),
    path("family/<id:case_id>/", family_case_status, name="family-case"),
]

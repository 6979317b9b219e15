"""A child's identifiers and SEN2 flags (docs/child-details.md): UPN or why there is none,
ULN, NHS number, primary and secondary need, ethnicity, postcode, elective home education,
child missing education.

Case officers, team and service managers of the child's area see and change them, with
the history of every change below the form. Other roles: 403; another area's child: 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.models import Case
from senda.people import groups
from senda.people.child_details import update_child_details
from senda.people.models import Child
from senda.web.access import require_la_staff
from senda.web.forms.child_details import ChildDetailsForm, describe_change
from senda.web.forms.errors import saved


@login_required
def child_details(request: HttpRequest, child_id: int) -> HttpResponse:
    membership = require_la_staff(request.user)
    child = Child.objects.filter(la_id=membership.la_id, pk=child_id).first()
    if child is None:
        raise Http404("No such child.")
    if not membership.can_write_casework(child.la_id):
        raise PermissionDenied("Your role cannot change a child's details.")
    audit.record(user=request.user, verb="read", obj=child, child=child, request=request)
    case = Case.objects.filter(child=child).order_by("-pk").first()
    if request.method == "POST":
        form = ChildDetailsForm(request.POST)
        if form.is_valid():
            write = lambda: update_child_details(child=child, by=request.user, **form.arguments())  # noqa: E731
            if saved(form, write):
                messages.success(request, "The child's identifiers and flags are saved.")
                if case is not None:
                    return redirect("web:case-detail", case_id=case.pk)
                return redirect("web:child-details", child_id=child.pk)
    else:
        form = ChildDetailsForm(initial=ChildDetailsForm.initial_for(child))
    changes = [describe_change(c) for c in child.details_changes.select_related("changed_by")]
    return render(
        request,
        "web/child_details/edit.html",
        {
            "child": child,
            "case": case,
            "form": form,
            "changes": changes,
            "groups": [dict(groups.GROUPS)[g] for g in groups.groups_of(child, kernel.today())],
        },
    )


urlpatterns: list[URLPattern] = [
    path("children/<id:child_id>/details/", child_details, name="child-details"),
]

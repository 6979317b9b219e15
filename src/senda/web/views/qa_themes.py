"""Audit learning themes and the training that answers them (issue 18; docs/workforce.md):

- ``/qa/themes/`` (``web:qa-themes``): each advice moderation theme, how often it was
  tagged in the last twelve months, and the courses of the training register linked to it;
  QA leads link a course to a theme on the same page (POST).

Council QA staff see it (``quality.access.qa_staff``); QA leads link. Everyone else 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import kernel
from senda.kernel import ActionError
from senda.people.models import Course
from senda.people.training_actions import SEE_ROLES
from senda.quality import theme_training
from senda.quality.access import qa_lead, qa_staff
from senda.web.forms.workforce import ThemeCourseForm


@login_required
def themes(request: HttpRequest) -> HttpResponse:
    membership = qa_staff(request.user)
    if membership is None:
        raise PermissionDenied("Only the council's QA staff see learning themes.")
    lead = qa_lead(request.user) is not None
    if request.method == "POST" and not lead:
        raise PermissionDenied("Only a QA lead links training to learning themes.")
    courses = list(Course.objects.filter(la_id=membership.la_id))
    form = ThemeCourseForm(request.POST if request.method == "POST" else None, courses=courses)
    if request.method == "POST" and form.is_valid():
        try:
            theme_training.link_course(
                la=membership.la,
                theme=form.cleaned_data["theme"],
                course=form.courses[form.cleaned_data["course"]],
                by=request.user,
            )
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, "The course is linked to the theme.")
            return redirect("web:qa-themes")
    context = {
        "themes": theme_training.themes(membership.la, kernel.today()),
        "form": form if lead and courses else None,
        "workforce": membership.role in SEE_ROLES,
    }
    return render(request, "web/qa/themes.html", context)


urlpatterns: list[URLPattern] = [path("qa/themes/", themes, name="qa-themes")]

"""Families' feedback pages: the short survey after a review or a plan being issued, and
"You said, we did" (what the partnership changed because of what families said).

The survey page is the child's family's only: anyone else gets 404 (whether or not the case
exists), and every visit is an audited read of the child's record. "You said, we did" is for
family members (parents, carers, young people); other roles get 403.
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
from senda.improvement.recommendations import published_for
from senda.people.families import family_access, family_children
from senda.people.models import Role
from senda.portal import surveys
from senda.portal.notify import case_reference
from senda.web.access import membership_for
from senda.web.forms.errors import saved
from senda.web.forms.feedback import SurveyForm

FAMILY_ROLES = frozenset({Role.PARENT, Role.YOUNG_PERSON})


def _family_case(request: HttpRequest, case_id: int) -> Case:
    """The case if the user is family of its child today; 404 otherwise."""
    case = Case.objects.select_related("child").filter(pk=case_id).first()
    if case is None or family_access(request.user, case.child, kernel.today()) is None:
        raise Http404("No such case.")
    return case


@login_required
def family_survey(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _family_case(request, case_id)
    today = kernel.today()
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    offers = surveys.open_events(request.user, case, today)
    answered = surveys.answered_events(request.user, case)
    data = request.POST if request.method == "POST" else None
    form = SurveyForm(data, offers=offers, answered=answered)
    if data is not None and form.is_valid():
        event = form.chosen_event()
        if event is not None and saved(
            form,
            lambda: surveys.record_response(
                user=request.user,
                case=case,
                event=event,
                answers=form.answers(),
                comment=form.cleaned_data["comment"],
                today=today,
            ),
        ):
            messages.success(request, "Thank you. We have your feedback.")
            return redirect("web:family-survey", case_id=case.pk)
    context = {
        "case": case,
        "form": form,
        "offers": offers,
        "answered": answered,
        "days": surveys.survey_days(),
        "reference": case_reference(case),
    }
    return render(request, "web/family/survey.html", context)


@login_required
def family_you_said_we_did(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    today = kernel.today()
    areas = set(family_children(request.user, today).values_list("la_id", flat=True))
    if membership is not None and membership.role in FAMILY_ROLES:
        areas.add(membership.la_id)
    elif not areas:
        raise PermissionDenied("This page is for families.")
    entries = list(published_for(areas, today))
    return render(request, "web/family/you_said_we_did.html", {"entries": entries})


urlpatterns: list[URLPattern] = [
    path("family/<id:case_id>/survey/", family_survey, name="family-survey"),
    path("family/you-said-we-did/", family_you_said_we_did, name="family-yswd"),
]

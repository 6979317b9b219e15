"""Families' feedback for council staff: tagging survey comments with themes, the termly
summary (small numbers hidden, never who answered or about which case), its CSV, and the
recommendations drawn from it ("You said, we did").

Service managers, team managers and QA auditors of the area open these pages (403 for
other roles); a recommendation of another area's plan is 404. Changing a recommendation is
for those who may change its plan (``senda.improvement.recommendations``): QA auditors read.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import audit, exports, kernel
from senda.casework.disagreements import root_cause_counts
from senda.improvement import actions as plan_actions
from senda.improvement import recommendations
from senda.improvement.access import can_edit_plan, visible_plans
from senda.improvement.models import Action, Recommendation
from senda.people.models import Membership
from senda.performance import feedback as shown_feedback
from senda.performance.status_shown import threshold
from senda.portal import feedback_summary, surveys
from senda.portal.feedback_themes import THEMES, label
from senda.portal.models import SurveyResponse
from senda.web.forms.errors import saved
from senda.web.forms.feedback import (
    ImplementedForm,
    LinkActionForm,
    NotAdoptedForm,
    RecommendationForm,
    ThemesForm,
    YouSaidForm,
)

PER_PAGE = 25


def _staff(request: HttpRequest) -> Membership:
    membership = surveys.may_review_feedback(request.user)
    if membership is None:
        raise PermissionDenied("Your role does not see families' feedback.")
    return membership


def _plans(request: HttpRequest, membership: Membership) -> Any:
    """The area's improvement plans the user sees."""
    return visible_plans(request.user).filter(la_id=membership.la_id).order_by("title")


@login_required
def feedback_responses(request: HttpRequest) -> HttpResponse:
    membership = _staff(request)
    la = membership.la
    form = ThemesForm(request.POST if request.method == "POST" else None)
    found = None
    if form.is_bound:
        found = _response(request.POST.get("response"), la)
        if form.is_valid() and saved(
            form,
            lambda: surveys.tag_themes(
                response=found, themes=form.cleaned_data["themes"], by=request.user
            ),
        ):
            messages.success(request, "Themes saved")
            return redirect(f"{reverse('web:feedback-responses')}?page={_page(request)}")
    page = Paginator(surveys.responses_for(la), PER_PAGE).get_page(request.GET.get("page"))
    audit.record_list(
        user=request.user, request=request, page="feedback responses", obj=la, number=page.number
    )
    scale = dict(surveys.SCALE.choices)
    rows = [
        (r, [(label, scale.get(getattr(r, name))) for name, label in surveys.QUESTIONS.items()])
        for r in page
    ]
    failed_id = str(found.pk) if found is not None and form.errors else "none"
    context = {"page": page, "rows": rows, "form": form, "themes": THEMES, "failed_id": failed_id}
    return render(request, "web/feedback/responses.html", context)


def _page(request: HttpRequest) -> int:
    value = str(request.POST.get("page") or "1")
    return int(value) if value.isdigit() and len(value) < 6 else 1


def _response(value: Any, la: Any) -> SurveyResponse:
    text = str(value or "")
    if not text.isdigit() or len(text) > 18:
        raise Http404("No such response.")
    found = SurveyResponse.objects.filter(la=la, pk=int(text)).first()
    if found is None:
        raise Http404("No such response.")
    return found


def _term(request: HttpRequest) -> feedback_summary.Term:
    """The term asked for (``?term=2026-autumn``), else the last one ended."""
    asked = feedback_summary.parse_term(request.GET.get("term"))
    if asked is not None:
        return asked
    return feedback_summary.term_of(kernel.today()).previous()


@login_required
def feedback_summary_page(request: HttpRequest) -> HttpResponse:
    membership = _staff(request)
    la, today = membership.la, kernel.today()
    term = _term(request)
    plans = list(_plans(request, membership))
    editable = [(p.pk, p.title) for p in plans if can_edit_plan(request.user, p)]
    recommendation_form = RecommendationForm(plans=editable)
    produce_errors: list[str] = []
    if request.method == "POST":
        if request.POST.get("form") == "recommendation":
            recommendation_form = RecommendationForm(request.POST, plans=editable)
            made: list[Recommendation] = []
            if recommendation_form.is_valid():
                plan = next(
                    p for p in plans if str(p.pk) == recommendation_form.cleaned_data["plan"]
                )
                source, _, theme = recommendation_form.cleaned_data["theme"].partition(":")
                if saved(
                    recommendation_form,
                    lambda: made.append(
                        recommendations.make_recommendation(
                            plan=plan,
                            theme=theme,
                            text=recommendation_form.cleaned_data["text"],
                            by=request.user,
                            source=source,
                        )
                    ),
                ):
                    messages.success(request, "Recommendation made")
                    return redirect("web:feedback-recommendation", recommendation_id=made[0].pk)
        else:
            try:
                feedback_summary.produce_summary(la=la, term=term, by=request.user, today=today)
            except kernel.ActionError as error:
                produce_errors.append(error.message)
            else:
                messages.success(request, f"Summary produced for the {term.label.lower()}")
                return redirect(f"{reverse('web:feedback-summary')}?term={term.key}")
    kept = feedback_summary.summary_of(la, term)
    figures = kept.figures if kept is not None else feedback_summary.figures(la, term)
    audit.record_list(
        user=request.user,
        request=request,
        page="feedback summary",
        obj=la,
        filters={"term": term.key},
    )
    context = {
        "term": term,
        "terms": feedback_summary.recent_terms(today),
        "kept": kept,
        "summary": shown_feedback.shown(figures, threshold()),
        "can_produce": kept is None and term.ends <= today,
        "produce_errors": produce_errors,
        "recommendation_form": recommendation_form,
        "can_recommend": bool(editable),
        "root_causes": _root_causes(la, term),
    }
    return render(request, "web/feedback/summary.html", context)


def _root_causes(la: Any, term: Any) -> list[dict[str, Any]]:
    """The term's appeals' root-cause themes, counted (fewer than the threshold hidden)."""
    smallest = threshold()
    counts = root_cause_counts(la, term.starts, term.ends)
    return [
        {"label": label(code), "count": n if n == 0 or n >= smallest else None}
        for code, n in counts.items()
    ]


@login_required
def feedback_summary_csv(request: HttpRequest) -> HttpResponse:
    membership = _staff(request)
    la, term = membership.la, _term(request)
    kept = feedback_summary.summary_of(la, term)
    figures = kept.figures if kept is not None else feedback_summary.figures(la, term)
    rows = shown_feedback.csv_rows(term.label, shown_feedback.shown(figures, threshold()))
    audit.record(
        user=request.user,
        verb="export",
        obj=la,
        request=request,
        summary=f"feedback summary: term={term.key}",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{term.key}.csv"'
    exports.write_csv(response, rows)
    return response


@login_required
def feedback_recommendations(request: HttpRequest) -> HttpResponse:
    membership = _staff(request)
    rows = list(recommendations.for_plans(_plans(request, membership)))
    implemented, of = recommendations.implemented_share(rows)
    themes = {r.theme: label(r.theme) for r in rows}
    context = {"recommendations": rows, "implemented": implemented, "of": of, "themes": themes}
    return render(request, "web/feedback/recommendations.html", context)


@login_required
def feedback_recommendation(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    found = recommendations.for_plans(visible_plans(request.user)).filter(pk=recommendation_id)
    found = found.first()
    if found is None:  # another area's, or a role that sees no plan: 404 before the role
        raise Http404("No such recommendation.")
    _staff(request)
    recommendation: Recommendation = found
    plan = recommendation.plan
    can_edit = can_edit_plan(request.user, plan)
    actions = list(Action.objects.filter(area__plan=plan).order_by("area__number", "id"))
    choices = [(a.pk, f"{a.reference} {a.what[:80]}") for a in actions]
    posted = request.POST if request.method == "POST" else None
    which = posted.get("form") if posted is not None else None
    if posted is not None and not can_edit:
        raise PermissionDenied("You cannot change this plan.")
    forms: dict[str, Form] = {
        "action": LinkActionForm(posted if which == "action" else None, actions=choices),
        "implemented": ImplementedForm(posted if which == "implemented" else None),
        "not_adopted": NotAdoptedForm(posted if which == "not_adopted" else None),
        "you_said": YouSaidForm(
            posted if which == "you_said" else None, initial={"you_said": recommendation.text}
        ),
    }
    form = forms.get(which or "")
    if (
        form is not None
        and form.is_valid()
        and saved(form, lambda: _change(request, recommendation, which, form, actions))
    ):
        messages.success(
            request,
            "Recommendation updated" if which != "you_said" else "Added to You said, we did",
        )
        return redirect("web:feedback-recommendation", recommendation_id=recommendation.pk)
    context = {
        "recommendation": recommendation,
        "plan": plan,
        "theme": label(recommendation.theme),
        "can_edit": can_edit,
        "settled": recommendation.implemented_on is not None
        or bool(recommendation.not_adopted_reason),
        "entries": list(recommendation.you_said_we_did.all()),
        **{f"{key}_form": value for key, value in forms.items()},
    }
    return render(request, "web/feedback/recommendation.html", context)


def _change(
    request: HttpRequest,
    recommendation: Recommendation,
    which: str | None,
    form: Any,
    actions: list[Action],
) -> object:
    data = form.cleaned_data
    if which == "action":
        action = next((a for a in actions if str(a.pk) == data["action"]), None)
        return recommendations.link_action(
            recommendation=recommendation, action=action, by=request.user
        )
    if which == "implemented":
        return recommendations.mark_implemented(
            recommendation=recommendation, implemented_on=data["implemented_on"], by=request.user
        )
    if which == "not_adopted":
        return recommendations.mark_not_adopted(
            recommendation=recommendation, reason=data["reason"], by=request.user
        )
    return plan_actions.record_feedback(
        plan=recommendation.plan,
        source="Families' feedback (termly summary)",
        received_on=recommendation.made_on,
        theme=label(recommendation.theme),
        you_said=data["you_said"],
        we_did=data["we_did"],
        changed_on=recommendation.implemented_on,
        published_on=data["published_on"],
        recommendation=recommendation,
        by=request.user,
    )


urlpatterns: list[URLPattern] = [
    path("feedback/responses/", feedback_responses, name="feedback-responses"),
    path("feedback/summary/", feedback_summary_page, name="feedback-summary"),
    path("feedback/summary.csv", feedback_summary_csv, name="feedback-summary-csv"),
    path("feedback/recommendations/", feedback_recommendations, name="feedback-recommendations"),
    path(
        "feedback/recommendations/<id:recommendation_id>/",
        feedback_recommendation,
        name="feedback-recommendation",
    ),
]

"""Advice moderation and learning summaries (docs/quality/advice.md).

Who may: the council's QA staff (``quality.access.qa_staff``) read the moderation and
summary pages of their area; QA leads draw samples, moderate, send feedback, draft, edit
and publish. Advice-givers read the feedback sent to their teams in the portal (opening one
records it as read); partners (advice-givers and SENCos) read the published summaries of
their area. Another area's moderation or summary, someone else's team's feedback and a
draft summary are 404; a role that never uses a page gets 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path

from senda import audit
from senda.kernel import ActionError
from senda.people.models import Role
from senda.quality import advice, summaries
from senda.quality.access import qa_lead, qa_staff
from senda.quality.models import AdviceModeration, Criterion, Grade, LearningSummary, Met
from senda.web.access import membership_for
from senda.web.forms.errors import saved
from senda.web.forms.qa_advice import (
    ModerationForm,
    PeriodForm,
    ResampleForm,
    SampleForm,
    SummaryForm,
    moderation_initial,
)
from senda.web.pdf import pdf_bytes


def _staff(request: HttpRequest) -> Any:
    staff = qa_staff(request.user)
    if staff is None:
        raise PermissionDenied("Only the council's QA staff can open this page.")
    return staff


def _lead(request: HttpRequest) -> Any:
    _staff(request)
    lead = qa_lead(request.user)
    if lead is None:
        raise PermissionDenied("Only a QA lead can do this.")
    return lead


def _is_lead(request: HttpRequest, la_id: int) -> bool:
    lead = qa_lead(request.user)
    return lead is not None and lead.la_id == la_id


@login_required
def moderations(request: HttpRequest) -> HttpResponse:
    """The area's advice moderations and, per discipline, how many were sampled,
    moderated, had feedback sent and read."""
    staff = _staff(request)
    found = list(
        AdviceModeration.objects.filter(la_id=staff.la_id).select_related("team", "case")[:500]
    )
    counts = advice.counts_by_discipline(staff.la_id)
    audit.record_list(
        user=request.user, request=request, page="advice moderations", obj=AdviceModeration
    )
    context = {
        "moderations": found,
        "counts": counts,
        "is_lead": qa_lead(request.user) is not None,
        "disciplines": advice.DISCIPLINES,
    }
    return render(request, "web/qa/advice/list.html", context)


@login_required
def sample(request: HttpRequest) -> HttpResponse:
    """The QA lead draws advice to moderate: a discipline (or all) and how many."""
    lead = _lead(request)
    form = SampleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        drawn: list[AdviceModeration] = []
        if saved(
            form,
            lambda: drawn.extend(
                advice.sample_advice(
                    la=lead.la,
                    discipline=form.chosen_discipline(),
                    count=form.cleaned_data["count"],
                    seed=form.cleaned_data["seed"],
                    by=request.user,
                )
            ),
        ):
            messages.success(request, f"{len(drawn)} pieces of advice drawn to moderate.")
            return redirect("web:qa-advice")
    return render(request, "web/qa/advice/sample.html", {"form": form})


def _moderation(request: HttpRequest, moderation_id: int) -> AdviceModeration:
    staff = _staff(request)
    found = AdviceModeration.objects.filter(la_id=staff.la_id).select_related(
        "team", "case__child", "framework", "advice_request", "upload", "la", "resample_of"
    )
    return get_object_or_404(found, pk=moderation_id)


def _criteria(moderation: AdviceModeration) -> list[Criterion]:
    return list(
        Criterion.objects.filter(domain__framework=moderation.framework)
        .select_related("domain")
        .order_by("domain__order", "domain_id", "order", "id")
    )


@login_required
def moderation(request: HttpRequest, moderation_id: int) -> HttpResponse:
    """The advice (its text, or a link to its files), the criteria of its discipline's
    framework to judge, themes, good practice and feedback; then send the feedback."""
    found = _moderation(request, moderation_id)
    is_lead = _is_lead(request, found.la_id)
    can_edit = is_lead and found.feedback_sent_on is None
    criteria = _criteria(found)
    form = ModerationForm(criteria=criteria, initial=moderation_initial(found))
    candidates = advice.resample_candidates(found).select_related("case")
    resample_form = ResampleForm(choices=candidates)
    if request.method == "POST":
        resampling = request.POST.get("form") == "resample"
        if not (can_edit or (is_lead and resampling and found.feedback_sent_on)):
            raise PermissionDenied("Only a QA lead can moderate advice before feedback is sent.")
        if resampling and found.feedback_sent_on is not None:
            resample_form = ResampleForm(request.POST, choices=candidates)
            made: list[AdviceModeration] = []
            if resample_form.is_valid() and saved(
                resample_form,
                lambda: made.append(
                    advice.resample(
                        earlier=found,
                        advice_request=resample_form.cleaned_data["advice_request"],
                        by=request.user,
                    )
                ),
            ):
                messages.success(request, "Repeat sampling: moderate the later advice.")
                return redirect("web:qa-advice-moderation", moderation_id=made[0].pk)
        elif request.POST.get("form") == "send":
            try:
                advice.send_feedback(moderation=found, by=request.user)
            except ActionError as error:
                messages.info(request, error.message)
            else:
                messages.success(request, f"Feedback sent to {found.team.name}.")
            return redirect("web:qa-advice-moderation", moderation_id=found.pk)
        else:
            form = ModerationForm(request.POST, criteria=criteria)
            if form.is_valid() and saved(
                form,
                lambda: advice.moderate_advice(
                    moderation=found,
                    judgements=form.judgements(),
                    themes=form.cleaned_data["themes"],
                    good_practice=form.cleaned_data["good_practice"],
                    feedback=form.cleaned_data["feedback"],
                    by=request.user,
                ),
            ):
                messages.success(request, "Moderation saved. Send the feedback when it is ready.")
                return redirect("web:qa-advice-moderation", moderation_id=found.pk)
    audit.record(user=request.user, verb="read", obj=found, child=found.case.child, request=request)
    judged = {j.criterion_id: j for j in found.judgements.all()}
    context = {
        "found": found,
        "form": form,
        "can_edit": can_edit,
        "can_resample": is_lead and found.feedback_sent_on is not None,
        "resample_form": resample_form,
        "has_candidates": candidates.exists(),
        "resamples": list(found.resamples.all()),
        "reason": advice.reason_of(found),
        "judged": [(c, judged.get(c.pk)) for c in criteria],
        "met_words": dict(Met.choices),
        "themes": [advice.THEMES[code] for code in found.themes if code in advice.THEMES],
        "discipline": advice.DISCIPLINES.get(found.discipline, found.discipline),
        "grade": Grade(found.grade).label if found.grade else "",
    }
    return render(request, "web/qa/advice/moderation.html", context)


def _advice_giver(request: HttpRequest) -> None:
    membership = membership_for(request.user)
    if membership is None or membership.role != Role.ADVICE_GIVER:
        raise PermissionDenied("Only advice-givers receive feedback on advice.")


@login_required
def portal_feedback(request: HttpRequest) -> HttpResponse:
    """Feedback sent to the user's teams on their advice, newest first."""
    _advice_giver(request)
    audit.record_list(
        user=request.user, request=request, page="advice feedback", obj=AdviceModeration
    )
    found = list(advice.feedback_for(request.user)[:200])
    return render(request, "web/qa/advice/portal_list.html", {"feedback": found})


@login_required
def portal_feedback_item(request: HttpRequest, moderation_id: int) -> HttpResponse:
    """One piece of feedback; opening it records it as read (delivered)."""
    found = get_object_or_404(
        advice.feedback_for(request.user).select_related("case__child", "la", "advice_request"),
        pk=moderation_id,
    )
    advice.mark_read(moderation=found, by=request.user)
    audit.record(user=request.user, verb="read", obj=found, child=found.case.child, request=request)
    judged = found.judgements.select_related("criterion").order_by("criterion__domain__order", "id")
    context = {
        "found": found,
        "judged": list(judged),
        "met_words": dict(Met.choices),
        "themes": [advice.THEMES[code] for code in found.themes if code in advice.THEMES],
        "grade": Grade(found.grade).label if found.grade else "",
    }
    return render(request, "web/qa/advice/portal_item.html", context)


# --- Learning summaries -----------------------------------------------------------------


@login_required
def summary_list(request: HttpRequest) -> HttpResponse:
    staff = _staff(request)
    context = {
        "summaries": LearningSummary.objects.filter(la_id=staff.la_id),
        "is_lead": qa_lead(request.user) is not None,
    }
    return render(request, "web/qa/advice/summaries.html", context)


@login_required
def summary_new(request: HttpRequest) -> HttpResponse:
    """Choose the period; Senda drafts the summary from the moderations in it."""
    lead = _lead(request)
    form = PeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        made: list[LearningSummary] = []
        if saved(
            form,
            lambda: made.append(
                summaries.draft_summary(
                    la=lead.la,
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                    by=request.user,
                    another=form.cleaned_data["another"],
                )
            ),
        ):
            messages.success(request, "Senda has drafted the summary: read and edit it.")
            return redirect("web:qa-summary", summary_id=made[0].pk)
    return render(request, "web/qa/advice/summary_new.html", {"form": form})


@login_required
def summary(request: HttpRequest, summary_id: int) -> HttpResponse:
    """A summary: the QA lead edits the draft and publishes it."""
    staff = _staff(request)
    found = get_object_or_404(LearningSummary.objects.filter(la_id=staff.la_id), pk=summary_id)
    can_edit = summaries.can_edit(request.user, found)
    choices = summaries.moderated_in(found.la, found.period_start, found.period_end)
    form = SummaryForm(
        choices=choices,
        initial={"title": found.title, "body": found.body, "examples": found.examples.all()},
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Only a QA lead can change a draft summary.")
        if request.POST.get("form") == "publish":
            summaries.publish_summary(summary=found, by=request.user)
            messages.success(request, "Published: partners can read it in the portal.")
            return redirect("web:qa-summary", summary_id=found.pk)
        else:
            form = SummaryForm(request.POST, choices=choices)
            if form.is_valid() and saved(
                form,
                lambda: summaries.edit_summary(
                    summary=found,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    examples=form.chosen_examples(),
                    by=request.user,
                ),
            ):
                messages.success(request, "Summary saved.")
                return redirect("web:qa-summary", summary_id=found.pk)
    context = {
        "summary": found,
        "form": form,
        "can_edit": can_edit,
        "examples": [
            summaries.example_line(m) for m in found.examples.select_related("team", "case")
        ],
    }
    return render(request, "web/qa/advice/summary.html", context)


@login_required
def summary_pdf(request: HttpRequest, summary_id: int) -> HttpResponse:
    """The summary as a PDF: QA staff any of their area's; partners the published ones.
    Each download writes an ``export`` audit row."""
    found = summaries.summaries_for(request.user).filter(pk=summary_id).first()
    if found is None:
        if qa_staff(request.user) is None and summaries.partner_of(request.user) is None:
            raise PermissionDenied("Your role does not read learning summaries.")
        raise Http404("No such summary.")
    context = {
        "summary": found,
        "examples": [
            summaries.example_line(m) for m in found.examples.select_related("team", "case")
        ],
    }
    html = render_to_string("web/qa/advice/summary_print.html", context)
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="learning-summary-{found.pk}.pdf"'
    audit.record(
        user=request.user,
        verb="export",
        obj=found,
        request=request,
        summary=f"learning summary {found.pk} pdf",
        la_id=found.la_id,
    )
    return response


def _partner(request: HttpRequest) -> None:
    if summaries.partner_of(request.user) is None:
        raise PermissionDenied("Learning summaries in the portal are for partners.")


@login_required
def portal_summaries(request: HttpRequest) -> HttpResponse:
    _partner(request)
    found = summaries.published_for(request.user)
    return render(request, "web/qa/advice/portal_summaries.html", {"summaries": found})


@login_required
def portal_summary(request: HttpRequest, summary_id: int) -> HttpResponse:
    """A published summary of the partner's area; 404 for anyone else (a draft too)."""
    found = get_object_or_404(summaries.published_for(request.user), pk=summary_id)
    context = {
        "summary": found,
        "examples": [
            summaries.example_line(m) for m in found.examples.select_related("team", "case")
        ],
    }
    return render(request, "web/qa/advice/portal_summary.html", context)


urlpatterns: list[URLPattern] = [
    path("qa/advice/", moderations, name="qa-advice"),
    path("qa/advice/sample/", sample, name="qa-advice-sample"),
    path("qa/advice/<id:moderation_id>/", moderation, name="qa-advice-moderation"),
    path("portal/advice-feedback/", portal_feedback, name="portal-advice-feedback"),
    path(
        "portal/advice-feedback/<id:moderation_id>/",
        portal_feedback_item,
        name="portal-advice-feedback-item",
    ),
    path("qa/summaries/", summary_list, name="qa-summaries"),
    path("qa/summaries/new/", summary_new, name="qa-summary-new"),
    path("qa/summaries/<id:summary_id>/", summary, name="qa-summary"),
    path("qa/summaries/<id:summary_id>/pdf/", summary_pdf, name="qa-summary-pdf"),
    path("portal/learning-summaries/", portal_summaries, name="portal-learning-summaries"),
    path(
        "portal/learning-summaries/<id:summary_id>/",
        portal_summary,
        name="portal-learning-summary",
    ),
]

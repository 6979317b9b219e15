"""The ND needs profile's pages (docs/pathways.md, "Needs profiles").

The settings' portal (a school's or setting's staff):

- ``/portal/profiles/``: the profiles started at the user's settings, and starting one for
  a child at them (403 for anyone who works for no setting);
- ``/portal/profiles/<id>/``: a draft's questions, saved or submitted; a submitted
  profile's answers, and amending it (404 unless the user works for its setting).

Quality assurance (council staff; QA leads draw and grade):

- ``/qa/profiles/``: the profile audits, and drawing a sample;
- ``/qa/profiles/<id>/``: one sampled profile's answers and its grading.

Every read of a child's profile is audited; no child's name is in a title or a URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from senda import audit
from senda.people.access import setting_ids
from senda.people.models import Role
from senda.portal import profiles
from senda.portal.models import NeedsProfile
from senda.quality import grading
from senda.quality.access import qa_lead, qa_staff
from senda.quality.models import Criterion, ProfileAudit
from senda.quality.profiles import grade_profile, sample_profiles
from senda.web.access import membership_for
from senda.web.forms.errors import saved
from senda.web.forms.profiles import (
    AmendForm,
    ProfileForm,
    ProfileGradeForm,
    ProfileSampleForm,
    StartForm,
)

GET_POST = require_http_methods(["GET", "POST"])


def _staff(user: Any) -> set[int]:
    ids = setting_ids(user)
    membership = membership_for(user)
    if not ids and (membership is None or membership.role != Role.SENCO):
        raise PermissionDenied("This page is for the staff of schools and settings.")
    return ids


def _read(request: HttpRequest, profile: NeedsProfile, what: str) -> None:
    audit.record(
        user=request.user,
        verb="read",
        obj=profile,
        child=profile.child,
        request=request,
        summary=f"needs profile {profile.pk}: {what}",
    )


@login_required
@GET_POST
def portal_profiles(request: HttpRequest) -> HttpResponse:
    ids = _staff(request.user)
    children = [
        (c.pk, f"{c.given_name} {c.family_name}") for c in profiles.children_for(request.user)
    ]
    form = StartForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        child = profiles.children_for(request.user).get(pk=form.cleaned_data["child"])
        made: list[NeedsProfile] = []
        if saved(form, lambda: made.append(profiles.start_profile(child=child, by=request.user))):
            messages.success(request, f"Profile NP-{made[0].pk} started: answer its questions.")
            return redirect("web:portal-profile", profile_id=made[0].pk)
    rows = list(
        profiles.profiles_for(request.user)
        .select_related("child", "setting")
        .filter(superseded_by__isnull=True)
        .order_by("-started_on", "-id")[:200]
    )
    audit.record_list(
        user=request.user,
        request=request,
        page="portal needs profiles",
        obj=NeedsProfile,
        filters={"settings": ",".join(str(i) for i in sorted(ids))},
        number=len(rows),
    )
    return render(request, "web/profiles/list.html", {"form": form, "rows": rows})


@login_required
@GET_POST
def portal_profile(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile = profiles.profile_for(request.user, profile_id)
    if profile is None:
        raise Http404("No such profile.")
    sections = profiles.form_of(profile.la_id)
    answers = profiles.current_answers(profile)
    questions = [q for s in sections for q in s.questions]
    form = ProfileForm(
        request.POST if request.method == "POST" and profile.is_draft else None,
        questions=questions,
        saved={pk: a.text for pk, a in answers.items()},
    )
    amend = AmendForm(request.POST if "amend" in request.POST else None)
    if request.method == "POST":
        if not profile.is_draft:
            made: list[NeedsProfile] = []
            if amend.is_valid() and saved(
                amend,
                lambda: made.append(
                    profiles.amend_profile(
                        profile=profile, why=amend.cleaned_data["why"], by=request.user
                    )
                ),
            ):
                return redirect("web:portal-profile", profile_id=made[0].pk)
        elif form.is_valid():
            submit = "submit" in request.POST

            def write() -> None:
                profiles.save_answers(profile=profile, answers=form.answers(), by=request.user)
                if submit:
                    profiles.submit_profile(profile=profile, by=request.user)

            if saved(form, write):
                messages.success(request, "Profile submitted." if submit else "Draft saved.")
                return redirect("web:portal-profile", profile_id=profile.pk)
    _read(request, profile, "portal")
    context = {
        "profile": profile,
        "form": form,
        "amend": amend,
        "sections": [
            (s, [(q, form[f"q{q.pk}"], answers.get(q.pk)) for q in s.questions]) for s in sections
        ],
    }
    return render(request, "web/profiles/profile.html", context)


def _qa(user: Any) -> Any:
    staff = qa_staff(user)
    if staff is None:
        raise PermissionDenied("Quality assurance pages are for the council's SEND staff.")
    return staff


@login_required
@GET_POST
def qa_profiles(request: HttpRequest) -> HttpResponse:
    staff = _qa(request.user)
    lead = qa_lead(request.user) is not None
    form = ProfileSampleForm(request.POST or None)
    if request.method == "POST":
        if not lead:
            raise PermissionDenied("Only a QA lead can draw a sample.")
        if form.is_valid() and saved(
            form,
            lambda: sample_profiles(
                la=staff.la,
                count=form.cleaned_data["count"],
                seed=form.cleaned_data["seed"],
                by=request.user,
            ),
        ):
            messages.success(request, "Sample drawn.")
            return redirect("web:qa-profiles")
    rows = list(
        ProfileAudit.objects.filter(la_id=staff.la_id)
        .select_related("profile__setting")
        .order_by("-sampled_on", "-id")[:200]
    )
    graded = [r for r in rows if r.graded_on is not None]
    meets = sum(1 for r in graded if r.meets_standard)
    audit.record_list(
        user=request.user,
        request=request,
        page="profile audits",
        obj=ProfileAudit,
        number=len(rows),
    )
    context = {"form": form, "lead": lead, "rows": rows, "graded": len(graded), "meets": meets}
    return render(request, "web/profiles/qa_list.html", context)


@login_required
@GET_POST
def qa_profile_audit(request: HttpRequest, profile_audit_id: int) -> HttpResponse:
    staff = _qa(request.user)
    item = (
        ProfileAudit.objects.filter(la_id=staff.la_id, pk=profile_audit_id)
        .select_related("profile__child", "profile__setting", "framework")
        .first()
    )
    if item is None:
        raise Http404("No such profile audit.")
    criteria = list(
        Criterion.objects.filter(domain__framework=item.framework).order_by(
            "domain__order", "order", "id"
        )
    )
    lead = qa_lead(request.user) is not None and item.graded_on is None
    form = ProfileGradeForm(request.POST if request.method == "POST" else None, criteria=criteria)
    if request.method == "POST":
        if not lead:
            raise PermissionDenied("Only a QA lead can grade a profile, once.")
        if form.is_valid() and saved(
            form,
            lambda: grade_profile(
                audit=item,
                judgements=form.judgements(),
                feedback=form.cleaned_data["feedback"],
                by=request.user,
            ),
        ):
            messages.success(request, "Grading recorded.")
            return redirect("web:qa-profile-audit", profile_audit_id=item.pk)
    profile = item.profile
    _read(request, profile, f"profile audit {item.pk}")
    answers = profiles.current_answers(profile)
    judged = {j.criterion_id: j for j in item.judgements.all()}
    context = {
        "item": item,
        "profile": profile,
        "answers": sorted(answers.values(), key=lambda a: a.pk),
        "form": form,
        "lead": lead,
        "judged": [(c, judged.get(c.pk)) for c in criteria],
        "grade_word": grading.GRADE_WORDS.get(item.grade or 0, ""),
    }
    return render(request, "web/profiles/qa_audit.html", context)


urlpatterns: list[URLPattern] = [
    path("portal/profiles/", portal_profiles, name="portal-profiles"),
    path("portal/profiles/<id:profile_id>/", portal_profile, name="portal-profile"),
    path("qa/profiles/", qa_profiles, name="qa-profiles"),
    path("qa/profiles/<id:profile_audit_id>/", qa_profile_audit, name="qa-profile-audit"),
]

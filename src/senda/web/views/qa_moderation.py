"""Moderation rounds (docs/quality/moderation.md): the list of rounds, opening one, a
round's plans with each rater's progress (grades shown only as ``visible_grades``
allows: blind until a rater submits), the agreed grade and the meeting, and the round's
measured agreement.

Council QA staff of the area read these pages; QA leads open rounds and record the agreed
grades and the meeting (anyone else of the staff: 403 on the form, nothing written).
Outside raters (partners) grade on their own audit pages only: the ``qa-round*`` pages
answer 403 to them. A round of another area: 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import audit
from senda.people.names import display_name
from senda.quality import moderation
from senda.quality.access import qa_lead, qa_staff
from senda.quality.agreement import TOO_FEW_MESSAGE, Agreement, Kappa
from senda.quality.models import Grade, Round, RoundPlan, Sample
from senda.web.forms import qa_moderation as f
from senda.web.forms.errors import saved


def _staff(request: HttpRequest) -> Any:
    staff = qa_staff(request.user)
    if staff is None:
        raise PermissionDenied("Only the council's QA staff use moderation pages.")
    return staff


def _round(request: HttpRequest, round_id: int) -> Round:
    _staff(request)
    found = (
        moderation.rounds_for(request.user).select_related("framework").filter(pk=round_id).first()
    )
    if found is None:
        raise Http404("No such round.")
    return found


def _is_lead(request: HttpRequest, round_: Round) -> bool:
    lead = qa_lead(request.user)
    return lead is not None and lead.la_id == round_.la_id


def audit_url(audit_id: int) -> str:
    return reverse("web:qa-audit", kwargs={"audit_id": audit_id})


def percent(value: float | None) -> str:
    return "Not yet" if value is None else f"{round(value * 100):d}%"


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


@dataclass(frozen=True)
class KappaShown:
    """A kappa as the page writes it."""

    name: str
    value: str
    interval: str
    n: int
    reading: str
    note: str
    too_few: bool
    calibrate: bool
    weighted: str
    left_out: int


def shown(k: Kappa) -> KappaShown:
    interval = ""
    if k.low is not None and k.upp is not None:
        how = "bootstrap" if k.interval == "bootstrap" else "asymptotic"
        interval = f"95% confidence interval {number(k.low)} to {number(k.upp)} ({how})"
    weighted = ""
    if k.linear is not None and k.quadratic is not None:
        weighted = f"linear-weighted {number(k.linear)}, quadratic-weighted {number(k.quadratic)}"
    return KappaShown(
        name=k.name,
        value=number(k.kappa) if k.kappa is not None else "Not defined",
        interval=interval,
        n=k.n,
        reading=k.reading,
        note=k.note,
        too_few=k.too_few,
        calibrate=k.calibrate,
        weighted=weighted,
        left_out=k.left_out,
    )


def agreement_text(a: Agreement) -> str:
    if a.percent is None:
        return "Not yet"
    return f"{percent(a.percent)} ({a.agreeing} of {a.plans} plan{'' if a.plans == 1 else 's'})"


# Pages --------------------------------------------------------------------------------


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    staff = _staff(request)
    rows = []
    listed = (
        moderation.rounds_for(request.user)
        .select_related("framework")
        .annotate(
            n_plans=Count("plans", distinct=True),
            n_raters=Count("plans__audits__lead", distinct=True),
        )[:100]
    )
    for round_ in listed:
        done, expected = moderation.progress(round_)
        ready = round_.held_on is not None or (expected > 0 and done == expected)
        rows.append(
            {
                "round": round_,
                "plans": round_.n_plans,
                "raters": round_.n_raters,
                "done": done,
                "expected": expected,
                "agreement": agreement_text(moderation.round_percent(round_))
                if ready
                else "Not yet",
            }
        )
    audit.record_list(
        user=request.user, request=request, page="moderation rounds", obj=Round, la_id=staff.la_id
    )
    context = {"rows": rows, "can_open": qa_lead(request.user) is not None}
    return render(request, "web/qa/moderation/rounds.html", context)


@login_required
def new_round(request: HttpRequest) -> HttpResponse:
    lead = qa_lead(request.user)
    if lead is None:
        raise PermissionDenied("Only a QA lead opens a moderation round.")
    initial: dict[str, Any] = {}
    sample_id = request.GET.get("sample", "")
    if sample_id:
        if not (sample_id.isascii() and sample_id.isdigit() and len(sample_id) <= 9):
            raise Http404("No such sample.")
        sample = Sample.objects.filter(pk=int(sample_id), la_id=lead.la_id).first()
        if sample is None:
            raise Http404("No such sample.")
        case_ids = sample.items.order_by("id").values_list("case_id", flat=True)
        initial["references"] = "\n".join(str(c) for c in case_ids)
        initial["name"] = sample.label
    form = f.RoundForm(
        request.POST if request.method == "POST" else None, la=lead.la, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        arguments = form.arguments()
        made: list[Round] = []

        def write() -> None:
            made.append(moderation.open_round(la=lead.la, by=request.user, **arguments))

        if saved(form, write):
            messages.success(request, "Round opened: each rater has a grading to do.")
            return redirect("web:qa-round", round_id=made[0].pk)
    return render(request, "web/qa/moderation/new.html", {"form": form})


@dataclass(frozen=True)
class RaterRow:
    name: str
    organisation: str
    status: str
    grade: str
    url: str


def _plan_rows(request: HttpRequest, round_: Round, is_lead: bool, posted: Any) -> list[dict]:
    rows = []
    for round_plan in round_.plans.select_related("case").order_by("id"):
        audits = moderation.round_audits(round_plan)
        visible = {a.pk for a in moderation.visible_grades(request.user, round_plan)}
        raters = []
        for a in audits:
            organisation = next(
                (x.get_organisation_display() for x in a.auditors.all() if x.user_id == a.lead_id),
                "",
            )
            mine = a.lead_id == request.user.pk
            raters.append(
                RaterRow(
                    name=display_name(a.lead),
                    organisation=organisation,
                    status="Submitted" if a.submitted_on else "Not submitted yet",
                    grade=Grade(a.grade).label if a.pk in visible and a.grade else "",
                    url=audit_url(a.pk) if mine or a.pk in visible else "",
                )
            )
        finished = moderation.grading_finished(round_plan)
        form = None
        if posted is not None and posted[0] == round_plan.pk:
            form = posted[1]
        elif is_lead and (finished or round_.held_on is not None):
            form = f.AgreedForm(
                prefix=f"plan{round_plan.pk}",
                initial={"grade": round_plan.agreed_grade, "note": round_plan.agreed_note},
            )
        rows.append(
            {
                "rp": round_plan,
                "raters": raters,
                "hidden": not visible and any(a.submitted_on for a in audits),
                "agreed": Grade(round_plan.agreed_grade).label if round_plan.agreed_grade else "",
                "form": form,
            }
        )
    return rows


@login_required
def round_page(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    is_lead = _is_lead(request, round_)
    posted: Any = None
    meeting = f.MeetingForm(
        prefix="meeting", initial={"held_on": round_.held_on, "themes": round_.themes}
    )
    error_form = None
    if request.method == "POST":
        if not is_lead:
            raise PermissionDenied("Only a QA lead records the agreed grade and the meeting.")
        which = request.POST.get("record", "")
        if which == "meeting":
            meeting = f.MeetingForm(request.POST, prefix="meeting")
            if meeting.is_valid() and saved(
                meeting,
                lambda: moderation.hold_meeting(
                    round=round_, by=request.user, **meeting.arguments()
                ),
            ):
                messages.success(request, "Meeting recorded.")
                return redirect("web:qa-round", round_id=round_.pk)
            error_form = meeting
        else:
            text = request.POST.get("round_plan", "")
            round_plan = (
                RoundPlan.objects.filter(round=round_, pk=int(text)).first()
                if text.isascii() and text.isdigit() and len(text) <= 9
                else None
            )
            if round_plan is None:
                raise Http404("No such plan in this round.")
            form = f.AgreedForm(request.POST, prefix=f"plan{round_plan.pk}")
            if form.is_valid() and saved(
                form,
                lambda: moderation.record_agreed(
                    round_plan=round_plan, by=request.user, **form.arguments()
                ),
            ):
                messages.success(request, f"Agreed grade recorded for case {round_plan.case_id}.")
                return redirect("web:qa-round", round_id=round_.pk)
            posted, error_form = (round_plan.pk, form), form
    rows = _plan_rows(request, round_, is_lead, posted)
    audit.record_list(
        user=request.user,
        request=request,
        page="moderation round",
        obj=RoundPlan,
        filters={"round": round_.pk},
        number=len(rows),
        la_id=round_.la_id,
    )
    done, expected = moderation.progress(round_)
    context = {
        "round": round_,
        "rows": rows,
        "is_lead": is_lead,
        "meeting": meeting if is_lead else None,
        "error_form": error_form,
        "done": done,
        "expected": expected,
    }
    return render(request, "web/qa/moderation/round.html", context)


@login_required
def agreement_page(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    done, expected = moderation.progress(round_)
    # Blind until grading is finished or the meeting held: the figures would reveal grades.
    ready = round_.held_on is not None or (expected > 0 and done == expected)
    found = moderation.round_agreement(round_) if ready else None
    audit.record(
        user=request.user,
        verb="read",
        obj=round_,
        request=request,
        summary=f"round {round_.pk}: agreement",
        la_id=round_.la_id,
    )
    context: dict[str, Any] = {"round": round_, "ready": ready, "done": done, "expected": expected}
    if found is not None:
        context |= {
            "found": found,
            "overall": agreement_text(found.overall),
            "pairwise": percent(found.overall.pairwise),
            "kappa": shown(found.kappa),
            "domains": [
                {
                    "name": d.name,
                    "agreement": agreement_text(d.agreement),
                    "kappa": shown(d.kappa),
                }
                for d in found.domains
            ],
            "too_few": TOO_FEW_MESSAGE,
        }
    return render(request, "web/qa/moderation/agreement.html", context)


urlpatterns: list[URLPattern] = [
    path("qa/rounds/", rounds, name="qa-rounds"),
    path("qa/rounds/new/", new_round, name="qa-round-new"),
    path("qa/rounds/<id:round_id>/", round_page, name="qa-round"),
    path("qa/rounds/<id:round_id>/agreement/", agreement_page, name="qa-round-agreement"),
]

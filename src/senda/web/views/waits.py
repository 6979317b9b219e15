"""The neurodevelopmental waiting list (issue 18; docs/pathways.md):

- ``/waits/`` (``web:nd-waits``, ``?pathway=``): waits of the children on the list today
  and of those first assessed in the last twelve months, by pathway, and for one pathway by
  age band and locality; referrals against assessments for 24 months;
- ``/waits/children/`` (``web:nd-waits-children``, ``?which=&pathway=&group=&member=``):
  the referrals behind a figure, longest wait first (audited);
- ``/waits/referrals/<id>/`` (``web:nd-referral``): a referral's steps and the child's
  support while waiting, corrections struck through (audited), with links to record and
  correct them for those who record (``waits_records``).

Who sees what is ``senda.pathways.access``: council staff see figures and children; board
members and the area's health advice-givers see the figures alone, small numbers
suppressed; everyone else gets 403, another area's referral 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.pathways import waits
from senda.pathways.access import may_import, may_record, may_see_children
from senda.pathways.models import Pathway, Referral, ReferralStep, Support
from senda.performance.status_shown import threshold
from senda.web.access import require_waits
from senda.web.tables import waits as tables
from senda.web.tables.places import Counts

MONTHS = 24


@login_required
def waits_page(request: HttpRequest) -> HttpResponse:
    membership = require_waits(request.user)
    today = kernel.today()
    staff = may_see_children(membership)
    counts = Counts(0 if staff else threshold())
    pathway = request.GET.get("pathway", "")
    if pathway not in Pathway.values:
        pathway = Pathway.AUTISM
    found = waits.overview(membership.la_id, pathway, today, MONTHS)
    labels = dict(Pathway.choices)
    sections = [
        {
            "which": section.which,
            "title": section.title,
            "pathways": _table(
                section.by_pathway,
                section.which,
                f"{section.title}, by pathway",
                labels,
                counts,
                staff,
            ),
            "breakdowns": [
                _table(
                    part,
                    section.which,
                    f"{labels[pathway]}: by {waits.GROUPS[part.group].lower()}",
                    {},
                    counts,
                    staff,
                )
                for part in section.breakdowns
            ],
        }
        for section in found.sections
    ]
    context = {
        "today": today,
        "staff": staff,
        "importer": may_import(request.user, membership.la),
        "threshold": counts.below,
        "pathway": pathway,
        "pathway_label": labels[pathway],
        "pathways": Pathway.choices,
        "sections": sections,
        "movement": tables.movement_table(found.months, counts),
        "direction": found.direction,
    }
    return render(request, "web/waits/waits.html", context)


def _table(
    part: waits.Breakdown,
    which: str,
    caption: str,
    labels: dict[str, str],
    counts: Counts,
    staff: bool,
) -> Any:
    """A breakdown as a table; for staff, each number links to the referrals behind it."""
    link = None
    if staff and part.pathway:
        link = {"which": which, "pathway": part.pathway, "group": part.group}
    elif staff:
        link = {"which": which, "group": part.group}
    return tables.waits_table(
        caption,
        part.overall,
        part.members,
        labels,
        counts,
        link,
        heading=waits.GROUPS[part.group],
    )


@login_required
def children(request: HttpRequest) -> HttpResponse:
    membership = require_waits(request.user)
    if not may_see_children(membership):
        raise PermissionDenied("Your role sees the waiting list's figures, not the children.")
    today = kernel.today()
    which = request.GET.get("which", "waiting")
    group = request.GET.get("group", "pathway")
    pathway = request.GET.get("pathway", "")
    member = request.GET.get("member", "")
    if (
        which not in waits.WHICH
        or group not in waits.GROUPS
        or (pathway and pathway not in Pathway.values)
    ):
        raise Http404("No such list.")
    ordered = waits.longest_first(membership.la_id, which, pathway, group, member, today)
    referrals = Referral.objects.select_related("child", "setting").in_bulk(
        [line.id for line in ordered[:500]]
    )
    rows = [
        (referrals[line.id], line.wait(today)) for line in ordered[:500] if line.id in referrals
    ]
    audit.record_list(
        user=request.user,
        request=request,
        page="nd waiting list",
        obj=membership.la,
        filters={"which": which, "pathway": pathway, "group": group, "member": member},
    )
    context = {
        "title": waits.WHICH[which],
        "pathway_label": dict(Pathway.choices).get(pathway, "All pathways"),
        "group_label": waits.GROUPS[group] if member else "",
        "member": member,
        "rows": rows,
        "table": tables.children_table(rows),
        "count": len(ordered),
        "shown": len(rows),
    }
    return render(request, "web/waits/children.html", context)


@login_required
def referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    membership = require_waits(request.user)
    if not may_see_children(membership):
        raise PermissionDenied("Your role sees the waiting list's figures, not the children.")
    found = (
        Referral.objects.of_area(membership.la_id)
        .select_related("child", "setting", "profile")
        .filter(pk=referral_id)
        .first()
    )
    if found is None:
        raise Http404("No such referral.")
    steps = list(
        ReferralStep.objects.filter(referral=found)
        .select_related("replaces", "recorded_by")
        .order_by("on", "id")
    )
    replaced = {step.replaces_id for step in steps if step.replaces_id}
    support = list(
        Support.objects.filter(child_id=found.child_id, la_id=found.la_id)
        .select_related("recorded_by")
        .order_by("starts_on", "id")
    )
    superseded = {row.replaces_id for row in support if row.replaces_id}
    audit.record(
        user=request.user,
        verb="read",
        obj=found,
        child=found.child,
        request=request,
        summary=f"nd referral {found.pk}",
    )
    context = {
        "referral": found,
        "steps": [(step, step.pk in replaced) for step in steps],
        "support": [(row, row.pk in superseded) for row in support],
        "recorder": may_record(request.user, membership.la),
        "today": kernel.today(),
        "wait": tables.weeks(waits.wait_of(found, kernel.today())),
    }
    return render(request, "web/waits/referral.html", context)


urlpatterns: list[URLPattern] = [
    path("waits/", waits_page, name="nd-waits"),
    path("waits/children/", children, name="nd-waits-children"),
    path("waits/referrals/<id:referral_id>/", referral, name="nd-referral"),
]

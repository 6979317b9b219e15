"""``/family/assessments/``: where each of the family's children is on the
neurodevelopmental pathway (an autism or ADHD assessment …), in plain English, and the
support they can have now (``senda.pathways.family``).

For family members only (403 for everyone else); it shows only the children whose records
the user sees as family today (``senda.people.families``), and audits the read of each
child's referrals.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.pathways.family import family_view, local_offer, support_now
from senda.pathways.models import Referral
from senda.people.families import contacts_of, family_children
from senda.portal.family_status import Voice
from senda.web.access import require_family


@login_required
def family_assessments(request: HttpRequest) -> HttpResponse:
    require_family(request.user)
    today = kernel.today()
    children = list(
        family_children(request.user, today).select_related("la").order_by("given_name", "pk")
    )
    young = any(c.is_young_person for c in contacts_of(request.user))
    voice: Voice = "young person" if young and len(children) == 1 else "parent"
    referrals = list(
        Referral.objects.filter(child__in=children)
        .select_related("child")
        .order_by("-referred_on", "-id")
    )
    for child in {r.child for r in referrals}:
        audit.record(
            user=request.user,
            verb="read",
            obj=child,
            child=child,
            request=request,
            summary="family: assessments (nd pathway)",
        )
    by_child = [
        (
            child.given_name if len(children) > 1 else "",
            [family_view(r, today, voice) for r in referrals if r.child_id == child.pk],
        )
        for child in children
    ]
    context = {
        "children": [(name, views) for name, views in by_child if views],
        "support": support_now(children, today),
        "named": len(children) > 1,
        "offer": local_offer(voice, children),
    }
    return render(request, "web/family/assessments.html", context)


urlpatterns: list[URLPattern] = [
    path("family/assessments/", family_assessments, name="family-assessments"),
]

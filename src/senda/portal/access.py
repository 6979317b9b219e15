"""What a partner may open in the portal: one place, asked by every portal page and by the
file view. A partner who may not see something gets ``None`` (the page answers 404, so an
object's existence is not revealed). Council staff are answered by their role and area.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from senda import kernel
from senda.people.access import setting_ids
from senda.people.families import family_children
from senda.people.models import Membership, Role
from senda.portal.models import AdviceRequest, ReviewReport, Upload

__all__ = [
    "COUNCIL_ROLES",
    "advice_requests_for",
    "council_membership",
    "reports_for",
    "uploads_for",
]

#: Council staff who work with the portal's records of their own area.
COUNCIL_ROLES = frozenset(
    {Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.QA_AUDITOR, Role.SERVICE_MANAGER}
)


def council_membership(user: Any) -> Membership | None:
    """The user's membership if they are council SEND staff, else None."""
    membership = Membership.objects.filter(user_id=getattr(user, "pk", None)).first()
    if membership is None or membership.role not in COUNCIL_ROLES:
        return None
    return membership


def reports_for(user: Any) -> QuerySet[ReviewReport]:
    """Review reports ``user`` may open: the staff of the report's setting (while the child
    is at one of their settings), council staff of the area."""
    council = council_membership(user)
    if council is not None:
        return ReviewReport.objects.filter(case__la_id=council.la_id)
    ids = setting_ids(user)
    return ReviewReport.objects.filter(setting_id__in=ids, case__child__setting_id__in=ids)


def advice_access_days() -> int:
    return int(getattr(settings, "SENDA_ADVICE_ACCESS_DAYS", 28))


def advice_requests_for(user: Any) -> QuerySet[AdviceRequest]:
    """Advice requests ``user`` may open: their teams' requests while open and for
    ``SENDA_ADVICE_ACCESS_DAYS`` after (the grant's end), council staff of the area."""
    council = council_membership(user)
    if council is not None:
        return AdviceRequest.objects.filter(case__la_id=council.la_id)
    today = kernel.today()
    return AdviceRequest.objects.filter(
        Q(grant__ends_on__isnull=True) | Q(grant__ends_on__gte=today),
        team__members=user,
        grant__starts_on__lte=today,
    ).distinct()


def uploads_for(user: Any) -> QuerySet[Upload]:
    """Files ``user`` may open: council staff their area's; a setting's staff the files of
    reports they may open; a team the files of requests it may open (its own advice, and
    what the council sent with the request); a family member the documents the council
    shared on the cases of a child whose record they see today (``people.families``).
    Nothing else of the child's record."""
    council = council_membership(user)
    if council is not None:
        return Upload.objects.filter(case__la_id=council.la_id)
    return Upload.objects.filter(
        Q(report__in=reports_for(user))
        | Q(advice_request__in=advice_requests_for(user))
        | Q(shared__case__child__in=family_children(user, kernel.today()))
        | Q(family_views_files(user))
    )


def family_views_files(user: Any) -> Q:
    """A family's views files (``senda.portal.family_voice``): the uploader's own, and the
    staff of the child's setting, who run the review they are for."""
    views = Q(purpose__in=("child_views", "parent_views"), report=None, advice_request=None)
    own = Q(uploaded_by_id=getattr(user, "pk", None))
    setting = Q(case__child__setting_id__in=sorted(setting_ids(user)))
    return views & (own | setting)


def grant_end(closed_on: Any) -> Any:
    """The last day a team sees a child after its request closes."""
    return closed_on + timedelta(days=advice_access_days())

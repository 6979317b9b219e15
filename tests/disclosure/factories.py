"""A subject access request of an area (the row made directly, no audit)."""

from __future__ import annotations

from datetime import date

from senda.disclosure.models import Request
from senda.people.models import Child, LocalAuthority
from tests.factories import make_child, make_user


def make_sar(la: LocalAuthority, child: Child | None = None) -> Request:
    """A young person's request about their own record, received 4 November 2026."""
    return Request.objects.create(
        la=la,
        subject="young_person",
        child=child or make_child(la),
        requester="The young person, by email",
        received_on=date(2026, 11, 4),
        due_on=date(2026, 12, 4),
        logged_by=make_user("service_manager", la),
    )

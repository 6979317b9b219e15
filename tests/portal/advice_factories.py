"""Advice requests made directly (no action, no audit entry, no message): for tests that
need one to exist, such as the role matrix's URLs. Tests of asking use the action."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import User

from senda import kernel
from senda.casework.models import Case
from senda.people.models import AccessGrant, AdviceTeam
from senda.portal.models import AdviceRequest
from tests.factories import make_advice_team, make_case, make_la, make_user


def make_advice_request(
    case: Case, team: AdviceTeam, *, by: User | None = None, **fields: Any
) -> AdviceRequest:
    """An open review request from ``team`` on ``case``, asked today, with its grant."""
    on = fields.pop("requested_on", kernel.today())
    grant = AccessGrant.objects.create(
        child=case.child, team=team, reason="Asked for advice (test)", starts_on=on
    )
    fields.setdefault("kind", AdviceRequest.Kind.REVIEW)
    fields.setdefault("question", "Please send your advice.")
    fields.setdefault("due_on", on + timedelta(weeks=6))
    return AdviceRequest.objects.create(
        case=case,
        team=team,
        grant=grant,
        requested_on=on,
        requested_by=by or make_user("case_officer", case.la),
        **fields,
    )


def other_area_request() -> AdviceRequest:
    """An open request in a new local area (for checks that another area's is hidden)."""
    la = make_la()
    return make_advice_request(make_case(la=la), make_advice_team(la))

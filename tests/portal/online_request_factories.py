"""Online requests for an assessment, made directly (no audit entry, no message)."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.utils import timezone

from senda.people.models import LocalAuthority
from senda.portal.models import OnlineRequest


def make_online_request(la: LocalAuthority, **fields: Any) -> OnlineRequest:
    """A request waiting to be checked: a parent asks about a child born in 2016."""
    fields.setdefault("reference", "A-" + secrets.token_hex(4).upper())
    fields.setdefault("who", OnlineRequest.Who.PARENT)
    fields.setdefault("requester_name", "Mo Parent")
    fields.setdefault("relationship", "mother")
    fields.setdefault("email", "mo@example.org")
    fields.setdefault("given_name", "Sam")
    fields.setdefault("family_name", "Example")
    fields.setdefault("date_of_birth", date(2016, 5, 4))
    fields.setdefault("needs", "Finds reading and writing hard.")
    fields.setdefault("received_on", date(2026, 1, 5))
    fields.setdefault("submitted_at", timezone.now())
    return OnlineRequest.objects.create(la=la, **fields)

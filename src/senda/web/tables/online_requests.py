"""GOV.UK tables of online requests for an assessment: those waiting to be checked, and
those dealt with (the council's list, ``/requests/online/``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.portal.models import OnlineRequest
from senda.portal.online_requests import decide_by
from senda.web.components import table
from senda.web.formats import day


def _link(online: OnlineRequest) -> SafeString:
    url = reverse("web:online-request", args=[online.pk])
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, online.reference)


def waiting_table(requests: Iterable[OnlineRequest], today: date) -> SafeString:
    """Reference, child, who asked, received, days waiting, decision due."""
    rows = [
        [
            {"html": _link(o)},
            {"text": f"{o.given_name} {o.family_name}"},
            {"text": o.get_who_display()},
            {"text": day(o.received_on)},
            {"text": str((today - o.received_on).days), "format": "numeric"},
            {"text": day(decide_by(o))},
        ]
        for o in requests
    ]
    head = ["Reference", "Child or young person", "Asked by", "Received", "Days waiting"]
    return table("Waiting to be checked", [*head, "Decision due"], rows)


def decided_table(requests: Iterable[OnlineRequest]) -> SafeString:
    """Reference, received, outcome, decided."""
    rows = [
        [
            {"html": _link(o)},
            {"text": day(o.received_on)},
            {"text": o.get_status_display()},
            {"text": day(timezone.localtime(o.decided_at).date()) if o.decided_at else ""},
        ]
        for o in requests
    ]
    return table("Dealt with recently", ["Reference", "Received", "Outcome", "Decided"], rows)

"""GOV.UK tables of messages: the council's outbox and a case's messages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.portal.messages import TEMPLATES
from senda.portal.models import Message
from senda.portal.notify import case_reference
from senda.web import tags
from senda.web.components import tag
from senda.web.phone_tables import stacked_table


def what(message: Message) -> str:
    """The message's subject, which says what it is about (not who)."""
    template = TEMPLATES.get(message.template)
    return template.subject if template else message.template


def status(message: Message) -> SafeString:
    return tag(message.get_status_display(), tags.colour(tags.MESSAGE, message.status))


def when(value: Any) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local.day} {local:%b %Y, %H:%M}"


def outbox_table(messages: Iterable[Message]) -> SafeString:
    head = ["Message", "To", "Status", "Attempts", "Reference", "Case", "Sent"]
    rows = [
        [
            {
                "html": format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    reverse("web:portal-outbox-message", args=[m.pk]),
                    what(m),
                )
            },
            {"text": m.to},
            {"html": status(m)},
            {"text": str(m.attempts), "format": "numeric"},
            {"text": m.reference},
            {"text": case_reference(m.case) if m.case_id else ""},
            {"text": when(m.sent_at)},
        ]
        for m in messages
    ]
    return stacked_table(
        caption="Messages, newest first",
        captionClasses="govuk-visually-hidden",
        head=[{"text": h} for h in head],
        rows=rows,
    ).render()


def case_messages_table(messages: Iterable[Message]) -> SafeString:
    rows = [
        [
            {"text": what(m)},
            {"text": m.to},
            {"html": status(m)},
            {"text": when(m.sent_at or m.created_at)},
        ]
        for m in messages
    ]
    return stacked_table(
        caption="Messages sent about this case",
        captionClasses="govuk-table__caption--m",
        head=[{"text": h} for h in ("Message", "To", "Status", "Date")],
        rows=rows,
    ).render()

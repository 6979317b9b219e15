"""Who sends a message: one small interface, two backends (docs/portal/notifications.md).

- :class:`OutboxBackend` (the default): the ``Message`` row in the database *is* the
  outbox; sending marks it sent, and service managers read it at ``/portal/outbox/``.
- :class:`NotifyBackend`: GOV.UK Notify through its official Python client, one Notify
  template per message (``SENDA_NOTIFY_TEMPLATE_<KEY>``).

A backend answers the provider's id for the message, or raises :class:`TemporaryFailure`
(worth trying again: a network error, Notify's 5xx or 429) or :class:`PermanentFailure`
(never worth it: Notify's 400 or 403, a template with no id).
"""

from __future__ import annotations

from typing import Any, Protocol

from django.conf import settings
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from senda.portal.models import Message

__all__ = [
    "Backend",
    "NotifyBackend",
    "OutboxBackend",
    "PermanentFailure",
    "TemporaryFailure",
    "configured_backend",
]

#: Personalisation fields that hold text someone typed: Notify escapes their Markdown and
#: strips links from them (``sanitise_content_for``), so a typed reason cannot add a link.
TYPED_FIELDS = ("name", "reason", "team")


class TemporaryFailure(Exception):
    """The provider could not take the message now; trying again later may work."""


class PermanentFailure(Exception):
    """The provider refused the message; trying again will not help."""


class Backend(Protocol):
    name: str

    def send(self, message: Message) -> str:
        """Send ``message``; answer the provider's id for it."""
        ...


class OutboxBackend:
    """The database row is the outbox: nothing leaves Senda."""

    name = "outbox"

    def send(self, message: Message) -> str:
        return f"outbox-{message.reference}"


class NotifyBackend:
    """GOV.UK Notify: ``send_email_notification`` with the message's template id, its
    personalisation and its opaque reference (never personal data)."""

    name = "notify"

    def __init__(self, *, api_key: str, base_url: str, templates: dict[str, str]) -> None:
        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=30)
        self.templates = templates

    def send(self, message: Message) -> str:
        template_id = self.templates.get(message.template)
        if not template_id:
            raise PermanentFailure(f"no Notify template id for {message.template!r}")
        personalisation = dict(message.personalisation)
        typed = [field for field in TYPED_FIELDS if field in personalisation]
        try:
            response = self.client.send_email_notification(
                email_address=message.to,
                template_id=template_id,
                personalisation=personalisation,
                reference=message.reference,
                sanitise_content_for=typed or None,
            )
        except APIError as error:
            raise _failure(error) from error
        return str((response or {}).get("id", ""))


def _failure(error: APIError) -> Exception:
    """Notify's status says whether to try again: 5xx (and a network error, which the
    client reports as 503) and 429 (rate limit) are temporary; the rest are not."""
    status = error.status_code
    text = f"Notify answered {status}: {_short(error.message)}"
    if status >= 500 or status == 429:
        return TemporaryFailure(text)
    return PermanentFailure(text)


def _short(message: Any) -> str:
    if isinstance(message, list):  # Notify's errors: [{"error": ..., "message": ...}]
        message = "; ".join(
            str(m.get("message", m)) if isinstance(m, dict) else str(m) for m in message
        )
    return str(message)[:200]


def configured_backend() -> Backend:
    """The backend ``SENDA_NOTIFICATIONS`` names (checked when the settings load)."""
    if settings.SENDA_NOTIFICATIONS == "notify":
        return NotifyBackend(
            api_key=settings.SENDA_NOTIFY_API_KEY,
            base_url=settings.SENDA_NOTIFY_BASE_URL,
            templates=settings.SENDA_NOTIFY_TEMPLATES,
        )
    return OutboxBackend()

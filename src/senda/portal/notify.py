"""Notifications behind one interface: ``send`` checks and records a message, audits it,
and puts it on the queue; a backend (the outbox in the database, or GOV.UK Notify) sends it.

(The queue and the backends are built out in ``senda.portal.sending``; this module is the
one entry point every portal action calls.)
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction

from senda import audit
from senda.portal.messages import TEMPLATES
from senda.portal.models import Message

__all__ = ["case_reference", "send", "site_link"]


def case_reference(case: Any) -> str:
    """An opaque reference for a case, meaningless outside Senda (``R-`` and its id)."""
    return f"R-{case.pk}"


def site_link(path: str) -> str:
    """The full address of a page of Senda for a message: ``SENDA_SITE_URL`` and ``path``."""
    from django.conf import settings

    return settings.SENDA_SITE_URL.rstrip("/") + path


def send(
    *,
    la: Any,
    to: str,
    template: str,
    personalisation: dict[str, str],
    user: Any = None,
    case: Any = None,
    dedupe_key: str = "",
    by: Any = None,
) -> Message | None:
    """Queue message ``template`` to ``to``; None if ``dedupe_key`` was sent already (a
    reminder goes once per task and stage). Audited as a write on the message (ids only)."""
    if template not in TEMPLATES:
        raise ValueError(f"unknown message {template!r}")
    missing = [f for f in TEMPLATES[template].fields if f not in personalisation]
    if missing:
        raise ValueError(f"message {template!r} needs {', '.join(missing)}")
    try:
        with transaction.atomic():
            message = Message.objects.create(
                la=la,
                case=case,
                user=user,
                to=to,
                template=template,
                personalisation={k: str(v) for k, v in personalisation.items()},
                reference=f"S-{secrets.token_hex(8)}",
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        if dedupe_key and Message.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    audit.record(
        user=by,
        verb="write",
        obj=message,
        child=case.child if case is not None else None,
        summary=f"message {message.reference}: {template} queued"
        + (f" for case {case.pk}" if case is not None else ""),
        la_id=la.pk,
    )
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(message_id: int) -> None:
    """Put the message on the background queue (``senda.portal.sending``)."""
    from senda.portal.sending import enqueue

    enqueue(message_id)

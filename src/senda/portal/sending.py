"""The background queue's side of notifications (to be built: ADR 0017)."""

from __future__ import annotations


def enqueue(message_id: int) -> None:
    """Queue the task that sends message ``message_id``."""

"""Which past days' KPI facts a correction made stale, for ``senda tick`` to rebuild.

    mark_facts_stale(la_id, since=date(2026, 3, 4))   # a correction (in its transaction)
    mark = facts_stale(la)                            # tick: rebuild mark.since .. today
    clear_facts_stale(mark)                           # … then clear what it rebuilt

A day's facts are the figures as the events dated on or before it stood, so a correction
of a step from ``was_on`` to ``now_on`` can change every day from the earlier of the two.
"""

from __future__ import annotations

from datetime import date

from senda.casework.models import StaleFacts


def mark_facts_stale(la_id: int, *, since: date) -> StaleFacts:
    """Note that the area's facts from ``since`` may be wrong (keeping an earlier mark)."""
    mark, created = StaleFacts.objects.select_for_update().get_or_create(
        la_id=la_id, defaults={"since": since}
    )
    if not created:
        mark.since = min(mark.since, since)
        mark.save(update_fields=["since", "marked_at"])
    return mark


def facts_stale(la_id: int) -> StaleFacts | None:
    """The area's mark, if a correction has made any day's facts stale."""
    return StaleFacts.objects.filter(la_id=la_id).first()


def clear_facts_stale(mark: StaleFacts) -> bool:
    """Clear ``mark`` once its days are rebuilt, unless a correction has marked the area
    again since it was read (then the next run rebuilds from the new mark)."""
    deleted, _ = StaleFacts.objects.filter(pk=mark.pk, marked_at=mark.marked_at).delete()
    return deleted > 0

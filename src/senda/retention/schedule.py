"""An area's retention schedule: its rules, seeded with the defaults (``defaults``)."""

from __future__ import annotations

from senda.people.models import LocalAuthority
from senda.retention.defaults import RECORD_TYPES
from senda.retention.models import Rule


def ensure_schedule(la: LocalAuthority) -> list[Rule]:
    """``la``'s rules, one per record type, in the order of ``RECORD_TYPES``: any missing
    is made from its default (the period, what happens after, and the source)."""
    have = {rule.record_type: rule for rule in Rule.objects.filter(la=la)}
    for kind in RECORD_TYPES:
        if kind.code not in have:
            have[kind.code] = Rule.objects.create(
                la=la,
                record_type=kind.code,
                keep_years=kind.keep_years,
                action=kind.action,
                source=kind.source,
            )
    return [have[kind.code] for kind in RECORD_TYPES]

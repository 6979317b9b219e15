"""What ``senda demo`` prints once the area is built."""

from __future__ import annotations

import gc
import io
from datetime import date
from types import SimpleNamespace

from senda.casework import actions
from senda.casework.actions.corrections import withdraw_event
from senda.casework.models import CaseEvent
from senda.demo.management.commands.demo import BUILD_GC_THRESHOLD, Command, fewer_collections
from tests.casework.flows import with_plan


def test_it_counts_current_events_not_those_corrected_or_withdrawn(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    meeting = actions.record_review_meeting(case=case, on=date(2026, 3, 4), by=by)
    withdraw_event(event=meeting, reason="Wrong child", by=by)
    assert CaseEvent.objects.count() == 5
    out = io.StringIO()
    built = SimpleNamespace(la=personas.la, staff=SimpleNamespace(table=[]), password="x")
    Command(stdout=out)._report(built, date(2026, 6, 30), 1.0)
    assert ", 4 events, " in out.getvalue()


def test_the_build_collects_garbage_seldom_and_puts_the_thresholds_back() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == BUILD_GC_THRESHOLD
    assert gc.get_threshold() == before

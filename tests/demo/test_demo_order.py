"""The demo's synthetic cases obey the order of steps (``senda.clock.order``).

The demo writes its events in bulk, not through ``write_event``, so nothing refuses a
story that could not have happened: these tests do.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from random import Random

from senda.casework.models import CaseEvent
from senda.clock import Event, first_refusal
from senda.demo import area as demo_area
from senda.demo.build import Built


def test_it_builds_cases_whose_steps_are_in_an_order_that_can_happen(area: Built) -> None:
    """The current steps (a mistake the demo corrected or withdrew is not one of them)."""
    recorded: dict[int, list[Event]] = defaultdict(list)
    for event in CaseEvent.objects.current().order_by("case_id", "id"):
        recorded[event.case_id].append(event.as_clock_event())
    assert len(recorded) > 200
    for case_id, events in recorded.items():
        assert first_refusal(events) is None, (case_id, first_refusal(events))


def test_it_tells_stories_the_step_guards_accept() -> None:
    for seed in (1, 2):
        rng = Random(seed)
        for _ in range(1500):
            drawn = demo_area._story(rng, date(2026, 12, 2), "ASD")
            if drawn is not None:
                events = drawn[0].events
                assert first_refusal(events) is None, (seed, first_refusal(events), events)

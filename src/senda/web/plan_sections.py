"""What the pages that show a plan's sections (a plan version, an audit) show beside
section E: the plan's outcome items only where they are not just section E's text again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from senda.casework.actions.plan_text import split_outcomes


def outcome_items(section_e: str, outcomes: Iterable[Any]) -> list[Any]:
    """The plan's current outcomes (``PlanOutcome`` rows) if they differ from the items of
    ``section_e``'s text (one a line or numbered item); an empty list if they are the same,
    so the page shows section E once."""
    found = list(outcomes)
    same = [" ".join(o.text.split()) for o in found] == [
        " ".join(item.split()) for item in split_outcomes(section_e)
    ]
    return [] if same else found

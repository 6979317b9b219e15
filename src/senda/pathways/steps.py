"""The order of a referral's steps, and what its current steps make of it. Pure: the
actions and the extract's import check a referral's steps here before writing them, and
project them onto the referral from here.

A referral has one step of each type at most: referred; accepted or rejected at triage;
the first assessment appointment (only once accepted); the diagnosis or outcome (only once
assessed); or closed, leaving the list without an assessment (not once rejected or
assessed). Each is dated on or after the one it follows. A second step of a type is a
correction of the first, never a new step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from senda.kernel import WHOLE_FORM, long_date

__all__ = ["Fact", "check", "projection", "refusal"]

#: Each step's type, and the step it must follow (on or after its date).
FOLLOWS = {
    "accepted": "referred",
    "rejected": "referred",
    "assessed": "accepted",
    "outcome": "assessed",
    "closed": "referred",
}
NAMES = {
    "referred": "the referral",
    "accepted": "the acceptance at triage",
    "rejected": "the rejection at triage",
    "assessed": "the first assessment appointment",
    "outcome": "the outcome",
    "closed": "leaving the list",
}
#: Steps that cannot stand together.
EXCLUSIVE = (
    ("accepted", "rejected", "A referral is accepted or rejected at triage, not both."),
    ("closed", "rejected", "A rejected referral is not on the list to leave it."),
    ("closed", "assessed", "A referral that left the list was not assessed."),
)


@dataclass(frozen=True, slots=True)
class Fact:
    """A current step, as the checks and the projection read it."""

    type: str
    on: date
    source: str = ""
    setting_id: int | None = None
    reason: str = ""
    outcome: str = ""


def refusal(facts: Iterable[Fact]) -> tuple[str, str] | None:
    """(field, message) of the first thing wrong with a referral's current steps, or None."""
    found = check(facts)
    return None if found is None else (found[1], found[2])


def check(facts: Iterable[Fact]) -> tuple[str, str, str] | None:
    """(the step it is about, field, message) of the first thing wrong, or None."""
    by_type: dict[str, Fact] = {}
    for fact in facts:
        if fact.type in by_type:
            message = f"This referral already has {NAMES[fact.type]}: correct that step instead."
            return fact.type, WHOLE_FORM, message
        by_type[fact.type] = fact
    if "referred" not in by_type:
        return "referred", WHOLE_FORM, "A referral needs its referral date."
    for first, second, message in EXCLUSIVE:
        if first in by_type and second in by_type:
            return first, WHOLE_FORM, message
    for kind, fact in by_type.items():
        before = FOLLOWS.get(kind)
        if before is None:
            continue
        earlier = by_type.get(before)
        if earlier is None:
            return kind, WHOLE_FORM, f"Record {NAMES[before]} before {NAMES[kind]}."
        if fact.on < earlier.on:
            return (
                kind,
                "on",
                (
                    f"The date of {NAMES[kind]} must be on or after {NAMES[before]} "
                    f"({long_date(earlier.on)})."
                ),
            )
    return None


def projection(facts: Iterable[Fact]) -> dict[str, Any]:
    """The referral's fields from its current steps (``models.Referral``)."""
    by_type = {fact.type: fact for fact in facts}
    referred = by_type["referred"]
    found: dict[str, Any] = {
        "referred_on": referred.on,
        "source": referred.source,
        "setting_id": referred.setting_id,
        "accepted_on": None,
        "rejected_on": None,
        "reject_reason": "",
        "assessed_on": None,
        "outcome_on": None,
        "outcome": "",
        "closed_on": None,
        "close_reason": "",
    }
    status = "triage"
    if "accepted" in by_type:
        found["accepted_on"], status = by_type["accepted"].on, "waiting"
    if "rejected" in by_type:
        found["rejected_on"], status = by_type["rejected"].on, "rejected"
        found["reject_reason"] = by_type["rejected"].reason
    if "assessed" in by_type:
        found["assessed_on"], status = by_type["assessed"].on, "assessed"
    if "outcome" in by_type:
        found["outcome_on"], status = by_type["outcome"].on, "done"
        found["outcome"] = by_type["outcome"].outcome
    if "closed" in by_type:
        found["closed_on"], status = by_type["closed"].on, "closed"
        found["close_reason"] = by_type["closed"].reason
    found["status"] = status
    return found

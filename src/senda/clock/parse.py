"""Reading a case from its JSON form (the ``senda deadlines`` contract), strictly.

Every problem is reported as one ``CaseError`` naming the event's position and the field.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Final

from senda.clock.model import (
    CEASE_REASONS,
    EVENT_TYPES,
    EXCEPTION_GROUNDS,
    LAWFUL_GROUNDS,
    OUTCOMES,
    PHASE_TRANSFER_KINDS,
    TRANSFERRED_REASON,
    Child,
    Event,
)

ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Dates outside these years are refused: no case is that old, and due dates must fit.
EARLIEST_YEAR: Final = 1900
LATEST_YEAR: Final = 2200

#: The one extra field each event type takes (beyond ``type`` and ``date``).
REQUIRED: Final[dict[str, str]] = {
    "assess_decision": "outcome",
    "issue_decision": "outcome",
    "review_decision": "outcome",
    "advice_requested": "discipline",
    "advice_received": "discipline",
    "exception": "ground",
    "phase_transfer": "kind",
    "reassess_decision": "outcome",
    "reassessment_outcome": "outcome",
    "cease_decision": "outcome",
    "cease_appeal_decided": "outcome",
    "move_out_known": "move_date",
}
OPTIONAL: Final[dict[str, tuple[str, ...]]] = {
    "exception": ("applies_to",),
    "transferred_in": ("last_review",),
    "cease_decision": ("reason",),
}


class CaseError(ValueError):
    """Bad input: the message says where and why."""


def parse_date(value: object, where: str) -> date:
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise CaseError(f"{where} must be a date written YYYY-MM-DD, got {value!r}")
    try:
        found = date.fromisoformat(value)
    except ValueError as exc:
        raise CaseError(f"{where} is not a real date: {value!r} ({exc})") from None
    if not EARLIEST_YEAR <= found.year <= LATEST_YEAR:
        raise CaseError(f"{where} must be between {EARLIEST_YEAR} and {LATEST_YEAR}, got {value!r}")
    return found


def parse_case(data: object) -> tuple[Child | None, list[Event]]:
    """``{"child": {...}?, "events": [...]}`` → the child (if given) and its events."""
    if not isinstance(data, dict):
        raise CaseError("the case must be a JSON object with an 'events' list")
    _no_extra(data, {"child", "events"}, "the case")
    events = data.get("events")
    if not isinstance(events, list):
        raise CaseError("the case must have an 'events' list")
    child = _child(data["child"]) if data.get("child") is not None else None
    return child, [_event(item, index) for index, item in enumerate(events)]


def _child(value: object) -> Child:
    if not isinstance(value, dict):
        raise CaseError('\'child\' must be an object such as {"date_of_birth": "2014-09-01"}')
    _no_extra(value, {"date_of_birth"}, "child")
    born = value.get("date_of_birth")
    return Child(None if born is None else parse_date(born, "child.date_of_birth"))


def _no_extra(value: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(value) - allowed)
    if extra:
        names = ", ".join(repr(name) for name in extra)
        raise CaseError(f"{where} has unexpected field(s) {names}; allowed: {sorted(allowed)}")


def _event(item: object, index: int) -> Event:
    where = f"events[{index}]"
    if not isinstance(item, dict):
        raise CaseError(f"{where} must be an object with 'type' and 'date'")
    kind = item.get("type")
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        raise CaseError(f"{where}: unknown event type {kind!r}")
    where = f"{where} ({kind})"
    if "date" not in item:
        raise CaseError(f"{where}: missing field 'date'")
    on = parse_date(item["date"], f"{where}: 'date'")
    required = REQUIRED.get(kind)
    allowed = {"type", "date", *OPTIONAL.get(kind, ())} | ({required} if required else set())
    _no_extra(item, allowed, where)
    if required and required not in item:
        raise CaseError(f"{where}: missing field {required!r}")
    if kind == "cease_decision":
        return _cease_decision(item, on, where)
    if kind in OUTCOMES:
        return Event(kind, on, outcome=_choice(item, "outcome", OUTCOMES[kind], where))
    if kind == "move_out_known":
        return Event(kind, on, move_date=parse_date(item["move_date"], f"{where}: 'move_date'"))
    if required == "discipline":
        return Event(kind, on, discipline=_text(item, "discipline", where))
    if kind == "exception":
        return _exception(item, on, where)
    if kind == "phase_transfer":
        return Event(kind, on, kind=_choice(item, "kind", PHASE_TRANSFER_KINDS, where))
    if kind == "transferred_in" and item.get("last_review") is not None:
        last = parse_date(item["last_review"], f"{where}: 'last_review'")
        if last > on:
            raise CaseError(f"{where}: 'last_review' {last} is after the transfer date {on}")
        return Event(kind, on, last_review=last)
    return Event(kind, on)


def _choice(item: dict[str, Any], field: str, allowed: tuple[str, ...], where: str) -> str:
    value = item[field]
    if value not in allowed:
        raise CaseError(f"{where}: {field!r} must be one of {', '.join(allowed)}; got {value!r}")
    return str(value)


def _text(item: dict[str, Any], field: str, where: str) -> str:
    value = item[field]
    if not isinstance(value, str) or not value.strip():
        raise CaseError(f"{where}: {field!r} must be non-empty text, got {value!r}")
    return value


def _exception(item: dict[str, Any], on: date, where: str) -> Event:
    ground = _choice(item, "ground", EXCEPTION_GROUNDS, where)
    applies = item.get("applies_to")
    if applies is None:
        return Event("exception", on, ground=ground)
    if not isinstance(applies, list) or not applies:
        raise CaseError(f"{where}: 'applies_to' must be a non-empty list of rule ids")
    for rule in applies:
        if not isinstance(rule, str) or rule not in LAWFUL_GROUNDS:
            raise CaseError(
                f"{where}: 'applies_to' names {rule!r}; exceptions apply only to "
                f"{', '.join(LAWFUL_GROUNDS)}"
            )
        if ground not in LAWFUL_GROUNDS[rule]:
            raise CaseError(f"{where}: ground {ground!r} is not an exception to {rule!r} in law")
    return Event("exception", on, ground=ground, applies_to=tuple(applies))


#: The cease reasons a decision to cease may give (reason 5 is a transfer out).
DECISION_REASONS: Final = tuple(code for code in CEASE_REASONS if code != TRANSFERRED_REASON)


def _cease_decision(item: dict[str, Any], on: date, where: str) -> Event:
    """A decision to cease gives SEN2's reason (1–9 but 5); a decision to keep the plan none."""
    outcome = _choice(item, "outcome", OUTCOMES["cease_decision"], where)
    reason = item.get("reason")
    if outcome == "maintain":
        if reason is not None:
            raise CaseError(f"{where}: 'reason' is only given with the outcome 'cease'")
        return Event("cease_decision", on, outcome=outcome)
    codes = ", ".join(str(code) for code in DECISION_REASONS)
    if reason is None:
        raise CaseError(f"{where}: missing field 'reason' (SEN2 cease reason: one of {codes})")
    if type(reason) is not int or reason not in DECISION_REASONS:
        hint = " (5, transferred to another LA, is a transferred_out event)"
        raise CaseError(
            f"{where}: 'reason' must be one of {codes}{hint if reason == 5 else ''}; got {reason!r}"
        )
    return Event("cease_decision", on, outcome=outcome, reason=reason)

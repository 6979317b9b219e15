"""Advice for an assessment (reg 6–8) and exceptions to the assessment limits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, write_event
from senda.casework.models import Case, CaseEvent
from senda.clock import EXCEPTABLE_RULES
from senda.clock.model import EXCEPTION_GROUNDS
from senda.kernel import ActionError, check_choice, check_not_future


def _discipline(discipline: str) -> str:
    discipline = discipline.strip().lower()
    if not discipline:
        raise ActionError("discipline", "Enter who the advice is from, for example 'ep'.")
    return discipline


@transaction.atomic
def record_advice_requested(
    *, case: Case, on: date, discipline: str, by: User, today: date | None = None
) -> CaseEvent:
    """Advice was requested from one discipline (education, health, social care, …)."""
    case, today = begin(case, by, today)
    discipline = _discipline(discipline)
    check_not_future(on, today)
    return write_event(case, by, today, "advice_requested", on, discipline=discipline)


@transaction.atomic
def record_advice_received(
    *, case: Case, on: date, discipline: str, by: User, today: date | None = None
) -> CaseEvent:
    """The advice requested from one discipline came back (an officer records it, or the
    advice-giver sends it through the portal)."""
    case, today = begin(case, by, today, partner_step="advice_received")
    discipline = _discipline(discipline)
    check_not_future(on, today)
    return write_event(case, by, today, "advice_received", on, discipline=discipline)


@transaction.atomic
def record_exception(
    *,
    case: Case,
    on: date,
    ground: str,
    by: User,
    applies_to: Sequence[str] | None = None,
    today: date | None = None,
) -> CaseEvent:
    """An exception (reg 5(4), 8(2), 10(4), 13(3)) makes limits inapplicable for this case."""
    case, today = begin(case, by, today)
    check_choice(ground, EXCEPTION_GROUNDS, "ground", "the ground for the exception")
    rules = list(applies_to) if applies_to is not None else None
    for rule in rules or ():
        check_choice(rule, EXCEPTABLE_RULES, "applies_to", "the limits it applies to")
    if rules == []:
        raise ActionError("applies_to", "Choose at least one limit the exception applies to.")
    check_not_future(on, today)
    return write_event(case, by, today, "exception", on, ground=ground, applies_to=rules)

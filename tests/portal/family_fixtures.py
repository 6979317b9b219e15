"""What the family's-voice tests share: the personas' case with a draft plan, a review due,
the officer with an email address, and another family's parent."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from senda.casework.models import Case, CaseEvent, DeadlineRow
from tests.factories import Personas, make_case, make_child, make_user

#: A Friday: the early May bank holiday (Monday 4 May 2026) falls in the next 5 working days.
FRIDAY = date(2026, 5, 1)
DRAFT_ON = date(2026, 3, 2)


def issue(case: Case, type_: str, on: date, by: User) -> CaseEvent:
    """A step recorded directly (the pages under test only read it)."""
    return CaseEvent.objects.create(case=case, type=type_, on=on, recorded_by=by)


def review_due(case: Case, due: date) -> DeadlineRow:
    return DeadlineRow.objects.create(
        case=case,
        rule="annual-review",
        due=due,
        status="pending",
        citation="reg 2",
        evaluated_for=due,
    )


def with_officer_email(personas: Personas) -> Personas:
    personas.case_officer.email = "officer@example.org"
    personas.case_officer.save(update_fields=["email"])
    personas.parent.email = "parent@example.org"
    personas.parent.save(update_fields=["email"])
    return personas


def other_family(personas: Personas) -> User:
    """A parent of another child of the same area, with their own case."""
    child = make_child(personas.la, setting=personas.setting)
    make_case(child, officer=personas.case_officer)
    return make_user("parent", personas.la, child=child)

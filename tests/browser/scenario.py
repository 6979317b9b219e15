"""A small Seaview-like area for the browser tests: the personas plus a handful of live
plans in different states, built with the factories and the real casework actions (so
every case has its events and deadline rows, as in the demo)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from senda.casework import actions
from senda.casework.models import Case
from tests.factories import Personas, make_case, make_child, make_personas, make_user


@dataclass
class Scenario:
    personas: Personas
    #: A plan whose annual review is over two months late: the top of triage.
    overdue: Case
    #: A plan whose annual review falls due within the month.
    due_soon: Case
    #: Plans held by ``personas.case_officer`` besides ``overdue`` and ``due_soon``.
    others: list[Case]
    #: A second case officer of the same area, with room on their caseload.
    colleague: object


def transferred_plan(personas: Personas, *, last_review_days: int) -> Case:
    """A live plan that came in from another area a week after its last review meeting."""
    today = timezone.localdate()
    child = make_child(personas.la, setting=personas.setting, date_of_birth=date(2014, 3, 9))
    case = make_case(child, officer=personas.case_officer, opened_on=today - timedelta(900))
    actions.record_transferred_in(
        case=case,
        on=today - timedelta(days=last_review_days - 7),
        last_review=today - timedelta(days=last_review_days),
        from_la="873",
        by=personas.case_officer,
    )
    actions.record_transfer_in_letter(  # the family was told in time (reg 15(4))
        case=case, on=today - timedelta(days=last_review_days - 14), by=personas.case_officer
    )
    return case


def build() -> Scenario:
    personas = make_personas()
    return Scenario(
        personas=personas,
        overdue=transferred_plan(personas, last_review_days=365 + 70),
        due_soon=transferred_plan(personas, last_review_days=365 - 20),
        others=[transferred_plan(personas, last_review_days=200 + i) for i in (0, 1)],
        colleague=make_user("case_officer", personas.la, first_name="Rowan", last_name="Hale"),
    )

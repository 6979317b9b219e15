"""The export's fast reader (``export._tuples``: straight from a cursor, without the
ORM's converters) gives the same Python values as the ORM for the fields it reads, and the
cases it reads by the children's range stay those of the area."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.models import AssessmentRequest, Case, Plan
from senda.interchange.sen2 import export
from tests.factories import make_case, make_child, make_la

pytestmark = pytest.mark.django_db

CENSUS = date(2027, 1, 21)
TODAY = date(2027, 2, 1)


def test_the_cursor_reader_gives_what_the_orm_gives() -> None:
    la = make_la()
    case = make_case(make_child(la, family_name="One", date_of_birth=date(2015, 3, 4)))
    Plan.objects.create(
        case=case,
        issued_on=date(2026, 2, 1),
        ceased_on=date(2026, 11, 30),
        cease_reason=2,
        personal_budget=True,
    )
    AssessmentRequest.objects.create(
        case=case,
        received_on=date(2025, 9, 1),
        source=3,
        assess_outcome="assess",
        assess_decided_on=date(2025, 10, 1),
    )
    for model, fields in (
        (Plan, export.PLAN_FIELDS),
        (AssessmentRequest, export.REQUEST_FIELDS),
    ):
        query = model.objects.filter(case=case).order_by("pk")
        fast = list(export._tuples(query, fields))
        orm = list(query.values_list(*fields))
        assert fast == orm
        assert [[type(v) for v in row] for row in fast] == [[type(v) for v in row] for row in orm]
    (row,) = export._tuples(Plan.objects.filter(case=case), export.PLAN_FIELDS)
    assert row[export.PLAN_FIELDS.index("personal_budget")] is True
    assert type(row[export.PLAN_FIELDS.index("issued_on")]) is date


def test_a_case_of_another_area_in_the_childrens_range_is_left_out() -> None:
    here, there = make_la(), make_la()
    mine = make_case(make_child(here, family_name="Mine"))
    Plan.objects.create(case=mine, issued_on=date(2026, 3, 1))
    # The same child with a case in another area (moved): that case is not this area's.
    other = Case.objects.create(la=there, child=mine.child, opened_on=date(2026, 1, 5))
    Plan.objects.create(case=other, issued_on=date(2026, 5, 1))
    (person,) = export.persons_for(here, CENSUS, today=TODAY)
    (req,) = person.requests
    assert req.received_date == date(2026, 3, 1)

"""The XLSX export, re-read with openpyxl: one sheet per area in the importer's layout."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from senda.improvement import export
from senda.improvement.importer.layouts import AREAS, MILESTONES
from senda.improvement.models import ActionUpdate, Aim, ImpactRecord, Milestone, Rating
from tests.factories import make_action, make_area, make_partner, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(personas):
    plan = make_plan(personas.la)
    one = make_area(plan, title="Waiting times: too long")
    aim = Aim.objects.create(area=one, number=1, text="Plans on time")
    action = make_action(
        one,
        aim=aim,
        what="Recruit officers",
        how="Advertise\nInterview",
        kpi_ids=["final-plan-20w"],
        measures="90% within 20 weeks",
        timescale="Jan to Dec 26",
        lead="Head of SEND",
    )
    action.partners.add(make_partner(plan, name="ICB"))
    ActionUpdate.objects.create(action=action, on=date(2026, 2, 1), author_name="Jo", text="Ad out")
    Milestone.objects.create(action=action, title="Posts filled", due_on=date(2026, 4, 1))
    Rating.objects.create(action=action, value="green", rated_on=date(2026, 1, 5), rationale="x")
    Rating.objects.create(action=action, value="amber", rated_on=date(2026, 2, 5), rationale="y")
    ImpactRecord.objects.create(
        action=action, stage="complete", impact="some", evidence="Audit: 8 of 10 good",
        recorded_on=date(2026, 2, 5),
    )  # fmt: skip
    make_action(make_area(plan, title="Transitions"), what="Map pathways", timescale="Dec 26")
    return plan


def read(data: bytes):
    return load_workbook(BytesIO(data))


def test_it_writes_one_sheet_per_area_in_the_areas_layout(plan):
    book = read(export.write_plan(plan))
    assert book.sheetnames == ["1. Waiting times  too long", "2. Transitions"]
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    extra = ["Rating", "Stage", "Impact rating", "Impact evidence", "Milestones"]
    assert header == [c.header for c in AREAS.columns] + extra
    for heading in ("Aims", "What", "How", "KPIs", "Timescale", "Who", "Updates / Comments"):
        assert heading in header
    row = dict(zip(header, (cell.value for cell in sheet[2]), strict=True))
    assert row["Aims"] == "Plans on time"
    assert row["What"] == "Recruit officers"
    assert row["How"] == "Advertise\nInterview"
    assert row["KPIs"] == "final-plan-20w\n90% within 20 weeks"
    assert row["Timescale"] == "Jan to Dec 26"
    assert row["Who"] == "Head of SEND\nICB"
    assert row["Updates / Comments"] == "1 Feb 2026 – Jo: Ad out"
    assert row["Rating"] == "Amber"  # the latest
    assert (row["Stage"], row["Impact rating"]) == ("Complete", "Some")
    assert row["Impact evidence"] == "Audit: 8 of 10 good"
    assert row["Milestones"] == "Posts filled – due 1 Apr 2026"
    assert row["No."] == "1.1"
    assert book.worksheets[1].max_row == 2


def test_it_writes_the_milestones_layout(plan):
    sheet = read(export.write_plan(plan, "milestones")).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[: len(MILESTONES.columns)] == [c.header for c in MILESTONES.columns]
    assert header[-8:-3] == ["Month 3", "Month 6", "Month 9", "Month 12", "Rating"]
    assert header[-3:] == ["Stage", "Impact rating", "Impact evidence"]
    row = dict(zip(header, (cell.value for cell in sheet[2]), strict=True))
    assert row["Month 3"] == "Posts filled – due 1 Apr 2026"
    assert row["Completion date"].date() == date(2026, 12, 31)
    assert row["Delivery lead"] == "Head of SEND\nICB"


def test_it_writes_an_empty_plan_as_a_header_only(personas):
    book = read(export.write_plan(make_plan(personas.la)))
    assert book.sheetnames == ["Plan"]


def test_it_names_sheets_safely_and_uniquely():
    taken: set[str] = set()
    first = export.sheet_title(1, "A/B: [x]? " + "y" * 40, taken)
    assert len(first) <= 31 and not set("[]:*?/\\") & set(first)
    assert export.sheet_title(1, "A/B: [x]? " + "y" * 40, taken) != first


def test_it_exports_in_a_fixed_number_of_queries(plan, django_assert_max_num_queries):
    area = plan.areas.first()
    for _ in range(10):
        make_action(area)
    with django_assert_max_num_queries(9):
        export.write_plan(plan)


def test_it_keeps_text_that_starts_like_a_formula_as_text(plan):
    action = plan.areas.first().actions.first()
    action.what = '=HYPERLINK("http://bad.example","Click")'
    action.how = "+44 1234"
    action.lead = "@SUM(1)"
    action.save()
    sheet = read(export.write_plan(plan)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["What"].value == '=HYPERLINK("http://bad.example","Click")'  # reads back in
    for name in ("What", "How", "Who"):
        assert row[name].data_type == "s" and row[name].quotePrefix, name

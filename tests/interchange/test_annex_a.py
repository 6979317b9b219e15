"""Annex A for an area SEND inspection: List 1 built from hand-made records, each of
Senda's checks on a bad row (and not on a good one), and the XLSX in the published layout
with formulas neutralised."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from senda.casework.models import Placement, Plan, Review
from senda.interchange import annex_a
from senda.interchange.annex_a import (
    LIST_1_COLUMNS,
    LIST_2_COLUMNS,
    AnnexList,
    annex_a_checks,
    build,
)
from senda.people.models import Setting
from tests.factories import make_case, make_child, make_la, make_setting

TODAY = date(2026, 12, 3)
VALID_UPN = "H926123456789"
VALID_ULN = "9999999998"

#: The published List 1 headers, in order (Data to Insight's validator: docs/annex-a.md).
PUBLISHED_LIST_1 = [
    "Unique ID",
    "UPN",
    "ULN",
    "Date of birth",
    "Gender",
    "Ethnicity",
    "Date initial EHC plan issued",
    "Date updated EHC plan issued",
    "Date EHC plan last reviewed",
    "SEN primary need",
    "Main education establishment – URN",
    "Main education establishment – phase",
    "Subsidiary education establishment – phase (dual registration)",
    "Elective home education",
    "Suspensions",
    "Permanent exclusions",
    "Absence",
    "Pupil Premium",
    "Known to children's social care?",
    "Which children's social care team?",
    "Does the child or young person have a disability?",
]


def test_the_columns_are_the_published_ones_in_order():
    assert [c.name for c in LIST_1_COLUMNS] == PUBLISHED_LIST_1
    assert [c.name for c in LIST_2_COLUMNS] == [
        name
        for name in PUBLISHED_LIST_1
        if name
        not in {
            "Date initial EHC plan issued",
            "Date updated EHC plan issued",
            "Date EHC plan last reviewed",
            "Elective home education",
        }
    ]


@pytest.mark.django_db
def test_list_1_holds_each_child_with_a_current_plan_once():
    la = make_la()
    school = make_setting(la, urn="123456", phase=Setting.Phase.SECONDARY)
    ap = make_setting(la, urn="654321", phase=Setting.Phase.AP, type=Setting.Type.AP)
    child = make_child(
        la,
        date_of_birth=date(2012, 5, 4),
        sex="F",
        ethnicity="WBRI",
        upn=VALID_UPN,
        uln=VALID_ULN,
        primary_need="SEMH",
        elective_home_education=False,
    )
    case = make_case(child)
    old = Plan.objects.create(case=case, issued_on=date(2019, 2, 1), ceased_on=date(2021, 1, 1))
    plan = Plan.objects.create(case=case, issued_on=date(2022, 3, 1), amended_on=date(2025, 4, 2))
    Review.objects.create(case=case, plan=plan, meeting_on=date(2025, 3, 10))
    Review.objects.create(case=case, plan=plan, meeting_on=date(2026, 3, 9))
    Review.objects.create(case=case, plan=old, meeting_on=date(2020, 1, 1))
    for setting, rank in ((school, 1), (ap, 2)):
        Placement.objects.create(
            case=case, setting=setting, rank=rank, entered_on=date(2025, 9, 1), recorded_on=TODAY
        )
    # Not listed: a ceased plan only, no plan at all, another area's child.
    ceased = make_case(make_child(la))
    Plan.objects.create(case=ceased, issued_on=date(2020, 1, 1), ceased_on=date(2026, 1, 1))
    make_case(make_child(la))
    Plan.objects.create(case=make_case(la=make_la()), issued_on=date(2024, 1, 1))
    # A plan transferred in, a child with no setting, ending after today: listed.
    moved = make_case(make_child(la, date_of_birth=date(2020, 1, 1), sex="M", ethnicity="XXXX"))
    Plan.objects.create(case=moved, transferred_in_on=date(2026, 2, 2), ceased_on=date(2027, 1, 1))

    lists = build(la, TODAY)

    assert [annex.key for annex in lists] == ["List 1", "List 2"]
    assert lists[1].rows == []  # Senda holds no SEN support register
    rows = lists[0].rows
    assert [row["Unique ID"] for row in rows] == [str(child.pk), str(moved.child_id)]
    row = rows[0]
    assert row == {
        **dict.fromkeys(PUBLISHED_LIST_1[14:], ""),
        "Unique ID": str(child.pk),
        "UPN": VALID_UPN,
        "ULN": VALID_ULN,
        "Date of birth": date(2012, 5, 4),
        "Gender": "b) Female",
        "Ethnicity": "a) WBRI",
        "Date initial EHC plan issued": date(2019, 2, 1),  # the first plan ever issued
        "Date updated EHC plan issued": date(2025, 4, 2),
        "Date EHC plan last reviewed": date(2026, 3, 9),
        "SEN primary need": "e) SEMH",
        "Main education establishment – URN": "123456",
        "Main education establishment – phase": "e) Secondary",
        "Subsidiary education establishment – phase (dual registration)": (
            "h) Pupil referral unit/Alternative provision"
        ),
        "Elective home education": "b) No",
    }
    other = rows[1]
    assert other["Date initial EHC plan issued"] == date(2026, 2, 2)
    assert other["Gender"] == "a) Male" and other["Ethnicity"] == "XXXX"
    assert other["Main education establishment – URN"] == ""
    assert other["Elective home education"] == ""


@pytest.mark.django_db
def test_elective_home_education_is_yes_from_the_flag_or_an_ehe_placement():
    la = make_la()
    flagged = make_case(make_child(la, elective_home_education=True))
    Plan.objects.create(case=flagged, issued_on=date(2024, 1, 1))
    placed = make_case(make_child(la, setting=make_setting(la)))
    Plan.objects.create(case=placed, issued_on=date(2024, 1, 1))
    Placement.objects.create(
        case=placed, setting_code="EHE", entered_on=date(2025, 1, 1), recorded_on=TODAY
    )
    rows = build(la, TODAY)[0].rows
    assert [row["Elective home education"] for row in rows] == ["a) Yes", "a) Yes"]
    # Educated at home: no main establishment, though the child's setting is recorded.
    assert rows[1]["Main education establishment – URN"] == ""


def good_row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "Unique ID": "1",
        "UPN": VALID_UPN,
        "ULN": VALID_ULN,
        "Date of birth": date(2015, 6, 1),
        "Gender": "a) Male",
        "Ethnicity": "a) WBRI",
        "Date initial EHC plan issued": date(2021, 1, 4),
        "Date updated EHC plan issued": date(2023, 2, 1),
        "Date EHC plan last reviewed": date(2026, 1, 20),
        "SEN primary need": "k) ASD",
        "Main education establishment – URN": "123456",
        "Main education establishment – phase": "b) Primary",
        "Subsidiary education establishment – phase (dual registration)": "",
        "Elective home education": "b) No",
        "Suspensions": 0,
        "Permanent exclusions": 0,
        "Absence": 4.5,
        "Pupil Premium": "b) No",
        "Known to children's social care?": "b) No",
        "Which children's social care team?": "",
        "Does the child or young person have a disability?": "a) Yes",
    }
    row.update(changes)
    return row


def check(*rows: dict[str, Any], sen_support: list[dict[str, Any]] | None = None):
    lists = [
        AnnexList("List 1", "", LIST_1_COLUMNS, list(rows)),
        AnnexList("List 2", "", LIST_2_COLUMNS, sen_support or []),
    ]
    return annex_a_checks(lists, TODAY)


def test_a_good_row_has_no_findings():
    assert check(good_row(), good_row(**{"Unique ID": "2", "UPN": "", "ULN": ""})) == [
        annex_a.Finding(
            "List 1", 3, "UPN", "A child aged 6 or over has neither a UPN nor a ULN.", "2", "query"
        )
    ]
    assert check(good_row()) == []


DOB = "Date of birth"
INITIAL = "Date initial EHC plan issued"
UPDATED = "Date updated EHC plan issued"
REVIEWED = "Date EHC plan last reviewed"
URN = "Main education establishment – URN"
SUB = "Subsidiary education establishment – phase (dual registration)"


@pytest.mark.parametrize(
    ("changes", "column", "words", "level"),
    [
        ({DOB: None}, DOB, "is blank", "error"),
        ({"Gender": ""}, "Gender", "is blank", "error"),
        ({"Ethnicity": " "}, "Ethnicity", "is blank", "error"),
        ({"SEN primary need": ""}, "SEN primary need", "is blank", "error"),
        ({INITIAL: None}, INITIAL, "is blank", "error"),
        ({DOB: "31/02/2015"}, DOB, "is not a date", "error"),
        ({UPDATED: "2023-02-01"}, UPDATED, "is not a date", "error"),
        ({REVIEWED: date(2027, 1, 1)}, REVIEWED, "in the future", "query"),
        ({UPDATED: date(2020, 1, 1)}, UPDATED, "before the date the initial", "error"),
        ({REVIEWED: date(2020, 1, 1)}, REVIEWED, "before the date the initial", "error"),
        ({DOB: date(2021, 2, 1)}, INITIAL, "before the date of birth", "error"),
        ({"UPN": "H926123456788"}, "UPN", "check letter does not match", "error"),
        ({"ULN": "9999999999"}, "ULN", "check digit", "error"),
        ({URN: "12"}, URN, "6 or 7 digits", "error"),
        ({"Gender": "Boy"}, "Gender", "not one of the published values", "error"),
        ({"Ethnicity": "=A1"}, "Ethnicity", "not one of the published values", "error"),
        ({"Elective home education": "Yes"}, "Elective home education", "published", "error"),
        ({"SEN primary need": "DS"}, "SEN primary need", "Down syndrome", "query"),
        ({DOB: date(2000, 6, 1)}, DOB, "26 or over", "error"),
        ({DOB: date(2001, 6, 1)}, DOB, "is 25", "query"),
        ({"UPN": "", "ULN": ""}, "UPN", "neither a UPN nor a ULN", "query"),
        ({URN: "", "Main education establishment – phase": ""}, URN, "no main", "query"),
        ({URN: "", SUB: "b) Primary"}, URN, "subsidiary establishment is given", "error"),
        (
            {"Known to children's social care?": "a) Yes"},
            "Which children's social care team?",
            "no team is given",
            "query",
        ),
        ({"Suspensions": -1}, "Suspensions", "a whole number", "error"),
        ({"Absence": 150}, "Absence", "0 to 100", "error"),
        ({"Does the child or young person have a disability?": ""}, None, "does not hold", "query"),
    ],
)
def test_each_check_fires_on_a_bad_row(changes, column, words, level):
    findings = check(good_row(**changes))
    hits = [f for f in findings if words in f.message]
    assert len(hits) == 1, findings
    (hit,) = hits
    assert hit.level == level and hit.list == "List 1"
    if column is None:  # a column Senda does not hold: one finding for the list
        assert hit.row is None and hit.column == (
            "Does the child or young person have a disability?"
        )
    else:
        assert (hit.row, hit.column, hit.unique_id) == (2, column, "1")


def test_duplicates_and_a_child_on_both_lists():
    findings = check(
        good_row(),
        good_row(**{"ULN": ""}),
        sen_support=[good_row(**{"Unique ID": "1"})],
    )
    messages = [(f.list, f.row, f.column) for f in findings]
    assert ("List 1", 2, "Unique ID") in messages and ("List 1", 3, "Unique ID") in messages
    assert ("List 1", 2, "UPN") in messages and ("List 1", 3, "UPN") in messages
    assert not any(f.column == "ULN" for f in findings)  # one ULN is not a duplicate
    both = [f for f in findings if f.list == "List 2"]
    assert [(f.row, f.column) for f in both] == [(2, "Unique ID")]
    assert "also on List 1" in both[0].message


def test_the_workbook_has_the_published_sheets_and_neutralises_formulas():
    lists = [
        AnnexList(
            "List 1",
            "",
            LIST_1_COLUMNS,
            [good_row(), good_row(**{"Unique ID": "2", "Ethnicity": "=HYPERLINK(1)"})],
        ),
        AnnexList("List 2", "", LIST_2_COLUMNS, []),
    ]
    findings = annex_a_checks(lists, TODAY)
    book = load_workbook(BytesIO(annex_a.workbook(lists, findings)))
    assert book.sheetnames == ["List 1", "List 2", "Checks"]
    assert [c.value for c in book["List 1"][1]] == PUBLISHED_LIST_1
    assert [c.value for c in book["List 2"][1]] == [c.name for c in LIST_2_COLUMNS]
    assert book["List 2"].max_row == 1
    dob = book["List 1"]["D2"]
    assert dob.value.date() == date(2015, 6, 1) and dob.number_format == "DD/MM/YYYY"
    hostile = book["List 1"]["F3"]
    assert hostile.value == "=HYPERLINK(1)"
    assert hostile.data_type == "s" and hostile.quotePrefix
    checks = list(book["Checks"].iter_rows(values_only=True))
    assert checks[0] == ("List", "Row", "Column", "Unique ID", "Level", "Message")
    assert len(checks) == len(findings) + 1
    assert (
        "List 1",
        3,
        "Ethnicity",
        "2",
        "error",
        "Ethnicity is not one of the published values.",
    ) in checks


@pytest.mark.django_db
def test_the_lists_cost_the_same_queries_for_two_children_or_ten(django_assert_num_queries):
    la = make_la()

    def add_children(n: int) -> None:
        for _ in range(n):
            case = make_case(make_child(la, setting=make_setting(la)))
            plan = Plan.objects.create(case=case, issued_on=date(2024, 1, 1))
            Review.objects.create(case=case, plan=plan, meeting_on=date(2025, 1, 1))
            Placement.objects.create(
                case=case, setting=make_setting(la), entered_on=date(2025, 1, 1), recorded_on=TODAY
            )

    add_children(2)
    with django_assert_num_queries(3):
        assert len(build(la, TODAY)[0].rows) == 2
    add_children(8)
    with django_assert_num_queries(3):
        assert len(build(la, TODAY)[0].rows) == 10

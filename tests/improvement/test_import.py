"""Importing an improvement plan from CSV and XLSX (senda.improvement.importer)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from senda.audit.models import AuditEntry
from senda.improvement.importer import ImportFailed, import_plan
from senda.improvement.importer.text import dated_lines, lines, split_kpis, split_who
from senda.improvement.models import (
    Action,
    ActionUpdate,
    Aim,
    ImprovementArea,
    ImprovementPlan,
    Milestone,
    Partner,
)
from tests.factories import make_la, make_local_kpi, make_plan_member

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
TODAY = date(2026, 3, 1)
AREAS_HEADER = ["Aims", "What", "How", "KPIs", "Timescale", "Who", "Updates / Comments"]
MILESTONES_HEADER = [
    "No.",
    "Action & completion date",
    "Delivery lead",
    "Month 3 (Dec 25)",
    "Month 6 (Mar 26)",
    "Month 9",
    "Evidence",
    "Impact/KPI",
]


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def run(personas, data, filename="plan.xlsx", **kwargs):
    kwargs.setdefault("by", personas.service_manager)
    kwargs.setdefault("today", TODAY)
    return import_plan(data, filename=filename, la=personas.la, **kwargs)


def failed(personas, data, filename="plan.xlsx", **kwargs):
    with pytest.raises(ImportFailed) as caught:
        run(personas, data, filename, **kwargs)
    assert not ImprovementPlan.objects.exists()
    assert not Action.objects.exists()
    assert not AuditEntry.objects.filter(object_type="improvement.ImprovementPlan").exists()
    return [(p.row, p.column, p.message) for p in caught.value.problems], caught.value.problems


def projection(plan):
    return sorted(
        (
            a.area.number,
            a.area.title,
            a.reference,
            a.aim.text if a.aim else "",
            a.what,
            a.how,
            tuple(a.kpi_ids),
            a.measures,
            a.timescale,
            a.starts_on,
            a.ends_on,
            a.timescale_resolved,
            a.lead,
            tuple(sorted(p.kind for p in a.partners.all())),
            tuple(sorted((u.on, u.author_name, u.text) for u in a.updates.all())),
        )
        for a in Action.objects.filter(area__plan=plan).select_related("area", "aim")
    )


# --- the two layouts -------------------------------------------------------------------


def test_it_imports_the_areas_layout_from_a_workbook_with_a_sheet_per_area(personas):
    result = run(personas, EXAMPLES / "improvement-plan-areas.xlsx", "improvement-plan-areas.xlsx")

    plan = result.plan
    assert (plan.la, plan.title) == (personas.la, "Improvement plan areas")
    assert result.layout == "areas"
    assert (result.areas, result.actions, result.created, result.updated) == (3, 7, 7, 0)
    assert list(plan.areas.values_list("number", "title")) == [
        (1, "Identifying needs early and accurately"),
        (2, "Preparing for adulthood and transitions"),
        (3, "Co-production and communication with families"),
    ]
    first = Action.objects.get(area__plan=plan, reference="1.1")
    assert first.what == "Launch a shared early identification toolkit for early years settings"
    assert first.how.splitlines() == [
        "Co-produce the toolkit with the parent carer forum",
        "Train early years SENCos (two cohorts)",
        "Review uptake each term",
    ]
    assert first.kpi_ids == ["advice-6w"]
    assert first.measures == "95% of early years settings trained"
    assert (first.starts_on, first.ends_on, first.timescale_resolved) == (
        date(2025, 9, 1),
        date(2026, 9, 30),
        True,
    )
    assert first.lead == "Head of SEND"
    assert {p.kind for p in first.partners.all()} == {"education", "health", "pcf"}
    assert [(u.on, u.author_name, u.text) for u in first.updates.order_by("on")] == [
        (date(2025, 11, 12), "Priya Shah", "toolkit draft shared with forum members"),
        (date(2026, 3, 1), "", "first cohort of 24 settings trained"),
    ]
    # A blank "Aims" cell (merged in the original) belongs to the aim above it.
    second = Action.objects.get(area__plan=plan, reference="1.2")
    assert second.aim == first.aim
    assert Aim.objects.filter(area__plan=plan).count() == 4
    third = Action.objects.get(area__plan=plan, reference="1.3")
    assert third.kpi_ids == ["final-plan-20w", "assess-decision-6w"]
    assert third.measures == ""
    entry = AuditEntry.objects.get(object_type="improvement.ImprovementPlan")
    assert (entry.user, entry.verb, entry.object_id, entry.la_id) == (
        personas.service_manager,
        "write",
        str(plan.pk),
        personas.la.pk,
    )
    assert entry.summary == "plan import: 7 actions created, 0 updated"


def test_it_imports_the_same_plan_from_csv_with_an_area_column(personas):
    from_xlsx = run(personas, EXAMPLES / "improvement-plan-areas.xlsx", title="From XLSX")
    from_csv = run(personas, EXAMPLES / "improvement-plan-areas.csv", "areas.csv", title="From CSV")

    assert from_csv.layout == "areas"
    assert projection(from_csv.plan) == projection(from_xlsx.plan)


def test_it_imports_the_milestones_layout(personas):
    result = run(
        personas,
        EXAMPLES / "improvement-plan-milestones.xlsx",
        "improvement-plan-milestones.xlsx",
    )

    assert result.layout == "milestones"
    assert result.plan.source_layout == "milestones"  # so the export writes it back this way
    assert (result.areas, result.actions, result.milestones, result.unresolved) == (2, 4, 13, [])
    panel = Action.objects.get(area__plan=result.plan, reference="1.1")
    assert panel.area.number == 1
    assert panel.what == "Set up a multi-agency panel for requests for assessment"
    assert (panel.timescale, panel.ends_on) == ("December 25", date(2025, 12, 31))
    assert panel.kpi_ids == ["assess-decision-6w"]
    assert panel.evidence == "Panel minutes\nAudit report"
    assert [(m.title, m.due_on) for m in panel.milestones.all()] == [
        ("Terms of reference agreed", date(2025, 12, 31)),
        ("Panel meeting weekly", date(2026, 3, 31)),
        ("Audit of 20 decisions", date(2026, 6, 30)),
        ("Review with families", date(2026, 9, 30)),
    ]
    recruit = Action.objects.get(area__plan=result.plan, reference="1.2")
    assert recruit.impact == "Advice returned within 6 weeks in 90% of cases"
    filled = recruit.milestones.get(due_on=date(2026, 3, 31))
    assert (filled.title, filled.note) == (
        "Posts filled; Induction complete",
        "Posts filled\nInduction complete",
    )
    local_offer = Action.objects.get(area__plan=result.plan, reference="2.2")
    assert (local_offer.starts_on, local_offer.ends_on) == (date(2026, 1, 1), date(2028, 12, 31))


def test_it_imports_the_milestones_layout_from_csv(personas):
    data = csv_bytes(
        [
            ["No.", "Action & completion date", "Delivery lead", "Month 3 (Dec 25)", "Impact/KPI"],
            ["1", "Review the Local Offer\nBy March 26", "Local Offer Officer", "Survey", ""],
        ]
    )

    result = run(personas, data, "plan.csv")

    action = Action.objects.get(area__plan=result.plan)
    assert (action.area.number, action.reference, action.what) == (1, "1", "Review the Local Offer")
    assert action.ends_on == date(2026, 3, 31)
    assert action.milestones.get().due_on == date(2025, 12, 31)


# --- cells -----------------------------------------------------------------------------


def test_it_keeps_bullets_and_line_breaks_as_lines(personas):
    data = xlsx(
        {
            "Area 1": [
                AREAS_HEADER,
                [
                    "",
                    "• Train SENCos • Publish guide",
                    "- first step\n* second step\n\n1. third step  ",
                    "",
                    "",
                    "Head of SEND",
                    "",
                ],
            ]
        }
    )

    result = run(personas, data)

    action = Action.objects.get(area__plan=result.plan)
    assert action.what == "Train SENCos\nPublish guide"
    assert action.how == "first step\nsecond step\nthird step"


def test_it_reads_odd_cells(personas):
    """Blank cells under a merged area or aim, trailing spaces, numbers stored as numbers,
    a date cell as a timescale, a repeated header and title rows."""
    data = xlsx(
        {
            "Plan": [
                ["SEND improvement plan  "],
                [],
                ["Area", "No.", *AREAS_HEADER],
                ["Area 1: Early help  ", 1.1, "Aim A ", "Action one  ", "", "", "Dec 26", "", ""],
                ["", 1.2, "", "Action two", "", "", date(2026, 7, 31), "", ""],
                ["", 3, "Aim B", "Action three", "", "", "", "Social care", ""],
                ["2. Transitions", "", "", "Action four", "", "", "", "", ""],
                ["Area", "No.", *AREAS_HEADER],
                ["", "", "", "", "", "", "", "", ""],
                ["", "", "", "Action five", "", "", "", "", ""],
            ]
        }
    )

    result = run(personas, data)

    got = [
        (a.area.number, a.reference, a.aim.text if a.aim else "", a.what, a.timescale, a.ends_on)
        for a in Action.objects.filter(area__plan=result.plan).order_by("area__number", "id")
    ]
    assert got == [
        (1, "1.1", "Aim A", "Action one", "Dec 26", date(2026, 12, 31)),
        (1, "1.2", "Aim A", "Action two", "31 Jul 2026", date(2026, 7, 31)),
        (1, "3", "Aim B", "Action three", "", None),
        (2, "2.1", "", "Action four", "", None),
        (2, "2.2", "", "Action five", "", None),
    ]
    assert result.plan.areas.get(number=1).title == "Early help"


def test_it_reads_truly_merged_cells_as_the_cell_above(personas):
    book = Workbook()
    sheet = book.active
    sheet.title = "Area 2 Transitions"
    sheet.append(AREAS_HEADER)
    sheet.append(["Shared aim", "First", "", "", "", "", ""])
    sheet.append(["", "Second", "", "", "", "", ""])
    sheet.merge_cells("A2:A3")
    out = io.BytesIO()
    book.save(out)

    result = run(personas, out.getvalue())

    assert [(a.reference, a.aim.text) for a in Action.objects.filter(area__plan=result.plan)] == [
        ("2.1", "Shared aim"),
        ("2.2", "Shared aim"),
    ]


def test_it_takes_the_area_from_the_sheet_name_without_a_title_row(personas):
    data = xlsx(
        {
            "Cover": [["Our plan"], ["Read me first"]],
            "Transitions": [AREAS_HEADER, ["", "Action", "", "", "", "", ""]],
            "Area 4 Health": [AREAS_HEADER, ["", "Action", "", "", "", "", ""]],
        }
    )

    result = run(personas, data)

    assert list(result.plan.areas.values_list("number", "title")) == [
        (1, "Transitions"),
        (4, "Health"),
    ]
    assert sorted(Action.objects.values_list("reference", flat=True)) == ["1.1", "4.1"]


def test_it_reads_a_column_mapping_for_other_spellings(personas):
    data = csv_bytes(
        [
            ["Priority area", "Our action", "Deadline", "Accountable officer"],
            ["1 Early help", "Do the thing", "Dec 26", "Head of SEND"],
        ]
    )

    result = run(
        personas,
        data,
        "plan.csv",
        layout="areas",
        mapping={
            "area": "Priority area",
            "what": "Our action",
            "timescale": "Deadline",
            "who": "Accountable officer",
        },
    )

    action = Action.objects.get(area__plan=result.plan)
    assert (action.what, action.ends_on, action.lead) == (
        "Do the thing",
        date(2026, 12, 31),
        "Head of SEND",
    )


def test_it_lists_unresolved_timescales_verbatim_and_never_guesses(personas):
    result = run(personas, EXAMPLES / "improvement-plan-areas.csv", "areas.csv")

    assert [(u.reference, u.text, u.row, u.column) for u in result.unresolved] == [
        ("3.1", "Ongoing", 7, "F"),
    ]
    action = Action.objects.get(area__plan=result.plan, reference="3.1")
    assert (action.timescale, action.starts_on, action.ends_on, action.timescale_resolved) == (
        "Ongoing",
        None,
        None,
        False,
    )
    assert "1 timescale to resolve: 3.1 timescale 'Ongoing'" in result.summary


def test_it_reads_a_school_term_as_the_months_it_falls_in(personas):
    result = run(personas, EXAMPLES / "improvement-plan-areas.csv", "areas.csv")

    action = Action.objects.get(area__plan=result.plan, reference="2.2")
    assert (action.timescale, action.ends_on, action.timescale_resolved) == (
        "Summer term 2026",
        date(2026, 7, 31),
        True,
    )


def test_it_lists_a_milestone_without_a_date_as_unresolved(personas):
    data = xlsx({"Plan": [MILESTONES_HEADER, ["1.1", "Act", "Lead", "", "", "Audit", "", ""]]})

    result = run(personas, data)

    assert [(u.reference, u.text, u.column) for u in result.unresolved] == [("1.1", "Audit", "F")]
    assert Milestone.objects.get().due_on is None


# --- problems: every one listed, nothing written ----------------------------------------


def test_it_reports_every_bad_row_with_its_row_and_column_and_writes_nothing(personas):
    data = xlsx(
        {
            "Plan": [
                [
                    "No.",
                    "Action & completion date",
                    "Delivery lead",
                    "Month 3 (Dce 25)",
                    "Evidence",
                ],
                ["1.1", "Good action", "Lead", "", ""],
                ["1.2", "", "Lead", "Something", ""],
                ["1.3", "Another", "Lead", "", ""],
                ["1.3", "A third", "Lead", "", ""],
            ]
        }
    )

    problems, raw = failed(personas, data)

    assert [(row, column) for row, column, _ in problems] == [
        (1, "D"),
        (3, "B"),
        (5, "A"),
    ]
    assert "'Dce 25'" in problems[0][2]
    assert "is empty" in problems[1][2]
    assert "used twice" in problems[2][2] and "rows 4 and 5" in problems[2][2]
    assert str(raw[1]).startswith("Sheet 'Plan', row 3, column B (Action & completion date): ")


def test_it_reports_an_unreadable_completion_date(personas):
    data = csv_bytes(
        [
            ["No.", "Action", "Completion date", "Month 3"],
            ["1", "Act", "soon", ""],
        ]
    )

    problems, _ = failed(personas, data, "plan.csv")

    assert [(row, column) for row, column, _ in problems] == [(2, "C")]
    assert "'soon' is not a date" in problems[0][2]


def test_it_reports_missing_required_columns(personas):
    no_area = csv_bytes([AREAS_HEADER, ["Aim", "Act", "", "", "", "", ""]])
    problems, _ = failed(personas, no_area, "plan.csv")
    assert problems == [
        (1, "", problems[0][2]),
    ]
    assert 'required column "Area"' in problems[0][2]

    no_what = csv_bytes([["Area", "Aims", "How", "Who"], ["1", "Aim", "Steps", "Lead"]])
    problems, _ = failed(personas, no_what, "plan.csv", layout="areas")
    assert 'required column "What"' in problems[0][2]


def test_it_reports_a_file_without_a_header_row(personas):
    problems, _ = failed(personas, csv_bytes([["a", "b"], ["c", "d"]]), "plan.csv")

    assert problems[0][0] is None
    assert "No header row" in problems[0][2]


@pytest.mark.parametrize(
    ("data", "filename", "says"),
    [
        (b"", "plan.csv", "The file is empty."),
        (b"  \n", "plan.xlsx", "The file is empty."),
        (b"some text", "plan.txt", "is not a CSV or XLSX file"),
        (b"some text", "plan.xls", "old Excel file"),
        (b"not a zip", "plan.xlsx", "could not be read as an Excel workbook"),
        (b",,,\n,,\n", "plan.csv", "no data"),
    ],
)
def test_it_refuses_wrong_file_types_and_empty_files(personas, data, filename, says):
    problems, _ = failed(personas, data, filename)

    assert len(problems) == 1
    assert says in problems[0][2]


def test_it_refuses_a_header_without_actions(personas):
    problems, _ = failed(personas, csv_bytes([["Area", *AREAS_HEADER]]), "plan.csv")

    assert "no actions" in problems[0][2]


def test_it_refuses_an_unknown_field_in_the_mapping(personas):
    problems, _ = failed(
        personas, EXAMPLES / "improvement-plan-areas.csv", "p.csv", mapping={"colour": "X"}
    )

    assert "Unknown fields in the column mapping: colour" in problems[0][2]


# --- re-running ------------------------------------------------------------------------


def counts():
    return (
        ImprovementPlan.objects.count(),
        ImprovementArea.objects.count(),
        Aim.objects.count(),
        Action.objects.count(),
        Milestone.objects.count(),
        ActionUpdate.objects.count(),
        Partner.objects.count(),
        Action.partners.through.objects.count(),
    )


@pytest.mark.parametrize(
    "name",
    [
        "improvement-plan-areas.xlsx",
        "improvement-plan-areas.csv",
        "improvement-plan-milestones.xlsx",
    ],
)
def test_it_can_be_run_again_without_duplicating_anything(personas, name):
    first = run(personas, EXAMPLES / name, name)
    before = counts()

    again = run(personas, EXAMPLES / name, name, today=date(2026, 4, 1))

    assert again.plan == first.plan
    assert (again.created, again.updated) == (0, 0)
    assert counts() == before
    assert AuditEntry.objects.filter(object_type="improvement.ImprovementPlan").count() == 2
    assert (
        AuditEntry.objects.filter(object_type="improvement.ImprovementPlan").latest("id").summary
        == "plan import: 0 actions created, 0 updated"
    )


def test_it_updates_changed_text_on_a_second_run(personas):
    rows = [
        ["Area", "No.", *AREAS_HEADER],
        ["1 Early help", "1.1", "Aim", "Old words", "", "", "Dec 26", "Head of SEND", ""],
        ["1 Early help", "1.2", "Aim", "Unchanged", "", "", "", "", ""],
    ]
    first = run(personas, csv_bytes(rows), "plan.csv")
    rows[1][3] = "New words"
    rows[1][8] = "01/02/26 – Jo Bloggs: started"
    rows.append(["1 Early help", "1.3", "Aim", "Added", "", "", "", "", ""])

    again = run(personas, csv_bytes(rows), "plan.csv")

    assert again.plan == first.plan
    assert (again.created, again.updated) == (1, 1)
    action = Action.objects.get(reference="1.1")
    assert action.what == "New words"
    assert list(action.updates.values_list("on", "author_name", "text")) == [
        (date(2026, 2, 1), "Jo Bloggs", "started")
    ]
    assert Action.objects.count() == 3


def test_it_leaves_a_timescale_a_person_resolved_when_the_words_are_unchanged(personas):
    run(personas, EXAMPLES / "improvement-plan-areas.csv", "p.csv")
    Action.objects.filter(reference="3.1").update(
        ends_on=date(2027, 3, 31), timescale_resolved=True
    )

    run(personas, EXAMPLES / "improvement-plan-areas.csv", "p.csv")

    action = Action.objects.get(reference="3.1")
    assert (action.ends_on, action.timescale_resolved) == (date(2027, 3, 31), True)


def test_it_reads_back_its_own_export(personas):
    from senda.improvement.export import write_plan

    first = run(personas, EXAMPLES / "improvement-plan-areas.xlsx", title="Round trip")
    before = projection(first.plan)
    exported = write_plan(first.plan, "areas")

    again = run(personas, exported, "export.xlsx", title="Round trip")

    assert (again.created, again.updated) == (0, 0)
    assert projection(again.plan) == before


# --- who may import --------------------------------------------------------------------


def test_it_lets_a_team_manager_import(personas):
    result = run(
        personas, EXAMPLES / "improvement-plan-areas.csv", "p.csv", by=personas.team_manager
    )

    assert result.created == 7


@pytest.mark.parametrize(
    "who", ["case_officer", "qa_auditor", "board_member", "senco", "parent", "other_la_officer"]
)
def test_it_refuses_people_who_may_not_import(personas, who):
    with pytest.raises(PermissionDenied):
        run(personas, EXAMPLES / "improvement-plan-areas.csv", "p.csv", by=getattr(personas, who))

    assert not ImprovementPlan.objects.exists()
    assert not AuditEntry.objects.filter(verb="write").exists()


def test_it_refuses_a_partner_with_edit_access_to_an_existing_plan(personas):
    first = run(personas, EXAMPLES / "improvement-plan-areas.csv", "p.csv")
    member = make_plan_member(first.plan, access="edit")

    with pytest.raises(PermissionDenied):
        run(personas, EXAMPLES / "improvement-plan-areas.csv", "p.csv", by=member.user)


def test_it_writes_nothing_when_the_database_refuses_a_row(personas, monkeypatch):
    from senda.improvement.importer import build

    def broken(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build._Writer, "finish", broken)

    with pytest.raises(RuntimeError):
        run(personas, EXAMPLES / "improvement-plan-milestones.xlsx")

    assert counts() == (0, 0, 0, 0, 0, 0, 0, 0)


# --- reading words ---------------------------------------------------------------------


def test_it_reads_dated_updates_with_their_authors():
    text = (
        "Background first\n"
        "12/03/26 – Sam Patel: panel met\ncontinued here\n"
        "March 26: plan agreed\n"
        "5 April 2026 - JS: training booked\n"
        "31/02/26 – not a real date"
    )

    got = [(u.on, u.author, u.text) for u in dated_lines(text)]

    assert got == [
        (None, "", "Background first"),
        (date(2026, 3, 12), "Sam Patel", "panel met\ncontinued here"),
        (date(2026, 3, 1), "", "plan agreed"),
        (date(2026, 4, 5), "JS", "training booked\n31/02/26 – not a real date"),
    ]


def test_it_splits_catalogue_kpis_from_measures():
    assert split_kpis(
        "final-plan-20w, advice-6w\n90% within 20 weeks (final-plan-20w)",
        [
            "final-plan-20w",
            "advice-6w",
        ],
    ) == (["final-plan-20w", "advice-6w"], "90% within 20 weeks (final-plan-20w)")


def test_it_reads_the_lead_and_partners_from_who():
    assert split_who("Head of SEND; ICB DCO\nParent Carer Forum / Children's Social Care") == (
        "Head of SEND",
        ["education", "health", "pcf", "social_care"],
    )
    assert split_who("") == ("", [])


def test_it_takes_bullet_markers_off_lines():
    assert lines("• one\n▪ two\n- three\n* four\n2) five\n–six") == [
        "one",
        "two",
        "three",
        "four",
        "five",
        "–six",
    ]


def test_it_links_kpis_from_the_whole_performance_catalogue(personas):
    data = csv_bytes(
        [
            ["Area", *AREAS_HEADER],
            [
                "Area 1: Family voice",
                "Families are heard",
                "Termly survey of parents",
                "",
                "parent-satisfaction, final-plan-20w\nnot-a-kpi\n80% satisfied",
                "Dec 26",
                "Parent Carer Forum",
                "",
            ],
        ]
    )

    action = Action.objects.get(area__plan=run(personas, data, "plan.csv").plan)

    assert action.kpi_ids == ["parent-satisfaction", "final-plan-20w"]
    assert action.measures == "not-a-kpi\n80% satisfied"


# --- plans as councils publish them: cells run over a page break ------------------------


def test_it_imports_a_plan_as_councils_publish_it(personas):
    result = run(personas, EXAMPLES / "improvement-plan-published.xlsx")

    assert (result.areas, result.actions) == (4, 10)
    assert [(j.reference, j.row, j.headings) for j in result.joined] == [
        ("1.1", 7, ("How",)),
        ("1.1", 8, ("KPIs",)),
        ("1.2", 10, ("How",)),
        ("1.3", 12, ("How",)),
        ("1.3", 13, ("KPIs",)),
        ("2.1", 16, ("How",)),
        ("2.1", 17, ("KPIs",)),
        ("2.1", 19, ("KPIs",)),  # after the header repeated on the next page
        ("2.2", 21, ("How",)),
        ("2.3", 23, ("Updates / Comments",)),
        ("3.1", 26, ("How", "KPIs")),
        ("3.2", 28, ("Who",)),
        ("4.1", 31, ("How",)),
        ("4.1", 32, ("KPIs",)),
    ]
    assert (
        "14 rows continued the action above: sheet 'Improvement plan' row 7 joined to 1.1 (How)"
        in (result.summary)
    )
    backlog = Action.objects.get(area__plan=result.plan, reference="1.3")
    assert backlog.how == (
        "Weekly tracking of every assessment over 16 weeks\n"
        "Escalate advice that is late to the service's heads of service and the ICB"
    )
    assert (
        backlog.measures
        == "60% of new plans within 20 weeks by August 2026\nBacklog below 40 cases"
    )
    survey = Action.objects.get(area__plan=result.plan, reference="4.1")
    assert survey.kpi_ids == ["parent-satisfaction"]
    logged = Action.objects.get(area__plan=result.plan, reference="2.3")
    assert [(u.on, u.author_name) for u in logged.updates.all()] == [
        (date(2026, 5, 1), "Alex Morgan"),
        (date(2026, 3, 1), ""),
    ]


def test_it_joins_a_continuation_row_in_the_milestones_layout(personas):
    data = xlsx(
        {
            "Plan": [
                MILESTONES_HEADER,
                ["1.1", "Act\nBy March 26", "Lead", "", "", "", "Minutes", "advice-6w"],
                ["", "", "", "", "", "", "Audit report", "Fewer late reports"],
            ]
        }
    )

    result = run(personas, data)

    action = Action.objects.get(area__plan=result.plan)
    assert (action.evidence, action.kpi_ids, action.impact) == (
        "Minutes\nAudit report",
        ["advice-6w"],
        "Fewer late reports",
    )
    assert [str(j) for j in result.joined] == [
        "sheet 'Plan' row 3 joined to 1.1 (Evidence, Impact/KPI)"
    ]


def test_it_lists_a_row_it_cannot_place_with_its_row_and_column(personas):
    data = csv_bytes(
        [
            ["Area", *AREAS_HEADER],
            ["Area 1: Timeliness", "", "", "• text from a page break", "", "", "", ""],
            ["Area 1: Timeliness", "Aim", "Act", "", "", "Dec 26", "Lead", ""],
            ["", "", "", "", "", "Jan 27", "", ""],  # a timescale never continues
        ]
    )

    problems, _ = failed(personas, data, "plan.csv")

    assert [(row, column) for row, column, _ in problems] == [(2, "C"), (4, "C")]
    assert "no action above this row" in problems[0][2]
    assert "is empty" in problems[1][2]


def test_it_links_the_areas_own_local_kpis_but_not_another_areas(personas):
    ours = make_local_kpi(personas.la, "Attendance of children with plans")
    theirs = make_local_kpi(make_la(), "Another area's KPI")
    cell = f"{ours.kpi}, final-plan-20w\n{theirs.kpi}"
    data = csv_bytes(
        [
            ["Area", *AREAS_HEADER],
            [
                "Area 1: Attendance",
                "Children attend",
                "Attendance plans",
                "",
                cell,
                "Dec 26",
                "",
                "",
            ],
        ]
    )

    action = Action.objects.get(area__plan=run(personas, data, "plan.csv").plan)

    assert action.kpi_ids == [ours.kpi, "final-plan-20w"]
    assert action.measures == theirs.kpi  # another area's id is only words here

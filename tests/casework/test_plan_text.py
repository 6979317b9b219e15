"""Recording a plan's versions: sections as text, section E's outcomes set on the plan
through the one outcome model, corrections that keep what they correct, the document kept
beside the version, and what changed between versions."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from senda.audit.models import AuditEntry
from senda.casework.actions.plan_text import (
    correct_plan_version,
    record_plan_version,
    split_outcomes,
)
from senda.casework.models import PlanOutcome, PlanVersion
from senda.casework.plan_changes import changes
from senda.kernel import ActionError
from senda.portal.plan_documents import attach_plan_document
from tests.factories import make_case, make_la, make_user
from tests.quality.factories import make_live_plan

TODAY = date(2026, 11, 2)
E_TEXT = (
    "1. By the end of Year 6, Sam will start a conversation at break on most days.\n"
    "2. By July 2027, Sam will read a Year 4 book aloud at 70 words a minute.\n\n"
    "- By the end of Year 6, Sam will feed the class animals unprompted."
)


@pytest.fixture
def plan(db):
    return make_live_plan(la=make_la(), issued_on=date(2025, 6, 2))


@pytest.fixture
def officer(plan):
    return make_user("case_officer", plan.case.la)


def record(plan, by, **overrides):
    arguments = {
        "plan": plan,
        "kind": "new",
        "issued_on": date(2025, 6, 2),
        "sections": {"A": "Sam likes trains.", "E": E_TEXT, "F": "SALT 30 minutes a week."},
        "by": by,
        "today": TODAY,
    } | overrides
    return record_plan_version(**arguments)


def test_it_records_the_sections_and_the_outcomes_of_section_e(plan, officer):
    version = record(plan, officer)
    assert {s.letter: s.text for s in version.sections.all()} == {
        "A": "Sam likes trains.",
        "E": E_TEXT,
        "F": "SALT 30 minutes a week.",
    }
    current = list(plan.outcomes.filter(superseded_on__isnull=True).values_list("text", flat=True))
    assert current == [
        "By the end of Year 6, Sam will start a conversation at break on most days.",
        "By July 2027, Sam will read a Year 4 book aloud at 70 words a minute.",
        "By the end of Year 6, Sam will feed the class animals unprompted.",
    ]
    entry = AuditEntry.objects.filter(verb="write", object_id=str(version.pk)).last()
    assert entry is not None and "Test" not in entry.summary
    assert version.section_texts()[4] == ("E", "Outcomes", E_TEXT)


def test_outcomes_given_win_over_section_e(plan, officer):
    record(plan, officer, outcomes=["By Year 7, Sam will catch the bus alone."])
    assert list(plan.outcomes.values_list("text", flat=True)) == [
        "By Year 7, Sam will catch the bus alone."
    ]


def test_it_refuses_bad_input_and_writes_nothing(plan, officer):
    cases = [
        ({"issued_on": date(2026, 11, 3)}, "issued_on"),
        ({"issued_on": date(2025, 6, 1)}, "issued_on"),
        ({"issued_on": None}, "issued_on"),
        ({"kind": "rewritten"}, "kind"),
        ({"source": "fax"}, "source"),
        ({"sections": {"Z": "text"}}, "sections"),
        ({"sections": {"A": "   "}}, "A"),
        ({"sections": {"B": "x" * 50_001}}, "B"),
        ({"sections": {"E": "\n".join(f"{n}. Outcome {n}" for n in range(31))}}, "E"),
    ]
    for overrides, field in cases:
        with pytest.raises(ActionError) as error:
            record(plan, officer, **overrides)
        assert error.value.field == field, overrides
    assert not PlanVersion.objects.exists()
    assert not PlanOutcome.objects.exists()


def test_only_casework_staff_of_the_area_record(plan):
    for user in (make_user("qa_auditor", plan.case.la), make_user("case_officer", make_la())):
        with pytest.raises(ActionError):
            record(plan, user)
    assert not PlanVersion.objects.exists()


def test_a_correction_is_a_new_version_that_keeps_the_old(plan, officer):
    first = record(plan, officer)
    fixed = correct_plan_version(
        version=first,
        sections={"A": "Sam likes trains and buses.", "E": "By Year 7, Sam will swim 10 m."},
        reason="Typing error in A",
        by=officer,
        today=TODAY,
    )
    assert fixed.supersedes == first
    assert fixed.kind == first.kind and fixed.issued_on == first.issued_on
    assert fixed.correction_reason == "Typing error in A"
    assert first.sections.count() == 3  # kept as it was
    assert list(plan.outcomes.filter(superseded_on=None).values_list("text", flat=True)) == [
        "By Year 7, Sam will swim 10 m."
    ]
    with pytest.raises(ActionError) as error:
        correct_plan_version(version=first, sections={"A": "x"}, reason="again", by=officer)
    assert error.value.field == "reason"
    with pytest.raises(ActionError):
        correct_plan_version(version=fixed, sections={"A": "x"}, reason=" ", by=officer)


def test_split_outcomes_takes_numbers_and_bullets_off():
    text = "1. First outcome\n\n2) Second outcome\n- Third outcome\n  \n• Fourth"
    assert split_outcomes(text) == ["First outcome", "Second outcome", "Third outcome", "Fourth"]


def test_changes_marks_each_section(plan, officer):
    first = record(plan, officer)
    second = record(
        plan,
        officer,
        kind="amended",
        issued_on=date(2026, 6, 1),
        sections={"A": "Sam likes trains.", "E": "By Year 7, Sam will swim 10 m.", "G": "Nurse"},
    )
    found = {c.letter: c for c in changes(first, second)}
    assert {k: c.status for k, c in found.items()} == {
        "A": "unchanged",
        "E": "changed",
        "F": "removed",
        "G": "added",
    }
    assert ("ins", "By Year 7, Sam will swim 10 m.") in found["E"].lines
    assert ("del", "2. By July 2027, Sam will read a Year 4 book aloud at 70 words a minute.") in (
        found["E"].lines
    )
    assert found["F"].lines == [("del", "SALT 30 minutes a week.")]


def test_the_document_is_kept_beside_the_version(plan, officer):
    version = record(plan, officer)
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    upload = attach_plan_document(version=version, file=pdf, by=officer)
    upload.refresh_from_db()
    assert upload.plan_version == version and upload.purpose == "plan"
    png = SimpleUploadedFile("plan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    with pytest.raises(ActionError) as error:
        attach_plan_document(version=version, file=png, by=officer)
    assert error.value.field == "document"
    with pytest.raises(ActionError):
        attach_plan_document(version=version, file=pdf, by=make_user("qa_auditor", plan.case.la))


def test_a_case_of_another_area_is_not_touched(db):
    case = make_case(la=make_la())
    plan = make_live_plan(case)
    with pytest.raises(ActionError):
        record(plan, make_user("team_manager", make_la()))

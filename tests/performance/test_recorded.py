"""Recording a KPI's value: who may, what is checked, what is written and audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.performance.models import RecordedValue
from senda.performance.periods import Period, parse
from senda.performance.recorded import can_record, entries, percent_of, problems, record_value
from tests.performance import monthly
from tests.performance.monthly import MONTHLY

TODAY = date(2026, 11, 20)


@pytest.fixture
def monthly_kpi(monkeypatch: pytest.MonkeyPatch) -> str:
    return monthly.install(monkeypatch)


Q2 = parse("2026-27-q2")
OCTOBER = parse("2026-10")


def record(personas: Any, **changes: Any) -> RecordedValue:
    arguments: dict[str, Any] = {
        "user": personas.service_manager,
        "la": personas.la,
        "kpi_id": "parent-satisfaction",
        "period": Q2,
        "value": "72.5",
        "evidence": "Parent carer survey, September 2026 (212 responses)",
        "today": TODAY,
    }
    return record_value(**{**arguments, **changes})


def refusal(personas: Any, **changes: Any) -> ActionError:
    """The action's refusal; nothing is written or audited."""
    audited = AuditEntry.objects.filter(object_type="performance.RecordedValue")
    before = (RecordedValue.objects.count(), audited.count())
    with pytest.raises(ActionError) as raised:
        record(personas, **changes)
    assert (RecordedValue.objects.count(), audited.count()) == before
    return raised.value


def test_it_records_a_value_with_its_evidence_and_audits_it(personas) -> None:
    row = record(personas, evidence_url="https://example.org/survey")
    row.refresh_from_db()
    assert (row.la, row.kpi, row.period, row.period_start) == (
        personas.la,
        "parent-satisfaction",
        "quarter",
        date(2026, 7, 1),
    )
    assert row.value == Decimal("72.50")
    assert row.evidence_url == "https://example.org/survey"
    assert row.entered_by == personas.service_manager
    entry = AuditEntry.objects.get(object_type="performance.RecordedValue")
    assert (entry.verb, entry.user, entry.la_id) == (
        "write",
        personas.service_manager,
        personas.la.pk,
    )
    assert entry.object_id == str(row.pk)
    assert entry.summary == "recorded parent-satisfaction 2026-27-q2"


def test_it_lets_team_managers_record(personas) -> None:
    assert record(personas, user=personas.team_manager).entered_by == personas.team_manager


@pytest.mark.parametrize(
    "persona", ["case_officer", "qa_auditor", "board_member", "senco", "parent", "other_la_officer"]
)
def test_it_refuses_other_roles(personas, persona) -> None:
    user = getattr(personas, persona)
    assert not can_record(user, personas.la)
    error = refusal(personas, user=user)
    assert error.field == "__all__"
    assert "permission" in error.message


def test_it_refuses_another_areas_managers(personas) -> None:
    assert not can_record(personas.service_manager, personas.other_la)
    assert refusal(personas, la=personas.other_la).field == "__all__"


def test_it_keeps_every_entry_and_the_latest_supersedes(personas) -> None:
    first = record(personas, value="70")
    second = record(personas, value="72.5", user=personas.team_manager)
    assert RecordedValue.objects.count() == 2
    assert [row.pk for row in entries(personas.la, "parent-satisfaction")] == [second.pk, first.pk]


def test_it_works_a_percentage_out_from_numerator_and_denominator(personas) -> None:
    row = record(personas, value=None, numerator=153, denominator=212)
    assert (row.value, row.numerator, row.denominator) == (Decimal("72.2"), 153, 212)


def test_it_accepts_a_percentage_that_agrees_with_its_numerator_and_denominator(personas) -> None:
    assert record(personas, value="72.17", numerator=153, denominator=212).value == Decimal("72.17")


def test_it_refuses_a_percentage_that_disagrees_with_them(personas) -> None:
    error = refusal(personas, value="80", numerator=153, denominator=212)
    assert error.field == "value"
    assert "153 of 212 is 72.2%" in error.message


@pytest.mark.parametrize("value", ["-1", "100.1", "250"])
def test_it_keeps_a_percentage_between_0_and_100(personas, value) -> None:
    error = refusal(personas, value=value)
    assert (error.field, error.message) == ("value", "A percentage must be between 0 and 100.")


def test_it_takes_0_and_100_per_cent(personas) -> None:
    assert record(personas, value="0").value == 0
    assert record(personas, value="100").value == 100


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"numerator": 3}, "denominator"),
        ({"denominator": 3}, "numerator"),
        ({"numerator": 4, "denominator": 3}, "numerator"),
        ({"numerator": 0, "denominator": 0}, "denominator"),
        ({"value": None}, "value"),
        ({"value": "lots"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"value": "12.345"}, "value"),
    ],
)
def test_it_names_the_field_at_fault(personas, changes, field) -> None:
    assert refusal(personas, **changes).field == field


def test_it_needs_evidence(personas) -> None:
    error = refusal(personas, evidence="  ")
    assert error.field == "evidence"
    assert error.message.startswith("Enter where the figure comes from")


@pytest.mark.parametrize("url", ["not a link", "ftp://example.org/x", "javascript:alert(1)"])
def test_it_needs_a_web_address_for_the_evidence_link(personas, url) -> None:
    assert refusal(personas, evidence_url=url).field == "evidence_url"


def test_it_refuses_a_computed_kpi(personas) -> None:
    error = refusal(personas, kpi_id="final-plan-20w")
    assert error.field == "kpi_id"
    assert "computed by senda tick from casework" in error.message
    # One computed from other records says which (issue 18: not "from casework").
    error = refusal(personas, kpi_id="neet")
    assert "from the council's monthly participation extracts" in error.message
    assert "casework" not in error.message and "`" not in error.message
    # The workforce's and the waiting list's name theirs too.
    error = refusal(personas, kpi_id="staff-trained")
    assert "from the training register" in error.message
    error = refusal(personas, kpi_id="nd-autism-wait-median")
    assert "neurodevelopmental waiting list" in error.message
    assert "casework" not in error.message and "pathways.Referral" not in error.message


def test_every_computed_kpi_names_where_its_figure_comes_from() -> None:
    """Only those counted from the clock's rows and caseloads say "casework"; the rest
    name their records in words, without code names."""
    from senda.performance import catalogue
    from senda.performance.definitions import FromRecords

    for entry in catalogue.CATALOGUE.values():
        words = entry.computed_from
        if entry.source != "computed":
            assert words == ""
        elif isinstance(entry.computed_by, FromRecords):
            assert words and words != "casework" and "`" not in words, entry.id
        else:
            assert words == "casework", entry.id


def test_it_refuses_an_unknown_kpi(personas) -> None:
    assert refusal(personas, kpi_id="no-such-kpi").field == "kpi_id"


@pytest.mark.usefixtures("monthly_kpi")
def test_it_needs_the_period_kind_the_kpi_is_recorded_for(personas) -> None:
    error = refusal(personas, period=OCTOBER)
    assert (error.field, error.message) == (
        "period",
        "Parents and carers satisfied with reviews is recorded for a quarter: choose a quarter.",
    )
    row = record(personas, kpi_id=MONTHLY, period=OCTOBER, value="13.1")
    assert (row.period, row.period_start) == ("month", date(2026, 10, 1))
    assert refusal(personas, kpi_id=MONTHLY, period=Q2, value="13.1").field == "period"
    # Typed in until issue 18; now counted from the participation extracts.
    assert refusal(personas, kpi_id="neet", period=OCTOBER, value="13.1").field == "kpi_id"


def test_it_refuses_a_period_that_has_not_started(personas) -> None:
    error = refusal(personas, period=Period(date(2027, 1, 1), "quarter"))
    assert error.field == "period"
    assert "Q4 2026-27 has not started yet" in error.message


def test_it_lets_the_running_period_be_recorded(personas) -> None:
    assert record(personas, period=parse("2026-27-q3")).period_start == date(2026, 10, 1)


def test_it_takes_only_a_value_for_a_count(personas) -> None:
    row = record(personas, kpi_id="warm-audits", value=3)
    assert (row.value, row.numerator, row.denominator) == (3, None, None)
    assert refusal(personas, kpi_id="warm-audits", value="2.5").field == "value"
    assert refusal(personas, kpi_id="warm-audits", value="-1").field == "value"
    assert refusal(personas, kpi_id="warm-audits", value=3, numerator=3).field == "numerator"


def test_it_takes_pounds_below_zero(personas, monkeypatch) -> None:
    # No catalogue KPI in pounds is typed in since issue 17 (the High Needs ones are
    # computed from the ledger): a recorded copy in pounds, for this test.
    from dataclasses import replace

    from senda.performance import catalogue

    entry = replace(catalogue.get("parent-satisfaction"), id="typed-pounds", unit="pounds")
    monkeypatch.setitem(catalogue.CATALOGUE, "typed-pounds", entry)
    row = record(personas, kpi_id="typed-pounds", value="-125000.50")
    assert row.value == Decimal("-125000.50")
    assert refusal(personas, kpi_id="typed-pounds", value="1e13").field == "value"


def test_it_refuses_the_high_needs_figures_now_computed_from_the_ledger(personas) -> None:
    # Typed in until issue 17; now the ledger's forecast outturn (senda.sufficiency.outturn).
    for kpi in ("hnb-deficit-in-year", "hnb-variance-top-ups"):
        assert refusal(personas, kpi_id=kpi, value="-125000").field == "kpi_id"


def test_it_refuses_the_nd_waits_now_computed_from_the_waiting_list(personas) -> None:
    # Typed in until issue 18; now counted from the referrals (senda.pathways.measures).
    assert refusal(personas, kpi_id="nd-autism-wait-median", value="41.5").field == "kpi_id"


def test_it_rounds_percentages_half_up() -> None:
    assert percent_of(1, 8) == Decimal("12.5")
    assert percent_of(1, 3) == Decimal("33.3")
    assert percent_of(2, 3) == Decimal("66.7")
    assert percent_of(1, 16) == Decimal("6.3")


@pytest.mark.usefixtures("monthly_kpi")
def test_it_lists_every_problem_for_a_form(personas) -> None:
    found = problems(
        kpi_id="parent-satisfaction",
        period=OCTOBER,
        value="101",
        evidence="",
        evidence_url="nowhere",
        today=TODAY,
    )
    assert [problem.field for problem in found] == ["period", "value", "evidence", "evidence_url"]
    assert [p.field for p in problems(kpi_id=MONTHLY, period=Q2, value="1", evidence="")] == [
        "period",
        "evidence",
    ]
    assert [p.field for p in problems(kpi_id="x", period=Q2, value="1", evidence="e")] == ["kpi_id"]
    assert problems(kpi_id=MONTHLY, period=OCTOBER, value="13", evidence="NCCIS", today=TODAY) == []

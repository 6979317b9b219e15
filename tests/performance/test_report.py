"""senda.performance.report: which quarter, what each KPI's section says, the XLSX workbook."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from senda.performance import catalogue, report
from senda.performance.models import (
    Commentary,
    KpiFact,
    RecordedValue,
    StatusOverride,
    Trajectory,
    TrajectoryPoint,
)
from senda.performance.periods import Period, parse
from senda.performance.report import quarters
from tests.factories import make_la, make_user

TODAY = date(2026, 11, 22)
Q2 = parse("2026-27-q2")  # July to September 2026: the latest complete quarter on TODAY


# --- Which quarter ----------------------------------------------------------------------


def test_it_opens_on_the_latest_complete_quarter() -> None:
    assert quarters.default(TODAY) == Q2
    assert quarters.default(date(2026, 10, 1)) == Q2
    assert quarters.default(date(2026, 9, 30)).key == "2026-27-q1"
    assert quarters.chosen("", TODAY) == Q2


def test_it_takes_a_chosen_quarter_up_to_the_one_under_way() -> None:
    assert quarters.chosen("2025-26-q4", TODAY).label == "Q4 2025-26"
    running = quarters.chosen("2026-27-q3", TODAY)
    assert quarters.in_progress(running, TODAY)
    assert not quarters.in_progress(Q2, TODAY)
    for bad in ("2026-27-q4", "2026-11", "nonsense", "2026-28-q1"):
        with pytest.raises(ValueError):
            quarters.chosen(bad, TODAY)


def test_it_offers_the_current_quarter_and_eight_before_it() -> None:
    keys = [q.key for q in quarters.choices(TODAY)]
    assert keys[:3] == ["2026-27-q3", "2026-27-q2", "2026-27-q1"]
    assert len(keys) == 9 and keys[-1] == "2024-25-q3"


# --- Content ----------------------------------------------------------------------------


def fact(la, kpi: str, period: Period, numerator: int, denominator: int | None = None, **kw):
    return KpiFact.objects.create(
        la=la,
        kpi=kpi,
        on=min(period.end, TODAY),
        period=period.kind,
        period_start=period.start,
        numerator=numerator,
        denominator=denominator,
        dimension="all",
        **kw,
    )


def recorded(la, kpi: str, period: Period, value: str, by) -> RecordedValue:
    return RecordedValue.objects.create(
        la=la,
        kpi=kpi,
        period=period.kind,
        period_start=period.start,
        value=Decimal(value),
        evidence="Survey",
        entered_by=by,
    )


def sample(la, user) -> None:
    """Annual reviews: 25% baseline (calendar 2024), 40% by Sept 2026, 95–100% by Sept
    2028; 30%, 20% and 45% in Q2, Q1 and a year before; commentary. Overdue reviews: 3
    (suppressed). Parent satisfaction: recorded 61.5%."""
    plan = Trajectory.objects.create(
        la=la,
        kpi="annual-review-on-time",
        baseline_value=Decimal(25),
        baseline_on=date(2024, 12, 31),
        baseline_note="calendar 2024",
    )
    TrajectoryPoint.objects.create(trajectory=plan, on=date(2026, 9, 30), low=40)
    TrajectoryPoint.objects.create(
        trajectory=plan, on=date(2028, 9, 30), low=95, high=100, kind="target"
    )
    fact(la, "annual-review-on-time", Q2, 30, 100)
    fact(la, "annual-review-on-time", Q2.previous(), 20, 100)
    fact(la, "annual-review-on-time", Q2.year_ago(), 45, 100)
    fact(la, "overdue-reviews", Q2, 3)
    fact(la, "overdue-reviews", Q2.previous(), 40)
    fact(
        la,
        "final-plan-20w",
        Q2,
        30,
        60,
        numerator_with_exceptions=40,
        denominator_with_exceptions=80,
    )
    recorded(la, "parent-satisfaction", Q2, "61.5", user)
    Commentary.objects.create(
        la=la, kpi="annual-review-on-time", period_start=Q2.start, text="First draft", by=user
    )
    Commentary.objects.create(
        la=la,
        kpi="annual-review-on-time",
        period_start=Q2.start,
        text="Two more officers from October.",
        by=user,
    )


def section_of(content: report.Report, kpi: str) -> report.Section:
    return next(s for s in content.sections if s.entry.id == kpi)


@pytest.mark.django_db
def test_it_has_every_kpi_grouped_by_area() -> None:
    content = report.build(make_la(), Q2, TODAY)
    assert [s.entry.id for s in content.sections] == list(catalogue.CATALOGUE)
    assert all(s.entry.area == g.area.id for g in content.groups for s in g.sections)
    assert (content.quarter, content.as_of, content.in_progress) == (Q2, Q2.end, False)


@pytest.mark.django_db
def test_it_gives_baseline_target_three_quarters_status_and_commentary() -> None:
    la = make_la()
    user = make_user("service_manager", la)
    sample(la, user)
    section = section_of(report.build(la, Q2, TODAY), "annual-review-on-time")
    assert (section.baseline_value, section.baseline_on) == (Decimal(25), date(2024, 12, 31))
    assert section.baseline_note == "calendar 2024"
    assert (section.target.low, section.target.high, section.target.on) == (
        Decimal(95),
        Decimal(100),
        date(2028, 9, 30),
    )
    assert section.target_text == "95–100% by 30 Sep 2028"
    assert (section.this.value, section.this.numerator, section.this.denominator) == (
        Decimal(30),
        30,
        100,
    )
    assert (section.last.period, section.last.value) == (Q2.previous(), Decimal(20))
    assert (section.year_ago.period, section.year_ago.value) == (Q2.year_ago(), Decimal(45))
    assert section.status == "off"  # 30% against 40% expected by 30 Sep 2026
    assert section.status_label == "Currently off trajectory"
    assert section.commentary.text == "Two more officers from October."  # the latest
    assert [v for _, v in section.trend][-3:] == [None, Decimal(20), Decimal(30)]


@pytest.mark.django_db
def test_it_shows_a_status_set_by_a_person_with_their_reason() -> None:
    la = make_la()
    user = make_user("service_manager", la)
    sample(la, user)
    StatusOverride.objects.create(
        la=la,
        kpi="annual-review-on-time",
        period_start=Q2.start,
        status="close",
        derived_status="off",
        reason="Backlog cleared in October",
        by=user,
    )
    section = section_of(report.build(la, Q2, TODAY), "annual-review-on-time")
    assert (section.status, section.overridden) == ("close", True)
    assert section.status_reason == "Backlog cleared in October"


@pytest.mark.django_db
def test_it_suppresses_small_numbers() -> None:
    la = make_la()
    sample(la, make_user("service_manager", la))
    section = section_of(report.build(la, Q2, TODAY), "overdue-reviews")
    assert section.this.suppressed and section.this.value is None
    assert section.this.numerator is None
    assert Q2.key in section.trend_hidden and section.trend[-1] == (Q2, None)
    assert section.last.value == 40 and not section.last.suppressed


@pytest.mark.django_db
def test_it_gives_the_figure_with_exception_cases_beside_the_one_without() -> None:
    la = make_la()
    sample(la, make_user("service_manager", la))
    section = section_of(report.build(la, Q2, TODAY), "final-plan-20w")
    assert (section.this.numerator, section.this.denominator) == (30, 60)
    with_exceptions = section.this_with_exceptions
    assert (with_exceptions.numerator, with_exceptions.denominator) == (40, 80)
    assert section_of(report.build(la, Q2, TODAY), "neet").this_with_exceptions is None


@pytest.mark.django_db
def test_it_asks_a_fixed_number_of_queries() -> None:
    la = make_la()
    sample(la, make_user("service_manager", la))
    with CaptureQueriesContext(connection) as queries:
        report.build(la, Q2, TODAY)
    # 12 for the KPIs, at most 20 for complaints, mediation and appeals
    # (tests/performance/test_report_scrutiny.py).
    assert len(queries) <= 12 + 20


# --- XLSX -------------------------------------------------------------------------------


def workbook(content: report.Report):
    return load_workbook(BytesIO(report.xlsx.write(content)))


def rows_by_kpi(sheet) -> dict[str, dict[str, object]]:
    header = [c.value for c in sheet[1]]
    return {
        row[1]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }


@pytest.mark.django_db
def test_the_workbook_has_a_row_per_kpi_with_numbers_as_numbers() -> None:
    la = make_la()
    sample(la, make_user("service_manager", la))
    book = workbook(report.build(la, Q2, TODAY))
    assert book.sheetnames == ["Report", "Trend", "Complaints, mediation, appeals", "About"]
    rows = rows_by_kpi(book["Report"])
    assert list(rows) == list(catalogue.CATALOGUE)
    reviews = rows["annual-review-on-time"]
    assert reviews["KPI"] == catalogue.get("annual-review-on-time").name
    assert reviews["Improvement area"] == catalogue.AREAS["reviews"].name
    assert reviews["This quarter (Q2 2026-27)"] == 30
    assert reviews["This quarter (Q2 2026-27) numerator"] == 30
    assert reviews["This quarter (Q2 2026-27) denominator"] == 100
    assert reviews["Last quarter (Q1 2026-27)"] == 20
    assert reviews["A year ago (Q2 2025-26)"] == 45
    assert (reviews["Baseline"], reviews["Target"], reviews["Target (top of range)"]) == (
        25,
        95,
        100,
    )
    assert reviews["Target date"].date() == date(2028, 9, 30)
    assert reviews["Status"] == "Currently off trajectory"
    assert reviews["Analysis and mitigations"] == "Two more officers from October."
    assert rows["parent-satisfaction"]["This quarter (Q2 2026-27)"] == 61.5
    assert rows["neet"]["This quarter (Q2 2026-27)"] is None


@pytest.mark.django_db
def test_the_workbook_shows_a_per_cent_as_a_per_cent_and_hides_suppressed_figures() -> None:
    la = make_la()
    sample(la, make_user("service_manager", la))
    book = workbook(report.build(la, Q2, TODAY))
    sheet = book["Report"]
    header = [c.value for c in sheet[1]]
    column = header.index("This quarter (Q2 2026-27)") + 1
    by_id = {sheet.cell(row=r, column=2).value: r for r in range(2, sheet.max_row + 1)}
    assert sheet.cell(row=by_id["annual-review-on-time"], column=column).number_format == '0.0"%"'
    overdue = rows_by_kpi(sheet)["overdue-reviews"]
    assert overdue["This quarter (Q2 2026-27)"] == "[c]"
    assert overdue["This quarter (Q2 2026-27) numerator"] is None
    trend = rows_by_kpi_trend(book["Trend"])
    assert trend["overdue-reviews"]["Q2 2026-27"] == "[c]"
    assert trend["overdue-reviews"]["Q1 2026-27"] == 40
    assert trend["annual-review-on-time"]["Q2 2026-27"] == 30


@pytest.mark.django_db
def test_the_workbook_keeps_text_that_starts_like_a_formula_as_text() -> None:
    la = make_la()
    user = make_user("service_manager", la)
    sample(la, user)
    Commentary.objects.create(
        la=la,
        kpi="annual-review-on-time",
        period_start=Q2.start,
        text='=HYPERLINK("http://bad.example","Click")',
        by=user,
    )
    StatusOverride.objects.create(
        la=la,
        kpi="annual-review-on-time",
        period_start=Q2.start,
        status="close",
        derived_status="off",
        reason="-2 since July",
        by=user,
    )
    Trajectory.objects.filter(la=la).update(baseline_value=Decimal(-4), baseline_note="@risk")
    sheet = workbook(report.build(la, Q2, TODAY))["Report"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "annual-review-on-time")
    cells = dict(zip(header, row, strict=True))
    assert cells["Analysis and mitigations"].value == '=HYPERLINK("http://bad.example","Click")'
    for name in ("Analysis and mitigations", "Why", "Baseline note"):
        assert cells[name].data_type == "s" and cells[name].quotePrefix, name
    assert (cells["Baseline"].value, cells["Baseline"].data_type) == (-4, "n")


def rows_by_kpi_trend(sheet) -> dict[str, dict[str, object]]:
    header = [c.value for c in sheet[1]]
    return {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }


# --- Published national figures ---------------------------------------------------------


def publish(la) -> None:
    """DfE's 20-week timeliness (exceptions excluded): England 46.4 in 2024, the East
    Midlands 38.2 in 2024 and 'x' (not available) for Rutland, a neighbour."""
    from senda.performance.models import (
        Comparators,
        PublishedArea,
        PublishedFigure,
        PublishedRelease,
    )

    release = PublishedRelease.objects.create(name="ehcp-2025.zip", year=2025, sha256="0" * 64)
    areas = {
        code: PublishedArea.objects.create(code=code, name=name, level=level)
        for code, name, level in (
            ("E92000001", "England", "national"),
            ("E12000004", "East Midlands", "regional"),
            ("E06000017", "Rutland", "la"),
        )
    }
    for code, period, raw in (
        ("E92000001", "2023", "50.3"),
        ("E92000001", "2024", "46.4"),
        ("E12000004", "2024", "38.2"),
        ("E06000017", "2024", "x"),
    ):
        PublishedFigure.objects.create(
            release=release,
            measure="timeliness-20w-ex",
            time_period=period,
            area=areas[code],
            raw=raw,
            value=None if raw == "x" else Decimal(raw),
            source="timeliness_20_week.csv:pc_within_20_weeks_excl",
        )
    Comparators.objects.create(la=la, region_code="E12000004", neighbour_codes=["E06000017"])


@pytest.mark.django_db
def test_it_gives_the_latest_published_national_figures_for_a_benchmarked_kpi() -> None:
    la = make_la()
    sample(la, make_user("service_manager", la))
    publish(la)
    content = report.build(la, Q2, TODAY)
    published = section_of(content, "final-plan-20w").published
    assert published.year.startswith("2024")
    assert [(kind, shown) for kind, _, shown, _ in published.rows] == [
        ("england", "46.4"),
        ("region", "38.2"),
        ("neighbour", "x"),
    ]
    assert section_of(content, "annual-review-on-time").published is None
    rows = rows_by_kpi(workbook(content)["Report"])
    timeliness = rows["final-plan-20w"]
    assert (timeliness["England (published)"], timeliness["Region (published)"]) == (46.4, 38.2)
    assert timeliness["This area (published)"] is None
    assert rows["annual-review-on-time"]["England (published)"] is None

"""The performance charts (web.charts, the senda_charts tags): SVG that names itself, draws
what it is given, and a data table with the same figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

from senda.performance.board import number
from senda.performance.periods import last
from senda.web.charts.drawings import Mark, Trajectory
from senda.web.tables.charts import trajectory_table, trend_table
from senda.web.templatetags.senda_charts import sparkline, trajectory_chart

SVG = "{http://www.w3.org/2000/svg}"
QUARTERS = last(4, "quarter", date(2026, 11, 22))


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(
        svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    )


def test_it_writes_figures_as_people_do() -> None:
    assert number(Decimal("41.30"), "percent") == "41.3%"
    assert number(Decimal("100.0"), "percent") == "100%"
    assert number(Decimal("1204"), "count") == "1,204"
    assert number(Decimal("2500"), "pounds") == "£2,500"
    assert number(Decimal("18.5"), "days") == "18.5 days"
    assert number(None, "percent") == "no figure"


def test_it_names_the_sparkline_by_its_title_and_figures() -> None:
    trend = list(zip(QUARTERS, [Decimal(20), None, Decimal(30), Decimal(40)], strict=True))
    svg = parse(sparkline(trend, "percent", "Reviews on time", "spark-x"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "spark-x-title spark-x-desc"
    assert svg.find(f"{SVG}title").text == "Reviews on time: trend"
    desc = svg.find(f"{SVG}desc").text
    assert desc == "Q4 2025-26 20%, Q1 2026-27 no figure, Q2 2026-27 30%, Q3 2026-27 40%"


def test_it_leaves_a_gap_where_a_quarter_has_no_figure() -> None:
    trend = list(zip(QUARTERS, [Decimal(20), None, Decimal(30), Decimal(40)], strict=True))
    svg = parse(sparkline(trend, "percent", "Reviews", "s"))
    lines = svg.findall(f"{SVG}polyline")
    assert [len(line.get("points").split()) for line in lines] == [2]  # 20 alone; 30 → 40
    assert len(svg.findall(f"{SVG}circle")) == 1  # the last figure


def test_it_draws_an_empty_sparkline_when_there_are_no_figures() -> None:
    svg = parse(sparkline([(q, None) for q in QUARTERS], "count", "Overdue", "s"))
    assert svg.findall(f"{SVG}polyline") == [] and svg.findall(f"{SVG}circle") == []


def chart() -> Trajectory:
    return Trajectory(
        name="Annual reviews on time",
        unit="percent",
        baseline=(date(2024, 12, 31), Decimal(25)),
        marks=[
            Mark(date(2026, 9, 30), Decimal(40)),
            Mark(date(2027, 12, 31), Decimal(70), Decimal(75), "target"),
        ],
        actuals=list(zip(QUARTERS, [Decimal(30), Decimal("33.5"), None, Decimal(41)], strict=True)),
    )


def test_it_draws_baseline_marks_and_actuals() -> None:
    svg = parse(trajectory_chart(chart(), "kpi-chart"))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Annual reviews on time: trajectory and actual figures"
    assert len(svg.findall(f"{SVG}polygon")) == 2  # a milestone and a target
    actual = [p for p in svg.findall(f"{SVG}polyline") if p.get("class") == "senda-chart__actual"]
    assert [len(p.get("points").split()) for p in actual] == [2]  # 30, 33.5; gap; 41 alone
    dots = [c for c in svg.findall(f"{SVG}circle") if c.get("r") == "4"]
    assert len(dots) == 3
    trajectory = svg.find(f"{SVG}polyline[@class='senda-chart__trajectory']")
    assert len(trajectory.get("points").split()) == 3  # baseline, milestone, target


def test_it_puts_higher_figures_higher_up() -> None:
    svg = parse(trajectory_chart(chart(), "c"))
    dots = [float(c.get("cy")) for c in svg.findall(f"{SVG}circle") if c.get("r") == "4"]
    assert dots == sorted(dots, reverse=True)  # 30, 33.5, 41: rising, so y falls


def test_it_describes_the_chart_in_words() -> None:
    desc = parse(trajectory_chart(chart(), "c")).find(f"{SVG}desc").text
    assert desc.startswith("Baseline 25% on 31 Dec 2024. Milestone 40% by 30 Sep 2026. ")
    assert "Target 70–75% by 31 Dec 2027." in desc
    assert desc.endswith("Q2 2026-27 no figure, Q3 2026-27 41%.")


def test_it_draws_nothing_with_nothing_to_draw() -> None:
    assert trajectory_chart(Trajectory("X", "count"), "c") == ""


def test_it_tabulates_the_chart_in_date_order() -> None:
    html = trajectory_table(chart())
    order = [html.index(text) for text in ("25%", "Actual, Q4 2025-26", "40%", "70–75%")]
    assert order == sorted(order)
    assert "Annual reviews on time: figures in the chart" in html


def test_it_tabulates_trends_a_column_per_quarter() -> None:
    trend = list(zip(QUARTERS, [Decimal(1), Decimal(2), None, Decimal(4)], strict=True))
    html = trend_table("Trends", [("Overdue reviews", "count", trend)])
    assert "Q3 2026-27" in html and "no figure" in html and "Overdue reviews" in html

"""The board dashboard (/performance/) and the KPI page (/performance/kpis/<id>/): who sees
them, what they show, suppression, and that their query count does not grow with data."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senda.performance import catalogue
from senda.performance.models import Commentary, StatusOverride
from senda.web.memo import clear_all
from tests.factories import make_user
from tests.performance.test_board import Q3, TODAY, fact, recorded, trajectory

DASHBOARD = reverse("web:performance")


def kpi_url(kpi: str, quarter: str = "") -> str:
    url = reverse("web:kpi", args=[kpi])
    return f"{url}?quarter={quarter}" if quarter else url


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def figures(personas):
    """Annual reviews: 40 of 100 on time this quarter, 30 of 100 last; by phase, one small;
    by officer; a trajectory. Overdue reviews: 3 (suppressed). Final plans with exceptions."""
    la = personas.la
    fact(la, "annual-review-on-time", Q3, 40, 100)
    fact(la, "annual-review-on-time", Q3.previous(), 30, 100)
    for member, n, d in (("primary", 2, 10), ("secondary", 18, 40), ("post16", 20, 50)):
        fact(la, "annual-review-on-time", Q3, n, d, dimension="phase", member=member)
    officer = personas.case_officer
    fact(la, "annual-review-on-time", Q3, 40, 100, dimension="officer", member=str(officer.pk))
    trajectory(
        la,
        "annual-review-on-time",
        Decimal(25),
        date(2024, 12, 31),
        [
            (date(2026, 9, 30), Decimal(40), None, "milestone"),
            (date(2027, 12, 31), Decimal(70), Decimal(75), "target"),
        ],
    )
    fact(la, "overdue-reviews", Q3, 3)
    fact(la, "final-plan-20w", Q3, 30, 40, numerator_with_exceptions=35,
         denominator_with_exceptions=50)  # fmt: skip
    return personas


def test_it_shows_every_kpi_by_area(client, figures) -> None:
    client.force_login(figures.service_manager)
    html = client.get(DASHBOARD).content.decode()
    assert "Performance – Q3 2026-27" in html
    for area in catalogue.AREAS.values():
        assert area.name in html
    for entry in catalogue.CATALOGUE.values():
        assert reverse("web:kpi", args=[entry.id]) in html
    assert "70–75% by 31 Dec 2027" in html and "Close to trajectory" in html


def test_it_draws_a_trend_with_its_figures_in_a_table(client, figures) -> None:
    client.force_login(figures.board_member)
    html = client.get(DASHBOARD).content.decode()
    assert 'aria-labelledby="trend-annual-review-on-time-title' in html
    assert "Q2 2026-27 30%, Q3 2026-27 40%" in html  # the sparkline's description
    assert "Trend figures: Annual reviews and amended plans" in html


def test_it_suppresses_small_figures(client, figures) -> None:
    client.force_login(figures.service_manager)
    html = client.get(DASHBOARD).content.decode()
    overdue = re.search(r'href="/performance/kpis/overdue-reviews/".*?</tr>', html, re.S)
    assert overdue and "Suppressed" in overdue[0] and ">3<" not in overdue[0]


def test_it_shows_an_earlier_quarter(client, figures) -> None:
    client.force_login(figures.service_manager)
    html = client.get(f"{DASHBOARD}?quarter=2026-27-q2").content.decode()
    assert "Performance – Q2 2026-27" in html
    assert f'href="{kpi_url("neet", "2026-27-q2")}"' in html
    assert "Next quarter" in html


@pytest.mark.parametrize("key", ["2027-28-q1", "2026-11", "nonsense"])
def test_it_refuses_a_quarter_that_is_not_there(client, personas, key) -> None:
    client.force_login(personas.service_manager)
    assert client.get(f"{DASHBOARD}?quarter={key}").status_code == 404
    assert client.get(kpi_url("neet", key)).status_code == 404


@pytest.mark.parametrize("persona", ["senco", "parent"])
def test_it_refuses_schools_and_families(client, personas, persona) -> None:
    client.force_login(getattr(personas, persona))
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(kpi_url("annual-review-on-time")).status_code == 403


def test_it_shows_another_area_only_its_own_figures(client, figures) -> None:
    client.force_login(figures.other_la_officer)
    html = client.get(kpi_url("annual-review-on-time")).content.decode()
    assert "40 of 100" not in html and "No figure" in html


def test_it_gives_404_for_an_unknown_kpi(client, personas) -> None:
    client.force_login(personas.board_member)
    assert client.get(kpi_url("no-such-kpi")).status_code == 404


def test_it_shows_a_kpi_with_its_trajectory_and_breakdowns(client, figures) -> None:
    client.force_login(figures.team_manager)
    html = client.get(kpi_url("annual-review-on-time")).content.decode()
    assert catalogue.get("annual-review-on-time").definition.split("\n")[0][:40] in html
    assert "40% (40 of 100)" in html and "30% (30 of 100)" in html
    assert 'id="trajectory-chart-title"' in html and "Target 70–75% by 31 Dec 2027" in html
    assert "By phase of education" in html and "By case officer" in html
    phase = html[html.index("By phase of education") : html.index("By case officer")]
    assert phase.count("Suppressed") == 2  # 2 of 10, and the next smallest with it
    assert "45% (18 of 40)" in phase or "40% (20 of 50)" in phase


def test_it_shows_a_board_member_no_officers_and_no_cases(client, figures) -> None:
    client.force_login(figures.board_member)
    html = client.get(kpi_url("annual-review-on-time")).content.decode()
    assert "By phase of education" in html
    assert "By case officer" not in html
    officer = figures.case_officer
    assert (officer.get_full_name() or officer.get_username()) not in html
    assert reverse("web:dashboard-kpi", args=["annual-review-on-time"]) not in html
    assert "/cases/" not in html


def test_it_links_staff_to_the_cases_behind_the_figure(client, figures) -> None:
    client.force_login(figures.case_officer)
    html = client.get(kpi_url("annual-review-on-time")).content.decode()
    cases = reverse("web:dashboard-kpi", args=["annual-review-on-time"])
    assert f'href="{cases}?week=2026-11-16"' in html  # the week of 22 November


def test_it_shows_the_variant_with_exceptions(client, figures) -> None:
    client.force_login(figures.service_manager)
    html = client.get(kpi_url("final-plan-20w")).content.decode()
    assert "Including exception cases" in html and "70% (35 of 50)" in html


def test_it_hides_a_suppressed_figure_and_its_reason(client, figures) -> None:
    client.force_login(figures.service_manager)
    html = client.get(kpi_url("overdue-reviews")).content.decode()
    assert "Suppressed" in html
    assert "rests on a small number" in html


def test_it_shows_overrides_and_commentary(client, figures) -> None:
    la, manager = figures.la, figures.service_manager
    StatusOverride.objects.create(
        la=la, kpi="annual-review-on-time", period_start=Q3.start, status="close",
        derived_status="on-target", reason="Term-time backlog", by=manager,
    )  # fmt: skip
    Commentary.objects.create(
        la=la, kpi="annual-review-on-time", period_start=Q3.start,
        text="Two new officers started in October.", by=manager,
    )  # fmt: skip
    client.force_login(figures.board_member)
    html = client.get(kpi_url("annual-review-on-time")).content.decode()
    assert "Term-time backlog" in html and "Close to trajectory" in html
    assert "Two new officers started in October." in html


def test_it_links_managers_to_the_forms_that_are_wired(client, figures) -> None:
    record = reverse("web:kpi-record", args=["parent-satisfaction"])
    client.force_login(figures.service_manager)
    assert record in client.get(kpi_url("parent-satisfaction")).content.decode()
    client.force_login(figures.case_officer)
    assert record not in client.get(kpi_url("parent-satisfaction")).content.decode()
    computed = reverse("web:kpi-record", args=["neet"])  # now from the extracts
    client.force_login(figures.service_manager)
    assert computed not in client.get(kpi_url("neet")).content.decode()


def test_it_shows_a_recorded_value_with_its_evidence(client, figures) -> None:
    recorded(figures.la, "parent-satisfaction", Q3, "4.2", figures.service_manager)
    client.force_login(figures.board_member)
    html = client.get(kpi_url("parent-satisfaction")).content.decode()
    assert "4.2%" in html and "Survey" in html


def test_it_lists_performance_in_the_navigation(client, personas) -> None:
    client.force_login(personas.board_member)
    assert f'href="{DASHBOARD}"' in client.get(reverse("web:plans")).content.decode()
    client.force_login(personas.senco)
    assert f'href="{DASHBOARD}"' not in client.get(reverse("web:home")).content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_it_asks_as_many_queries_however_many_figures(client, figures) -> None:
    client.force_login(figures.board_member)
    few = (queries(client, DASHBOARD), queries(client, kpi_url("annual-review-on-time")))
    clear_all()  # the facts below are written without an audited write: no new version
    la = figures.la
    for kpi in ("assess-decision-6w", "advice-6w", "review-decision-4w"):
        for quarter in (Q3, Q3.previous(), Q3.year_ago()):
            fact(la, kpi, quarter, 20, 40)
    for member in ("ASD", "SLCN", "SEMH", "MLD"):
        fact(la, "annual-review-on-time", Q3, 10, 25, dimension="need", member=member)
    officer = make_user("case_officer", la)
    fact(la, "annual-review-on-time", Q3, 9, 20, dimension="officer", member=str(officer.pk))
    more = (queries(client, DASHBOARD), queries(client, kpi_url("annual-review-on-time")))
    assert more == few


def test_it_shows_the_published_benchmark(client, figures) -> None:
    from senda.performance.models import PublishedArea, PublishedFigure, PublishedRelease

    release = PublishedRelease.objects.create(
        name="ehcp-2025.zip", year=2025, sha256="0", licence="OGL"
    )
    england = PublishedArea.objects.create(code="E92000001", name="England", level="national")
    PublishedFigure.objects.create(
        release=release, measure="timeliness-20w-ex", time_period="2024", area=england,
        raw="46.4", value=Decimal("46.4"), source="timeliness_20_week.csv:x",
    )  # fmt: skip
    client.force_login(figures.board_member)
    html = client.get(kpi_url("final-plan-20w")).content.decode()
    assert "Compared with other areas" in html and "46.4" in html


def test_it_shows_the_status_rule_and_the_derived_status_beside_an_override(client, figures):
    StatusOverride.objects.create(
        la=figures.la, kpi="annual-review-on-time", period_start=Q3.start, status="on-target",
        derived_status="close", reason="Backlog cleared in December", by=figures.service_manager,
    )  # fmt: skip
    client.force_login(figures.board_member)
    html = client.get(kpi_url("annual-review-on-time")).content.decode()
    assert "How the status is worked out" in html
    assert "The value is at or better than expected: On target" in html
    assert "tolerance of 5 percentage points" in html
    assert "Status by the rule" in html and "40% against" in html


def test_it_renders_the_board_once_per_version_of_the_figures(client, figures) -> None:
    from senda import audit

    client.force_login(figures.board_member)
    first = queries(client, DASHBOARD)
    assert queries(client, DASHBOARD) < first  # the board comes from the memo
    fact(figures.la, "overdue-reviews", Q3.previous(), 17)
    audit.record(user=None, verb="write", obj=figures.la, la_id=figures.la.pk, summary="tick")
    assert queries(client, DASHBOARD) == first
    html = client.get(f"{DASHBOARD}?quarter={Q3.previous().key}").content.decode()
    assert "17" in html


def test_it_links_the_improvement_actions_that_name_the_kpi(client, personas) -> None:
    """Issue 18: a KPI's page links to the actions of the area's improvement plan that serve
    it, and to no other action (nor another area's)."""
    from tests.factories import make_action, make_area, make_la, make_plan

    area = make_area(make_plan(personas.la))
    serving = make_action(
        area, what="Recruit two more case officers", kpi_ids=["neet", "ehcp-20-weeks"]
    )
    other = make_action(area, what="Refresh the local offer", kpi_ids=["parent-satisfaction"])
    elsewhere = make_action(make_area(make_plan(make_la())), kpi_ids=["neet"])
    client.force_login(personas.board_member)
    html = client.get(reverse("web:kpi", args=["neet"])).content.decode()
    assert reverse("web:plan-action", args=[area.plan_id, serving.pk]) in html
    assert reverse("web:plan-action", args=[area.plan_id, other.pk]) not in html
    assert f"/actions/{elsewhere.pk}/" not in html
    html = client.get(reverse("web:kpi", args=["warm-audits"])).content.decode()
    assert "No action of the improvement plan names this KPI." in html

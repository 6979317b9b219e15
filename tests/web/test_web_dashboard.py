"""The weekly service dashboard and the cases behind each figure: who may see them, what
they show, and that their query count does not grow with rows."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senda.casework.models import DeadlineRow
from senda.clock.status import status as clock_status
from senda.web.views import dashboard as dashboard_views
from tests.factories import make_case, make_child

TODAY = date(2026, 11, 24)  # a Tuesday: this week began Monday 23 November
LAST_MONDAY = "2026-11-16"
DASHBOARD = reverse("web:dashboard")


def kpi_url(kpi: str, week: str | None = None) -> str:
    url = reverse("web:dashboard-kpi", args=[kpi])
    return f"{url}?week={week}" if week else url


def row(case, rule, due, done=None, status=None):
    return DeadlineRow.objects.create(
        case=case,
        rule=rule,
        due=due,
        done=done,
        status=status or clock_status(due, done, TODAY),
        citation="reg",
        evaluated_for=TODAY,
    )


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def final_plans(personas):
    """Last week: one plan on time, one late, one exception case."""
    case = personas.case
    row(case, "final-plan", date(2026, 11, 20), date(2026, 11, 16))
    row(case, "final-plan", date(2026, 11, 1), date(2026, 11, 22))
    row(case, "final-plan", date(2026, 11, 1), date(2026, 11, 18), status="excepted")
    return case


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# Who may see it

STAFF = ["case_officer", "team_manager", "qa_auditor", "service_manager"]
REFUSED = ["board_member", "senco", "parent"]


@pytest.mark.parametrize("persona", STAFF)
def test_it_shows_the_dashboard_to_the_local_areas_staff(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(kpi_url("final-plan-20w")).status_code == 200


@pytest.mark.parametrize("persona", REFUSED)
def test_it_refuses_board_members_sencos_and_parents(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(kpi_url("final-plan-20w")).status_code == 403


def test_it_refuses_a_user_without_a_role(client, plain_user):
    client.force_login(plain_user)
    assert client.get(DASHBOARD).status_code == 403


def test_it_sends_anonymous_users_to_sign_in(client, db):
    response = client.get(kpi_url("overdue-reviews"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign-in"))


def test_it_shows_an_officer_of_another_area_only_their_own_figures(client, personas, final_plans):
    client.force_login(personas.other_la_officer)
    response = client.get(kpi_url("final-plan-20w", LAST_MONDAY))
    assert "Figure none" in text(response)
    assert str(personas.child) not in response.content.decode()


# What it shows


def test_it_shows_this_week_last_week_and_small_numbers_as_they_are(client, personas, final_plans):
    client.force_login(personas.team_manager)
    response = client.get(DASHBOARD)
    page = text(response)
    assert "1 of 2 (50%)" in page  # last week, exception case left out; not suppressed
    assert "This week, including exception cases" in page
    assert "Small numbers are shown as they are" in page
    assert f'href="{kpi_url("final-plan-20w", LAST_MONDAY)}"' in response.content.decode()


def test_it_shows_a_12_week_trend_as_a_table_and_a_labelled_chart(client, personas, final_plans):
    client.force_login(personas.case_officer)
    html = client.get(DASHBOARD).content.decode()
    trend = html.split('id="final-plan-20w"')[1].split("</section>")[0]
    assert trend.count("<tr") == 1 + 12  # head + one row per week
    assert trend.count('class="senda-chart__bar"') == 12
    assert 'role="img" aria-label="Final EHC plans issued within 20 weeks, last 12 weeks' in trend
    assert "style=" not in html
    assert "senda/dashboard.css" in html


def test_it_lists_the_cases_behind_a_figure_split_by_whether_they_count(
    client, personas, final_plans
):
    client.force_login(personas.qa_auditor)
    response = client.get(kpi_url("final-plan-20w", "2026-11-19"))  # any day of the week
    page = text(response)
    assert "Within 20 weeks (1)" in page
    assert "After 20 weeks (1)" in page
    assert "Left out: exception applies (1)" in page
    assert "Figure 1 of 2 (50%)" in page
    case_link = reverse("web:case-detail", args=[personas.case.pk])
    assert response.content.decode().count(f'href="{case_link}"') == 3


def test_it_shows_how_long_each_review_has_been_overdue(client, personas):
    row(personas.case, "annual-review", date(2026, 11, 1))
    client.force_login(personas.case_officer)
    page = text(client.get(kpi_url("overdue-reviews", LAST_MONDAY)))
    assert "Review deadlines overdue at the end of the week (1)" in page
    assert "Figure 1 deadline " in page
    assert "Counted on Sunday 22 November 2026" in page
    assert " 21 " in page  # days overdue on that Sunday


def test_it_shows_the_caseload_figure_for_this_week_only(client, personas):
    client.force_login(personas.team_manager)
    this_week = text(client.get(kpi_url("caseload-at-target")))
    assert "At or under target (1)" in this_week
    last_week = text(client.get(kpi_url("caseload-at-target", LAST_MONDAY)))
    assert "not kept for past weeks" in last_week


def test_it_pages_the_cases_behind_a_figure_keeping_the_week(client, personas):
    for n in range(dashboard_views.PAGE_SIZE + 1):
        case = make_case(make_child(personas.la), officer=personas.case_officer)
        row(case, "review-decision", date(2026, 11, 20), date(2026, 11, 17) + timedelta(n % 3))
    client.force_login(personas.case_officer)
    first = client.get(kpi_url("review-decision-4w", LAST_MONDAY)).content.decode()
    assert f"week={LAST_MONDAY}&amp;counted-page=2" in first
    second = client.get(kpi_url("review-decision-4w", LAST_MONDAY) + "&counted-page=2")
    assert len(re.findall(r'href="/cases/\d+/"', second.content.decode())) == 1


@pytest.mark.parametrize("week", ["2026-11-30", "not-a-date", "2026-02-30"])
def test_it_refuses_a_week_that_has_not_started_or_is_not_a_date(client, personas, week):
    client.force_login(personas.case_officer)
    assert client.get(kpi_url("final-plan-20w", week)).status_code == 404


def test_it_answers_404_for_an_unknown_kpi(client, personas):
    client.force_login(personas.case_officer)
    assert client.get(kpi_url("no-such-kpi")).status_code == 404


# Speed


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_its_query_count_does_not_grow_with_rows(client, personas, final_plans):
    client.force_login(personas.team_manager)
    behind = kpi_url("final-plan-20w", LAST_MONDAY)
    before = queries_for(client, DASHBOARD), queries_for(client, behind)
    for n in range(30):
        case = make_case(make_child(personas.la), officer=personas.case_officer)
        issued = date(2026, 11, 16) + timedelta(n % 7)
        row(case, "final-plan", issued + timedelta(n % 3 - 1), issued)
        row(case, "annual-review", TODAY - timedelta(n * 7))
    after = queries_for(client, DASHBOARD), queries_for(client, behind)
    assert after == before
    assert before[0] <= 20

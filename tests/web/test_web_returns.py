"""Settings' returns pages: per setting for LA staff, a SENCo's own setting only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.casework.models import DeadlineRow
from tests.factories import make_case, make_child, make_setting
from tests.web.page_audit import audit_page, text_of

RETURNS = reverse("web:returns")
LA_STAFF = ["case_officer", "team_manager", "qa_auditor", "service_manager"]


def setting_url(setting):
    return reverse("web:returns-setting", args=[setting.pk])


def report(setting, due_days_ago, done_days_after_due=None, **case_fields):
    """A review report due ``due_days_ago`` days ago, received (or not) that many days late."""
    today = timezone.localdate()
    due = today - timedelta(days=due_days_ago)
    done = None if done_days_after_due is None else due + timedelta(days=done_days_after_due)
    case = make_case(make_child(setting.la, setting=setting), **case_fields)
    return DeadlineRow.objects.create(
        case=case,
        rule="review-report",
        due=due,
        done=done,
        status="pending",
        citation="reg 20(7)",
        evaluated_for=today,
    )


def table_rows(response):
    table = audit_page(response).find(".//table")
    return [[text_of(cell) for cell in row] for row in table.iter("tr")]


@pytest.fixture
def returns(personas):
    """The personas' setting: 1 on time, 1 late by 4 days, 1 missing (10 days); another
    setting: 1 missing; one due 20 weeks ago (outside the default period)."""
    report(personas.setting, 30, 0)
    late = report(personas.setting, 30, 4)
    missing = report(personas.setting, 10)
    other = make_setting(personas.la, name="Zed Academy")
    report(other, 5)
    report(personas.setting, 140)
    return late, missing, other


@pytest.mark.parametrize("role", LA_STAFF)
def test_it_lists_each_settings_returns_for_la_staff(client, personas, returns, role):
    client.force_login(getattr(personas, role))
    response = client.get(RETURNS)
    assert response.status_code == 200
    rows = table_rows(response)
    assert rows[1] == [personas.setting.name, "3", "1", "1", "1", "0", "33%", "7", "10"]
    assert rows[2] == ["Zed Academy", "1", "0", "0", "1", "0", "0%", "5", "5"]
    assert rows[-1] == ["All settings", "4", "1", "1", "2", "0", "25%", "5", "10"]
    assert f'href="{setting_url(personas.setting)}"' in response.content.decode()


def test_it_lets_the_user_choose_the_period(client, personas, returns):
    client.force_login(personas.team_manager)
    response = client.get(RETURNS, {"weeks": "26"})
    assert table_rows(response)[1][:2] == [personas.setting.name, "4"]
    assert response.context["form"]["weeks"].value() == "26"
    fallback = client.get(RETURNS, {"weeks": "9999"})
    assert table_rows(fallback)[1][:2] == [personas.setting.name, "3"]


def test_it_says_when_nothing_was_due(client, personas):
    client.force_login(personas.team_manager)
    response = client.get(RETURNS)
    assert "No review reports were due in this period." in response.content.decode()


@pytest.mark.parametrize("role", ["parent", "board_member"])
def test_it_refuses_returns_to_others(client, personas, returns, role):
    client.force_login(getattr(personas, role))
    assert client.get(RETURNS).status_code == 403
    assert client.get(setting_url(personas.setting)).status_code == 404
    assert client.get(setting_url(make_setting(personas.other_la))).status_code == 404


def test_it_takes_a_senco_to_their_own_setting(client, personas, returns):
    client.force_login(personas.senco)
    response = client.get(RETURNS)
    assert response.status_code == 302
    assert response["Location"] == setting_url(personas.setting)


def test_it_shows_a_senco_their_settings_returns_only(client, personas, returns):
    _, _, other = returns
    client.force_login(personas.senco)
    assert client.get(setting_url(personas.setting)).status_code == 200
    assert client.get(setting_url(other)).status_code == 404


def test_it_hides_another_areas_settings(client, personas, returns):
    foreign = make_setting(personas.other_la)
    report(foreign, 10)
    client.force_login(personas.team_manager)
    assert client.get(setting_url(foreign)).status_code == 404
    client.force_login(personas.other_la_officer)
    assert client.get(setting_url(personas.setting)).status_code == 404
    response = client.get(RETURNS)
    assert personas.setting.name not in response.content.decode()


def test_it_lists_a_settings_missing_and_late_returns(client, personas, returns):
    late, missing, _ = returns
    client.force_login(personas.case_officer)
    response = client.get(setting_url(personas.setting))
    assert response.status_code == 200
    rows = table_rows(response)
    assert [r[0] for r in rows[1:]] == [str(missing.case.child), str(late.case.child)]
    assert [r[3:] for r in rows[1:]] == [
        ["Not received", "Missing", "10"],
        [rows[2][3], "Late", "4"],
    ]
    page = response.content.decode()
    assert reverse("web:case-detail", args=[missing.case_id]) in page
    summary = text_of(audit_page(response).find(".//dl"))
    assert "Expected 3" in summary
    assert "On time 33%" in summary


def test_it_shows_returns_not_yet_due(client, personas):
    report(personas.setting, 0)
    client.force_login(personas.case_officer)
    rows = table_rows(client.get(setting_url(personas.setting)))
    assert rows[1][3:] == ["Not received", "Not yet due", ""]


def test_it_asks_a_fixed_number_of_queries(client, personas, django_assert_max_num_queries):
    for i in range(6):
        setting = make_setting(personas.la)
        report(setting, 10 + i)
        report(setting, 20, i)
        report(personas.setting, 5 + i, officer=personas.case_officer)
    client.force_login(personas.team_manager)
    with django_assert_max_num_queries(6):  # session, user, membership, LA, counts, lateness
        response = client.get(RETURNS)
    assert len(table_rows(response)) == 1 + 7 + 1
    # session, user, membership, setting, LA, list, counts, the page's audit entry, and
    # support and challenge: the late cases, contacts and escalations
    with django_assert_max_num_queries(11):
        response = client.get(setting_url(personas.setting))
    assert len(table_rows(response)) == 1 + 6


def test_it_shows_returns_in_the_navigation_to_la_staff_and_sencos(client, personas):
    for role, shown in [("qa_auditor", True), ("senco", True), ("parent", False)]:
        client.force_login(getattr(personas, role))
        page = client.get(reverse("web:home")).content.decode()
        assert (f'href="{RETURNS}"' in page) is shown, role


def test_it_lets_la_staff_see_a_setting_elsewhere_their_children_attend(client, personas):
    out_of_area = make_setting(personas.other_la, name="Far School")
    report_case = make_case(make_child(personas.la, setting=out_of_area))
    assert report_case.la == personas.la
    client.force_login(personas.case_officer)
    assert client.get(setting_url(out_of_area)).status_code == 200

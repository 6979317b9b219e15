"""My actions: the open actions a person leads, across the plans they may see, overdue and
due in the next 30 days (by the next open milestone or the end date)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.improvement.models import Milestone
from tests.factories import make_action, make_area, make_plan, make_plan_member, make_user
from tests.web.page_audit import audit_page, text_of
from tests.web.plan_fixtures import rate

MY_ACTIONS = reverse("web:my-actions")


def days(n):
    return timezone.localdate() + timedelta(days=n)


def tables(response):
    """{caption: [row text, …]} of the page's tables."""
    found = {}
    for table in audit_page(response).iter("table"):
        caption = " ".join(text_of(table.find("caption")).split())
        rows = table.find("tbody").iter("tr") if table.find("tbody") is not None else []
        found[caption] = [" ".join(text_of(row).split()) for row in rows]
    return found


@pytest.fixture
def area(personas):
    return make_area(make_plan(personas.la, title="Our plan"))


def test_it_lists_overdue_and_soon_due_actions_the_user_leads(client, personas, area):
    me = personas.team_manager
    late = make_action(area, what="Late action", lead_user=me, ends_on=days(-2))
    rate(late, "red", days(-1))
    soon = make_action(area, what="Milestone soon", lead_user=me, ends_on=days(200))
    Milestone.objects.create(action=soon, title="Month 3", due_on=days(10))
    make_action(area, what="Far off", lead_user=me, ends_on=days(90))
    make_action(area, what="Someone else's", lead_user=personas.service_manager, ends_on=days(-2))
    make_action(area, what="Done already", lead_user=me, ends_on=days(-2), completed_on=days(-3))
    client.force_login(me)
    found = tables(client.get(MY_ACTIONS))
    assert len(found["Overdue"]) == 1
    assert "Late action" in found["Overdue"][0] and "Red" in found["Overdue"][0]
    assert "End date" in found["Overdue"][0]
    assert len(found["Due in the next 30 days"]) == 1
    assert "Milestone: Month 3" in found["Due in the next 30 days"][0]
    assert "Not rated" in found["Due in the next 30 days"][0]


def test_it_finds_actions_by_the_leads_name(client, personas, area):
    me = make_user("case_officer", personas.la, first_name="Ada", last_name="Lovelace")
    make_action(area, what="Named lead", lead="ada lovelace", ends_on=days(5))
    client.force_login(me)
    assert "Named lead" in found_text(client.get(MY_ACTIONS))


def test_it_counts_an_overdue_milestone_before_a_later_end_date(client, personas, area):
    action = make_action(area, what="Slipping", lead_user=personas.team_manager, ends_on=days(300))
    Milestone.objects.create(action=action, title="Month 6", due_on=days(-4))
    client.force_login(personas.team_manager)
    assert "Milestone: Month 6" in tables(client.get(MY_ACTIONS))["Overdue"][0]


def test_it_leaves_out_plans_the_user_may_not_see(client, personas):
    other_plan = make_plan(personas.other_la)
    me = personas.team_manager
    make_action(make_area(other_plan), what="Elsewhere", lead_user=me, ends_on=days(-1))
    client.force_login(me)
    assert "Elsewhere" not in found_text(client.get(MY_ACTIONS))


def test_it_lists_a_partners_actions_in_their_plan(client, personas, area):
    member = make_plan_member(area.plan, access="edit")
    make_action(area, what="Health action", lead_user=member.user, ends_on=days(3))
    client.force_login(member.user)
    assert "Health action" in tables(client.get(MY_ACTIONS))["Due in the next 30 days"][0]


def test_it_says_when_the_user_leads_nothing(client, personas):
    client.force_login(personas.case_officer)
    assert "You do not lead any open action" in found_text(client.get(MY_ACTIONS))


def test_it_reads_a_constant_number_of_queries(
    client, personas, area, django_assert_max_num_queries
):
    me = personas.team_manager
    make_action(area, lead_user=me, ends_on=days(-1))
    client.force_login(me)
    client.get(MY_ACTIONS)
    with django_assert_max_num_queries(10) as few:
        client.get(MY_ACTIONS)
    for n in range(30):
        action = make_action(area, lead_user=me, ends_on=days(n - 15))
        rate(action, "green", days(-1))
        Milestone.objects.create(action=action, title="M", due_on=days(n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(MY_ACTIONS).status_code == 200


def found_text(response):
    return " ".join(text_of(audit_page(response)).split())

"""Reading an improvement plan: the plans list, plan on a page, an area and an action."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.improvement.models import Milestone, SignOff
from tests.factories import make_action, make_area, make_plan, make_plan_member, make_user
from tests.web.page_audit import audit_page, text_of
from tests.web.plan_fixtures import make_sample_plan, rate

LA_STAFF = ["case_officer", "team_manager", "qa_auditor", "service_manager", "board_member"]
NOBODY = ["senco", "parent", "other_la_officer"]


@pytest.fixture
def sample(personas):
    return make_sample_plan(personas)


def plan_url(sample):
    return reverse("web:plan", args=[sample.plan.pk])


def area_url(sample, area=None):
    return reverse("web:plan-area", args=[sample.plan.pk, (area or sample.area).pk])


def action_url(sample, action=None):
    return reverse("web:plan-action", args=[sample.plan.pk, (action or sample.rated).pk])


def page_text(response):
    return " ".join(text_of(audit_page(response)).split())


@pytest.mark.parametrize("persona", LA_STAFF)
def test_it_shows_every_page_of_the_plan_to_la_staff(client, personas, sample, persona):
    client.force_login(getattr(personas, persona))
    for url in (plan_url(sample), area_url(sample), action_url(sample)):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", NOBODY)
def test_it_hides_the_plan_from_sencos_parents_and_other_areas(client, personas, sample, persona):
    client.force_login(getattr(personas, persona))
    for url in (plan_url(sample), area_url(sample), action_url(sample)):
        assert client.get(url).status_code == 404, url


def test_it_shows_a_partner_their_plan_only(client, personas, sample):
    member = make_plan_member(sample.plan, access="view")
    other = make_plan(personas.la, title="Another plan")
    client.force_login(member.user)
    assert client.get(plan_url(sample)).status_code == 200
    assert client.get(action_url(sample)).status_code == 200
    assert client.get(reverse("web:plan", args=[other.pk])).status_code == 404
    response = client.get(reverse("web:plans"))
    assert response.status_code == 302
    assert response["Location"] == plan_url(sample)


def test_it_hides_an_area_or_action_of_another_plan(client, personas, sample):
    other_area = make_area(make_plan(make_user("case_officer", personas.other_la).membership.la))
    other_action = make_action(other_area)
    client.force_login(personas.service_manager)
    assert client.get(area_url(sample, other_area)).status_code == 404
    assert client.get(action_url(sample, other_action)).status_code == 404


def test_it_lists_the_plans_when_there_are_several(client, personas, sample):
    make_plan(personas.la, title="Written statement of action")
    client.force_login(personas.case_officer)
    text = page_text(client.get(reverse("web:plans")))
    assert "Testshire SEND improvement plan" in text
    assert "Written statement of action" in text


def test_it_says_when_there_is_no_plan(client, personas):
    client.force_login(personas.senco)
    text = page_text(client.get(reverse("web:plans")))
    assert "You have not been given access to an improvement plan" in text


def test_it_counts_actions_by_current_rating_and_overdue_milestones(client, personas, sample):
    client.force_login(personas.case_officer)
    text = page_text(client.get(plan_url(sample)))
    assert "Amber: 1" in text  # the latest of red then amber
    assert "Green: 1" in text
    assert "Not rated: 1" in text
    assert "Red: 1" not in text
    assert "Overdue milestones 1" in text
    assert "Preparing for adulthood" in text
    assert "No actions" in text  # the empty area


def test_it_names_the_kpis_an_area_serves(client, personas, sample):
    client.force_login(personas.case_officer)
    text = page_text(client.get(plan_url(sample)))
    assert "New EHC plans issued within 20 weeks" in text  # the KPI catalogue's name
    assert "pfa-outcomes" in text  # not in the catalogue: shown by its id
    assert "Status not known yet" in text


def test_it_lists_sign_offs_and_links_to_the_plans_other_pages(client, personas, sample):
    partner = sample.rated.partners.get()
    SignOff.objects.create(
        plan=sample.plan, partner=partner, signed_by="Chief nurse", signed_on=timezone.localdate()
    )
    client.force_login(personas.case_officer)
    document = audit_page(client.get(plan_url(sample)))
    text = " ".join(text_of(document).split())
    assert "Testshire ICB Chief nurse" in text
    hrefs = {a.get("href") for a in document.iter("a")}
    assert area_url(sample) in hrefs
    assert reverse("web:my-actions") in hrefs
    for name in ("plan-risks", "plan-feedback", "plan-timeline", "plan-board-pack", "plan-export"):
        assert reverse(f"web:{name}", args=[sample.plan.pk]) in hrefs, name


def test_it_shows_the_area_with_its_actions(client, personas, sample):
    client.force_login(personas.case_officer)
    text = page_text(client.get(area_url(sample)))
    assert "Director of Education" in text
    assert "Designed with the parent carer forum." in text
    assert "Assessments finish within 20 weeks" in text
    assert "Recruit two more educational psychologists" in text
    assert "Timescale to resolve" in text  # the unresolved "Ongoing through 26-28"
    assert "Ongoing through 26-28" in text
    assert "Draft shared" in text  # the next milestone
    assert "Not rated" in text


def test_it_shows_an_action_in_full(client, personas, sample):
    client.force_login(personas.case_officer)
    text = page_text(client.get(action_url(sample)))
    assert "Advertise the posts" in text and "Interview candidates" in text
    assert "Vacancies filled by March" in text
    assert "Head of SEND" in text and "Testshire ICB" in text
    assert "The plan says: “Jan to Dec 26”" in text
    assert "Overdue" in text  # the milestone due 3 days ago
    assert "Senda suggested Red" in text  # amber overrode the suggestion
    assert text.index("Advertised, one interview late") < text.index("Posts not advertised")
    assert text.index("Second update") < text.index("First update")


def test_it_shows_editors_the_buttons_and_viewers_none(client, personas, sample):
    rate_url = reverse("web:plan-action-rate", args=[sample.plan.pk, sample.rated.pk])
    client.force_login(personas.service_manager)
    assert rate_url in client.get(action_url(sample)).content.decode()
    client.force_login(personas.qa_auditor)
    assert rate_url not in client.get(action_url(sample)).content.decode()


def grow(sample, actions):
    today = timezone.localdate()
    for n in range(actions):
        action = make_action(sample.area, kpi_ids=["final-plan-20w"])
        rate(action, "green", today)
        rate(action, "amber", today)
        Milestone.objects.create(action=action, title=f"M{n}", due_on=today - timedelta(days=1))


@pytest.mark.parametrize("name", ["plan", "area", "action"])
def test_it_reads_a_constant_number_of_queries(
    client, personas, sample, django_assert_max_num_queries, name
):
    url = {"plan": plan_url, "area": area_url, "action": action_url}[name](sample)
    client.force_login(personas.service_manager)
    client.get(url)
    # (16: the action's page also reads its escalations to governance bodies and its
    # current stage and impact, issue 19)
    with django_assert_max_num_queries(16) as small:
        client.get(url)
    grow(sample, 40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("case_officer", True),
        ("board_member", True),
        ("service_manager", True),
        ("senco", False),
        ("parent", False),
    ],
)
def test_it_shows_improvement_plan_in_the_navigation_of_la_staff(client, personas, persona, sees):
    client.force_login(getattr(personas, persona))
    html = client.get(reverse("web:home")).content.decode()
    assert (f'href="{reverse("web:plans")}"' in html) is sees


def test_it_shows_improvement_plan_in_a_partners_navigation(client, personas, sample):
    member = make_plan_member(sample.plan)
    client.force_login(member.user)
    html = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:plans")}"' in html

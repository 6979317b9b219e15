"""Changing an action: rate it (with Senda's suggestion and why), add an update, add a
milestone and mark one reached. Editors only; view-only users get 403, others 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.improvement.models import ActionUpdate, Milestone, Rating
from tests.factories import make_action, make_plan, make_plan_member
from tests.web.page_audit import audit_page, text_of
from tests.web.plan_fixtures import make_sample_plan

FORMS = ["plan-action-rate", "plan-action-update", "plan-milestones"]
EDITORS = ["team_manager", "service_manager"]
VIEWERS = ["case_officer", "qa_auditor", "board_member"]
NOBODY = ["senco", "parent", "other_la_officer"]


@pytest.fixture
def sample(personas):
    return make_sample_plan(personas)


def url(name, sample, action=None):
    return reverse(f"web:{name}", args=[sample.plan.pk, (action or sample.rated).pk])


def page_text(response):
    return " ".join(text_of(audit_page(response)).split())


def date_fields(prefix, day):
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("persona", EDITORS)
def test_it_shows_editors_the_forms(client, personas, sample, name, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(url(name, sample)).status_code == 200


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("persona", VIEWERS)
def test_it_refuses_view_only_staff(client, personas, sample, name, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(url(name, sample)).status_code == 403
    assert client.post(url(name, sample), {"form": "add"}).status_code == 403
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("persona", NOBODY)
def test_it_hides_the_forms_from_sencos_parents_and_other_areas(
    client, personas, sample, name, persona
):
    client.force_login(getattr(personas, persona))
    assert client.get(url(name, sample)).status_code == 404
    assert client.post(url(name, sample), {}).status_code == 404


@pytest.mark.parametrize(("access", "status"), [("view", 403), ("edit", 200)])
def test_it_lets_partners_with_edit_access_change_their_plan(
    client, personas, sample, access, status
):
    member = make_plan_member(sample.plan, access=access)
    sample.rated.lead_user = member.user  # a partner rates only the actions they lead
    sample.rated.save(update_fields=["lead_user"])
    other_action = make_action(make_plan(personas.la).areas.create(number=1, title="Other"))
    client.force_login(member.user)
    assert client.get(url("plan-action-rate", sample)).status_code == status
    other_url = reverse("web:plan-action-rate", args=[other_action.area.plan_id, other_action.pk])
    assert client.get(other_url).status_code == 404


def test_it_shows_the_suggestion_with_its_reasons_preselected(client, personas, sample):
    client.force_login(personas.service_manager)
    response = client.get(url("plan-action-rate", sample))
    text = page_text(response)
    assert "Senda suggests Amber because:" in text
    assert "Milestone 'Posts advertised' was due" in text
    checked = audit_page(response).find(".//input[@name='value'][@checked]")
    assert checked is not None and checked.get("value") == "amber"


def test_it_saves_a_rating_with_its_rationale_and_the_suggestion(client, personas, sample):
    client.force_login(personas.service_manager)
    response = client.post(
        url("plan-action-rate", sample), {"value": "red", "rationale": "Interviews slipped"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("plan-action", sample)
    rating = Rating.objects.filter(action=sample.rated).order_by("-id").first()
    assert (rating.value, rating.rationale, rating.author) == (
        "red",
        "Interviews slipped",
        personas.service_manager,
    )
    assert rating.suggested == "amber"
    assert "Posts advertised" in rating.suggestion_reason
    assert AuditEntry.objects.filter(user=personas.service_manager, verb="write").exists()
    text = page_text(client.get(response["Location"]))
    assert "1.1 rated Red" in text  # the success banner
    assert "Interviews slipped (Senda suggested Amber)" in text
    assert text.index("Interviews slipped") < text.index("Posts not advertised")  # newest first


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("amber", "Enter the reason for this rating"),
        ("green", "Enter why you chose a different rating from Senda's suggestion (Amber)"),
    ],
)
def test_it_needs_a_reason_especially_to_override(client, personas, sample, value, message):
    client.force_login(personas.service_manager)
    before = Rating.objects.count()
    response = client.post(url("plan-action-rate", sample), {"value": value, "rationale": " "})
    assert response.status_code == 200
    assert message in page_text(response)
    assert Rating.objects.count() == before
    checked = audit_page(response).find(".//input[@name='value'][@checked]")
    assert checked.get("value") == value  # the choice is kept


def test_it_needs_a_rating_on_the_plans_scale(client, personas, sample):
    client.force_login(personas.service_manager)
    response = client.post(url("plan-action-rate", sample), {"value": "purple", "rationale": "x"})
    assert response.status_code == 200
    assert "Select a rating" in page_text(response)


def test_it_offers_the_progress_scale_on_a_progress_plan(client, personas):
    plan = make_plan(personas.la, scale="progress")
    action = make_action(plan.areas.create(number=1, title="Area"))
    client.force_login(personas.service_manager)
    response = client.get(reverse("web:plan-action-rate", args=[plan.pk, action.pk]))
    values = {i.get("value") for i in audit_page(response).iterfind(".//input[@name='value']")}
    assert values == {"complete", "on-track", "obstacles", "not-commenced"}


def test_it_adds_an_update(client, personas, sample):
    client.force_login(personas.team_manager)
    day = timezone.localdate() - timedelta(days=1)
    data = {"text": "Interviews held", **date_fields("on", day)}
    response = client.post(url("plan-action-update", sample), data)
    assert response.status_code == 302
    update = ActionUpdate.objects.get(text="Interviews held")
    assert (update.on, update.author, update.action) == (day, personas.team_manager, sample.rated)
    assert AuditEntry.objects.filter(user=personas.team_manager).exists()
    assert "Update added to 1.1" in page_text(client.get(response["Location"]))


def test_it_dates_an_update_today_unless_told(client, personas, sample):
    client.force_login(personas.team_manager)
    client.post(url("plan-action-update", sample), {"text": "Today's news"})
    assert ActionUpdate.objects.get(text="Today's news").on == timezone.localdate()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Enter the update"),
        ({"text": "x", "on-day": "31", "on-month": "2", "on-year": "2026"}, "must be a real date"),
        (
            {"text": "x", **date_fields("on", timezone.localdate() + timedelta(days=3))},
            "today or in the past",
        ),
    ],
)
def test_it_explains_an_invalid_update(client, personas, sample, data, message):
    client.force_login(personas.team_manager)
    before = ActionUpdate.objects.count()
    response = client.post(url("plan-action-update", sample), data)
    assert response.status_code == 200
    assert message in page_text(response)
    assert ActionUpdate.objects.count() == before


def test_it_adds_a_milestone(client, personas, sample):
    client.force_login(personas.service_manager)
    due = timezone.localdate() + timedelta(days=60)
    data = {"form": "add", "add-title": "Month 6 review", **date_fields("add-due_on", due)}
    response = client.post(url("plan-milestones", sample), data)
    assert response.status_code == 302
    milestone = Milestone.objects.get(title="Month 6 review")
    assert (milestone.action, milestone.due_on, milestone.done_on) == (sample.rated, due, None)
    assert "Milestone added to 1.1" in page_text(client.get(response["Location"]))


def test_it_marks_a_milestone_reached(client, personas, sample):
    milestone = sample.rated.milestones.get()
    client.force_login(personas.service_manager)
    day = timezone.localdate()
    data = {"form": "done", "done-milestone": milestone.pk, **date_fields("done-done_on", day)}
    response = client.post(url("plan-milestones", sample), data)
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == day
    assert AuditEntry.objects.filter(user=personas.service_manager).exists()


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({"form": "add"}, ["Enter what the milestone is", "Enter the due date"]),
        (
            {"form": "done"},
            ["Select the milestone that was reached", "Enter the date it was reached"],
        ),
    ],
)
def test_it_explains_an_invalid_milestone_form(client, personas, sample, data, messages):
    client.force_login(personas.service_manager)
    before = list(Milestone.objects.values_list("pk", "done_on"))
    response = client.post(url("plan-milestones", sample), data)
    assert response.status_code == 200
    text = page_text(response)
    assert all(message in text for message in messages)
    assert list(Milestone.objects.values_list("pk", "done_on")) == before


def test_it_refuses_another_actions_milestone(client, personas, sample):
    other = sample.unrated.milestones.get()
    client.force_login(personas.service_manager)
    data = {
        "form": "done",
        "done-milestone": other.pk,
        **date_fields("done-done_on", timezone.localdate()),
    }
    response = client.post(url("plan-milestones", sample), data)
    assert response.status_code == 200
    assert "Select one of this action's open milestones" in page_text(response)
    other.refresh_from_db()
    assert other.done_on is None

"""An improvement action names the capital projects that deliver it (issue 17): its own
area's projects only, by those who may edit the action, audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.improvement import edits
from senda.kernel import ActionError
from tests.factories import Personas, make_action, make_area, make_plan
from tests.sufficiency.places_factories import make_project, other_area_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(date(2026, 6, 15))


@pytest.fixture
def action(personas: Personas):
    return make_action(make_area(make_plan(personas.la)), reference="4.2", what="Open bases")


def test_it_names_projects_and_audits_what_changed(personas, action) -> None:
    base = make_project(personas.la, personas.service_manager, name="Bay bases")
    school = make_project(personas.la, personas.service_manager, name="Cliff School")
    edits.link_capital_projects(
        action=action, project_ids=[base.pk, school.pk], by=personas.team_manager
    )
    edits.link_capital_projects(action=action, project_ids=[school.pk], by=personas.team_manager)
    edits.link_capital_projects(action=action, project_ids=[school.pk], by=personas.team_manager)
    assert list(action.capital_projects.all()) == [school]
    summaries = AuditEntry.objects.filter(
        object_type="improvement.Action", object_id=str(action.pk)
    ).values_list("summary", flat=True)
    assert sorted(summaries) == [
        f"plan {action.area.plan_id}: action {action.pk} capital projects "
        f"+[{base.pk}, {school.pk}] -[]",
        f"plan {action.area.plan_id}: action {action.pk} capital projects +[] -[{base.pk}]",
    ]  # naming the same projects again changes and audits nothing


def test_another_areas_project_is_refused(personas, action) -> None:
    with pytest.raises(ActionError) as refused:
        edits.link_capital_projects(
            action=action, project_ids=[other_area_project().pk], by=personas.team_manager
        )
    assert refused.value.field == "project_ids"
    assert not action.capital_projects.exists()


def test_only_those_who_may_edit_the_action_name_projects(personas, action) -> None:
    project = make_project(personas.la, personas.service_manager)
    with pytest.raises(ActionError):
        edits.link_capital_projects(
            action=action, project_ids=[project.pk], by=personas.board_member
        )


# Page content: the same on any database.
@pytest.mark.once
def test_the_action_and_the_project_pages_name_each_other(client, personas, action) -> None:
    project = make_project(personas.la, personas.service_manager, name="Bay bases")
    client.force_login(personas.service_manager)
    url = reverse("web:plan-action-capital", args=[action.area.plan_id, action.pk])
    assert client.post(url, {"project_ids": [str(project.pk)]}).status_code == 302
    page = client.get(reverse("web:plan-action", args=[action.area.plan_id, action.pk]))
    capital = reverse("web:capital-project", args=[project.pk])
    assert f'href="{capital}">Bay bases</a>' in page.content.decode()
    page = client.get(capital).content.decode()
    assert "Action 4.2</a>: Open bases" in page
    refused = client.post(url, {"project_ids": [str(other_area_project().pk)]})
    assert "<title>Error: " in refused.content.decode()
    assert list(action.capital_projects.all()) == [project]

"""The final-plan step asks the portal whether the family has finished commenting on the
draft: if they have, a final plan inside the 15 days is recorded; if not, it is refused."""

from __future__ import annotations

from datetime import date

from senda.casework import actions
from senda.casework.models import CaseEvent
from senda.portal.models import Representation
from tests.casework.flows import assessing
from tests.web.test_web_steps import dated, step_url

TODAY = date(2026, 12, 3)
DRAFT = date(2026, 11, 28)


def _drafted(personas) -> CaseEvent:
    case, by = personas.case, personas.case_officer
    assessing(case, by)
    return actions.record_draft_plan(case=case, on=DRAFT, by=by, today=TODAY)


def test_it_refuses_a_final_plan_while_the_family_may_still_comment(
    client, personas, today_is
) -> None:
    today_is(TODAY)
    _drafted(personas)
    client.force_login(personas.case_officer)
    response = client.post(step_url(personas.case, "final-plan-issued"), dated(TODAY))
    assert response.status_code == 200
    assert "The family has until 12 December 2026 to comment" in response.content.decode()
    assert not CaseEvent.objects.filter(case=personas.case, type="final_plan_issued").exists()


def test_it_records_an_early_final_plan_once_the_family_has_finished(
    client, personas, today_is
) -> None:
    today_is(TODAY)
    draft = _drafted(personas)
    Representation.objects.create(
        case=personas.case, event=draft, finished=True, made_on=DRAFT, made_by=personas.case_officer
    )
    client.force_login(personas.case_officer)
    response = client.post(step_url(personas.case, "final-plan-issued"), dated(TODAY))
    assert response.status_code == 302
    assert CaseEvent.objects.filter(case=personas.case, type="final_plan_issued").exists()

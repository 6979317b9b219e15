"""Recommendations from families' feedback: made, linked to an action, implemented or not
adopted, reported in "You said, we did" (senda.improvement.recommendations)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.improvement import actions, recommendations
from senda.kernel import ActionError
from tests.factories import Personas, make_action, make_area, make_la, make_plan

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 12)


def test_the_loop_from_theme_to_you_said_we_did(personas: Personas, today_is) -> None:
    today_is(TODAY)
    plan = make_plan(personas.la)
    action = make_action(make_area(plan))
    made = recommendations.make_recommendation(
        plan=plan, theme="timeliness", text="Reply sooner", by=personas.team_manager
    )
    assert (made.source, made.made_on) == ("feedback", TODAY)
    with pytest.raises(ActionError, match="Link the action"):
        recommendations.mark_implemented(
            recommendation=made, implemented_on=TODAY, by=personas.team_manager
        )
    other_plans_action = make_action(make_area(make_plan(personas.la)))
    with pytest.raises(ActionError, match="action of this plan"):
        recommendations.link_action(
            recommendation=made, action=other_plans_action, by=personas.team_manager
        )
    recommendations.link_action(recommendation=made, action=action, by=personas.team_manager)
    for day in (date(2027, 1, 13), date(2027, 1, 11)):  # the future; before it was made
        with pytest.raises(ActionError):
            recommendations.mark_implemented(
                recommendation=made, implemented_on=day, by=personas.team_manager
            )
    recommendations.mark_implemented(
        recommendation=made, implemented_on=TODAY, by=personas.team_manager
    )
    with pytest.raises(ActionError, match="already"):
        recommendations.mark_not_adopted(recommendation=made, reason="x", by=personas.team_manager)
    entry = actions.record_feedback(
        plan=plan, source="Survey", received_on=TODAY, theme="Timeliness", you_said="Slow",
        we_did="Faster", published_on=TODAY, recommendation=made, by=personas.team_manager,
    )  # fmt: skip
    assert entry.recommendation == made
    assert list(recommendations.published_for([personas.la.pk], TODAY)) == [entry]
    assert list(recommendations.published_for([make_la().pk], TODAY)) == []
    assert AuditEntry.objects.filter(verb="write", summary__contains="recommendation").count() >= 3


def test_only_those_who_may_change_the_plan_make_or_settle_them(personas: Personas) -> None:
    plan = make_plan(personas.la)
    with pytest.raises(ActionError):
        recommendations.make_recommendation(
            plan=plan, theme="portal", text="An app", by=personas.qa_auditor
        )
    with pytest.raises(ActionError):
        recommendations.make_recommendation(
            plan=make_plan(make_la()), theme="portal", text="x", by=personas.service_manager
        )
    with pytest.raises(ActionError) as refused:
        recommendations.make_recommendation(
            plan=plan, theme="portal", text="x", by=personas.service_manager, source="rumour"
        )
    assert refused.value.field == "source"
    made = recommendations.make_recommendation(
        plan=plan, theme="portal", text="An app", by=personas.service_manager
    )
    with pytest.raises(ActionError) as refused:
        recommendations.mark_not_adopted(recommendation=made, reason="  ", by=personas.team_manager)
    assert refused.value.field == "reason"
    with pytest.raises(ActionError):
        recommendations.mark_not_adopted(recommendation=made, reason="No", by=personas.qa_auditor)
    recommendations.mark_not_adopted(
        recommendation=made, reason="Senda works on phones", by=personas.team_manager
    )
    other = make_plan(personas.la)
    with pytest.raises(ActionError) as refused:
        actions.record_feedback(
            plan=other, source="S", received_on=date(2026, 1, 5), theme="T", you_said="x",
            recommendation=made, by=personas.team_manager,
        )  # fmt: skip
    assert refused.value.field == "recommendation"

"""The demo's portal story (issue 13): who works in the portal, what waits in the tray and
in the advice teams' task lists, and that no message names a child."""

from __future__ import annotations

from senda.casework.models import CaseEvent, IncorporatedAdvice, PlanOutcome
from senda.demo.build import Built
from senda.people.models import AdviceTeam, Role, Setting, SettingMember
from senda.portal.models import AdviceRequest, Message, PortalFeedback, ReviewReport, SupportContact
from senda.portal.reviews import reviews_due
from tests.demo.conftest import TODAY


def test_the_advice_personas_belong_to_their_teams(area: Built) -> None:
    teams = {t.name: t for t in AdviceTeam.objects.filter(la=area.la)}
    assert len(teams) == 4
    members = {
        name: sorted(team.members.values_list("username", flat=True))
        for name, team in teams.items()
    }
    assert members["Community paediatrics"] == ["health-advisor"]
    assert members["Children's social care"] == ["social-worker"]
    assert members["Educational psychology service"] == ["ep"]
    for username in ("health-advisor", "social-worker", "ep"):
        user = teams["Community paediatrics"].members.model.objects.get(username=username)
        assert user.membership.role == Role.ADVICE_GIVER


def test_most_secondary_schools_are_onboarded_and_some_are_not(area: Built) -> None:
    secondaries = Setting.objects.filter(la=area.la, phase=Setting.Phase.SECONDARY)
    onboarded = secondaries.filter(staff__isnull=False, staff__removed_on__isnull=True).distinct()
    assert 0.5 <= onboarded.count() / secondaries.count() < 1
    senco_school = SettingMember.objects.get(user__username="senco").setting
    assert senco_school in onboarded


def test_the_senco_has_reviews_to_run_and_outcomes_to_walk_through(area: Built) -> None:
    school = SettingMember.objects.get(user__username="senco").setting
    assert reviews_due({school.pk}, TODAY)
    assert PlanOutcome.objects.filter(plan__case__child__setting=school).exists()


def test_the_tray_holds_reports_and_one_is_returned(area: Built) -> None:
    reports = ReviewReport.objects.filter(case__la=area.la)
    assert reports.filter(status=ReviewReport.Status.SUBMITTED).exists()
    returned = reports.get(status=ReviewReport.Status.RETURNED)
    assert returned.returns.count() == 1


def test_each_team_has_advice_requests_and_one_is_answered(area: Built) -> None:
    for team in AdviceTeam.objects.filter(la=area.la, name__in=["Community paediatrics"]):
        assert team.requests.filter(status=AdviceRequest.Status.OPEN).exists()
    # Answered through the portal (the QA story's answered advice was recorded by officers).
    answered = AdviceRequest.objects.get(
        status=AdviceRequest.Status.ANSWERED, answered_by__isnull=False
    )
    event = CaseEvent.objects.get(pk=answered.received_event_id)
    assert (event.type, event.recorded_by.username) == ("advice_received", "health-advisor")


def test_support_feedback_and_incorporated_advice_are_recorded(area: Built) -> None:
    assert SupportContact.objects.filter(la=area.la).exists()
    assert PortalFeedback.objects.filter(la=area.la).count() > 5
    assert IncorporatedAdvice.objects.filter(plan__case__la=area.la, amended=True).exists()


def test_no_message_in_the_outbox_names_a_child(area: Built) -> None:
    """Nothing a message carries (its reference, its personalisation but the recipient's
    own name) names the child of its case."""
    messages = list(Message.objects.filter(la=area.la).select_related("case__child"))
    assert {m.template for m in messages} >= {"invitation", "advice_request", "report_returned"}
    for message in messages:
        fields = {k: v for k, v in message.personalisation.items() if k != "name"}
        text = f" {' '.join([message.reference, *map(str, fields.values())])} "
        if message.case is not None:
            child = message.case.child
            for name in (child.given_name, child.family_name):
                assert f" {name} " not in text, message.template

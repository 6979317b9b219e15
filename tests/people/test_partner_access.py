"""Partners' access (ADR 0016): which steps a setting's staff and an advice team may record,
which cases they see, and that casework's actions agree with ``people.access``."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.actions import (
    record_advice_received,
    record_advice_requested,
    record_request_received,
)
from senda.kernel import ActionError
from senda.people.access import may_record_step, partner_filter, settings_of
from senda.people.models import AccessGrant, SettingMember
from senda.web.access import visible_cases
from tests.factories import make_case, make_child, make_setting, make_user

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)


def test_a_setting_s_staff_may_record_only_the_review_steps(personas) -> None:
    child = personas.child
    for step in ("review_invitations_sent", "review_meeting", "review_report_received"):
        assert may_record_step(personas.senco, child, step, DAY)
    for step in ("review_logged", "review_decision", "advice_received", "request_received"):
        assert not may_record_step(personas.senco, child, step, DAY)


def test_staff_of_another_setting_may_record_nothing(personas) -> None:
    other = make_user("senco", personas.la, setting=make_setting(personas.la))
    assert not may_record_step(other, personas.child, "review_meeting", DAY)
    assert not visible_cases(other).filter(pk=personas.case.pk).exists()


def test_a_person_in_two_settings_sees_both_settings_children(personas) -> None:
    second = make_setting(personas.la)
    pupil = make_child(personas.la, setting=second)
    case = make_case(pupil)
    assert not visible_cases(personas.senco).filter(pk=case.pk).exists()
    SettingMember.objects.create(
        user=personas.senco, setting=second, position="senco", added_on=DAY
    )
    assert set(settings_of(personas.senco)) == {second.pk}
    assert visible_cases(personas.senco).filter(pk=case.pk).exists()
    assert visible_cases(personas.senco).filter(pk=personas.case.pk).exists()
    assert may_record_step(personas.senco, pupil, "review_meeting", DAY)


def test_an_advice_team_sees_a_child_only_while_its_grant_is_in_force(personas) -> None:
    giver, child = personas.advice_giver, personas.child
    assert not may_record_step(giver, child, "advice_received", DAY)
    AccessGrant.objects.create(
        child=child,
        team=personas.advice_team,
        reason="Asked for health advice",
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 3, 31),
    )
    assert may_record_step(giver, child, "advice_received", DAY)
    assert not may_record_step(giver, child, "review_meeting", DAY)
    assert not may_record_step(giver, child, "advice_received", date(2026, 4, 1))
    assert not may_record_step(giver, child, "advice_received", date(2026, 2, 28))
    from senda.casework.models import Case

    assert Case.objects.filter(partner_filter(giver, DAY), pk=personas.case.pk).exists()
    assert not Case.objects.filter(partner_filter(giver, date(2026, 4, 1))).exists()


def test_casework_lets_an_advice_giver_record_its_advice_and_nothing_else(personas) -> None:
    case, officer, giver = personas.case, personas.case_officer, personas.advice_giver
    record_request_received(case=case, on=date(2026, 1, 5), source=1, by=officer)
    from senda.casework.actions import record_assess_decision

    record_assess_decision(case=case, on=date(2026, 1, 20), outcome="assess", by=officer)
    record_advice_requested(case=case, on=date(2026, 1, 21), discipline="health", by=officer)
    with pytest.raises(ActionError):
        record_advice_received(
            case=case, on=date(2026, 2, 20), discipline="health", by=giver, today=DAY
        )
    AccessGrant.objects.create(
        child=case.child, team=personas.advice_team, reason="Asked", starts_on=date(2026, 1, 21)
    )
    event = record_advice_received(
        case=case, on=date(2026, 2, 20), discipline="health", by=giver, today=DAY
    )
    assert event.recorded_by == giver
    with pytest.raises(ActionError):
        record_advice_requested(
            case=case, on=date(2026, 2, 21), discipline="ep", by=giver, today=DAY
        )

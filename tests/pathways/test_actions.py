from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.pathways import actions
from senda.pathways.models import ReferralStep
from tests.factories import make_child, make_la, make_setting, make_user
from tests.pathways.factories import TODAY, referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    la = make_la()
    return la, make_user("case_officer", la), make_child(la)


def test_each_step_is_recorded_projected_and_audited(area):
    la, officer, child = area
    school = make_setting(la, locality="East")
    made = actions.record_referral(
        child=child,
        pathway="adhd",
        referred_on=date(2025, 1, 6),
        source="gp",
        setting=school,
        by=officer,
        today=TODAY,
    )
    assert (made.status, made.setting, made.referred_on) == ("triage", school, date(2025, 1, 6))
    actions.record_triage(
        referral=made, on=date(2025, 1, 20), accepted=True, by=officer, today=TODAY
    )
    actions.record_assessment(referral=made, on=date(2025, 9, 1), by=officer, today=TODAY)
    actions.record_outcome(
        referral=made, on=date(2025, 10, 1), outcome="diagnosed", by=officer, today=TODAY
    )
    made.refresh_from_db()
    assert made.status == "done"
    assert (made.accepted_on, made.assessed_on, made.outcome) == (
        date(2025, 1, 20),
        date(2025, 9, 1),
        "diagnosed",
    )
    writes = AuditEntry.objects.filter(verb="write", child=child)
    assert writes.count() == 4
    assert all(child.given_name not in entry.summary for entry in writes)


def test_steps_out_of_order_are_refused_naming_the_field(area):
    _, officer, child = area
    made = referral(child, officer, on=date(2025, 3, 3))
    with pytest.raises(ActionError, match="Record the acceptance at triage before") as error:
        actions.record_assessment(referral=made, on=date(2025, 6, 1), by=officer, today=TODAY)
    assert error.value.field == "__all__"
    with pytest.raises(ActionError, match="on or after the referral") as error:
        actions.record_triage(
            referral=made, on=date(2025, 3, 1), accepted=True, by=officer, today=TODAY
        )
    assert error.value.field == "on"
    with pytest.raises(ActionError) as error:
        actions.record_triage(
            referral=made, on=date(2026, 4, 1), accepted=True, by=officer, today=TODAY
        )
    assert error.value.field == "on"
    with pytest.raises(ActionError) as error:
        actions.record_triage(
            referral=made, on=date(2025, 3, 5), accepted=False, by=officer, today=TODAY
        )
    assert error.value.field == "reason"
    assert made.steps.count() == 1


def test_a_second_triage_is_refused_and_a_correction_keeps_the_original(area):
    _, officer, child = area
    made = referral(child, officer, on=date(2025, 3, 3), accepted=date(2025, 3, 10))
    with pytest.raises(ActionError, match="correct that step"):
        actions.record_triage(
            referral=made, on=date(2025, 3, 12), accepted=True, by=officer, today=TODAY
        )
    original = made.steps.get(type="accepted")
    fixed = actions.correct_step(
        step=original, on=date(2025, 3, 11), why="Typed the wrong day", by=officer, today=TODAY
    )
    made.refresh_from_db()
    assert made.accepted_on == date(2025, 3, 11)
    assert ReferralStep.objects.filter(pk=original.pk, on=date(2025, 3, 10)).exists()
    assert fixed.replaces_id == original.pk
    assert list(made.steps.current().values_list("type", flat=True)) == ["referred", "accepted"]
    with pytest.raises(ActionError, match="already been corrected"):
        actions.correct_step(step=original, on=date(2025, 3, 12), why="x", by=officer, today=TODAY)


def test_a_withdrawal_puts_the_child_back_on_the_list_unless_a_later_step_needs_it(area):
    _, officer, child = area
    made = referral(child, officer, on=date(2025, 3, 3), accepted=date(2025, 3, 10))
    assessed = actions.record_assessment(
        referral=made, on=date(2025, 8, 1), by=officer, today=TODAY
    )
    with pytest.raises(ActionError, match="Record the acceptance"):
        actions.withdraw_step(step=made.steps.get(type="accepted"), why="wrong", by=officer)
    actions.withdraw_step(step=assessed, why="Recorded on the wrong child", by=officer)
    made.refresh_from_db()
    assert (made.status, made.assessed_on) == ("waiting", None)
    assert made.steps.count() == 4  # referred, accepted, assessed, its withdrawal


def test_only_casework_staff_of_the_area_record(area):
    la, _, child = area
    for user in (make_user("board_member", la), make_user("case_officer", make_la())):
        with pytest.raises(ActionError, match="permission"):
            actions.record_referral(
                child=child,
                pathway="autism",
                referred_on=date(2025, 1, 6),
                source="school",
                by=user,
                today=TODAY,
            )

"""The disabled children's register (issue 18, area 5): who records on it, records kept
and corrected by superseding, every write audited, and the KPIs counted from it and from
the social care assessments offered on cases."""

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework.actions.social_care import record_social_care_offer
from senda.casework.models import CaseEvent, SocialCareOffer
from senda.casework.social_care import steps_and_offers
from senda.kernel import ActionError
from senda.pathways.disabled import actions, measures
from senda.pathways.disabled.access import register_membership
from senda.pathways.disabled.models import RegisterRecord
from senda.pathways.disabled.summary import find_child, rows
from senda.people.models import AdviceTeam
from tests.factories import make_advice_team, make_case, make_child, make_la, make_user

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 30)
Q = (date(2026, 4, 1), date(2026, 6, 30))


def social_worker(la):
    team = make_advice_team(la, discipline=AdviceTeam.Discipline.SOCIAL_CARE)
    user = make_user("advice_giver", la)
    team.members.add(user)
    return user


def test_only_the_service_manager_and_social_care_staff_may_record():
    la = make_la()
    health = make_advice_team(la)
    clinician = make_user("advice_giver", la)
    health.members.add(clinician)
    assert register_membership(make_user("service_manager", la)) is not None
    assert register_membership(social_worker(la)) is not None
    for user in (
        clinician,
        make_user("case_officer", la),
        make_user("team_manager", la),
        make_user("board_member", la),
        make_user("qa_auditor", la),
    ):
        assert register_membership(user) is None
        with pytest.raises(ActionError):
            actions.add_child(child=make_child(la), referred_on=TODAY, by=user, today=TODAY)
    other = make_user("service_manager", make_la())
    with pytest.raises(ActionError):
        actions.add_child(child=make_child(la), referred_on=TODAY, by=other, today=TODAY)


def test_records_are_appended_and_corrections_supersede_them():
    la = make_la()
    worker = social_worker(la)
    child = make_child(la, nhs_number="9434765919")
    assert find_child(la.pk, "943 476 5919", child.date_of_birth) == child
    assert find_child(la.pk, "9434765919", date(2001, 1, 1)) is None
    entry = actions.add_child(
        child=child,
        referred_on=date(2026, 4, 2),
        decision="accepted",
        decided_on=date(2026, 4, 20),
        by=worker,
        today=TODAY,
    )
    with pytest.raises(ActionError) as refused:
        actions.add_child(child=child, referred_on=TODAY, by=worker, today=TODAY)
    assert refused.value.field == "child"
    with pytest.raises(ActionError) as refused:
        actions.record(entry=entry, kind="short_break", starts_on=TODAY, by=worker, today=TODAY)
    assert refused.value.field == "route"
    short = actions.record(
        entry=entry,
        kind="short_break",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 1),
        route="local_offer",
        break_type="day",
        provider="Saturday club",
        by=worker,
        today=TODAY,
    )
    fixed = actions.correct_record(
        record=short, why="Typed the wrong day", starts_on=date(2026, 5, 2), ends_on=None,
        by=worker, today=TODAY,
    )  # fmt: skip
    assert fixed.replaces == short and fixed.route == "local_offer"
    with pytest.raises(ActionError):
        actions.correct_record(record=short, why="again", starts_on=TODAY, by=worker, today=TODAY)
    status = actions.record(
        entry=entry, kind="status", status="lac", starts_on=date(2026, 6, 1), by=worker,
        today=TODAY,
    )  # fmt: skip
    actions.withdraw_record(record=status, why="Another child's", by=worker, today=TODAY)
    current = list(RegisterRecord.objects.current().filter(entry=entry))
    assert sorted(r.kind for r in current) == ["referral", "short_break"]
    assert RegisterRecord.objects.filter(entry=entry).count() == 5  # all kept
    assert AuditEntry.objects.filter(verb="write", child_id=child.pk).count() == 5
    [row] = rows(la.pk, TODAY)
    assert row.breaks == 1 and row.local_offer == 1 and row.statuses == []


def test_the_register_measures_count_the_current_records_of_the_period():
    la = make_la()
    worker = social_worker(la)
    entries = [
        actions.add_child(
            child=make_child(la),
            referred_on=date(2026, 3, 1),
            decision="accepted" if n else "not_accepted",
            decided_on=date(2026, 4, 10),
            by=worker,
            today=TODAY,
        )
        for n in range(3)
    ]
    for entry, route in zip(entries, ("local_offer", "local_offer", "assessed"), strict=True):
        actions.record(entry=entry, kind="short_break", route=route, break_type="overnight",
                       starts_on=date(2026, 5, 5), by=worker, today=TODAY)  # fmt: skip
    actions.record(entry=entries[0], kind="short_break", route="assessed", break_type="day",
                   starts_on=date(2026, 3, 5), by=worker, today=TODAY)  # fmt: skip
    actions.record(entry=entries[1], kind="complaint", starts_on=date(2026, 6, 1), by=worker,
                   today=TODAY)  # fmt: skip
    for on in (date(2026, 5, 1), date(2026, 6, 1)):  # one child, twice: counted once
        actions.record(entry=entries[2], kind="status", status="lac", starts_on=on,
                       ends_on=on, by=worker, today=TODAY)  # fmt: skip

    def found(name):
        return measures.count(name, la, *Q, TODAY)

    local = found("short-breaks-local-offer")
    assert (local.numerator, local.denominator, local.of) == (2, 3, "register")
    assert found("short-breaks-assessed").numerator == 1
    assert found("disabled-children-referrals-accepted").numerator == 2
    assert found("short-break-complaints").counted == (entries[1].pk,)
    assert found("disabled-children-looked-after").counted == (entries[2].pk,)


def test_a_social_care_assessment_is_offered_with_each_plan_and_review():
    la = make_la()
    officer = make_user("case_officer", la)
    case = make_case(la=la, officer=officer)
    plan = CaseEvent.objects.create(
        case=case, type="final_plan_issued", on=date(2026, 4, 20), recorded_by=officer
    )
    review = CaseEvent.objects.create(
        case=case, type="review_meeting", on=date(2026, 5, 20), recorded_by=officer
    )
    with pytest.raises(ActionError) as refused:
        record_social_care_offer(case=case, event=plan, offered_on=None, answer="accepted",
                                 by=officer, today=TODAY)  # fmt: skip
    assert refused.value.field == "offered_on"
    with pytest.raises(ActionError):  # not a casework writer
        record_social_care_offer(case=case, event=plan, offered_on=TODAY, answer="awaited",
                                 by=make_user("qa_auditor", la), today=TODAY)  # fmt: skip
    first = record_social_care_offer(case=case, event=plan, offered_on=date(2026, 4, 20),
                                     answer="awaited", by=officer, today=TODAY)  # fmt: skip
    answer = record_social_care_offer(case=case, event=plan, offered_on=date(2026, 4, 20),
                                      answer="declined", answered_on=date(2026, 5, 1),
                                      by=officer, today=TODAY)  # fmt: skip
    assert answer.replaces == first and SocialCareOffer.objects.count() == 2
    assert steps_and_offers(case) == [(review, None), (plan, answer)]
    found = measures.count("social-care-assessment-offered", la, *Q, TODAY)
    assert (found.counted, found.missed, found.of) == ((case.pk,), (case.pk,), "case")


def test_social_care_advice_quality_counts_the_social_care_moderations_alone():
    from senda.quality import measures as quality
    from tests.quality.factories import make_advice_moderation

    la = make_la()
    social = make_advice_team(la, discipline=AdviceTeam.Discipline.SOCIAL_CARE)
    on = date(2026, 5, 1)
    good = make_advice_moderation(la, team=social, moderated_on=on, meets_criteria=True)
    poor = make_advice_moderation(la, team=social, moderated_on=on, meets_criteria=False)
    make_advice_moderation(la, moderated_on=on, meets_criteria=True)  # health: left out
    found = quality.count("social-care-advice-quality", la, *Q, TODAY)
    assert (found.counted, found.missed) == ((good.case_id,), (poor.case_id,))

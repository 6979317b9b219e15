"""Who in a family sees and acts on a child's record (``people.families``, ADR 0018),
through the pages: the case list and case page answer what ``family_children`` says."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.kernel import ActionError
from senda.people import family_actions
from senda.people.access import access_list
from senda.people.families import family_access, family_children, may_act
from senda.people.models import CapacityDecision, Delegation, FamilyContact
from senda.web.access import visible_cases
from tests.factories import make_case, make_child, make_family_user, make_la, make_user

pytestmark = pytest.mark.django_db

#: 16 on 15 March 2026: compulsory school age ends Friday 26 June 2026.
BORN = date(2010, 3, 15)
TRANSFER = date(2026, 6, 27)
BEFORE = date(2026, 6, 26)


@pytest.fixture
def family():
    la = make_la()
    child = make_child(la, date_of_birth=BORN)
    case = make_case(child)
    parent = make_family_user(child)
    young = make_family_user(child, young_person=True)
    officer = make_user("case_officer", la)
    return child, case, parent, young, officer


def contact_of(user):
    return FamilyContact.objects.get(user=user)


def test_a_parent_sees_and_acts_until_the_transfer_date(family, today_is, client):
    child, case, parent, _, _ = family
    today_is(BEFORE)
    assert list(family_children(parent, BEFORE)) == [child]
    assert may_act(parent, child, BEFORE)
    client.force_login(parent)
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 200
    today_is(TRANSFER)
    assert list(visible_cases(parent)) == []
    assert not may_act(parent, child, TRANSFER)
    client.force_login(parent)  # a new day, a new session
    assert client.get(reverse("web:case-detail", args=[case.pk])).status_code == 404


def test_the_young_person_sees_their_own_record_from_the_transfer_date(family, today_is, client):
    child, case, _, young, _ = family
    assert family_access(young, child, BEFORE) is None
    today_is(TRANSFER)
    assert list(visible_cases(young)) == [case]
    assert may_act(young, child, TRANSFER)
    client.force_login(young)
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 200
    assert client.get(reverse("web:case-list")).url == reverse("web:family-home")


def test_a_delegation_lets_the_parent_see_then_act_until_withdrawn(family, today_is):
    child, case, parent, young, _ = family
    today_is(TRANSFER)
    granted = family_actions.grant_delegation(
        child=child, contact=contact_of(parent), scope="see", by=young
    )
    assert list(visible_cases(parent)) == [case]
    assert not may_act(parent, child, TRANSFER)
    family_actions.grant_delegation(child=child, contact=contact_of(parent), scope="act", by=young)
    assert may_act(parent, child, TRANSFER)
    granted.refresh_from_db()
    assert granted.withdrawn_on == TRANSFER  # replaced, kept as history
    current = Delegation.objects.get(withdrawn_on__isnull=True)
    family_actions.withdraw_delegation(delegation=current, by=young)
    assert list(visible_cases(parent)) == []
    ended = [e for e in access_list(child, TRANSFER) if e.until == TRANSFER]
    assert len(ended) == 2


def test_only_the_young_person_grants(family, today_is):
    child, _, parent, young, _ = family
    today_is(TRANSFER)
    with pytest.raises(ActionError):
        family_actions.grant_delegation(
            child=child, contact=contact_of(parent), scope="act", by=parent
        )
    with pytest.raises(ActionError):
        family_actions.grant_delegation(
            child=child, contact=contact_of(young), scope="act", by=young
        )


def test_the_alternative_person_acts_when_the_young_person_lacks_capacity(family, today_is):
    child, case, parent, young, officer = family
    today_is(TRANSFER)
    with pytest.raises(ActionError) as refused:
        family_actions.record_capacity_decision(
            child=child,
            decision="all",
            assessed_on=TRANSFER,
            assessed_by="Dr A, psychologist",
            outcome="lacks",
            by=officer,
        )
    assert refused.value.field == "alternative_person"
    family_actions.record_capacity_decision(
        child=child,
        decision="all",
        assessed_on=TRANSFER,
        assessed_by="Dr A, psychologist",
        outcome="lacks",
        alternative_person=contact_of(parent),
        basis=CapacityDecision.Basis.PARENT,
        by=officer,
    )
    assert may_act(parent, child, TRANSFER)
    assert list(visible_cases(parent)) == [case]
    assert not may_act(young, child, TRANSFER)  # still sees their own record
    assert list(visible_cases(young)) == [case]
    why = [e.why for e in access_list(child, TRANSFER) if e.who == contact_of(parent).name]
    assert "Schedule 3" in why[0]


def test_the_alternative_person_for_one_decision_sees_and_acts_only_on_it(family, today_is):
    child, case, parent, young, officer = family
    today_is(TRANSFER)
    family_actions.record_capacity_decision(
        child=child,
        decision="appeal",
        assessed_on=TRANSFER,
        assessed_by="Dr A",
        outcome="lacks",
        alternative_person=contact_of(parent),
        basis="deputy",
        by=officer,
    )
    assert list(visible_cases(parent)) == [case]
    assert may_act(parent, child, TRANSFER, "appeal")
    assert not may_act(parent, child, TRANSFER, "school")
    assert may_act(young, child, TRANSFER, "school")
    assert not may_act(young, child, TRANSFER, "appeal")
    # A later assessment finding capacity supersedes it.
    family_actions.record_capacity_decision(
        child=child,
        decision="appeal",
        assessed_on=TRANSFER,
        assessed_by="Dr B",
        outcome="has",
        by=officer,
    )
    assert list(visible_cases(parent)) == []


def test_only_officers_record_capacity(family, today_is):
    child, _, parent, young, _ = family
    today_is(TRANSFER)
    for who in (parent, young, make_user("qa_auditor", child.la)):
        with pytest.raises(ActionError):
            family_actions.record_capacity_decision(
                child=child,
                decision="all",
                assessed_on=TRANSFER,
                assessed_by="X",
                outcome="has",
                by=who,
            )


def test_a_contact_without_parental_responsibility_sees_but_does_not_act(today_is, client):
    child = make_child(make_la())
    case = make_case(child)
    step = make_family_user(child, parental_responsibility=False, relationship="grandmother")
    today_is(date(2026, 1, 10))
    assert list(visible_cases(step)) == [case]
    assert not may_act(step, child, date(2026, 1, 10))
    client.force_login(step)
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 200


def test_another_familys_child_is_not_visible(family, today_is, client):
    child, case, parent, _, _ = family
    other = make_case(make_child(child.la))
    today_is(BEFORE)
    assert list(visible_cases(parent)) == [case]
    client.force_login(parent)
    assert client.get(reverse("web:case-detail", args=[other.pk])).status_code == 404


def test_a_delegation_to_someone_else_gives_no_one_else_sight(family, today_is):
    child, _, parent, young, _ = family
    other_parent = make_family_user(child, relationship="father")
    today_is(TRANSFER)
    family_actions.grant_delegation(
        child=child, contact=contact_of(other_parent), scope="see", by=young
    )
    assert family_access(other_parent, child, TRANSFER) is not None
    assert family_access(parent, child, TRANSFER) is None


def test_a_capacity_decision_counts_from_its_assessment_date(family, today_is):
    child, _, parent, young, officer = family
    today_is(date(2026, 9, 1))
    family_actions.record_capacity_decision(
        child=child,
        decision="all",
        assessed_on=date(2026, 8, 1),
        assessed_by="Dr A",
        outcome="lacks",
        alternative_person=contact_of(parent),
        basis="parent",
        by=officer,
    )
    assert may_act(parent, child, date(2026, 8, 1))
    assert family_access(parent, child, date(2026, 7, 31)) is None
    assert may_act(young, child, date(2026, 7, 31))

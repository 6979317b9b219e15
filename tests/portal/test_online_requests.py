"""Online requests for an EHC needs assessment (issue 14, "when a request is made online"):
a parent or young person asks without signing in; the officer checks who they are and
accepts (the request goes on a case on the day it arrived, the clock's 6 weeks run, the
family account invitation follows the usual rules) or rejects with a reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from senda.audit.models import AuditEntry
from senda.casework.actions import record_request_received
from senda.casework.models import AssessmentRequest, Case, CaseEvent
from senda.kernel import ActionError
from senda.people.families import family_children
from senda.people.models import Child, FamilyContact, Membership, Role
from senda.portal import invitations
from senda.portal import online_requests as online
from senda.portal.models import Invitation, Message, OnlineRequest
from senda.web.access import visible_cases
from tests.factories import make_case, make_child, make_la, make_setting, make_user

pytestmark = pytest.mark.django_db

SENT_ON = date(2026, 3, 2)
DECIDE_BY = date(2026, 4, 13)  # 6 weeks from Monday 2 March 2026 (reg 5(1))
CHECKED_ON = date(2026, 3, 9)
STRONG = "a long enough pass phrase 42"


@pytest.fixture
def la():
    return make_la()


@pytest.fixture
def officer(la):
    return make_user("case_officer", la)


def submit(la, today_is, **fields: Any) -> OnlineRequest:
    today_is(fields.pop("on", SENT_ON))
    values: dict[str, Any] = {
        "who": "parent",
        "requester_name": "Mo Parent",
        "relationship": "mother",
        "email": "Mo@Example.org",
        "given_name": "Sam",
        "family_name": "Example",
        "date_of_birth": date(2016, 5, 4),
        "needs": "Sam finds reading hard and is often upset at school.",
        "consent_to_share": True,
        "wants_account": True,
        "sender": "203.0.113.7",
    }
    return online.submit_online_request(la=la, **(values | fields))


def token_of(message: Message) -> str:
    return message.personalisation["link"].rstrip("/").rsplit("/", 1)[-1]


def test_it_takes_a_parents_request_and_tells_them_the_decision_date(la, today_is):
    found = submit(la, today_is)
    assert found.status == "received" and found.received_on == SENT_ON
    assert found.email == "mo@example.org" and found.reference.startswith("A-")
    assert online.decide_by(found) == DECIDE_BY
    message = Message.objects.get()
    assert message.template == "online_request_received"
    assert message.personalisation["decide_by"] == "13 April 2026"
    assert message.personalisation["reference"] == found.reference
    assert "Sam" not in str(message.personalisation)
    entry = AuditEntry.objects.get(object_type="portal.OnlineRequest")
    assert entry.summary == f"online request {found.pk}: received" and entry.la_id == la.pk
    assert not Case.objects.exists() and not Child.objects.exists()  # no case by itself


def test_the_journey_parent_asks_officer_accepts_parent_sees_their_child_only(
    la, officer, today_is, client
):
    found = submit(la, today_is)
    other = make_case(make_child(la))  # another child of the area: not theirs
    today_is(CHECKED_ON)
    done = online.accept_online_request(request=found, by=officer, checked=True)
    found.refresh_from_db()
    assert found.status == "accepted" and found.identity_checked
    assert done.no_account == ""
    child = found.child
    assert (child.given_name, child.family_name, child.date_of_birth) == (
        "Sam",
        "Example",
        date(2016, 5, 4),
    )
    case = found.case
    assert case.child == child and case.opened_on == SENT_ON and case.is_open
    request = AssessmentRequest.objects.get(case=case)
    assert request.received_on == SENT_ON
    assert request.source == AssessmentRequest.Source.PARENT_OR_YOUNG_PERSON
    event = CaseEvent.objects.get(case=case)
    assert (event.type, event.on, event.recorded_by) == ("request_received", SENT_ON, officer)
    assert case.deadlines.get(rule="assess-decision").due == DECIDE_BY
    contact = found.contact
    assert contact.parental_responsibility and not contact.is_young_person
    assert (contact.name, contact.email, contact.relationship) == (
        "Mo Parent",
        "mo@example.org",
        "mother",
    )
    invitation = found.invitation
    assert invitation.contact == contact and invitation.email == "mo@example.org"
    sent = Message.objects.get(template="family_invitation")
    assert Message.objects.filter(template="online_request_accepted").count() == 1
    account = invitations.accept(token=token_of(sent), password=STRONG)
    assert Membership.objects.get(user=account).role == Role.PARENT
    assert list(family_children(account, CHECKED_ON)) == [child]
    assert list(visible_cases(account)) == [case]
    assert other not in visible_cases(account)
    summaries = " ".join(AuditEntry.objects.values_list("summary", flat=True))
    assert "Sam" not in summaries and "Example" not in summaries and "Mo" not in summaries


def test_it_puts_the_request_on_the_matched_childs_open_case(la, officer, today_is):
    child = make_child(la, given_name="Sam", family_name="Example", date_of_birth=date(2016, 5, 4))
    case = make_case(child)
    found = submit(la, today_is, wants_account=False)
    assert list(online.possible_children(found)) == [child]
    today_is(CHECKED_ON)
    online.accept_online_request(request=found, by=officer, checked=True, child=child)
    found.refresh_from_db()
    assert found.case == case and found.invitation is None
    assert Child.objects.count() == 1 and Case.objects.count() == 1
    assert case.events.get().on == SENT_ON
    assert not Invitation.objects.exists()


def test_a_young_person_asks_for_themselves_and_gets_their_own_account(la, officer, today_is):
    found = submit(
        la,
        today_is,
        who="young_person",
        requester_name="Alex Young",
        relationship="",
        email="alex@example.org",
        given_name="Alex",
        family_name="Young",
        date_of_birth=date(2008, 1, 10),  # the rights passed on 29 June 2024
    )
    assert found.relationship == "self"
    today_is(CHECKED_ON)
    online.accept_online_request(request=found, by=officer, checked=True)
    found.refresh_from_db()
    contact = found.contact
    assert contact.is_young_person and not contact.parental_responsibility
    assert contact.relationship == "self"
    sent = Message.objects.get(template="family_invitation")
    account = invitations.accept(token=token_of(sent), password=STRONG)
    assert Membership.objects.get(user=account).role == Role.YOUNG_PERSON
    assert list(family_children(account, CHECKED_ON)) == [found.child]


def test_a_young_person_cannot_ask_before_the_rights_pass_to_them(la, today_is):
    with pytest.raises(ActionError) as raised:
        submit(la, today_is, who="young_person", date_of_birth=date(2011, 1, 10))
    assert raised.value.field == "who"
    assert "26 June 2027" in raised.value.message  # the last Friday in June 2027, plus 1
    assert not OnlineRequest.objects.exists()


def test_a_parent_of_a_young_person_gets_no_account_without_their_agreement(la, officer, today_is):
    found = submit(la, today_is, date_of_birth=date(2008, 1, 10))
    today_is(CHECKED_ON)
    done = online.accept_online_request(request=found, by=officer, checked=True)
    assert "The rights passed to the young person" in done.no_account
    found.refresh_from_db()
    assert found.status == "accepted" and found.invitation is None
    assert not Invitation.objects.exists()
    assert Message.objects.filter(template="online_request_accepted").count() == 1


def test_it_refuses_to_accept_until_the_officer_has_checked(la, officer, today_is):
    found = submit(la, today_is)
    with pytest.raises(ActionError) as raised:
        online.accept_online_request(request=found, by=officer, checked=False)
    assert raised.value.field == "checked"
    found.refresh_from_db()
    assert found.status == "received"
    assert not Child.objects.exists() and not FamilyContact.objects.exists()


def test_it_refuses_staff_of_another_area_and_other_roles(la, today_is):
    found = submit(la, today_is)
    for user in (make_user("case_officer", make_la()), make_user("qa_auditor", la)):
        with pytest.raises(ActionError):
            online.accept_online_request(request=found, by=user, checked=True)
        with pytest.raises(ActionError):
            online.reject_online_request(request=found, reason="duplicate", by=user)
    found.refresh_from_db()
    assert found.status == "received"


def test_it_refuses_a_child_of_another_area(la, officer, today_is):
    found = submit(la, today_is)
    stranger = make_child(make_la())
    with pytest.raises(ActionError) as raised:
        online.accept_online_request(request=found, by=officer, checked=True, child=stranger)
    assert raised.value.field == "child"


def test_it_rejects_with_a_reason_and_tells_the_family(la, officer, today_is):
    found = submit(la, today_is)
    today_is(CHECKED_ON)
    online.reject_online_request(request=found, reason="duplicate", by=officer, note="Case 12")
    found.refresh_from_db()
    assert (found.status, found.reason, found.reason_note) == ("rejected", "duplicate", "Case 12")
    assert found.decided_by == officer and found.case is None
    message = Message.objects.get(template="online_request_rejected")
    assert message.personalisation["reason"] == "we have this request already"
    assert "Case 12" not in str(message.personalisation)  # the note stays with the council
    assert not Case.objects.exists()
    with pytest.raises(ActionError):
        online.accept_online_request(request=found, by=officer, checked=True)
    assert OnlineRequest.objects.filter(pk=found.pk).exists()  # kept


def test_another_reason_needs_a_note(la, officer, today_is):
    found = submit(la, today_is)
    with pytest.raises(ActionError) as raised:
        online.reject_online_request(request=found, reason="other", by=officer)
    assert raised.value.field == "note"


def test_it_lists_waiting_requests_oldest_first(la, officer, today_is):
    later = submit(la, today_is, on=date(2026, 3, 4))
    first = submit(la, today_is, on=date(2026, 3, 2))
    submit(make_la(), today_is)
    assert list(online.waiting(la.pk)) == [first, later]
    online.reject_online_request(request=later, reason="duplicate", by=officer)
    assert list(online.waiting(la.pk)) == [first]
    assert list(online.decided(la.pk)) == [later]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"date_of_birth": date(2026, 3, 3)}, "date_of_birth"),  # tomorrow
        ({"date_of_birth": date(2001, 3, 2)}, "date_of_birth"),  # 25 today
        ({"email": "not an email"}, "email"),
        ({"email": ""}, "email"),
        ({"needs": "   "}, "needs"),
        ({"needs": "x" * 5001}, "needs"),
        ({"given_name": "x" * 101}, "given_name"),
        ({"who": "neighbour"}, "who"),
    ],
)
def test_it_refuses_bad_answers(la, today_is, fields, field):
    with pytest.raises(ActionError) as raised:
        submit(la, today_is, **fields)
    assert raised.value.field == field
    assert not OnlineRequest.objects.exists()


def test_it_takes_at_most_five_a_day_from_one_address(la, today_is):
    for _ in range(online.PER_SENDER_PER_DAY):
        submit(la, today_is)
    with pytest.raises(ActionError) as raised:
        submit(la, today_is)
    assert "try again tomorrow" in raised.value.message
    submit(la, today_is, sender="198.51.100.1")  # another address is still heard
    assert OnlineRequest.objects.count() == online.PER_SENDER_PER_DAY + 1
    assert "203.0.113.7" not in set(OnlineRequest.objects.values_list("sender", flat=True))


def test_a_case_part_way_through_an_assessment_refuses_and_nothing_is_written(
    la, officer, today_is
):
    child = make_child(la, given_name="Sam", family_name="Example", date_of_birth=date(2016, 5, 4))
    case = make_case(child)
    record_request_received(case=case, on=date(2026, 2, 2), source=2, by=officer, today=SENT_ON)
    found = submit(la, today_is)
    today_is(CHECKED_ON)
    with pytest.raises(ActionError):
        online.accept_online_request(request=found, by=officer, checked=True, child=child)
    found.refresh_from_db()
    assert found.status == "received"
    assert case.events.count() == 1 and not FamilyContact.objects.exists()
    assert not Invitation.objects.exists()


def test_a_case_officer_accepting_holds_the_new_case(la, officer, today_is):
    """Walk 10: an accepted request left the new case with no officer."""
    found = submit(la, today_is, wants_account=False)
    assert online.takes_the_case(officer, la.pk)
    today_is(CHECKED_ON)
    online.accept_online_request(request=found, by=officer, checked=True)
    found.refresh_from_db()
    assert found.case.officer == officer
    assert found.case in visible_cases(officer)


def test_a_managers_acceptance_leaves_the_new_case_for_allocation(la, today_is):
    manager = make_user("team_manager", la)
    found = submit(la, today_is, wants_account=False)
    assert not online.takes_the_case(manager, la.pk)
    today_is(CHECKED_ON)
    online.accept_online_request(request=found, by=manager, checked=True)
    found.refresh_from_db()
    assert found.case.officer is None


def test_an_existing_open_case_keeps_its_officer(la, officer, today_is):
    child = make_child(la, given_name="Sam", family_name="Example", date_of_birth=date(2016, 5, 4))
    holder = make_user("case_officer", la)
    case = make_case(child, officer=holder)
    found = submit(la, today_is, wants_account=False)
    today_is(CHECKED_ON)
    online.accept_online_request(request=found, by=officer, checked=True, child=child)
    case.refresh_from_db()
    assert case.officer == holder


def test_the_typed_school_is_matched_to_the_areas_setting_by_name(la, officer, today_is):
    seaview = make_setting(la, name="Seaview Primary School")
    make_setting(make_la(), name="Seaview Primary School")  # another area's: never chosen
    found = submit(la, today_is, wants_account=False, school="  seaview primary  SCHOOL ")
    assert online.matching_setting(found) == seaview
    today_is(CHECKED_ON)
    online.accept_online_request(request=found, by=officer, checked=True)
    found.refresh_from_db()
    assert found.child.setting == seaview


def test_an_unmatched_school_sets_no_setting_unless_the_officer_chooses_one(la, officer, today_is):
    harbour = make_setting(la, name="Harbour Academy")
    found = submit(la, today_is, wants_account=False, school="Harbour Acad.")
    assert online.matching_setting(found) is None
    today_is(CHECKED_ON)
    online.accept_online_request(request=found, by=officer, checked=True)
    found.refresh_from_db()
    assert found.child.setting is None
    chosen = submit(la, today_is, wants_account=False, school="Harbour Acad.", given_name="Al")
    today_is(CHECKED_ON)
    online.accept_online_request(
        request=chosen, by=officer, checked=True, setting=harbour, match_school=False
    )
    chosen.refresh_from_db()
    assert chosen.child.setting == harbour
    elsewhere = make_setting(make_la())
    third = submit(la, today_is, wants_account=False, given_name="Bo")
    today_is(CHECKED_ON)
    with pytest.raises(ActionError) as refused:
        online.accept_online_request(request=third, by=officer, checked=True, setting=elsewhere)
    assert refused.value.field == "setting"

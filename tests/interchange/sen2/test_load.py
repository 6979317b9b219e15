"""Moving in: a SEN2 return's persons built into a local area's children, cases, steps and
records (``senda.interchange.sen2.load``), matched not duplicated, all or nothing, and the
same file twice changing nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied

from senda.audit.models import AuditEntry
from senda.casework.models import (
    AssessmentRequest,
    Case,
    CaseEvent,
    DeadlineRow,
    NamedSetting,
    Placement,
    Plan,
    Review,
)
from senda.interchange.models import ImportedPerson, Sen2Run
from senda.interchange.sen2.findings import Finding, Unreadable
from senda.interchange.sen2.load import NothingImported, load_persons, summary
from senda.interchange.sen2.records import Person, Request
from senda.people.models import Child
from tests.factories import make_child, make_la, make_setting, make_user
from tests.interchange.sen2 import returns
from tests.interchange.sen2.returns import TODAY, header

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    la = make_la()
    urns = [make_setting(la).urn, make_setting(la).urn]
    return la, make_user("service_manager", la), urns


def load(la, user, persons, findings=None, head=None):
    return load_persons(
        la,
        header(la.code, **(head or {})),
        [(p, (findings or {}).get(p.position, [])) for p in persons],
        user=user,
        today=TODAY,
        file_name="return.xml",
        sha256="ab" * 32,
    )


def events(child: Child) -> list[tuple[str, date, str]]:
    return [
        (e.type, e.on, e.outcome)
        for e in CaseEvent.objects.filter(case__child=child).order_by("on", "id")
    ]


def test_a_new_plan_becomes_a_child_a_case_its_steps_and_records(area):
    la, user, urns = area
    run = load(la, user, [returns.new_plan(la.code, urns[0])])

    child = Child.objects.get(la=la)
    assert (child.family_name, child.given_name, child.date_of_birth) == (
        "Okafor",
        "Ada",
        date(2015, 5, 4),
    )
    assert (child.sex, child.ethnicity, child.postcode) == ("F", "BAFR", "AB1 2CD")
    assert child.upn == returns.upn(la.code, 1)
    assert (child.primary_need, child.secondary_need) == ("ASD", "SLCN")
    assert child.setting.urn == urns[0]
    assert events(child) == [
        ("request_received", date(2025, 2, 3), ""),
        ("assess_decision", date(2025, 3, 10), "assess"),
        ("issue_decision", date(2025, 6, 16), "issue"),
        ("final_plan_issued", date(2025, 6, 16), ""),
        ("review_meeting", date(2025, 11, 20), ""),
        ("review_decision", date(2025, 11, 27), "maintain"),
    ]
    assert {e.recorded_by for e in CaseEvent.objects.all()} == {user}
    case = Case.objects.get(child=child)
    assert case.is_open and case.opened_on == date(2025, 2, 3) and case.la == la
    request = AssessmentRequest.objects.get(case=case)
    assert (request.source, request.assess_outcome, request.issue_outcome) == (1, "assess", "issue")
    plan = Plan.objects.get(case=case)
    assert (plan.issued_on, plan.personal_budget, plan.direct_payments, plan.work_based) == (
        date(2025, 6, 16),
        True,
        False,
        None,
    )
    assert [n.setting.urn for n in NamedSetting.objects.filter(plan=plan)] == [urns[0]]
    review = Review.objects.get(plan=plan)
    assert (review.meeting_on, review.outcome, review.decided_on) == (
        date(2025, 11, 20),
        "maintain",
        date(2025, 11, 27),
    )
    placement = Placement.objects.get(case=case)
    assert (placement.setting.urn, placement.entered_on, placement.left_on) == (
        urns[0],
        date(2025, 9, 3),
        None,
    )
    # the deadlines and the summary are refreshed as an action does
    assert DeadlineRow.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.plan_started_on == date(2025, 6, 16)
    assert case.last_review_on is not None
    # the run and the audit
    assert run.kind == "import" and run.persons == 1 and run.census_date == returns.CENSUS
    assert run.outcome["created"] == [1] and run.outcome["written"]["events"] == 6
    assert ImportedPerson.objects.get(run=run).child == child
    entry = AuditEntry.objects.get(child_id=child.pk)
    assert entry.verb == "write" and "Okafor" not in entry.summary
    assert AuditEntry.objects.filter(summary__startswith=f"SEN2 import {run.pk}:").count() == 1


def test_each_kind_of_history(area):
    la, user, urns = area
    run = load(la, user, returns.every_kind(la.code, urns))
    assert run.outcome["created"] == [1, 2, 3, 4, 5, 6]
    by_name = {c.family_name: c for c in Child.objects.filter(la=la)}

    refused = by_name["Brown"]
    assert events(refused) == [
        ("request_received", date(2025, 4, 1), ""),
        ("assess_decision", date(2025, 5, 12), "refuse"),
    ]
    assert not Case.objects.get(child=refused).is_open

    withdrawn = by_name["Clarke"]
    assert events(withdrawn) == [("request_received", date(2025, 7, 1), "")]
    request = AssessmentRequest.objects.get(case__child=withdrawn)
    assert request.assess_outcome == "withdrawn"
    assert not Case.objects.get(child=withdrawn).is_open
    assert (withdrawn.upn, withdrawn.upn_unknown) == ("", "UN1")

    moved = by_name["Dimitrov"]
    plan = Plan.objects.get(case__child=moved)
    assert (plan.issued_on, plan.transferred_in_on) == (None, date(2025, 10, 1))
    assert plan.transferred_from_la == "873"  # TransferLA
    assert ("transferred_in", date(2025, 10, 1), "") in events(moved)
    assert not any(t == "final_plan_issued" for t, _, _ in events(moved))
    assert NamedSetting.objects.get(plan=plan).setting_code == "OLA"
    # the request and its decisions were the other area's
    assert not AssessmentRequest.objects.filter(case__child=moved).exists()
    assert [t for t, _, _ in events(moved)] == ["transferred_in"]

    several = by_name["Fofana"]  # H: the decisions kept with stand-in dates, no steps
    request = AssessmentRequest.objects.get(case__child=several)
    assert (request.assess_outcome, request.assess_decided_on) == ("assess", date(2024, 1, 8))
    assert (request.issue_outcome, request.issue_decided_on) == ("issue", date(2024, 7, 1))
    assert not CaseEvent.objects.filter(
        case__child=several, type__in=["assess_decision", "issue_decision"]
    ).exists()

    ceased = by_name["Evans"]
    plan = Plan.objects.get(case__child=ceased)
    assert (plan.ceased_on, plan.cease_reason) == (date(2025, 7, 18), 3)
    event = CaseEvent.objects.get(case__child=ceased, type="plan_ceased")
    assert (event.on, event.cease_reason) == (date(2025, 7, 18), 3)
    assert not Case.objects.get(child=ceased).is_open
    assert ceased.uln == "9999999998"
    named = NamedSetting.objects.get(plan=plan)
    assert (named.setting_code, named.setting_other) == ("OTH", "Farm")

    several = by_name["Fofana"]
    placements = Placement.objects.filter(case__child=several).order_by("entered_on", "rank")
    assert [(p.setting.urn if p.setting else p.setting_code, p.left_on) for p in placements] == [
        (urns[0], date(2025, 7, 18)),
        (urns[1], None),
        ("OPA", None),
    ]
    assert placements[1].residential == "A" and placements[1].sen_unit
    assert Plan.objects.get(case__child=several).residential == "A"
    exception = CaseEvent.objects.get(case__child=several, type="exception")
    assert exception.ground == "personal-circumstances"
    decision = CaseEvent.objects.get(case__child=several, type="review_decision")
    assert (decision.on, decision.outcome) == (date(2025, 6, 20), "amend")
    assert (several.primary_need, several.secondary_need) == ("PD", "")


def test_a_child_in_senda_is_matched_by_upn_and_the_match_is_shown(area):
    la, user, urns = area
    person = returns.new_plan(la.code, urns[0])
    known = make_child(la, given_name="Adaeze", family_name="Okafor-Smith", upn=person.upn)
    known.primary_need = ""
    known.save()
    run = load(la, user, [person])
    assert Child.objects.filter(la=la).count() == 1
    known.refresh_from_db()
    assert known.given_name == "Adaeze"  # Senda's record wins where it has a value
    assert (known.primary_need, known.ethnicity) == ("ASD", "BAFR")  # blanks filled
    assert run.outcome["upn"] == [1] and run.outcome["created"] == []
    assert ImportedPerson.objects.get(run=run).how == "upn"
    assert "Matched by UPN: 1 (persons 1)" in "\n".join(summary(run))


def test_a_child_is_matched_by_name_and_birth_date_whatever_the_case(area):
    la, user, urns = area
    known = make_child(la, given_name="ADA", family_name="okafor", date_of_birth=date(2015, 5, 4))
    existing = Case.objects.create(la=la, child=known, opened_on=date(2025, 1, 1))
    run = load(la, user, [returns.new_plan(la.code, urns[0]), returns.refused(la.code)])
    assert run.outcome["name_dob"] == [1] and run.outcome["created"] == [2]
    known.refresh_from_db()
    assert known.upn == returns.upn(la.code, 1)
    assert Case.objects.filter(child=known).get() == existing  # the child's case is reused
    assert CaseEvent.objects.filter(case=existing).count() == 6
    assert "Matched by name and date of birth: 1 (persons 1)" in "\n".join(summary(run))


def test_a_step_already_recorded_is_not_recorded_again(area):
    la, user, _ = area
    person = returns.refused(la.code)
    known = make_child(la, upn=person.upn)
    case = Case.objects.create(la=la, child=known, opened_on=date(2025, 4, 1))
    CaseEvent.objects.create(
        case=case, type="request_received", on=date(2025, 4, 1), recorded_by=user
    )
    AssessmentRequest.objects.create(case=case, received_on=date(2025, 4, 1), source=2)
    load(la, user, [person])
    assert [t for t, _, _ in events(known)] == ["request_received", "assess_decision"]
    assert AssessmentRequest.objects.get(case=case).assess_outcome == "refuse"


def counts() -> dict[str, int]:
    skip = {Sen2Run, ImportedPerson, AuditEntry}
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m not in skip and not m._meta.proxy
    }


def test_importing_the_same_file_twice_changes_nothing(area):
    la, user, urns = area
    persons = returns.every_kind(la.code, urns)
    load(la, user, persons)
    before = counts()
    deadlines = list(DeadlineRow.objects.order_by("id").values_list("id", "due", "status"))
    second = load(la, user, persons)
    assert counts() == before
    assert list(DeadlineRow.objects.order_by("id").values_list("id", "due", "status")) == deadlines
    assert second.outcome["key"] == [1, 2, 3, 4, 5, 6]
    assert second.outcome["written"] == {}
    assert ImportedPerson.objects.filter(run=second, how="key").count() == 6
    assert "  Nothing new was written." in summary(second)


def test_a_person_changed_since_is_matched_by_upn_and_only_the_new_is_added(area):
    la, user, urns = area
    person = returns.new_plan(la.code, urns[0])
    load(la, user, [person])
    named = person.requests[0].assessment.named_plan
    ceased = replace(
        person,
        requests=(
            replace(
                person.requests[0],
                assessment=replace(
                    person.requests[0].assessment,
                    named_plan=replace(named, cease_date=date(2026, 1, 5), cease_reason=7),
                ),
            ),
        ),
    )
    run = load(la, user, [ceased])
    assert run.outcome["upn"] == [1]
    assert run.outcome["written"] == {"events": 1}
    assert Plan.objects.get().ceased_on == date(2026, 1, 5)


def test_one_bad_person_means_nothing_is_written_and_every_problem_is_listed(area):
    la, user, urns = area
    good = returns.new_plan(la.code, urns[0])
    bad = replace(
        returns.refused(la.code),
        position=2,
        requests=(
            Request(received_date=None, outcome="N", outcome_date=None),
            returns.several_placements(la.code, ["999999", urns[1]]).requests[0],
        ),
    )
    schema = Finding("CSV", "error", 3, "", "PersonBirthDate", "'x' is not a date.")
    third = replace(returns.withdrawn(la.code), position=3)
    with pytest.raises(NothingImported) as raised:
        load(la, user, [good, bad, third], findings={3: [schema]})
    problems = raised.value.problems
    who = f"Person 2 (UPN {bad.upn})"
    assert f"{who}: Requests[1]/ReceivedDate: a request needs its received date." in problems
    assert f"{who}: Requests[1]/RequestOutcomeDate: the decision (N) needs its date." in problems
    assert any(
        p.startswith(f"{who}: Requests[2]/ActivePlans/PlacementDetail[1]/URN: no setting")
        for p in problems
    )
    assert "Person 3 (UPN none): PersonBirthDate: 'x' is not a date. [CSV]" in problems
    assert not any(p.startswith("Person 1 ") for p in problems)
    assert Child.objects.count() == Case.objects.count() == CaseEvent.objects.count() == 0
    assert not Sen2Run.objects.exists()


def test_a_query_does_not_stop_the_import_and_is_kept(area):
    la, user, urns = area
    query = Finding("S900", "query", 1, "", "Postcode", "Check the postcode.")
    run = load(la, user, [returns.new_plan(la.code, urns[0])], findings={1: [query]})
    assert run.queries == 1 and run.findings[0]["rule"] == "S900"


def test_the_same_child_twice_in_a_file_is_a_problem(area):
    la, user, urns = area
    first = returns.new_plan(la.code, urns[0])
    again = replace(returns.refused(la.code), upn=first.upn, position=2)
    with pytest.raises(NothingImported) as raised:
        load(la, user, [first, again])
    assert any("is the same child as person 1" in p for p in raised.value.problems)


def test_two_children_with_the_name_and_birth_date_need_a_upn(area):
    la, user, urns = area
    for _ in range(2):
        make_child(la, given_name="Ada", family_name="Okafor", date_of_birth=date(2015, 5, 4))
    with pytest.raises(NothingImported) as raised:
        load(la, user, [replace(returns.new_plan(la.code, urns[0]), upn="", upn_unknown="UN2")])
    assert "2 children in Senda have this name and date of birth" in raised.value.problems[0]


@pytest.mark.parametrize(
    ("head", "says"),
    [
        ({"la": "999"}, "for local authority '999'"),
        ({"year": 2025}, "is not the year of its reference date"),
        ({"year": 2028, "reference_date": date(2028, 1, 20)}, "after the next January census"),
        ({"collection": "CIN"}, "not a SEN2 return"),
    ],
)
def test_another_areas_or_years_return_is_refused(area, head, says):
    la, user, urns = area
    with pytest.raises(Unreadable, match=says):
        load(la, user, [returns.new_plan(la.code, urns[0])], head=head)
    assert not Child.objects.exists()


def test_only_a_service_manager_of_the_area_may_import(area):
    la, _, urns = area
    for user in (make_user("case_officer", la), make_user("service_manager", make_la())):
        with pytest.raises(PermissionDenied):
            load(la, user, [returns.new_plan(la.code, urns[0])])


def test_values_senda_cannot_hold_are_problems(area):
    la, user, _ = area
    person = Person(
        surname="X" * 101,
        forename="",
        birth_date=None,
        sex="Q",
        upn_unknown="UN4",
        position=1,
    )
    with pytest.raises(NothingImported) as raised:
        load(la, user, [person])
    text = "\n".join(raised.value.problems)
    for element in ("Surname/Forename", "PersonBirthDate", "Surname:", "Sex", "UPNunknown"):
        assert element in text


def test_a_plan_older_than_the_records_is_a_plan_not_a_request(area):
    """Senda's export writes a plan with no request under a request of outcome H whose
    received date is the plan's start: that request is not recorded, the plan is."""
    la, user, urns = area
    person = returns.transferred_in(la.code, urns[0])
    request = person.requests[0]
    start = request.assessment.named_plan.start_date
    load(la, user, [replace(person, requests=(replace(request, received_date=start),))])
    assert not AssessmentRequest.objects.exists()
    plan = Plan.objects.get()
    assert plan.transferred_in_on == start and Placement.objects.filter(case=plan.case).exists()
    assert [t for t, _, _ in events(plan.case.child)] == ["transferred_in"]
    assert plan.case.is_open


@pytest.mark.parametrize(
    ("given", "kept"), [("873", "873"), (" 999 ", "999"), ("000", ""), ("Y", ""), ("8731", "")]
)
def test_transfer_la_is_kept_when_it_is_a_3_digit_number(area, given, kept):
    la, user, urns = area
    person = returns.transferred_in(la.code, urns[0])
    request = person.requests[0]
    active = replace(request.active_plan, transfer_la=given)
    load(la, user, [replace(person, requests=(replace(request, active_plan=active),))])
    plan = Plan.objects.get()
    assert (plan.transferred_in_on is not None, plan.transferred_from_la) == (True, kept)


def test_a_request_to_assess_with_no_assessment_yet_keeps_the_case_open(area):
    la, user, _ = area
    person = returns.refused(la.code)
    request = replace(person.requests[0], outcome="Y")
    load(la, user, [replace(person, requests=(request,))])
    assert Case.objects.get().is_open

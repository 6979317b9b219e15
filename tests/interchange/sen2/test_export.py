"""Who and what the SEN2 return made from Senda's records holds (export.persons_for)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senda.casework.models import (
    AssessmentRequest,
    Case,
    CaseEvent,
    NamedSetting,
    Placement,
    Plan,
    Review,
)
from senda.casework.models.disagreements import Appeal, Mediation
from senda.interchange.sen2 import aggregates, export
from senda.interchange.sen2.records import Person
from senda.people.models import Child, LocalAuthority
from tests.factories import make_case, make_child, make_la, make_setting, make_user

pytestmark = pytest.mark.django_db

CENSUS = date(2027, 1, 21)
TODAY = date(2027, 2, 1)


def request(case: Case, received: date, **fields: Any) -> AssessmentRequest:
    fields.setdefault("source", 1)
    return AssessmentRequest.objects.create(case=case, received_on=received, **fields)


def persons(la: LocalAuthority, **kwargs: Any) -> dict[str, Person]:
    return {p.surname: p for p in export.persons_for(la, CENSUS, today=TODAY, **kwargs)}


def child(la: LocalAuthority, name: str, **fields: Any) -> Case:
    return make_case(make_child(la, family_name=name, **fields))


def test_census_days() -> None:
    assert export.next_census(date(2025, 12, 1)) == date(2026, 1, 15)
    assert export.next_census(date(2026, 1, 15)) == date(2026, 1, 15)
    assert export.next_census(date(2026, 1, 16)) == date(2027, 1, 21)
    # Not announced: the third Thursday of January.
    assert export.next_census(date(2027, 6, 1)) == date(2028, 1, 20)
    assert export.census_day(2029) == date(2029, 1, 18)
    assert export.period(CENSUS) == (date(2026, 1, 1), date(2026, 12, 31))


def test_header() -> None:
    la = make_la(code="931")
    from datetime import datetime

    header = export.header_for(la, CENSUS, made_at=datetime(2027, 2, 1, 9, 30, 5, 123))
    assert (header.collection, header.year, header.la) == ("SEN2", 2027, "931")
    assert header.reference_date == CENSUS
    assert header.made_at == datetime(2027, 2, 1, 9, 30, 5)


def test_inclusion_rules_and_outcomes() -> None:
    la = make_la()
    school = make_setting(la, urn="123456")
    college = make_setting(la, urn="", ukprn="10012345")
    officer = make_user("case_officer", la)

    # Active at census: an old plan (request decided years ago: H), reviewed in the year.
    active = child(la, "Active", upn="A931000000001", secondary_need="SLCN")
    request(
        active,
        date(2019, 3, 1),
        assess_outcome="assess",
        assess_decided_on=date(2019, 4, 1),
        issue_outcome="issue",
        issue_decided_on=date(2019, 6, 1),
    )
    plan = Plan.objects.create(case=active, issued_on=date(2019, 7, 1))
    NamedSetting.objects.create(plan=plan, setting=school, recorded_on=date(2019, 7, 1))
    NamedSetting.objects.create(
        plan=plan,
        setting=school,
        recorded_on=date(2018, 7, 1),
        superseded_on=date(2019, 7, 1),
    )
    Review.objects.create(
        case=active,
        plan=plan,
        meeting_on=date(2026, 5, 4),
        outcome="amend",
        decided_on=date(2026, 5, 20),
    )
    # A draft amended plan after the review; a move to secondary planned for September.
    for kind, on, extra in (
        ("amendment_notice_issued", date(2026, 6, 1), {}),
        ("phase_transfer", date(2027, 9, 1), {"kind": "school"}),
        ("phase_transfer_plan_issued", date(2027, 1, 12), {}),
    ):
        CaseEvent.objects.create(case=active, type=kind, on=on, recorded_by=officer, **extra)
    # Two placements in the year, one left; one ended before the year (left out).
    Placement.objects.create(
        case=active,
        setting=school,
        entered_on=date(2019, 9, 1),
        left_on=date(2026, 7, 20),
        recorded_on=date(2019, 9, 1),
    )
    Placement.objects.create(
        case=active,
        setting=college,
        entered_on=date(2026, 9, 3),
        residential="A",
        recorded_on=date(2026, 9, 3),
    )
    Placement.objects.create(
        case=active,
        setting_code="OTH",
        setting_other="Tutor",
        entered_on=date(2018, 9, 3),
        left_on=date(2019, 7, 1),
        recorded_on=date(2018, 9, 3),
    )

    # Ceased in the year (reason 4): in, with its cease date and reason, no active plan.
    ceased = child(la, "Ceased", upn_unknown="UN2")
    request(ceased, date(2020, 1, 6), assess_outcome="assess", assess_decided_on=date(2020, 2, 1))
    Plan.objects.create(
        case=ceased, issued_on=date(2020, 5, 1), ceased_on=date(2026, 8, 31), cease_reason=4
    )

    # Refused in the year; mediation held and an appeal lodged about it.
    refused = child(la, "Refused")
    request(refused, date(2026, 2, 2), assess_outcome="refuse", assess_decided_on=date(2026, 3, 10))
    Mediation.objects.create(
        case=refused,
        decision_on=date(2026, 3, 10),
        issues=["refusal_to_assess"],
        meeting_on=date(2026, 4, 20),
        recorded_by=officer,
    )
    Appeal.objects.create(
        case=refused,
        decision_on=date(2026, 3, 10),
        grounds=["refusal_to_assess"],
        lodged_on=date(2026, 5, 1),
        recorded_by=officer,
    )

    # Withdrawn: received in the year, never decided, case closed.
    withdrawn = child(la, "Withdrawn")
    request(withdrawn, date(2026, 4, 1))
    Case.objects.filter(pk=withdrawn.pk).update(status=Case.Status.CLOSED)

    # Not yet decided at census (A), on an open case received before the year: ongoing.
    pending = child(la, "Pending")
    request(pending, date(2025, 12, 1))
    # Decided after the census: still A as of the census.
    late = child(la, "Late")
    request(late, date(2026, 11, 2), assess_outcome="assess", assess_decided_on=date(2027, 1, 25))

    # New plan in the year within 20 weeks, with an exception recorded (Week20).
    excepted = child(la, "Excepted")
    request(
        excepted,
        date(2026, 1, 12),
        assess_outcome="assess",
        assess_decided_on=date(2026, 2, 16),
        issue_outcome="issue",
        issue_decided_on=date(2026, 4, 20),
    )
    Plan.objects.create(case=excepted, issued_on=date(2026, 5, 18), personal_budget=True)
    CaseEvent.objects.create(
        case=excepted,
        type="exception",
        on=date(2026, 3, 2),
        ground="personal-circumstances",
        recorded_by=officer,
    )

    # Transferred in during the year: no request in Senda.
    moved = child(la, "Moved")
    Plan.objects.create(case=moved, transferred_in_on=date(2026, 10, 1))

    # Nothing in the period and no active plan: left out.
    old = child(la, "Old")
    request(old, date(2018, 1, 8), assess_outcome="refuse", assess_decided_on=date(2018, 2, 1))
    # Another area's child: left out.
    child(make_la(), "Elsewhere").requests.create(received_on=date(2026, 3, 3), source=2)

    rules: Counter[str] = Counter()
    found = persons(la, rules=rules)
    assert sorted(found) == sorted(
        ["Active", "Ceased", "Refused", "Withdrawn", "Pending", "Late", "Excepted", "Moved"]
    )

    p = found["Active"]
    assert p.upn == "A931000000001" and p.upn_unknown == ""
    (req,) = p.requests
    assert (req.outcome, req.outcome_date, req.received_date) == ("H", None, date(2019, 3, 1))
    assert req.assessment is not None and req.assessment.outcome == "H"
    named = req.assessment.named_plan
    assert named is not None and named.start_date == date(2019, 7, 1)
    assert [s.urn for s in named.named_settings] == ["123456"]  # the superseded one left out
    ap = req.active_plan
    assert ap is not None and ap.transfer_la == ""
    assert (ap.review_meeting, ap.review_outcome, ap.last_review) == (
        date(2026, 5, 4),
        "A",
        date(2026, 5, 20),
    )
    assert [(pl.urn, pl.ukprn, pl.leaving_date, pl.residential) for pl in ap.placements] == [
        ("123456", "", date(2026, 7, 20), ""),
        ("", "10012345", None, "A"),
    ]
    assert [(n.sen_type, n.rank) for n in ap.needs] == [("ASD", 1), ("SLCN", 2)]
    assert ap.review_draft == date(2026, 6, 1)
    assert (ap.phase_transfer_due, ap.phase_transfer_final) == (
        date(2027, 2, 15),
        date(2027, 1, 12),
    )

    (req,) = found["Ceased"].requests
    assert found["Ceased"].upn_unknown == "UN2"
    assert req.active_plan is None and req.assessment is not None
    assert req.assessment.named_plan is not None
    assert (req.assessment.named_plan.cease_date, req.assessment.named_plan.cease_reason) == (
        date(2026, 8, 31),
        4,
    )

    (req,) = found["Refused"].requests
    assert (req.outcome, req.outcome_date, req.assessment) == ("N", date(2026, 3, 10), None)
    assert req.mediation is True and req.tribunal is True

    (req,) = found["Withdrawn"].requests
    assert (req.outcome, req.outcome_date) == ("W", None)
    assert [r.outcome for r in found["Pending"].requests] == ["A"]
    assert [r.outcome for r in found["Late"].requests] == ["A"]

    (req,) = found["Excepted"].requests
    assert (req.outcome, req.outcome_date) == ("Y", date(2026, 2, 16))
    assert req.assessment is not None
    assert (req.assessment.outcome, req.assessment.outcome_date) == ("Y", date(2026, 5, 18))
    assert req.assessment.week20 is True
    assert req.assessment.named_plan is not None
    assert req.assessment.named_plan.personal_budget is True

    (req,) = found["Moved"].requests
    assert (req.outcome, req.received_date) == ("H", date(2026, 10, 1))  # stands in
    assert req.active_plan is not None and req.active_plan.transfer_la == export.TRANSFER_LA_UNKNOWN

    assert rules["active"] == 3  # Active, Excepted, Moved
    assert rules["withdrawn"] == 1 and rules["ongoing"] == 2
    assert rules["week20"] == 1 and rules["transfer_in"] == 1
    assert rules["historical"] >= 3  # Active, Ceased, Moved

    counts = aggregates.count(found.values(), census=CENSUS)
    assert counts["persons"] == 8
    assert counts["plans_active"] == 3
    assert counts["requests"] == 4  # Refused, Withdrawn, Late, Excepted (Pending: 2025)
    assert counts["refusals"] == 1 and counts["assessed"] == 1
    assert counts["plans_new"] == 1 and counts["plans_new_exceptions"] == 1
    assert counts["plans_new_ex"] == 0 and counts["plans_new_20w_all"] == 1
    assert counts["transfers_in"] == 1
    assert counts["plans_ceased"] == 1 and counts["ceased_reason_4"] == 1
    assert counts["reviews"] == 1 and counts["reviews_decided"] == 1
    assert counts["pending"] == 2 and counts["withdrawn"] == 1


def test_a_later_request_withdraws_an_undecided_one_and_assessments_can_be_withdrawn() -> None:
    la = make_la()
    case = child(la, "Twice")
    request(case, date(2026, 1, 5))
    request(
        case,
        date(2026, 3, 2),
        assess_outcome="assess",
        assess_decided_on=date(2026, 4, 1),
        issue_outcome="not-issue",
        issue_decided_on=date(2026, 6, 1),
    )
    closed = child(la, "Closed")
    request(closed, date(2026, 3, 2), assess_outcome="assess", assess_decided_on=date(2026, 4, 1))
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    found = persons(la)
    first, second = found["Twice"].requests
    assert first.outcome == "W"
    assert second.outcome == "Y" and second.assessment is not None
    assert (second.assessment.outcome, second.assessment.outcome_date) == ("N", date(2026, 6, 1))
    (req,) = found["Closed"].requests
    assert req.assessment is not None and req.assessment.outcome == "W"
    counts = aggregates.count(found.values(), census=CENSUS)
    assert counts["not_issued"] == 1 and counts["withdrawn"] == 2


def test_transfer_la_is_the_la_recorded_and_000_only_when_none_was() -> None:
    la = make_la()
    recorded = child(la, "Recorded")
    Plan.objects.create(
        case=recorded, transferred_in_on=date(2026, 10, 1), transferred_from_la="873"
    )
    unknown = child(la, "Unknown")  # recorded before Senda asked which LA
    Plan.objects.create(case=unknown, transferred_in_on=date(2026, 10, 1))
    earlier = child(la, "Earlier")  # transferred in before the period: no TransferLA
    Plan.objects.create(case=earlier, transferred_in_on=date(2024, 5, 1), transferred_from_la="873")
    Review.objects.create(
        case=earlier, plan=earlier.plans.get(), meeting_on=date(2026, 4, 1)
    )  # in the return for its review

    rules: Counter[str] = Counter()
    found = persons(la, rules=rules)
    transfer = {
        name: p.requests[0].active_plan.transfer_la  # type: ignore[union-attr]
        for name, p in found.items()
    }
    assert transfer == {"Recorded": "873", "Unknown": export.TRANSFER_LA_UNKNOWN, "Earlier": ""}
    assert rules["transfer_in"] == 2
    assert aggregates.count(found.values(), census=CENSUS)["transfers_in"] == 2


def test_no_secondary_need_and_a_placement_still_attended() -> None:
    la = make_la()
    case = child(la, "One", primary_need="SEMH")
    Plan.objects.create(case=case, issued_on=date(2024, 2, 1))
    Placement.objects.create(
        case=case, setting_code="EHE", entered_on=date(2024, 9, 1), recorded_on=date(2024, 9, 1)
    )
    (req,) = persons(la)["One"].requests
    assert req.active_plan is not None
    assert [(n.sen_type, n.rank) for n in req.active_plan.needs] == [("SEMH", 1)]
    assert [p.setting_code for p in req.active_plan.placements] == ["EHE"]


def test_export_costs_a_fixed_number_of_queries_per_chunk() -> None:
    la = make_la()
    school = make_setting(la)
    for i in range(30):
        case = make_case(make_child(la, family_name=f"C{i:02d}"))
        request(case, date(2026, 2, 2), assess_outcome="assess", assess_decided_on=date(2026, 3, 1))
        plan = Plan.objects.create(case=case, issued_on=date(2026, 6, 1))
        NamedSetting.objects.create(plan=plan, setting=school, recorded_on=date(2026, 6, 1))
        Placement.objects.create(
            case=case, setting=school, entered_on=date(2026, 6, 1), recorded_on=date(2026, 6, 1)
        )

    def queries(chunk: int) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as seen:
            n = sum(1 for _ in export.persons_for(la, CENSUS, today=TODAY, chunk=chunk))
        return n, len(seen.captured_queries)

    n30, one_chunk = queries(30)
    n10, three_chunks = queries(10)
    assert n30 == n10 == 30
    per_chunk = (three_chunks - one_chunk) // 2
    assert per_chunk <= 12
    assert one_chunk <= 2 + per_chunk  # the candidates, then one chunk's queries
    assert Child.objects.filter(la=la).count() == 30

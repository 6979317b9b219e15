"""The data-quality checks, each on hand-made records: one child that fails it, one that
passes, and one in another area or on a closed case that must not be listed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from senda.casework.models import Case, Plan
from senda.interchange import quality_checks
from senda.interchange.quality_checks import BY_ID, CHECKS, run
from senda.people.models import LocalAuthority
from tests.factories import make_case, make_child, make_la, make_setting, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)
VALID_UPN = "H926123456789"
VALID_ULN = "9999999998"
VALID_NHS = "9434765919"
#: Recorded fully: a valid UPN, both education flags, a setting-free nursery child.
CLEAN: dict[str, Any] = {
    "elective_home_education": False,
    "missing_education": False,
    "upn_unknown": "UN1",
}


def case(la: LocalAuthority, *, plan: bool = False, officer: bool = True, **child: Any) -> Case:
    fields = {**CLEAN, **child}
    made = make_case(
        make_child(la, **fields), officer=make_user("case_officer", la) if officer else None
    )
    if plan:
        Plan.objects.create(case=made, issued_on=date(2025, 1, 10))
    return made


def ids(check_id: str, la: LocalAuthority) -> list[int]:
    return BY_ID[check_id].function(la, TODAY)


def test_every_check_has_an_id_title_and_why() -> None:
    assert len(CHECKS) == 11
    assert len(BY_ID) == 11
    for check in CHECKS:
        assert check.id.startswith("dq-") and check.title and check.why


def test_blank_primary_need_counts_only_children_with_a_live_plan() -> None:
    la = make_la()
    blank = case(la, plan=True, primary_need="")
    case(la, plan=False, primary_need="")  # no plan: not asked for
    case(la, plan=True, primary_need="ASD")
    ceased = case(la, plan=True, primary_need="")
    Plan.objects.filter(case=ceased).update(ceased_on=date(2026, 6, 1))
    case(make_la(), plan=True, primary_need="")  # another area
    assert ids("dq-blank-primary-need", la) == [blank.pk]


def test_missing_upn_needs_a_reason() -> None:
    la = make_la()
    missing = case(la, upn="", upn_unknown="")
    case(la, upn="", upn_unknown="UN2")
    case(la, upn=VALID_UPN, upn_unknown="")
    closed = case(la, upn="", upn_unknown="")
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    assert ids("dq-missing-upn", la) == [missing.pk]


def test_invalid_identifiers_fail_their_check_characters() -> None:
    la = make_la()
    bad_upn = case(la, upn="A926123456789")  # check letter should be H
    case(la, upn=VALID_UPN)
    bad_uln = case(la, uln="9999999999")
    case(la, uln=VALID_ULN)
    bad_nhs = case(la, nhs_number="9434765918")
    case(la, nhs_number=VALID_NHS)
    assert ids("dq-invalid-upn", la) == [bad_upn.pk]
    assert ids("dq-invalid-uln", la) == [bad_uln.pk]
    assert ids("dq-invalid-nhs-number", la) == [bad_nhs.pk]


def test_possible_duplicates_by_birth_date_and_normalised_name() -> None:
    la = make_la()
    born = date(2016, 3, 4)
    one = case(la, given_name="Zoë", family_name="O'Brien", date_of_birth=born)
    two = case(la, given_name="zoe", family_name="OBrien ", date_of_birth=born)
    case(la, given_name="Zoe", family_name="OBrien", date_of_birth=date(2016, 3, 5))
    case(make_la(), given_name="Zoe", family_name="OBrien", date_of_birth=born)
    assert ids("dq-possible-duplicates", la) == sorted([one.pk, two.pk])


def test_two_cases_of_one_child_are_not_duplicates() -> None:
    la = make_la()
    first = case(la)
    make_case(first.child)
    assert ids("dq-possible-duplicates", la) == []


def test_possible_duplicates_by_upn_in_capitals() -> None:
    la = make_la()
    one = case(la, upn=VALID_UPN, date_of_birth=date(2014, 1, 1))
    two = case(la, upn=VALID_UPN.lower(), date_of_birth=date(2013, 1, 1))
    assert ids("dq-possible-duplicates", la) == sorted([one.pk, two.pk])


def test_school_age_children_with_a_plan_and_no_setting() -> None:
    la = make_la()
    # 2026-27: Year 1 born Sep 2020–Aug 2021, Year 11 born Sep 2010–Aug 2011.
    year_1 = case(la, plan=True, date_of_birth=date(2021, 8, 31))
    year_11 = case(la, plan=True, date_of_birth=date(2010, 9, 1))
    case(la, plan=True, date_of_birth=date(2021, 9, 1))  # Reception: not yet
    case(la, plan=True, date_of_birth=date(2010, 8, 31))  # Year 12: past it
    case(la, plan=False, date_of_birth=date(2016, 1, 1))  # no plan
    case(la, plan=True, date_of_birth=date(2016, 1, 1), setting=make_setting(la))
    case(la, plan=True, date_of_birth=None)
    assert ids("dq-school-age-no-setting", la) == sorted([year_1.pk, year_11.pk])


def test_education_flags_not_recorded() -> None:
    la = make_la()
    ehe = case(la, elective_home_education=None)
    cme = case(la, missing_education=None)
    case(la, elective_home_education=True, missing_education=True)
    assert ids("dq-home-education-not-recorded", la) == [ehe.pk]
    assert ids("dq-missing-education-not-recorded", la) == [cme.pk]


def test_open_cases_with_no_officer() -> None:
    la = make_la()
    none = case(la, officer=False)
    case(la)
    assert ids("dq-no-officer", la) == [none.pk]


def test_run_gives_every_check_in_order() -> None:
    la = make_la()
    orphan = case(la, officer=False, upn="", upn_unknown="")
    results = run(la, TODAY)
    assert [r.check.id for r in results] == [c.id for c in CHECKS]
    counts = {r.check.id: r.count for r in results}
    assert counts["dq-no-officer"] == 1
    assert counts["dq-missing-upn"] == 1
    assert sum(counts.values()) == 2
    assert results[-2].case_ids == [orphan.pk]  # no officer
    assert results[-1].check.id == "dq-sen2-errors" and results[-1].case_ids == []


def test_normalised_names() -> None:
    assert quality_checks.normalised("  Zoë-Ann O'Brien ") == "zoeannobrien"


def test_sen2_errors_lists_open_cases_whose_person_the_return_would_reject() -> None:
    from senda.casework.models import AssessmentRequest

    la = make_la()
    wrong = case(la, upn_unknown="UN1")
    # Decided before it was received: the return's date-order rule is an error.
    AssessmentRequest.objects.create(
        case=wrong,
        received_on=date(2026, 3, 2),
        source=1,
        assess_outcome="refuse",
        assess_decided_on=date(2026, 2, 2),
    )
    right = case(la, upn_unknown="UN1")
    AssessmentRequest.objects.create(
        case=right,
        received_on=date(2026, 3, 2),
        source=1,
        assess_outcome="refuse",
        assess_decided_on=date(2026, 4, 2),
    )
    case(la)  # no request, no plan: not in the return
    closed = case(la, upn_unknown="UN1")
    AssessmentRequest.objects.create(
        case=closed,
        received_on=date(2026, 3, 2),
        source=1,
        assess_outcome="refuse",
        assess_decided_on=date(2026, 2, 2),
    )
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    assert ids("dq-sen2-errors", la) == [wrong.pk]

"""The rules (``senda.interchange.sen2.validate``): a hand-made file with faults for every
rule gets exactly its findings; single rules on built records."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from senda.interchange.sen2 import records as r
from senda.interchange.sen2.findings import Unreadable
from senda.interchange.sen2.validate import (
    RULES,
    check_person,
    header_findings,
    validate_file,
)
from senda.interchange.sen2.xml_write import write
from senda.people.identifiers import LA_CODES, upn_check_letter

from .people import HEADER, TODAY, edge_persons, upn

INVALID = Path(__file__).parent / "files" / "invalid.xml"

#: Every finding invalid.xml must produce: (rule, level, person's position, element).
EXPECTED = {
    ("S-schema-unknown", "error", 0, "Persons/Note"),
    ("S-schema-order", "error", 1, "Surname"),
    ("S-schema-type", "error", 1, "PersonBirthDate"),
    ("S-schema-code", "error", 1, "Sex"),
    ("S-schema-code", "query", 1, "Ethnicity"),
    ("S-schema-unknown", "error", 1, "Favourite"),
    ("S-schema-type", "error", 1, "Requests[1]/RYA"),
    ("S-schema-required", "error", 1, "Requests[1]/RequestOutcome"),
    ("S-schema-code", "error", 1, "Requests[2]/RequestOutcome"),
    ("S-schema-repeat", "error", 1, "Requests[2]/RequestOutcome"),
    ("S-schema-length", "error", 2, "Surname"),
    ("1510", "error", 2, "UPN"),
    ("1575", "error", 2, "UniqueLearnerNumber"),
    ("S-identifier-both", "query", 2, "UPNunknown"),
    ("S-outcome-date", "error", 2, "Requests[1]/RequestOutcomeDate"),
    ("S-assessment-under", "error", 2, "Requests[1]/Assessment"),
    ("S-outcome-date", "error", 2, "Requests[1]/Assessment/AssessmentOutcomeDate"),
    ("S-plan-under", "error", 2, "Requests[1]/Assessment/NamedPlan"),
    ("S-cease", "error", 2, "Requests[1]/Assessment/NamedPlan/CeaseReason"),
    ("S-setting", "error", 2, "Requests[1]/Assessment/NamedPlan/PlanDetail[1]"),
    (
        "S-setting-other",
        "error",
        2,
        "Requests[1]/Assessment/NamedPlan/PlanDetail[2]/SENsettingOther",
    ),
    ("1530", "error", 3, "UPN"),
    ("S-after-census", "query", 3, "Requests[1]/ActivePlans/ReviewMeeting"),
    ("S-future", "error", 3, "Requests[1]/ActivePlans/LastReview"),
    ("S-date-order", "error", 3, "Requests[1]/RequestOutcomeDate"),
    ("S-date-order", "error", 3, "Requests[1]/Assessment/AssessmentOutcomeDate"),
    ("S-entry-leaving", "error", 3, "Requests[1]/ActivePlans/PlacementDetail[1]/LeavingDate"),
    ("S-setting", "error", 3, "Requests[1]/ActivePlans/PlacementDetail[2]"),
    ("S-needs", "error", 3, "Requests[1]/ActivePlans/SENneed[3]"),
    ("S-identifier", "error", 4, "UPN"),
    ("S-age", "error", 4, "PersonBirthDate"),
    ("S-transfer-la", "query", 4, "Requests[1]/ActivePlans/TransferLA"),
    ("S-needs", "error", 4, "Requests[1]/ActivePlans/SENneed[1]/SENtypeRank"),
    ("1540", "error", 5, "UPN"),
    ("S-schema-required", "error", 6, "Requests"),
    ("1550", "error", 6, "UPN"),
    ("1520", "error", 7, "UPN"),
    ("1510", "error", 8, "UPN"),
}


@pytest.fixture(scope="module")
def report():
    with INVALID.open("rb") as stream:
        return validate_file(stream, today=date(2026, 2, 1))


@pytest.mark.parametrize("expected", sorted(EXPECTED), ids=lambda e: f"{e[0]}@{e[2]}:{e[3]}")
def test_the_invalid_file_gets_each_of_its_findings(report, expected):
    found = {(f.rule, f.level, f.position, f.element) for f in report.findings}
    assert expected in found


def test_and_no_others(report):
    found = [(f.rule, f.level, f.position, f.element) for f in report.findings]
    assert sorted(found) == sorted(EXPECTED)
    assert report.persons == 8
    assert (report.errors, report.queries) == (34, 4)


def test_the_file_exercises_every_person_rule():
    covered = {rule for rule, *_ in EXPECTED}
    listed = {rule.id for rule in RULES} - {"S-header-year"}  # a header rule: tested below
    assert listed <= covered


def test_each_finding_names_the_upn_and_says_how_to_fix_it(report):
    by_position = {f.position: f.upn for f in report.findings if f.rule == "1520"}
    assert by_position == {7: "J938100000001"}
    assert all(f.message.endswith((".", "?)", ".)")) and ":" in f.message for f in report.findings)


def test_the_edge_cases_are_clean():
    for person in edge_persons():
        assert check_person(person, header=HEADER, today=TODAY) == [], person


def test_a_wrong_la_or_year_is_refused_as_unreadable():
    buffer = io.BytesIO()
    write(HEADER, edge_persons(), buffer)
    buffer.seek(0)
    with pytest.raises(Unreadable, match="for LA 938, not 201"):
        validate_file(buffer, today=TODAY, expect_la="201")
    buffer.seek(0)
    with pytest.raises(Unreadable, match="for 2026, not 2027"):
        validate_file(buffer, today=TODAY, expect_year=2027)
    buffer.seek(0)
    assert validate_file(buffer, today=TODAY, expect_la="938", expect_year=2026).findings == []


def test_the_reference_date_must_fall_in_the_collection_year():
    assert header_findings(HEADER) == []
    (finding,) = header_findings(replace(HEADER, reference_date=date(2025, 1, 16)))
    assert (finding.rule, finding.position) == ("S-header-year", 0)


def person_with(**changes) -> r.Person:
    return replace(edge_persons()[0], **changes)


def rules(person: r.Person) -> list[str]:
    return [f.rule for f in check_person(person, header=HEADER, today=TODAY)]


def test_age_25_on_the_census_day_is_allowed_26_is_not():
    assert rules(person_with(birth_date=date(2000, 1, 16))) == []  # 25 until tomorrow
    assert rules(person_with(birth_date=date(2000, 1, 15))) == ["S-age"]  # 26 today


def test_a_uln_alone_or_a_reason_alone_will_do():
    assert rules(person_with(upn="", uln="1000000019")) == []
    assert rules(person_with(upn="", upn_unknown="UN1")) == []
    assert rules(person_with(upn="", uln="1000000010")) == ["1575"]


def test_a_temporary_upn_with_a_final_letter_passes():
    assert rules(person_with(upn=upn("93812345678A"))) == []


def test_the_la_codes_of_1530():
    assert {"938", "201", "001", "420", "941"} <= LA_CODES
    assert not {"999", "000", "100", "804"} & LA_CODES


def test_s_transfer_la_queries_000_and_unknown_codes_only():
    moved = edge_persons()[1]
    (request,) = moved.requests
    assert request.active_plan is not None and request.active_plan.transfer_la == "201"

    def given(code: str) -> list[tuple[str, str, str]]:
        plan = replace(request.active_plan, transfer_la=code)
        found = check_person(
            replace(moved, requests=(replace(request, active_plan=plan),)),
            header=HEADER,
            today=TODAY,
        )
        return [(f.rule, f.level, f.element) for f in found]

    assert given("201") == [] and given("") == []
    where = ("S-transfer-la", "query", "Requests[1]/ActivePlans/TransferLA")
    assert given("000") == [where]
    assert given("999") == [where]
    assert given("93") == [where]


def test_the_submitting_las_own_number_is_recognised_in_a_upn():
    own = replace(HEADER, la="990")  # not on the CIN list, as the demo area's
    serial = "990" + "12345678"
    letter = upn_check_letter(serial + "1")
    person = person_with(upn=letter + serial + "1")
    assert "1530" not in [f.rule for f in check_person(person, header=own, today=TODAY)]
    assert "1530" in [f.rule for f in check_person(person, header=HEADER, today=TODAY)]

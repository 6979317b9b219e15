"""SEN2's mediation and tribunal flags, worked out from the mediation and appeal records."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.models import Appeal, Mediation
from senda.casework.sen2_flags import flags_from, sen2_flags, stages
from tests.factories import make_case, make_la, make_user

ALL_FALSE = {
    "RequestMediation": False,
    "RequestTribunal": False,
    "AssessmentMediation": False,
    "AssessmentTribunal": False,
    "OtherMediation": False,
    "OtherTribunal": False,
}


def test_issues_map_to_sen2_stages() -> None:
    assert stages(["refusal_to_assess"]) == {"request"}
    assert stages(["refusal_to_issue"]) == {"assessment"}
    assert stages(["section_f", "section_i", "cease", "health"]) == {"other"}
    assert stages(["refusal_to_assess", "section_b"]) == {"request", "other"}
    assert stages([]) == set()


def test_flags_from_issues_are_pure() -> None:
    assert flags_from([], []) == ALL_FALSE
    found = flags_from([["refusal_to_issue"]], [["refusal_to_assess"], ["section_i"]])
    assert found == ALL_FALSE | {
        "AssessmentMediation": True,
        "RequestTribunal": True,
        "OtherTribunal": True,
    }


@pytest.mark.django_db
def test_a_case_flags_only_mediations_held_and_appeals_made() -> None:
    la = make_la()
    case = make_case(la=la)
    officer = make_user("case_officer", la)
    assert sen2_flags(case) == ALL_FALSE

    def mediation(issues: list[str], **fields: object) -> Mediation:
        return Mediation.objects.create(
            case=case, decision_on=date(2026, 3, 2), issues=issues, recorded_by=officer, **fields
        )

    def appeal(grounds: list[str], **fields: object) -> Appeal:
        return Appeal.objects.create(
            case=case, decision_on=date(2026, 3, 2), grounds=grounds, recorded_by=officer, **fields
        )

    # Not held: declined, could not be arranged, disagreement resolution.
    mediation(["refusal_to_assess"], choice="decline", certificate="declined")
    mediation(["refusal_to_assess"], outcome="not_held", certificate="deemed")
    mediation(["section_f"], kind="disagreement", meeting_on=date(2026, 4, 1))
    # An appeal not yet with the tribunal.
    appeal(["refusal_to_issue"])
    assert sen2_flags(case) == ALL_FALSE

    mediation(["refusal_to_issue"], meeting_on=date(2026, 4, 1), outcome="none")
    appeal(["refusal_to_issue", "section_i"], registered_on=date(2026, 5, 1), outcome="conceded")
    assert sen2_flags(case) == ALL_FALSE | {
        "AssessmentMediation": True,
        "AssessmentTribunal": True,
        "OtherTribunal": True,
    }
    # Only disagreements about decisions sent on or after ``since``.
    assert sen2_flags(case, since=date(2026, 3, 3)) == ALL_FALSE

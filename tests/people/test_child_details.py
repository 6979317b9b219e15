"""Changing a child's identifiers and flags: the checks, who may, the history kept and the
audit entry that names fields but never values."""

from __future__ import annotations

from typing import Any

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.people.child_details import update_child_details
from senda.people.models import Child, ChildDetailsChange
from tests.factories import make_child, make_la, make_personas

pytestmark = pytest.mark.django_db

VALID_UPN = "H926123456789"
VALID_ULN = "9999999998"
VALID_NHS = "9434765919"


@pytest.fixture
def p() -> Any:
    return make_personas()


def args(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "upn": "",
        "uln": "",
        "nhs_number": "",
        "upn_unknown": "",
        "primary_need": "ASD",
        "elective_home_education": None,
        "missing_education": None,
    }
    return base | changes


def refused(p: Any, field: str, **changes: Any) -> str:
    with pytest.raises(ActionError) as caught:
        update_child_details(child=p.child, by=p.case_officer, **args(**changes))
    assert caught.value.field == field
    assert not ChildDetailsChange.objects.exists()
    return caught.value.message


def test_it_saves_every_field_and_keeps_the_history(p: Any) -> None:
    child = update_child_details(
        child=p.child,
        by=p.case_officer,
        **args(
            upn=" h926123456789 ",
            uln=VALID_ULN,
            nhs_number="943 476 5919",
            primary_need="SLCN",
            elective_home_education=True,
            missing_education=False,
        ),
    )
    stored = Child.objects.get(pk=p.child.pk)
    assert (stored.upn, stored.uln, stored.nhs_number) == (VALID_UPN, VALID_ULN, VALID_NHS)
    assert stored.primary_need == "SLCN"
    assert stored.elective_home_education is True
    assert stored.missing_education is False
    assert child.upn == VALID_UPN
    change = ChildDetailsChange.objects.get()
    assert change.changed_by == p.case_officer
    assert change.before == {
        "upn": "",
        "uln": "",
        "nhs_number": "",
        "primary_need": "ASD",
        "elective_home_education": None,
        "missing_education": None,
    }
    assert change.after == {
        "upn": VALID_UPN,
        "uln": VALID_ULN,
        "nhs_number": VALID_NHS,
        "primary_need": "SLCN",
        "elective_home_education": True,
        "missing_education": False,
    }


def test_a_second_change_keeps_the_first_value(p: Any) -> None:
    update_child_details(child=p.child, by=p.case_officer, **args(upn=VALID_UPN))
    update_child_details(child=p.child, by=p.team_manager, **args(upn_unknown="UN8"))
    latest = ChildDetailsChange.objects.first()
    assert latest is not None
    assert latest.before == {"upn": VALID_UPN, "upn_unknown": ""}
    assert latest.after == {"upn": "", "upn_unknown": "UN8"}
    assert ChildDetailsChange.objects.count() == 2


def test_the_audit_entry_names_fields_not_values(p: Any) -> None:
    update_child_details(
        child=p.child, by=p.case_officer, **args(upn=VALID_UPN, nhs_number=VALID_NHS)
    )
    entry = AuditEntry.objects.get(verb="write")
    assert "upn" in entry.summary and "nhs_number" in entry.summary
    assert str(p.child.pk) in entry.summary
    for value in (VALID_UPN, VALID_NHS, p.child.given_name, p.child.family_name):
        assert value not in entry.summary
    assert entry.child_id == p.child.pk


def test_it_refuses_a_wrong_upn_check_letter(p: Any) -> None:
    assert "check letter" in refused(p, "upn", upn="A926123456789")


def test_it_refuses_a_upn_of_the_wrong_length(p: Any) -> None:
    assert "13 characters" in refused(p, "upn", upn="H92612345678")


def test_it_refuses_a_wrong_uln_check_digit(p: Any) -> None:
    assert "ULN's check digit" in refused(p, "uln", uln="9999999997")


def test_it_refuses_a_uln_of_the_wrong_length(p: Any) -> None:
    assert "10 digits" in refused(p, "uln", uln="999999999")


def test_it_refuses_a_wrong_nhs_check_digit(p: Any) -> None:
    assert "NHS number's check digit" in refused(p, "nhs_number", nhs_number="9434765918")


def test_it_refuses_letters_in_an_nhs_number(p: Any) -> None:
    assert "digits only" in refused(p, "nhs_number", nhs_number="94347659１9")


def test_it_refuses_a_upn_and_a_reason_together(p: Any) -> None:
    assert "not both" in refused(p, "upn_unknown", upn=VALID_UPN, upn_unknown="UN1")


def test_it_refuses_an_unknown_reason_or_need(p: Any) -> None:
    refused(p, "upn_unknown", upn_unknown="UN4")
    refused(p, "primary_need", primary_need="XYZ")


def test_it_refuses_a_upn_another_child_of_the_area_has(p: Any) -> None:
    make_child(p.la, upn=VALID_UPN)
    assert "Another child" in refused(p, "upn", upn=VALID_UPN)


def test_another_area_may_use_the_same_upn(p: Any) -> None:
    make_child(make_la(), upn=VALID_UPN)
    update_child_details(child=p.child, by=p.case_officer, **args(upn=VALID_UPN))
    assert Child.objects.get(pk=p.child.pk).upn == VALID_UPN


def test_it_refuses_a_save_that_changes_nothing(p: Any) -> None:
    assert "not changed anything" in refused(p, "__all__")


@pytest.mark.parametrize(
    "who", ["qa_auditor", "senco", "parent", "advice_giver", "board_member", "other_la_officer"]
)
def test_only_casework_staff_of_the_area_may_change(p: Any, who: str) -> None:
    with pytest.raises(ActionError):
        update_child_details(child=p.child, by=getattr(p, who), **args(upn=VALID_UPN))
    assert Child.objects.get(pk=p.child.pk).upn == ""
    assert not ChildDetailsChange.objects.exists()


def test_a_user_without_a_membership_is_refused(p: Any, django_user_model: Any) -> None:
    nobody = django_user_model.objects.create_user(username="nobody", password="x")
    with pytest.raises(ActionError):
        update_child_details(child=p.child, by=nobody, **args(upn=VALID_UPN))


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        (" M1  1AE ", "M1 1AE"),
        ("b338th", "B33 8TH"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_it_keeps_a_postcode_in_its_usual_shape(p: Any, typed: str, kept: str) -> None:
    child = update_child_details(child=p.child, by=p.case_officer, postcode=typed, **args())
    assert Child.objects.get(pk=child.pk).postcode == kept


@pytest.mark.parametrize(
    "postcode", ["SW1A", "1AA SW1", "SW1A 1A", "SW1A 1AAA", "S!1A 1AA", "ＳＷ１Ａ １ＡＡ", "=1+1"]
)
def test_it_refuses_a_postcode_of_the_wrong_shape(p: Any, postcode: str) -> None:
    refused(p, "postcode", postcode=postcode)


def test_it_saves_ethnicity_and_a_secondary_need(p: Any) -> None:
    update_child_details(
        child=p.child, by=p.case_officer, ethnicity="wbri", secondary_need="slcn", **args()
    )
    child = Child.objects.get(pk=p.child.pk)
    assert (child.ethnicity, child.secondary_need) == ("WBRI", "SLCN")
    assert ChildDetailsChange.objects.get().after == {"secondary_need": "SLCN", "ethnicity": "WBRI"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ethnicity": "WENGLISH"}, "ethnicity"),
        ({"ethnicity": "ZZZZ"}, "ethnicity"),
        ({"secondary_need": "XYZ"}, "secondary_need"),
        ({"secondary_need": "ASD"}, "secondary_need"),  # the primary need
        ({"secondary_need": "SLCN", "primary_need": ""}, "secondary_need"),
    ],
)
def test_it_refuses_a_bad_ethnicity_or_secondary_need(
    p: Any, changes: dict[str, str], field: str
) -> None:
    refused(p, field, **changes)


def test_leaving_the_new_fields_out_keeps_them(p: Any) -> None:
    Child.objects.filter(pk=p.child.pk).update(ethnicity="CHNE", postcode="M1 1AE")
    p.child.refresh_from_db()
    update_child_details(child=p.child, by=p.case_officer, **args(primary_need="SLCN"))
    child = Child.objects.get(pk=p.child.pk)
    assert (child.ethnicity, child.postcode, child.primary_need) == ("CHNE", "M1 1AE", "SLCN")

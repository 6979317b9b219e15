from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from senda.people.models import Membership
from senda.people.school_year import year_group
from tests.factories import make_child, make_la, make_setting, make_user


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        (date(2020, 9, 1), date(2025, 9, 3), 0),  # turns 5 in Sep 2025: Reception 2025/26
        (date(2021, 8, 31), date(2025, 9, 3), 0),  # youngest of the same cohort
        (date(2021, 9, 1), date(2025, 9, 3), -1),  # next cohort: nursery
        (date(2020, 8, 31), date(2025, 9, 3), 1),  # aged 5 on 31 Aug 2025: Year 1
        (date(2020, 8, 31), date(2025, 8, 31), 0),  # last day of the previous school year
        (date(2015, 3, 15), date(2026, 1, 10), 6),  # Year 6 in 2025/26
        (date(2015, 3, 15), date(2026, 9, 10), 7),  # moves to secondary: Year 7
        (date(2008, 2, 29), date(2025, 9, 3), 13),  # leap-day birthday, sixth form
    ],
)
def test_it_computes_english_year_groups(born: date, on: date, expected: int) -> None:
    assert year_group(born, on) == expected


def test_it_gives_no_year_group_without_a_birth_date(db: None) -> None:
    child = make_child(make_la(), date_of_birth=None)
    assert child.year_group(date(2026, 1, 1)) is None
    child.date_of_birth = date(2015, 3, 15)
    assert child.year_group(date(2026, 1, 10)) == 6


def test_it_validates_identifiers_on_a_child(db: None) -> None:
    child = make_child(make_la(), upn="A926123456789", uln="0999999998", nhs_number="1234567890")
    with pytest.raises(ValidationError) as raised:
        child.full_clean()
    assert set(raised.value.message_dict) == {"upn", "uln", "nhs_number"}
    child.upn, child.uln, child.nhs_number = "H926123456789", "9999999998", "9434765919"
    child.full_clean()


def test_it_needs_a_urn_or_ukprn_for_a_setting(db: None) -> None:
    setting = make_setting(make_la(), urn="", ukprn="")
    with pytest.raises(ValidationError) as raised:
        setting.full_clean()
    assert "urn" in raised.value.message_dict
    setting.ukprn = "10012345"
    setting.full_clean()


def test_it_gives_a_senco_a_setting_and_nobody_else(db: None) -> None:
    la = make_la()
    user = User.objects.create_user("no-membership-yet")
    for role, setting in (("senco", None), ("case_officer", make_setting(la))):
        with pytest.raises(ValidationError):
            Membership(user=user, la=la, role=role, setting=setting).full_clean()


@pytest.mark.parametrize(("role", "with_setting"), [("senco", False), ("case_officer", True)])
def test_it_refuses_a_setting_rule_breach_in_the_database(db: None, role, with_setting) -> None:
    """Not only a form rule: a SENCo without a setting would see every case with none."""
    la = make_la()
    setting = make_setting(la) if with_setting else None
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user(role, la, setting=setting)
    senco = make_user("senco", la, setting=make_setting(la))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=senco.membership.pk).update(setting=None)


def test_it_lets_only_casework_roles_of_the_same_la_write(personas) -> None:
    la_id = personas.la.pk
    writers = {
        name
        for name in (
            "case_officer",
            "team_manager",
            "service_manager",
            "qa_auditor",
            "senco",
            "advice_giver",
            "finance_officer",
        )
        if getattr(personas, name).membership.can_write_casework(la_id)
    }
    assert writers == {"case_officer", "team_manager", "service_manager"}
    assert not personas.other_la_officer.membership.can_write_casework(la_id)
    assert Membership.objects.count() == 10


def test_it_links_the_parent_persona_to_the_child(personas) -> None:
    contact = personas.parent.family_contacts.get()
    assert contact.child == personas.child
    assert personas.senco.membership.setting == personas.setting == personas.child.setting

"""Assigning an owner to a data-quality check: a manager of the area, SEND staff of the
same area as the owner, a known check; written once per check and area, audited."""

from __future__ import annotations

import pytest

from senda.audit.models import AuditEntry
from senda.interchange import owners
from senda.interchange.models import CheckOwner
from senda.kernel import ActionError
from tests.factories import make_user

CHECK = "dq-missing-upn"


def test_a_manager_assigns_replaces_and_removes_an_owner(personas):
    la, by = personas.la, personas.team_manager
    before = AuditEntry.objects.count()
    row = owners.assign_owner(la=la, check_id=CHECK, owner=personas.case_officer, by=by)
    assert row is not None and row.owner == personas.case_officer and row.assigned_by == by
    assert owners.of_area(la)[CHECK].owner == personas.case_officer
    entry = AuditEntry.objects.order_by("pk").last()
    assert entry.verb == "write" and entry.user == by and entry.la_id == la.pk
    assert entry.summary == f"data-quality check {CHECK}: owner user={personas.case_officer.pk}"
    owners.assign_owner(la=la, check_id=CHECK, owner=personas.qa_auditor, by=by)
    assert CheckOwner.objects.get().owner == personas.qa_auditor
    # The same owner again changes nothing and writes no entry.
    count = AuditEntry.objects.count()
    owners.assign_owner(la=la, check_id=CHECK, owner=personas.qa_auditor, by=by)
    assert AuditEntry.objects.count() == count
    assert owners.assign_owner(la=la, check_id=CHECK, owner=None, by=by) is None
    assert not CheckOwner.objects.exists()
    assert AuditEntry.objects.count() == before + 3
    assert AuditEntry.objects.order_by("pk").last().summary.endswith("owner removed")


@pytest.mark.parametrize("who", ["senco", "parent", "advice_giver", "board_member"])
def test_the_owner_must_be_send_staff_of_the_area(personas, who):
    with pytest.raises(ActionError) as refused:
        owners.assign_owner(
            la=personas.la, check_id=CHECK, owner=getattr(personas, who), by=personas.team_manager
        )
    assert refused.value.field == "owner"
    assert not CheckOwner.objects.exists()


def test_staff_of_another_area_cannot_own_a_check(personas):
    with pytest.raises(ActionError) as refused:
        owners.assign_owner(
            la=personas.la,
            check_id=CHECK,
            owner=personas.other_la_officer,
            by=personas.service_manager,
        )
    assert refused.value.field == "owner"


@pytest.mark.parametrize("who", ["case_officer", "qa_auditor", "other_la_manager"])
def test_only_the_areas_managers_assign(personas, who):
    by = (
        make_user("service_manager", personas.other_la)
        if who == "other_la_manager"
        else getattr(personas, who)
    )
    before = AuditEntry.objects.count()
    with pytest.raises(ActionError):
        owners.assign_owner(la=personas.la, check_id=CHECK, owner=personas.case_officer, by=by)
    assert not CheckOwner.objects.exists() and AuditEntry.objects.count() == before


def test_an_unknown_check_is_refused(personas):
    with pytest.raises(ActionError) as refused:
        owners.assign_owner(
            la=personas.la,
            check_id="dq-nonsense",
            owner=personas.case_officer,
            by=personas.team_manager,
        )
    assert refused.value.field == "check_id"

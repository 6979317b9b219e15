"""Who audits: a QA lead names council staff and partners from the same area, each with
the organisation they audit for; representation needs education (a school counts),
health and social care; outside auditors see an audit only while it is open."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.quality.access import audit_for, audits_for
from senda.quality.audit_people import (
    add_auditor,
    missing_agencies,
    organisations_of,
    remove_auditor,
    represented,
    withdraw_audit,
)
from senda.quality.models import AuditAuditor
from tests.factories import make_la, make_setting, make_user
from tests.quality.factories import make_audit

DAY = date(2026, 11, 2)


@pytest.fixture
def scene(db):
    la = make_la()
    lead = make_user("qa_auditor", la)
    return la, lead, make_audit(la, lead=lead)


def test_it_names_a_health_auditor_and_writes_an_audit_entry(scene):
    la, lead, audit = scene
    nurse = make_user("advice_giver", la)
    named = add_auditor(audit=audit, user=nurse, organisation="health", by=lead, today=DAY)
    assert (named.user, named.organisation, named.added_on) == (nurse, "health", DAY)
    assert organisations_of(audit) == {"education", "health"}
    entry = AuditEntry.objects.filter(verb="write", object_id=str(audit.pk)).get()
    assert entry.summary == f"audit {audit.pk}: auditor {nurse.pk} added (health)"


def test_it_is_represented_once_education_health_and_social_care_audit(scene):
    la, lead, audit = scene
    assert not represented(audit)
    assert missing_agencies(audit) == ["Health", "Social care"]
    add_auditor(audit=audit, user=make_user("advice_giver", la), organisation="health", by=lead)
    assert not represented(audit)
    social_worker = make_user("case_officer", la)
    add_auditor(audit=audit, user=social_worker, organisation="social_care", by=lead)
    assert represented(audit)
    assert missing_agencies(audit) == []


def test_a_school_counts_as_education(scene):
    la, lead, audit = scene
    AuditAuditor.objects.filter(audit=audit, user=lead).update(organisation="health")
    add_auditor(
        audit=audit, user=make_user("case_officer", la), organisation="social_care", by=lead
    )
    assert not represented(audit)
    senco = make_user("senco", la, setting=make_setting(la))
    add_auditor(audit=audit, user=senco, organisation="school", by=lead)
    assert organisations_of(audit) == {"health", "social_care", "school"}
    assert represented(audit)


@pytest.mark.parametrize("role", ["parent_like", "board_member", "other_area"])
def test_it_refuses_someone_who_is_not_staff_or_a_partner_of_the_area(scene, role):
    la, lead, audit = scene
    user = {
        "board_member": lambda: make_user("board_member", la),
        "other_area": lambda: make_user("advice_giver", make_la()),
        "parent_like": lambda: make_user("young_person", la),
    }[role]()
    with pytest.raises(ActionError) as error:
        add_auditor(audit=audit, user=user, organisation="health", by=lead)
    assert error.value.field == "user"
    assert organisations_of(audit) == {"education"}


def test_only_a_qa_lead_of_the_area_names_auditors(scene):
    la, _lead, audit = scene
    for by in (make_user("case_officer", la), make_user("qa_auditor", make_la())):
        with pytest.raises(ActionError):
            add_auditor(
                audit=audit, user=make_user("advice_giver", la), organisation="health", by=by
            )
    assert AuditAuditor.objects.filter(audit=audit).count() == 1


def test_it_refuses_a_second_naming_and_an_unknown_organisation(scene):
    la, lead, audit = scene
    nurse = make_user("advice_giver", la)
    with pytest.raises(ActionError) as error:
        add_auditor(audit=audit, user=nurse, organisation="police", by=lead)
    assert error.value.field == "organisation"
    add_auditor(audit=audit, user=nurse, organisation="health", by=lead)
    with pytest.raises(ActionError) as error:
        add_auditor(audit=audit, user=nurse, organisation="health", by=lead)
    assert error.value.message == "They already audit this plan"


def test_it_removes_an_auditor_but_never_the_lead(scene):
    la, lead, audit = scene
    nurse = make_user("advice_giver", la)
    add_auditor(audit=audit, user=nurse, organisation="health", by=lead)
    with pytest.raises(ActionError) as error:
        remove_auditor(audit=audit, user=lead, by=lead)
    assert error.value.field == "user"
    remove_auditor(audit=audit, user=nurse, by=lead)
    assert organisations_of(audit) == {"education"}


def test_a_closed_audit_keeps_its_auditors(scene):
    la, lead, audit = scene
    nurse = make_user("advice_giver", la)
    add_auditor(audit=audit, user=nurse, organisation="health", by=lead)
    audit.submitted_on = DAY
    audit.save()
    with pytest.raises(ActionError):
        remove_auditor(audit=audit, user=nurse, by=lead)
    with pytest.raises(ActionError):
        add_auditor(
            audit=audit, user=make_user("case_officer", la), organisation="social_care", by=lead
        )
    assert organisations_of(audit) == {"education", "health"}


def test_it_withdraws_an_audit_with_a_reason(scene):
    _la, lead, audit = scene
    with pytest.raises(ActionError) as error:
        withdraw_audit(audit=audit, reason="  ", by=lead)
    assert error.value.field == "reason"
    withdraw_audit(audit=audit, reason="Opened on the wrong plan", by=lead, today=DAY)
    audit.refresh_from_db()
    assert (audit.withdrawn_on, audit.withdrawn_reason) == (DAY, "Opened on the wrong plan")
    assert not audit.is_open
    with pytest.raises(ActionError):
        withdraw_audit(audit=audit, reason="Again", by=lead)


def test_an_outside_auditor_sees_only_their_open_audits(scene):
    la, lead, audit = scene
    other = make_audit(la, lead=lead)
    nurse = make_user("advice_giver", la)
    add_auditor(audit=audit, user=nurse, organisation="health", by=lead)
    assert list(audits_for(nurse, DAY)) == [audit]
    assert audit_for(nurse, other.pk, DAY) is None
    audit.submitted_on = DAY
    audit.save()
    assert audit_for(nurse, audit.pk, DAY) is None
    # council staff still read it
    assert audit_for(make_user("case_officer", la), audit.pk, DAY) == audit

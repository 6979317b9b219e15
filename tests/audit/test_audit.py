from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from senda import audit
from senda.audit.models import AuditEntry, AuditImmutable
from senda.casework import actions
from senda.casework.models import Case
from senda.kernel import ActionError


@pytest.fixture
def entry(personas) -> AuditEntry:
    return audit.record(
        user=personas.case_officer, verb="read", obj=personas.case, child=personas.child
    )


def test_it_records_who_read_what(personas, entry: AuditEntry) -> None:
    entry.refresh_from_db()
    assert (entry.user, entry.la, entry.child) == (
        personas.case_officer,
        personas.la,
        personas.child,
    )
    assert (entry.verb, entry.object_type, entry.object_id) == (
        "read",
        "casework.Case",
        str(personas.case.pk),
    )


def test_it_keeps_the_ip_address_from_the_request(personas) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    entry = audit.record(user=personas.qa_auditor, verb="export", obj=personas.la, request=request)
    assert entry.ip_address == "192.0.2.7"
    assert entry.la == personas.la


def test_it_refuses_an_unknown_verb(personas) -> None:
    with pytest.raises(ValueError):
        audit.record(user=personas.case_officer, verb="delete", obj=personas.case)
    assert not AuditEntry.objects.exists()


def test_it_cannot_be_edited(entry: AuditEntry) -> None:
    entry.summary = "changed"
    with pytest.raises(AuditImmutable):
        entry.save()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="changed")
    entry.refresh_from_db()
    assert entry.summary == ""


def test_it_cannot_be_deleted(entry: AuditEntry) -> None:
    with pytest.raises(AuditImmutable):
        entry.delete()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_is_read_only_in_the_admin(personas, entry: AuditEntry) -> None:
    admin = site._registry[AuditEntry]
    request = RequestFactory().get("/admin/")
    request.user = personas.service_manager
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, entry)
    assert not admin.has_delete_permission(request, entry)
    assert "user__username" in admin.search_fields


def test_it_audits_reassigning_a_case(personas) -> None:
    actions.reassign_case(
        case=personas.case, officer=personas.team_manager, by=personas.team_manager
    )
    assert Case.objects.get(pk=personas.case.pk).officer == personas.team_manager
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.object_type) == ("write", "casework.Case")


def test_it_refuses_to_reassign_to_an_officer_of_another_la(personas) -> None:
    with pytest.raises(ActionError) as raised:
        actions.reassign_case(
            case=personas.case, officer=personas.other_la_officer, by=personas.team_manager
        )
    assert raised.value.field == "officer"
    assert Case.objects.get(pk=personas.case.pk).officer == personas.case_officer
    assert not AuditEntry.objects.exists()

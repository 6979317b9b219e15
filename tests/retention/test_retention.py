"""The retention schedule, the review that lists records past it, and what approval and
rejection do (docs/retention.md)."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from senda.audit.models import AuditEntry
from senda.casework.models import Case
from senda.kernel import ActionError
from senda.people.models import Child, FamilyContact
from senda.portal.models import CaseMessage, Message, Upload
from senda.retention import actions
from senda.retention.dispose import REMOVED
from senda.retention.models import Disposal, Rule
from senda.retention.review import review
from senda.retention.schedule import ensure_schedule
from tests.factories import make_case, make_child, make_user
from tests.retention.factories import LONG_AGO, TODAY, make_adult

pytestmark = pytest.mark.django_db


def _listed(adult: Any) -> dict[str, Disposal]:
    return {d.record_type: d for d in review(adult.la, today=TODAY)}


def test_it_seeds_the_schedule_with_its_sources() -> None:
    adult = make_adult()
    rules = {rule.record_type: rule for rule in ensure_schedule(adult.la)}
    assert set(rules) == {"child", "case_message", "upload", "notification"}
    assert (rules["child"].keep_years, rules["child"].action) == (31, "anonymise")
    assert "IRMS" in rules["child"].source
    assert "Limitation Act 1980" in rules["upload"].source
    assert len(ensure_schedule(adult.la)) == 4  # seeded once
    assert Rule.objects.filter(la=adult.la).count() == 4


def test_it_lists_what_is_past_retention_once() -> None:
    adult = make_adult()
    young = make_child(adult.la, date_of_birth=date(1996, 1, 1))  # 31 in 2027
    still_open = make_child(adult.la, date_of_birth=date(1980, 1, 1))
    make_case(still_open)
    found = _listed(adult)
    assert {kind: row.object_id for kind, row in found.items()} == {
        "child": adult.child.pk,
        "case_message": adult.message.pk,
        "upload": adult.upload.pk,
        "notification": adult.notification.pk,
    }
    assert found["child"].due_on == date(2021, 6, 1)
    assert found["upload"].due_on == date(2025, 3, 1)
    assert young.pk not in {d.object_id for d in found.values()}
    assert review(adult.la, today=TODAY) == []


def test_it_anonymises_a_child_and_everything_of_theirs_on_approval() -> None:
    adult = make_adult()
    name = adult.upload.file.name
    assert default_storage.exists(name)
    disposal = _listed(adult)["child"]
    audited = AuditEntry.objects.count()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda run: run())
        actions.approve(disposal=disposal, by=adult.manager)
    child = Child.objects.get(pk=adult.child.pk)
    assert (child.given_name, child.date_of_birth, child.postcode) == ("Anonymised", None, "")
    assert not FamilyContact.objects.filter(child=child).exists()
    assert CaseMessage.objects.get(pk=adult.message.pk).body == REMOVED
    upload = Upload.objects.get(pk=adult.upload.pk)
    assert (upload.file.name, upload.name) == ("", "removed")
    assert not default_storage.exists(name)
    assert Message.objects.get(pk=adult.notification.pk).to == ""
    disposal.refresh_from_db()
    assert disposal.status == "done" and disposal.decided_by == adult.manager
    assert "people.FamilyContact 1" in disposal.done
    entry = AuditEntry.objects.filter(object_type="retention.Disposal", verb="write").get()
    assert entry.child_id == child.pk and "anonymise child" in entry.summary
    assert AuditEntry.objects.count() == audited + 1
    assert "child" not in _listed(adult)  # done: not listed again


def test_it_deletes_a_child_with_everything_of_theirs_and_keeps_the_audit() -> None:
    adult = make_adult()
    ensure_schedule(adult.la)
    Rule.objects.filter(la=adult.la, record_type="child").update(action="delete")
    disposal = _listed(adult)["child"]
    read = AuditEntry.objects.create(
        verb="read", object_type="people.Child", object_id=str(adult.child.pk), child=adult.child
    )
    actions.approve(disposal=disposal, by=adult.manager)
    assert not Child.objects.filter(pk=adult.child.pk).exists()
    assert not Case.objects.filter(pk=adult.case.pk).exists()
    assert not CaseMessage.objects.filter(pk=adult.message.pk).exists()
    assert not Message.objects.filter(pk=adult.notification.pk).exists()
    read.refresh_from_db()  # the audit row stays: only its link to the child is gone
    assert (read.object_id, read.child_id) == (str(adult.child.pk), None)
    disposal.refresh_from_db()
    assert "casework.Case 1" in disposal.done and "portal.Upload 1" in disposal.done
    # The other records of the deleted child: already gone when their turn comes.
    message = Disposal.objects.get(record_type="case_message")
    actions.approve(disposal=message, by=adult.manager)
    message.refresh_from_db()
    assert message.done == "already gone"


def test_it_deletes_a_message_that_was_replied_to() -> None:
    adult = make_adult()
    reply = CaseMessage.objects.create(
        case=adult.case,
        author=adult.manager,
        from_family=True,
        body="Thanks",
        reply_to=adult.message,
    )
    CaseMessage.objects.filter(pk=reply.pk).update(sent_at=LONG_AGO)
    found = [d for d in review(adult.la, today=TODAY) if d.record_type == "case_message"]
    assert len(found) == 2
    first = next(d for d in found if d.object_id == adult.message.pk)
    actions.approve(disposal=first, by=adult.manager)
    assert not CaseMessage.objects.filter(case=adult.case).exists()


def test_it_keeps_a_rejected_record_and_lists_it_again_a_year_later() -> None:
    adult = make_adult()
    disposal = _listed(adult)["notification"]
    with pytest.raises(ActionError) as error:
        actions.reject(disposal=disposal, by=adult.manager, reason=" ")
    assert error.value.field == "reason"
    actions.reject(disposal=disposal, by=adult.manager, reason="A complaint is open")
    assert Message.objects.filter(pk=adult.notification.pk).exists()
    assert "notification" not in _listed(adult)
    Disposal.objects.filter(pk=disposal.pk).update(decided_at="2025-01-01T00:00Z")
    assert "notification" in _listed(adult)


def test_only_a_service_manager_or_the_named_approver_decides() -> None:
    adult = make_adult()
    disposal = _listed(adult)["upload"]
    officer = make_user("case_officer", adult.la)
    other = make_user("service_manager", adult.la)
    with pytest.raises(ActionError):
        actions.approve(disposal=disposal, by=officer)
    Rule.objects.filter(pk=disposal.rule_id).update(approver=adult.manager)
    with pytest.raises(ActionError):
        actions.approve(disposal=disposal, by=other)
    actions.approve(disposal=disposal, by=adult.manager)
    with pytest.raises(ActionError):
        actions.approve(disposal=disposal, by=adult.manager)  # decided already


def test_it_changes_the_schedule_with_checks() -> None:
    adult = make_adult()
    rule = ensure_schedule(adult.la)[0]
    officer = make_user("case_officer", adult.la)
    change = {"keep_years": 40, "action": "delete", "source": "Our own schedule", "approver": None}
    with pytest.raises(ActionError):
        actions.change_rule(rule=rule, by=officer, **change)
    with pytest.raises(ActionError) as error:
        actions.change_rule(rule=rule, by=adult.manager, **(change | {"keep_years": 0}))
    assert error.value.field == "keep_years"
    with pytest.raises(ActionError) as error:
        actions.change_rule(rule=rule, by=adult.manager, **(change | {"approver": officer}))
    assert error.value.field == "approver"
    actions.change_rule(rule=rule, by=adult.manager, **change)
    rule.refresh_from_db()
    assert (rule.keep_years, rule.action, rule.changed_by) == (40, "delete", adult.manager)
    assert AuditEntry.objects.filter(object_type="retention.Rule", object_id=str(rule.pk)).exists()
    assert "child" not in _listed(adult)  # 40 years: not yet


def test_the_command_reviews_an_area() -> None:
    adult = make_adult()
    out = StringIO()
    call_command("retention", "review", "--la", adult.la.code, "--today", "2026-12-04", stdout=out)
    assert f"{adult.la.code} " in out.getvalue()
    assert "listed case_message 1, child 1, notification 1, upload 1; 4 awaiting" in out.getvalue()
    with pytest.raises(CommandError) as error:
        call_command("retention", "review", "--la", "nope", stdout=StringIO())
    assert error.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("retention", "review", "--la", adult.la.code, "--today", "soon")

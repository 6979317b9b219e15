"""Subject access: the register with each request's statutory month, and the archive of
everything Senda holds about a child, a young person or a parent (docs/subject-access.md)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.disclosure import actions
from senda.disclosure.archive import FAMILY, FREE_TEXT, STAFF
from senda.kernel import ActionError
from senda.people.models import FamilyContact
from senda.portal.models import CaseMessage
from tests.factories import make_case, make_child, make_family_user, make_la, make_user
from tests.retention.factories import make_adult

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)


def _log(adult, **changes):
    values = {
        "la": adult.la,
        "subject": "young_person",
        "child": adult.child,
        "contact": None,
        "requester": "The young person, by email",
        "received_on": date(2026, 11, 4),
        "by": adult.manager,
        "today": TODAY,
    }
    return actions.log_request(**(values | changes))


def _read(data: bytes, name: str) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        text = zipped.read(name).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_it_logs_a_request_with_its_statutory_month():
    adult = make_adult()
    made = _log(adult)
    assert (made.due_on, made.due, made.status(TODAY)) == (date(2026, 12, 4), made.due_on, "Open")
    assert made.status(date(2026, 12, 5)) == "Overdue"
    assert AuditEntry.objects.filter(object_type="disclosure.Request", verb="write").exists()
    elsewhere = make_child(make_la())
    with pytest.raises(ActionError) as error:
        _log(adult, child=elsewhere)
    assert error.value.field == "record"
    with pytest.raises(ActionError) as error:
        _log(adult, received_on=date(2026, 12, 5))
    assert error.value.field == "received_on"
    with pytest.raises(ActionError):
        _log(adult, by=make_user("case_officer", adult.la))


def test_it_extends_a_request_within_its_month_and_records_the_answer():
    adult = make_adult()
    made = _log(adult)
    with pytest.raises(ActionError):
        actions.extend(request=made, reason="", by=adult.manager, today=TODAY)
    actions.extend(request=made, reason="Records from many rooms", by=adult.manager, today=TODAY)
    assert made.extended_to == date(2027, 2, 4) and made.due == date(2027, 2, 4)
    with pytest.raises(ActionError):
        actions.answer(request=made, on=date(2026, 11, 1), by=adult.manager, today=TODAY)
    actions.answer(request=made, on=TODAY, by=adult.manager, today=TODAY)
    assert made.status(date(2027, 3, 1)) == "Answered"


def test_it_gathers_everything_about_a_young_person_into_one_archive():
    adult = make_adult()
    other = make_case(make_child(adult.la, family_name="Elsewhere"))
    officer = make_user("case_officer", adult.la, first_name="Olu", last_name="Officer")
    AuditEntry.objects.create(
        user=officer,
        la=adult.la,
        verb="read",
        object_type="casework.Case",
        object_id=str(adult.case.pk),
        child=adult.child,
    )
    made = actions.produce(request=_log(adult), by=adult.manager)
    with zipfile.ZipFile(io.BytesIO(made.data)) as zipped:
        names = set(zipped.namelist())
        assert zipped.read(f"documents/{adult.upload.pk}-letter.pdf") == b"%PDF-1.4 test"
        index = zipped.read("index.html").decode()
    assert {
        "index.html",
        "who-viewed.csv",
        "third-party-review.csv",
        "records/people-child.csv",
        "records/people-familycontact.csv",
        "records/casework-case.csv",
        "records/portal-casemessage.csv",
        "records/portal-upload.csv",
        "records/portal-message.csv",
    } <= names
    children = _read(made.data, "records/people-child.csv")
    assert [row[0] for row in children[1:]] == [str(adult.child.pk)]
    cases = [row[0] for row in _read(made.data, "records/casework-case.csv")[1:]]
    assert str(other.pk) not in cases
    viewed = _read(made.data, "who-viewed.csv")
    assert any("Olu Officer" in row[1] for row in viewed[1:])
    review = _read(made.data, "third-party-review.csv")[1:]
    reasons = {(row[0], row[3]) for row in review}
    assert ("records/people-familycontact.csv", FAMILY) in reasons
    assert ("records/portal-casemessage.csv", FREE_TEXT) in reasons
    assert ("who-viewed.csv", STAFF) in reasons
    assert "Third-party information to review before release" in index
    assert len(made.flags) == len(review)
    entry = AuditEntry.objects.filter(verb="export", object_type="disclosure.Request").get()
    assert entry.child_id == adult.child.pk and made.sha256 in entry.summary


def test_a_parents_archive_holds_their_record_and_what_their_account_wrote():
    adult = make_adult()
    parent = make_family_user(adult.child)
    contact = FamilyContact.objects.get(user=parent)
    CaseMessage.objects.create(case=adult.case, author=parent, from_family=True, body="Hello")
    made = actions.produce(
        request=_log(adult, subject="parent", child=None, contact=contact, requester="Parent"),
        by=adult.manager,
    )
    contacts = _read(made.data, "records/people-familycontact.csv")
    assert [row[0] for row in contacts[1:]] == [str(contact.pk)]
    messages = _read(made.data, "records/portal-casemessage.csv")
    assert len(messages) == 2  # the heading and the one message their account wrote
    assert not any(f.reason == FAMILY for f in made.flags)
    assert not any(f.reason == STAFF and "parent" in f.detail for f in made.flags)

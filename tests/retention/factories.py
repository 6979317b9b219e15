"""A young person past their 31st birthday, with everything of theirs a retention review
finds: family contact, closed case, secure message, uploaded file, notification (rows made
directly, no audit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from senda.casework.models import Case
from senda.people.models import Child, FamilyContact, LocalAuthority
from senda.portal.models import CaseMessage, Message, Upload
from senda.retention.models import Disposal
from tests.factories import make_case, make_child, make_la, make_user

TODAY = date(2026, 12, 4)
LONG_AGO = datetime(2019, 3, 1, 10, tzinfo=UTC)


@dataclass
class Adult:
    la: LocalAuthority
    manager: User
    child: Child
    case: Case
    contact: FamilyContact
    message: CaseMessage
    upload: Upload
    notification: Message


def make_adult(la: LocalAuthority | None = None) -> Adult:
    """A young person born 1 June 1990 (31 on 1 June 2021) whose one case is closed."""
    la = la or make_la()
    manager = make_user("service_manager", la, first_name="Sam", last_name="Manager")
    child = make_child(la, date_of_birth=date(1990, 6, 1), upn="", postcode="ZZ99 9ZZ")
    case = make_case(child, officer=manager, status=Case.Status.CLOSED)
    contact = FamilyContact.objects.create(
        child=child, name="Pat Example", relationship="mother", email="pat@example.test"
    )
    message = CaseMessage.objects.create(case=case, author=manager, from_family=False, body="Hi")
    CaseMessage.objects.filter(pk=message.pk).update(sent_at=LONG_AGO)
    stored = default_storage.save("portal/test/retained.pdf", ContentFile(b"%PDF-1.4 test"))
    upload = Upload.objects.create(
        case=case,
        purpose="other",
        file=stored,
        name="letter.pdf",
        content_type="application/pdf",
        size=13,
        sha256="0" * 64,
        scan=Upload.Scan.CLEAN,
        uploaded_by=manager,
    )
    Upload.objects.filter(pk=upload.pk).update(uploaded_at=LONG_AGO)
    notification = Message.objects.create(
        la=la, case=case, to="pat@example.test", template="advice_reminder", reference="S-ret1"
    )
    Message.objects.filter(pk=notification.pk).update(created_at=LONG_AGO)
    return Adult(la, manager, child, case, contact, message, upload, notification)


def make_disposal(la: LocalAuthority, child: Child | None = None) -> Disposal:
    """A record of ``la`` awaiting approval: ``child``'s (a new child's if not given)."""
    from senda.retention.schedule import ensure_schedule

    child = child or make_child(la, date_of_birth=date(1990, 6, 1))
    rule = ensure_schedule(la)[0]
    return Disposal.objects.create(
        la=la,
        rule=rule,
        record_type="child",
        object_id=child.pk,
        child=child,
        action=rule.action,
        due_on=date(2021, 6, 1),
        listed_on=TODAY,
    )

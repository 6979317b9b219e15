"""The demo's retention: one synthetic young person long past their 31st birthday, whose
only case closed years ago, with a family contact, a secure message and a notification
from then; and the area's review run on the day, so the retention page has records
awaiting a service manager's approval (docs/retention.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from django.contrib.auth.models import User

from senda.casework.models import Case
from senda.clock.counting import add_months
from senda.people.models import Child, FamilyContact, LocalAuthority
from senda.portal.models import CaseMessage, Message
from senda.retention.review import review


def write_retention(*, la: LocalAuthority, today: date, officer: User) -> int:
    """Write the adult's records and run the review; answers how many were listed."""
    born = add_months(today, -12 * 33 - 5)
    child = Child.objects.create(
        la=la,
        given_name="Morgan",
        family_name="Retained",
        date_of_birth=born,
        sex=Child.Sex.UNKNOWN,
        primary_need="SLCN",
        ethnicity="WBRI",
        postcode="SV14 3RT",
        upn_unknown="UN3",
    )
    closed = add_months(today, -12 * 9)
    case = Case.objects.create(
        la=la,
        child=child,
        officer=officer,
        status=Case.Status.CLOSED,
        opened_on=add_months(born, 12 * 16),
    )
    FamilyContact.objects.create(
        child=child, name="Alex Retained", relationship="parent", email="alex@example.test"
    )
    sent = datetime.combine(closed, time(10), tzinfo=UTC)
    message = CaseMessage.objects.create(
        case=case, author=officer, from_family=False, body="Your file is now closed."
    )
    CaseMessage.objects.filter(pk=message.pk).update(sent_at=sent)
    note = Message.objects.create(
        la=la,
        case=case,
        to="alex@example.test",
        template="advice_reminder",
        reference="S-demo-retained",
        status=Message.Status.DELIVERED,
    )
    Message.objects.filter(pk=note.pk).update(created_at=sent, sent_at=sent)
    return len(review(la, today=today))

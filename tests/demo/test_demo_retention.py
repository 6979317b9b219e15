"""The demo's retention (``senda.demo.retention``): the young person past their 31st
birthday and their records await approval, and the review run again lists nothing new."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from senda.demo.build import Built
from senda.retention.models import Disposal
from tests.web.page_audit import AuditingClient


def test_the_demo_has_records_past_retention_awaiting_approval(area: Built) -> None:
    waiting = Disposal.objects.pending().filter(la=area.la)
    assert {d.record_type for d in waiting} >= {"child", "case_message", "notification"}
    out = StringIO()
    call_command("retention", "review", "--la", area.la.code, "--today", "2026-03-10", stdout=out)
    assert "listed nothing new" in out.getvalue()

    client = AuditingClient()
    client.force_login(User.objects.get(username="service-manager"))
    page = client.get(reverse("web:retention")).content.decode()
    assert "Retained" not in page and "awaiting approval" in page


def test_it_deletes_and_anonymises_the_demo_familys_records(area: Built) -> None:
    """The generic deletion on a record with everything a demo family has (plans, reviews,
    messages, views, surveys …), and anonymising another family's child."""
    from senda.audit.models import AuditEntry
    from senda.casework.models import Case
    from senda.people.models import Child, FamilyContact
    from senda.retention import actions
    from tests.retention.factories import make_disposal

    manager = User.objects.get(username="service-manager")
    child = FamilyContact.objects.filter(user__username="parent").first().child
    cases = list(Case.objects.filter(child=child).values_list("pk", flat=True))
    logged = AuditEntry.objects.filter(child=child).count()
    deleted = make_disposal(area.la, child)
    Disposal.objects.filter(pk=deleted.pk).update(action="delete")
    actions.approve(disposal=deleted, by=manager)
    assert not Child.objects.filter(pk=child.pk).exists()
    assert not Case.objects.filter(pk__in=cases).exists()
    kept = AuditEntry.objects.filter(object_type="people.Child", object_id=str(child.pk))
    assert kept.exists() or logged == 0  # the log's rows stay, without the link to the child

    other = Child.objects.filter(la=area.la, contacts__isnull=False).exclude(pk=child.pk).first()
    assert other is not None
    anonymised = make_disposal(area.la, other)  # as the demo's schedule says: anonymise
    actions.approve(disposal=anonymised, by=manager)
    other.refresh_from_db()
    assert other.given_name == "Anonymised" and not other.contacts.exists()

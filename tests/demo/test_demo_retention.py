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

"""The retention pages: a service manager sees the records past retention, approves one
(it is anonymised at once) or rejects one with a reason, and changes the schedule. Who may
open them is the role matrix's (service managers only; 404 for everyone else)."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from senda.people.models import Child
from senda.retention.models import Disposal, Rule
from senda.retention.review import review
from tests.retention.factories import TODAY, make_adult

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return html.unescape(" ".join(response.content.decode().split()))


def test_a_service_manager_approves_and_rejects_records_past_retention(client):
    adult = make_adult()
    listed = {d.record_type: d for d in review(adult.la, today=TODAY)}
    client.force_login(adult.manager)
    shown = page(client.get(reverse("web:retention")))
    assert "Records past retention awaiting approval" in shown
    assert f"A child's SEN record {adult.child.pk}" in shown
    assert adult.child.family_name not in shown
    url = reverse("web:retention-disposal", args=[listed["child"].pk])
    assert "Your decision" in page(client.get(url))
    missing = client.post(url, {"decision": "reject", "reason": ""})
    assert "Error: " in page(missing) and "Enter why the record is kept" in page(missing)
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    assert Child.objects.get(pk=adult.child.pk).given_name == "Anonymised"
    url = reverse("web:retention-disposal", args=[listed["upload"].pk])
    client.post(url, {"decision": "reject", "reason": "A claim is open"})
    assert Disposal.objects.get(pk=listed["upload"].pk).status == "rejected"
    assert "Decided by" in page(client.get(url))
    assert "2 decided so far" in page(client.get(reverse("web:retention")))


def test_a_service_manager_changes_the_schedule(client):
    adult = make_adult()
    client.force_login(adult.manager)
    shown = page(client.get(reverse("web:retention-schedule")))
    assert "31 years from the young person's date of birth" in shown
    assert "IRMS Information Management Toolkit for Schools" in shown
    rule = Rule.objects.get(la=adult.la, record_type="notification")
    url = reverse("web:retention-rule", args=[rule.pk])
    wrong = client.post(url, {"keep_years": "six", "action": "delete", "source": "x"})
    assert "Years kept must be a whole number" in page(wrong)
    data = {"keep_years": "2", "action": "anonymise", "source": "Our schedule", "approver": ""}
    assert client.post(url, data | {"approver": str(adult.manager.pk)}).status_code == 302
    rule.refresh_from_db()
    assert (rule.keep_years, rule.action, rule.approver) == (2, "anonymise", adult.manager)

"""A child's vulnerable-groups pages: the groups shown, a period recorded, corrected and
withdrawn (kept, struck through), every read audited, and hostile input that never 500s."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.people.models import Child, ChildGroupPeriod
from tests.web.page_audit import audit_page, text_of


@pytest.fixture
def officer(client: Any, personas: Any) -> Any:
    client.force_login(personas.case_officer)
    return client


def groups_url(child: Child) -> str:
    return reverse("web:child-groups", args=[child.pk])


def dated(prefix: str, day: date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}-day": "", f"{prefix}-month": "", f"{prefix}-year": ""}
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def test_recording_a_period_shows_it_and_every_read_is_audited(officer: Any, personas: Any) -> None:
    child = personas.child
    Child.objects.filter(pk=child.pk).update(missing_education=True)
    page = officer.get(groups_url(child))
    assert page.status_code == 200
    assert "Missing education" in text_of(audit_page(page))
    assert AuditEntry.objects.filter(verb="read", child=child, summary__contains="groups").exists()
    data = {
        "group": "previously_looked_after",
        "how": "sgo",
        **dated("start", date(2023, 4, 1)),
        **dated("end", None),
    }
    response = officer.post(reverse("web:child-group-record", args=[child.pk]), data)
    assert response.status_code == 302
    period = ChildGroupPeriod.objects.get()
    assert (period.group, period.how, period.start, period.end) == (
        "previously_looked_after",
        "sgo",
        date(2023, 4, 1),
        None,
    )
    text = text_of(audit_page(officer.get(groups_url(child))))
    assert "Previously looked after or adopted" in text and "Special guardianship order" in text
    details = text_of(audit_page(officer.get(reverse("web:child-details", args=[child.pk]))))
    assert "previously looked after or adopted, missing education" in details


def test_correcting_and_withdrawing_keep_the_period(officer: Any, personas: Any) -> None:
    from senda.people.groups import record_period

    first = record_period(
        child=personas.child, group="looked_after", start=date(2024, 1, 1), by=personas.case_officer
    )
    correct = reverse("web:child-group-correct", args=[first.pk])
    assert officer.get(correct).status_code == 200
    data = {
        "what": "correct",
        "reason": "Wrong month",
        **dated("start", date(2024, 2, 1)),
        **dated("end", None),
    }
    assert officer.post(correct, data).status_code == 302
    fixed = ChildGroupPeriod.objects.current().get()
    assert fixed.replaces == first and fixed.start == date(2024, 2, 1)
    assert officer.get(correct).status_code == 404  # the first no longer stands
    gone = reverse("web:child-group-correct", args=[fixed.pk])
    assert (
        officer.post(
            gone,
            {
                "what": "withdraw",
                "reason": "Another child",
                **dated("start", None),
                **dated("end", None),
            },
        ).status_code
        == 302
    )
    assert not ChildGroupPeriod.objects.current().exists()
    html = officer.get(groups_url(personas.child)).content.decode()
    assert "<s>" in html and "Withdrawn: Another child" in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"group": "orphans"},
        {"group": "looked_after", "start-day": "31", "start-month": "2", "start-year": "2024"},
        {"group": "looked_after", "start-day": "1", "start-month": "1", "start-year": "2099"},
        {
            "group": "previously_looked_after",
            "start-day": "1",
            "start-month": "1",
            "start-year": "2024",
        },
        {
            "group": "looked_after",
            "how": "adopted",
            "start-day": "1",
            "start-month": "1",
            "start-year": "2024",
        },
        {
            "group": "looked_after",
            "start-day": "1",
            "start-month": "1",
            "start-year": "2024",
            "end-day": "1",
            "end-month": "1",
            "end-year": "2023",
        },
        {"group": "looked_after\x00", "start-day": "x" * 5000},
    ],
)
def test_hostile_input_is_a_form_error(officer: Any, personas: Any, data: dict[str, str]) -> None:
    response = officer.post(reverse("web:child-group-record", args=[personas.child.pk]), data)
    assert response.status_code == 200
    assert "Error: " in text_of(audit_page(response))
    assert not ChildGroupPeriod.objects.exists()

"""Walkthrough item 14 through the pages: drawing a sample, or drafting a learning summary,
for a period that already has one shows an error on the box "Draw another sample for this
period" (or "Draft another summary …") and writes nothing; ticking it goes ahead."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.quality.models import LearningSummary, Sample
from tests.quality.factories import make_live_plan, make_sample, make_summary
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


SAMPLE_FORM = {
    "label": "Autumn term 2026",
    "period": "term-2026-09-01",
    "yearly_share": "100",
    "review_share": "0",
    "exclude_months": "12",
    "strata": ["phase"],
}


def test_it_asks_before_drawing_a_second_sample_for_the_period(client, personas):
    make_live_plan(la=personas.la)
    first = make_sample(personas.la, by=personas.qa_auditor)  # November 2026
    client.force_login(personas.qa_auditor)
    page = page_text(client.get(reverse("web:qa-sample-new")))
    assert "Draw another sample for this period" in page

    response = client.post(reverse("web:qa-sample-new"), SAMPLE_FORM)
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "There is already a sample for this period (November 2026, 1 November 2026" in text
    assert 'href="#id_another"' in response.content.decode()
    assert list(Sample.objects.filter(la=personas.la)) == [first]

    response = client.post(reverse("web:qa-sample-new"), SAMPLE_FORM | {"another": "on"})
    drawn = Sample.objects.exclude(pk=first.pk).get(la=personas.la)
    assert response.status_code == 302
    assert (drawn.label, drawn.period_start, drawn.period_end) == (
        "Autumn term 2026",
        date(2026, 9, 1),
        date(2026, 12, 31),
    )


def test_a_sample_for_a_new_period_is_drawn_without_asking(client, personas):
    make_live_plan(la=personas.la)
    make_sample(personas.la, by=personas.qa_auditor)  # November 2026
    client.force_login(personas.qa_auditor)
    response = client.post(reverse("web:qa-sample-new"), SAMPLE_FORM | {"period": "month-2026-12"})
    assert response.status_code == 302
    assert Sample.objects.filter(la=personas.la).count() == 2


def _dated(name: str, on: date) -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def test_it_asks_before_drafting_a_second_summary_for_the_period(client, personas):
    existing = make_summary(personas.la, by=personas.qa_auditor)  # April–September 2026
    client.force_login(personas.qa_auditor)
    form = _dated("period_start", date(2026, 4, 1)) | _dated("period_end", date(2026, 9, 30))
    assert "Draft another summary for this period" in page_text(
        client.get(reverse("web:qa-summary-new"))
    )

    response = client.post(reverse("web:qa-summary-new"), form)
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "There is already a learning summary for this period (a draft, 1 April 2026" in text
    assert 'href="#id_another"' in response.content.decode()
    assert list(LearningSummary.objects.filter(la=personas.la)) == [existing]

    response = client.post(reverse("web:qa-summary-new"), form | {"another": "on"})
    assert response.status_code == 302
    assert LearningSummary.objects.filter(la=personas.la).count() == 2

"""Walkthrough item 14: a second sample of plans, or a second learning summary, for a
period that already has one (the same area, an overlapping period) needs the QA lead to
confirm it (``another=True``); otherwise the action refuses, naming the one there is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.kernel import ActionError
from senda.quality import samples, summaries
from senda.quality.models import LearningSummary, Sample
from tests.factories import make_la, make_user
from tests.quality.factories import make_live_plan, make_sample, make_summary

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def _draw(la, lead, start, end, **more):
    return samples.draw_sample(
        la=la,
        label="December 2026",
        period_start=start,
        period_end=end,
        share=Decimal("0.5"),
        review_share=Decimal("0"),
        exclude_months=12,
        strata=("phase",),
        by=lead,
        seed=1,
        today=TODAY,
        **more,
    )


def test_it_asks_before_a_second_sample_for_an_overlapping_period():
    la = make_la()
    lead = make_user("qa_auditor", la)
    make_live_plan(la=la)
    first = make_sample(la, by=lead)  # "November 2026": 1 to 30 November 2026
    for start, end in [
        (date(2026, 11, 1), date(2026, 11, 30)),  # the same month
        (date(2026, 9, 1), date(2026, 12, 31)),  # a term holding it
        (date(2026, 11, 30), date(2026, 12, 31)),  # one day in common
    ]:
        with pytest.raises(ActionError) as refused:
            _draw(la, lead, start, end)
        assert refused.value.field == "another"
        assert refused.value.message == (
            "There is already a sample for this period (November 2026, 1 November 2026 to "
            "30 November 2026): to draw another, tick “Draw another sample for this period”"
        )
    assert list(Sample.objects.filter(la=la)) == [first]
    second = _draw(la, lead, date(2026, 11, 1), date(2026, 11, 30), another=True)
    assert set(Sample.objects.filter(la=la)) == {first, second}


def test_a_sample_for_a_period_next_to_it_or_of_another_area_needs_no_confirmation():
    la = make_la()
    lead = make_user("qa_auditor", la)
    make_live_plan(la=la)
    make_sample(la, by=lead)  # November 2026
    make_sample(make_la())  # another area's December sample
    drawn = _draw(la, lead, date(2026, 12, 1), date(2026, 12, 31))
    assert (drawn.period_start, drawn.items.count()) == (date(2026, 12, 1), 1)


def test_it_asks_before_a_second_learning_summary_for_an_overlapping_period():
    la = make_la()
    lead = make_user("qa_auditor", la)
    existing = make_summary(la, by=lead, published_on=date(2026, 10, 5))  # April–September
    with pytest.raises(ActionError) as refused:
        summaries.draft_summary(
            la=la, period_start=date(2026, 9, 1), period_end=date(2027, 2, 28), by=lead
        )
    assert refused.value.field == "another"
    assert refused.value.message == (
        "There is already a learning summary for this period (published, 1 April 2026 to "
        "30 September 2026): to draft another, tick “Draft another summary for this period”."
    )
    assert list(LearningSummary.objects.filter(la=la)) == [existing]
    again = summaries.draft_summary(
        la=la,
        period_start=date(2026, 9, 1),
        period_end=date(2027, 2, 28),
        by=lead,
        another=True,
    )
    assert set(LearningSummary.objects.filter(la=la)) == {existing, again}


def test_a_summary_for_the_next_half_year_or_of_another_area_needs_no_confirmation():
    la = make_la()
    lead = make_user("qa_auditor", la)
    make_summary(la, by=lead)  # a draft, April–September 2026
    make_summary(make_la())
    drafted = summaries.draft_summary(
        la=la, period_start=date(2026, 10, 1), period_end=date(2027, 3, 31), by=lead
    )
    assert drafted.period_start == date(2026, 10, 1)
    with pytest.raises(ActionError, match=r"\(a draft, 1 April 2026"):
        summaries.draft_summary(
            la=la, period_start=date(2026, 4, 1), period_end=date(2026, 4, 1), by=lead
        )

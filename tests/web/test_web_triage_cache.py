"""The triage list is cached until anything in the area is written or the day changes."""

from datetime import date, timedelta

from django.urls import reverse

from senda.casework.actions import record_review_meeting, record_transferred_in
from senda.web.views import triage as view

TRIAGE = reverse("web:triage")


def listed(response):
    return [case.pk for _, case in response.context["rows"]]


def overdue_review(personas, today):
    """The personas' case: a plan transferred in 13 months ago, so its review is overdue."""
    record_transferred_in(
        case=personas.case,
        on=today - timedelta(days=400),
        by=personas.case_officer,
        today=today,
    )


def test_it_serves_the_cached_list_until_the_area_writes(client, personas):
    today = date.today()
    client.force_login(personas.case_officer)
    assert listed(client.get(TRIAGE)) == []
    overdue_review(personas, today)  # an audited write: a new version
    before = client.get(TRIAGE).context["rows"]
    assert [case.pk for _, case in before] == [personas.case.pk]
    record_review_meeting(case=personas.case, on=today, by=personas.case_officer, today=today)
    after = client.get(TRIAGE).context["rows"]
    # The family's letter (reg 15(4)) still leads; the review no longer counts against it.
    assert [s.total for s, _ in after] < [s.total for s, _ in before]
    assert len(view.RANKINGS._items) == 3  # one entry per version seen


def test_it_keys_on_the_day_and_the_filters(personas):
    chosen = {"window": 28}
    base = view.ranked_for(personas.la.pk, personas.la.cases.all(), chosen, date(2026, 11, 2))
    assert base == []
    seen = set(view.RANKINGS._items)
    view.ranked_for(personas.la.pk, personas.la.cases.all(), chosen, date(2026, 11, 3))
    view.ranked_for(personas.la.pk, personas.la.cases.all(), {"window": 7}, date(2026, 11, 3))
    after = set(view.RANKINGS._items)
    assert len(after - seen) == 2


def test_it_forgets_the_least_recently_used_entry():
    from senda.web.memo import Memo

    memo = Memo(maxsize=2)
    calls = []
    for key in ["a", "b", "a", "c", "b"]:
        memo.get_or_set(key, lambda key=key: calls.append(key) or key.upper())
    assert calls == ["a", "b", "c", "b"]  # "a" reused; "b" evicted by "c", then recomputed
    assert memo.get_or_set("c", lambda: "never") == "C"

"""The pure draw of a sample (``quality.sampling``): a worked example and properties."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senda.quality import sampling
from senda.quality.sampling import FrameRow, draw

TODAY = date(2026, 12, 3)
RECENT = date(2026, 3, 3)  # a review in the last 12 months
OLD = date(2025, 6, 1)  # more than 12 months ago


def row(plan: int, *, phase="primary", need="ASD", officer=1, setting=1, review=None, audited=None):
    return FrameRow(plan, plan + 1000, phase, need, officer, setting, review, audited)


def test_phase_of_year_groups():
    assert [sampling.phase_of(y) for y in (None, -1, 0, 6, 7, 11, 12, 15)] == [
        "",
        "early years",
        "primary",
        "primary",
        "secondary",
        "secondary",
        "post-16",
        "post-16",
    ]


def test_sample_size_rounds_half_up_and_is_at_least_one():
    assert sampling.sample_size(0.05, 0) == 0
    assert sampling.sample_size(0.05, 3) == 1
    assert sampling.sample_size(0.05, 30) == 2  # 1.5 → 2
    assert sampling.sample_size(0.05, 650_000) == 32_500


def test_period_share_of_five_percent_a_year():
    assert round(sampling.period_share(0.05, 1), 6) == 0.004167
    assert sampling.period_share(0.05, 4) == 0.05 * 4 / 12


def test_largest_remainder_worked_example():
    # 10 picks over 44, 36, 20 plans: ideal 4.4, 3.6, 2.0 → floors 4, 3, 2; the one left
    # goes to the largest remainder (the second); a tie goes to the first
    assert list(sampling.largest_remainder(10, np.array([44, 36, 20]))) == [4, 4, 2]
    assert list(sampling.largest_remainder(10, np.array([45, 35, 20]))) == [5, 3, 2]


def test_worked_example_reason_names_stratum_and_review():
    rows = [row(1, phase="secondary", officer=12, review=RECENT)] + [
        row(i, phase="secondary", officer=12) for i in range(2, 41)
    ]
    result = draw(
        rows,
        share=0.025,
        review_share=0.5,
        exclude_months=12,
        strata=("phase", "need", "officer"),
        seed=1,
        today=TODAY,
        need_names={"ASD": "Autistic spectrum disorder"},
    )
    assert [p.plan_id for p in result.picks] == [1]
    assert result.picks[0].reason == (
        "Drawn at random from secondary, autistic spectrum disorder (ASD), officer 12's "
        "cases: 1 of 40; includes the review of 3 March 2026"
    )
    assert result.picks[0].includes_review is True


def test_recently_audited_plans_are_left_out_but_count_in_the_frame():
    rows = [row(1, audited=date(2026, 6, 1)), row(2, audited=date(2025, 11, 1)), row(3)]
    result = draw(rows, share=1, review_share=0, exclude_months=12, strata=(), seed=3, today=TODAY)
    assert sorted(p.plan_id for p in result.picks) == [2, 3]
    assert (result.frame_size, result.eligible, result.n) == (3, 2, 2)


def test_quota_wins_over_proportion_when_it_must():
    # 10 reviewed plans in one stratum, 90 unreviewed in another: proportion gives the
    # first 1 of 10 picks; the quota of 5 moves 4 picks over
    rows = [row(i, need="ASD", review=RECENT) for i in range(1, 11)]
    rows += [row(i, need="SEMH") for i in range(11, 101)]
    result = draw(
        rows, share=0.1, review_share=0.5, exclude_months=12, strata=("need",), seed=9, today=TODAY
    )
    assert (result.n, result.quota, result.reviewed, result.shifted) == (10, 5, 5, 4)


def test_packed_frame_reads_back():
    rows = [row(2, review=RECENT, audited=OLD), row(1, officer=None, setting=None, need="")]
    assert sampling.unpack_frame(sampling.pack_frame(rows)) == sorted(rows)
    assert sampling.unpack_frame(sampling.pack_frame([])) == []
    many = [row(i, officer=i, review=RECENT if i % 2 else None) for i in range(1, 70_000)]
    assert sampling.unpack_frame(sampling.pack_frame(many)) == many  # 16-bit, then 32-bit codes


# --- properties ---------------------------------------------------------------------

rows_strategy = st.lists(
    st.builds(
        lambda plan, phase, need, officer, review, audited: row(
            plan, phase=phase, need=need, officer=officer, review=review, audited=audited
        ),
        st.integers(1, 10_000),
        st.sampled_from(["early years", "primary", "secondary", "post-16", ""]),
        st.sampled_from(["ASD", "SEMH", "SLCN", ""]),
        st.sampled_from([1, 2, 3, None]),
        st.sampled_from([None, RECENT, OLD]),
        st.sampled_from([None, None, None, date(2026, 9, 1), OLD]),
    ),
    max_size=300,
    unique_by=lambda r: r.plan_id,
)
shares = st.floats(0.01, 1.0)
review_shares = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])
strata_strategy = st.sets(st.sampled_from(sampling.FACETS)).map(tuple)
seeds = st.integers(0, 2**63 - 1)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _draw(rows, share, review_share, strata, seed, exclude_months=12):
    return draw(
        rows,
        share=share,
        review_share=review_share,
        exclude_months=exclude_months,
        strata=strata,
        seed=seed,
        today=TODAY,
    )


@FAST
@given(rows_strategy, shares, review_shares, strata_strategy, seeds)
def test_same_seed_same_sample(rows, share, review_share, strata, seed):
    first = _draw(rows, share, review_share, strata, seed)
    again = _draw(list(reversed(rows)), share, review_share, strata, seed)
    assert [p.plan_id for p in first.picks] == [p.plan_id for p in again.picks]
    assert [p.reason for p in first.picks] == [p.reason for p in again.picks]


@FAST
@given(rows_strategy, shares, review_shares, strata_strategy, seeds)
def test_sample_size_is_right(rows, share, review_share, strata, seed):
    result = _draw(rows, share, review_share, strata, seed)
    eligible = [r for r in rows if not (r.audited_on and r.audited_on > date(2025, 12, 3))]
    expected = min(sampling.sample_size(share, len(rows)), len(eligible))
    assert len(result.picks) == expected
    assert len({p.plan_id for p in result.picks}) == expected
    if rows and eligible:
        assert len(result.picks) >= 1


@FAST
@given(rows_strategy, shares, review_shares, strata_strategy, seeds)
def test_review_quota_met_when_possible(rows, share, review_share, strata, seed):
    result = _draw(rows, share, review_share, strata, seed)
    eligible = [r for r in rows if not (r.audited_on and r.audited_on > date(2025, 12, 3))]
    reviewed = sum(1 for r in eligible if r.review_on == RECENT)
    wanted = sampling.review_quota(review_share, len(result.picks))
    got = sum(p.includes_review for p in result.picks)
    assert got >= min(wanted, reviewed)
    assert got == result.reviewed


@FAST
@given(rows_strategy, shares, review_shares, strata_strategy, seeds, st.sampled_from([0, 6, 12]))
def test_no_excluded_plan_is_drawn(rows, share, review_share, strata, seed, months):
    result = _draw(rows, share, review_share, strata, seed, exclude_months=months)
    cutoff = sampling.add_months(TODAY, -months)
    by_id = {r.plan_id: r for r in rows}
    for pick in result.picks:
        audited = by_id[pick.plan_id].audited_on
        assert months == 0 or audited is None or audited <= cutoff


@FAST
@given(rows_strategy, shares, strata_strategy, seeds, review_shares)
def test_strata_proportional_within_one(rows, share, strata, seed, review_share):
    result = _draw(rows, share, review_share, strata, seed)
    if result.shifted:  # the quota moved picks (test_quota_wins_over_proportion_when_it_must)
        return
    held = Counter(
        sampling.stratum_label(r, strata, {})
        for r in rows
        if not (r.audited_on and r.audited_on > date(2025, 12, 3))
    )
    drawn = Counter(p.stratum for p in result.picks)
    total = sum(held.values())
    for label, size in held.items():
        ideal = result.n * size / total
        assert abs(drawn[label] - ideal) < 1, (label, drawn[label], ideal)


@FAST
@given(rows_strategy, shares, strata_strategy, seeds)
def test_without_a_quota_nothing_is_shifted(rows, share, strata, seed):
    assert _draw(rows, share, 0.0, strata, seed).shifted == 0

"""The pure draw of a sample (``quality.sampling``): a worked example and properties."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest
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


def test_systematic_allocation_worked_example():
    # 10 picks over 44, 36, 20 plans: exact shares 4.4, 3.6, 2.0. Laid end to end on 10
    # units (edges at 4.4 and 8.0), a pick at start/100 and every unit after it: a start
    # below 60 gives the first 4 (picks at 0.x … 3.x) and the second 4; from 60 the first 5
    assert list(sampling.systematic(10, np.array([44, 36, 20]), 0)) == [4, 4, 2]
    assert list(sampling.systematic(10, np.array([44, 36, 20]), 59)) == [4, 4, 2]
    assert list(sampling.systematic(10, np.array([44, 36, 20]), 60)) == [5, 3, 2]
    assert list(sampling.systematic(10, np.array([44, 36, 20]), 99)) == [5, 3, 2]
    # over every start, each group gets its exact share on average: 4.4, 3.6, 2.0
    every = sum(sampling.systematic(10, np.array([44, 36, 20]), s) for s in range(100))
    assert list(every) == [440, 360, 200]
    assert list(sampling.systematic(0, np.array([3, 0, 2]), 1)) == [0, 0, 0]


def test_tiny_strata_are_drawn_by_chance_not_by_position():
    # 40 strata of one plan each, 4 picks: each stratum owed 0.1. Ties broken by position
    # always drew the first four; the draw must spread over the seeds
    rows = [row(i, officer=i) for i in range(1, 41)]
    seen = Counter()
    for seed in range(50):
        result = draw(
            rows,
            share=0.1,
            review_share=0,
            exclude_months=0,
            strata=("officer",),
            seed=seed,
            today=TODAY,
        )
        assert len(result.picks) == 4
        seen.update(p.plan_id for p in result.picks)
    assert len(seen) > 30  # 200 picks over 40 plans: nearly every plan drawn at least once
    assert max(seen.values()) < 20  # 5 expected each


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
def test_each_value_of_the_first_facet_gets_its_share_within_one(rows, share, strata, seed):
    result = _draw(rows, share, 0.0, strata, seed)
    first = next((f for f in sampling.FACETS if f in strata), None)
    eligible = [r for r in rows if not (r.audited_on and r.audited_on > date(2025, 12, 3))]
    if first is None or not eligible:
        return
    field = sampling.FIELD_OF[first]
    held = Counter(r[field] for r in eligible)
    by_id = {r.plan_id: r for r in rows}
    drawn = Counter(by_id[p.plan_id][field] for p in result.picks)
    for value, size in held.items():
        assert abs(drawn[value] - result.n * size / len(eligible)) < 1


@FAST
@given(rows_strategy, shares, strata_strategy, seeds)
def test_without_a_quota_nothing_is_shifted(rows, share, strata, seed):
    assert _draw(rows, share, 0.0, strata, seed).shifted == 0


# --- a frame shaped like the demo: many tiny strata (walkthrough item 1) ---------------

DEMO_PHASES = {"early years": 0.10, "primary": 0.40, "secondary": 0.35, "post-16": 0.15}
DEMO_NEEDS = ("ASD", "SEMH", "SLCN", "MLD", "SPLD", "SLD", "PMLD", "PD", "HI", "VI", "OTH")


def demo_frame(plans=4000, reviewed_share=0.4, seed=7):
    """``plans`` live plans in four phases (10/40/35/15%), 11 needs, an officer per 120
    plans and a setting per 8 (so almost every stratum of the four facets holds one or two
    plans), ``reviewed_share`` of them with a review in the last 12 months."""
    rng = np.random.default_rng(seed)
    cut = np.cumsum([int(share * plans) for share in DEMO_PHASES.values()])
    phases = np.searchsorted(cut, np.arange(plans), side="right")
    rng.shuffle(phases)
    names = list(DEMO_PHASES)
    reviewed = rng.permutation(plans) < round(reviewed_share * plans)
    return [
        row(
            plan + 1,
            phase=names[phases[plan]],
            need=DEMO_NEEDS[int(rng.integers(len(DEMO_NEEDS)))],
            officer=int(rng.integers(plans // 120)) + 1,
            setting=int(rng.integers(plans // 8)) + 1,
            review=RECENT if reviewed[plan] else OLD,
        )
        for plan in range(plans)
    ]


@pytest.mark.parametrize("seed", range(8))
def test_every_facet_ticked_still_gives_each_phase_its_share(seed):
    rows = demo_frame()
    result = _draw(rows, 0.05, 0.5, sampling.FACETS, seed, exclude_months=0)
    assert result.n == 200
    strata = Counter(sampling.stratum_label(r, sampling.FACETS, {}) for r in rows)
    assert max(strata.values()) <= 3  # the strata are tiny: each is owed 0.15 plans at most
    by_id = {r.plan_id: r for r in rows}
    drawn = Counter(by_id[p.plan_id].phase for p in result.picks)
    for phase, share in DEMO_PHASES.items():
        assert abs(drawn[phase] - share * 200) <= 2, (phase, drawn[phase], share * 200)
    assert result.quota == 100
    assert result.reviewed == 100


@pytest.mark.parametrize("strata", [sampling.FACETS, ("phase", "need"), ("phase",), ()])
@pytest.mark.parametrize("seed", range(4))
def test_the_review_share_is_a_minimum_not_a_skew(strata, seed):
    # 40% of the plans have a recent review and 50% is asked: the quota (100 of 200), or
    # what the random draw held if more, not the quota plus a natural share of the rest
    rows = demo_frame()
    result = _draw(rows, 0.05, 0.5, strata, seed, exclude_months=0)
    natural = _draw(rows, 0.05, 0.0, strata, seed, exclude_months=0)
    assert (result.n, result.quota) == (200, 100)
    assert result.reviewed == max(100, natural.reviewed)
    if natural.reviewed >= 100:  # nothing to top up: the very same plans
        assert [p.plan_id for p in result.picks] == [p.plan_id for p in natural.picks]


@pytest.mark.parametrize("seed", range(4))
def test_a_lower_review_share_takes_the_natural_share(seed):
    rows = demo_frame(reviewed_share=0.7)
    result = _draw(rows, 0.05, 0.5, sampling.FACETS, seed, exclude_months=0)
    # 70% have a recent review, 50% was asked: about 70% of the sample (within 3 sd)
    assert 140 - 20 <= result.reviewed <= 140 + 20
    assert result.shifted == 0


def test_every_plan_is_about_equally_likely_over_many_draws():
    rows = demo_frame(plans=800)
    counts = Counter()
    for seed in range(300):
        result = _draw(rows, 0.05, 0.0, sampling.FACETS, seed, exclude_months=0)
        counts.update(p.plan_id for p in result.picks)
    by_phase = Counter()
    for plan_id, times in counts.items():
        by_phase[next(r.phase for r in rows if r.plan_id == plan_id)] += times
    # 40 picks a draw, 300 draws: 12,000 picks, each phase its share to within 3%
    for phase, share in DEMO_PHASES.items():
        assert abs(by_phase[phase] / 12_000 - share) < 0.03, (phase, by_phase[phase])

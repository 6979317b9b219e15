"""Agreement between raters: the domain doc's worked examples (§4), computed with
statsmodels, and the cases where kappa cannot be computed."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senda.quality import agreement
from senda.quality.agreement import cohen, fleiss, kappa, percent_agreement, reading

OUT, G, RI, INAD = 4, 3, 2, 1
#: Auditor vs moderator, 10 plans: O,O · G,G ×3 · G,RI · RI,RI ×2 · RI,G · I,I · O,G.
PAIRS = [
    (OUT, OUT),
    (G, G),
    (G, G),
    (G, G),
    (G, RI),
    (RI, RI),
    (RI, RI),
    (RI, G),
    (INAD, INAD),
    (OUT, G),
]
#: Three moderators, five plans: counts [O,G,RI,I] = [0,3,0,0] [0,2,1,0] [0,0,3,0]
#: [1,2,0,0] [0,0,1,2].
THREE = [[G, G, G], [G, G, RI], [RI, RI, RI], [OUT, G, G], [RI, INAD, INAD]]


def test_percent_agreement_of_the_two_rater_example():
    result = percent_agreement(PAIRS)
    assert (result.plans, result.agreeing) == (10, 7)
    assert result.percent == 0.70
    assert result.pairwise == 0.70


def test_cohens_kappa_of_the_worked_example():
    result = cohen([a for a, _ in PAIRS], [b for _, b in PAIRS])
    assert result.method == "cohen" and result.n == 10
    assert round(result.kappa, 2) == 0.56
    assert math.isclose(result.kappa, 0.38 / 0.68)
    assert (round(result.kappa_low, 2), round(result.kappa_upp, 2)) == (0.12, 0.99)
    assert round(result.std, 3) == 0.222
    assert round(result.linear, 2) == 0.67
    assert round(result.quadratic, 2) == 0.79
    assert result.interval == "asymptotic"
    assert result.reading == "moderate"
    assert result.too_few  # ten plans, an interval 0.87 wide
    assert kappa(PAIRS) == result


def test_fleiss_kappa_of_the_worked_example():
    result = fleiss(THREE)
    assert result.method == "fleiss" and (result.n, result.raters) == (5, 3)
    assert round(result.kappa, 2) == 0.38
    assert math.isclose(result.kappa, (0.60 - 79 / 225) / (1 - 79 / 225))
    assert result.interval == "bootstrap"
    assert result.low < result.kappa < result.upp
    assert result.too_few and result.reading == "fair"
    assert fleiss(THREE) == result  # seeded: the same interval every time
    assert kappa(THREE) == result
    shares = percent_agreement(THREE)
    assert shares.percent == 0.40
    assert math.isclose(shares.pairwise, 0.60)


def test_the_fleiss_bootstrap_is_statsmodels_fleiss_kappa_on_each_resample():
    import numpy as np
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    counts, _ = aggregate_raters(np.array(THREE) - 1, n_cat=4)
    rng = np.random.default_rng(agreement.BOOTSTRAP_SEED)
    draws = rng.integers(0, 5, size=(agreement.BOOTSTRAP_RESAMPLES, 5))
    boots = [fleiss_kappa(counts[row]) for row in draws if np.count_nonzero(counts[row].sum(0)) > 1]
    low, upp = np.percentile(boots, [2.5, 97.5])
    result = fleiss(THREE)
    assert math.isclose(result.low, low) and math.isclose(result.upp, upp)
    assert math.isclose(result.std, float(np.std(boots, ddof=1)))


def test_kappa_is_not_defined_when_everyone_gives_one_grade():
    result = kappa([[G, G], [G, G], [G, G]])
    assert result.kappa is None and not result.defined
    assert "not defined" in result.note
    assert result.reading == "not defined"
    assert percent_agreement([[G, G], [G, G], [G, G]]).percent == 1.0
    three = fleiss([[G, G, G], [G, G, G]])
    assert three.kappa is None and "not defined" in three.note


def test_fewer_than_two_plans():
    assert cohen([G], [RI]).kappa is None
    assert "at least two plans" in cohen([G], [RI]).note
    assert fleiss([[G, G, RI]]).kappa is None
    empty = percent_agreement([])
    assert empty.percent is None and empty.pairwise is None


def test_a_rater_missing_a_plan_leaves_it_out_and_says_how_many():
    rows = [*THREE, [G, None, G]]
    result = fleiss(rows)
    assert result.left_out == 1 and result.n == 5
    assert round(result.kappa, 2) == 0.38
    two = cohen([G, RI, OUT, None], [G, G, OUT, RI])
    assert two.left_out == 1 and two.n == 3
    shares = percent_agreement([[G, None, None], [G, G, None]])
    assert (shares.plans, shares.left_out, shares.agreeing) == (1, 1, 1)


def test_reading_uses_landis_and_koch():
    assert [reading(k) for k in (-0.1, 0.1, 0.3, 0.5, 0.7, 0.9)] == [
        "poor",
        "slight",
        "fair",
        "moderate",
        "substantial",
        "almost perfect",
    ]


def test_a_large_round_can_pin_kappa_down():
    rows = PAIRS * 20  # 200 plans: the interval narrows below 0.4
    result = kappa(rows)
    assert round(result.kappa, 2) == 0.56
    assert result.upp - result.low < agreement.TOO_WIDE
    assert not result.too_few


grades = st.integers(min_value=1, max_value=4)
#: statsmodels is slow to start and the machine is shared: no deadline, fewer examples.
CHECK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CHECK
@given(st.lists(st.tuples(grades, grades), min_size=2, max_size=40))
def test_cohen_kappa_is_at_most_one_and_never_nan(pairs):
    result = cohen([a for a, _ in pairs], [b for _, b in pairs])
    if result.kappa is not None:
        assert result.kappa <= 1 + 1e-9
        for value in (result.low, result.upp, result.std, result.linear, result.quadratic):
            assert value is None or math.isfinite(value)
    else:
        assert result.note


@CHECK
@given(st.lists(st.lists(grades, min_size=3, max_size=3), min_size=2, max_size=15))
def test_fleiss_kappa_is_at_most_one(rows):
    result = fleiss(rows)
    assert result.kappa is None or result.kappa <= 1 + 1e-9


@CHECK
@given(st.lists(grades, min_size=1, max_size=30), st.integers(min_value=2, max_value=5))
def test_perfect_agreement_gives_p_o_of_one(plan_grades, raters):
    rows = [[g] * raters for g in plan_grades]
    result = percent_agreement(rows)
    assert result.percent == 1.0 and result.pairwise == 1.0
    k = kappa(rows)
    assert k.kappa is None or math.isclose(k.kappa, 1.0)

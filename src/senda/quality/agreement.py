"""Agreement between raters who graded the same plans (docs/quality/moderation.md).

Pure: grades in, numbers out (numpy and statsmodels, no database). Grades are the
framework's four (``Grade``: 1 Inadequate … 4 Outstanding); ``None`` is a plan a rater has
not graded.

- ``percent_agreement(ratings)``: the KPI — the share of plans on which every rater who
  graded it gave the same grade, and the mean pairwise agreement.
- ``cohen(a, b)``: Cohen's kappa for two raters (statsmodels ``to_table`` +
  ``cohens_kappa``), with its asymptotic 95% confidence interval and the linear- and
  quadratic-weighted kappas.
- ``fleiss(ratings)``: Fleiss' kappa for three or more raters (``aggregate_raters`` +
  ``fleiss_kappa``); statsmodels gives no variance, so the 95% interval is a seeded
  percentile bootstrap over plans (``BOOTSTRAP_RESAMPLES`` resamples).
- ``kappa(ratings)``: Cohen for exactly two raters, Fleiss for more.

Nothing here returns NaN: a kappa that cannot be computed (every rater gave every plan the
same grade, fewer than two plans) is ``None`` with a ``note`` saying why.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa, to_table

#: Grades are 1..N_GRADES; statsmodels wants category codes 0..N_GRADES-1.
N_GRADES = 4
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 15
#: Below this many plans, or with a wider interval than this, kappa is not pinned down.
TOO_FEW_PLANS = 10
TOO_WIDE = 0.4
TOO_FEW_MESSAGE = (
    "Too few plans to pin kappa down: the confidence interval is wide, so read the "
    "percentage agreement and treat kappa as a rough guide."
)
#: Kappa below this suggests a calibration session (domain doc §4, ours).
CALIBRATE_BELOW = 0.60

Ratings = Sequence[Sequence[int | None]]


@dataclass(frozen=True)
class Agreement:
    """Percentage agreement on the plans that at least two raters graded."""

    plans: int
    agreeing: int
    pairwise: float | None
    left_out: int = 0

    @property
    def percent(self) -> float | None:
        """The share (0..1) of plans on which every rater gave the same grade."""
        return self.agreeing / self.plans if self.plans else None


@dataclass(frozen=True)
class Kappa:
    method: str  # "cohen", "fleiss" or "" (not computed)
    n: int  # plans used
    raters: int
    kappa: float | None = None
    std: float | None = None
    low: float | None = None
    upp: float | None = None
    linear: float | None = None
    quadratic: float | None = None
    left_out: int = 0
    interval: str = ""  # "asymptotic" or "bootstrap"
    note: str = ""

    @property
    def kappa_low(self) -> float | None:
        """The lower end of the 95% interval (statsmodels' name)."""
        return self.low

    @property
    def kappa_upp(self) -> float | None:
        """The upper end of the 95% interval (statsmodels' name)."""
        return self.upp

    @property
    def defined(self) -> bool:
        return self.kappa is not None

    @property
    def name(self) -> str:
        return {"cohen": "Cohen's kappa", "fleiss": "Fleiss' kappa"}.get(self.method, "Kappa")

    @property
    def reading(self) -> str:
        return reading(self.kappa)

    @property
    def too_few(self) -> bool:
        """A small round cannot pin kappa down: fewer than ``TOO_FEW_PLANS`` plans, or an
        interval wider than ``TOO_WIDE`` (or none at all)."""
        if self.kappa is None:
            return self.n < TOO_FEW_PLANS
        if self.n < TOO_FEW_PLANS or self.low is None or self.upp is None:
            return True
        return (self.upp - self.low) > TOO_WIDE

    @property
    def calibrate(self) -> bool:
        return self.kappa is not None and self.kappa < CALIBRATE_BELOW


def reading(kappa: float | None) -> str:
    """Landis & Koch's (1977) words for a kappa."""
    if kappa is None:
        return "not defined"
    value = round(kappa, 2)
    if value < 0:
        return "poor"
    if value <= 0.20:
        return "slight"
    if value <= 0.40:
        return "fair"
    if value <= 0.60:
        return "moderate"
    if value <= 0.80:
        return "substantial"
    return "almost perfect"


def _finite(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _grades(row: Sequence[int | None]) -> list[int]:
    return [int(g) for g in row if g is not None]


def agrees(grades: Sequence[int]) -> bool | None:
    """All raters gave the same grade (None: fewer than two raters graded the plan)."""
    if len(grades) < 2:
        return None
    return len(set(grades)) == 1


def percent_agreement(ratings: Ratings) -> Agreement:
    """Per plan (a row of grades, one per rater, ``None`` if not graded): a plan agrees
    when every rater who graded it gave the same grade. Plans graded by fewer than two
    raters are left out (counted). Mean pairwise agreement: per plan the share of rater
    pairs who agree, averaged over plans (for two raters it equals percent agreement)."""
    plans = agreeing = left_out = 0
    pair_shares: list[float] = []
    for row in ratings:
        grades = _grades(row)
        if len(grades) < 2:
            left_out += 1
            continue
        plans += 1
        agreeing += bool(agrees(grades))
        pairs = list(combinations(grades, 2))
        pair_shares.append(sum(a == b for a, b in pairs) / len(pairs))
    pairwise = sum(pair_shares) / len(pair_shares) if pair_shares else None
    return Agreement(plans=plans, agreeing=agreeing, pairwise=pairwise, left_out=left_out)


def _codes(grades: Sequence[int]) -> np.ndarray:
    codes = np.asarray(grades, dtype=int) - 1
    if codes.size and (codes.min() < 0 or codes.max() >= N_GRADES):
        raise ValueError("grades are 1..4")
    return codes


def cohen(a: Sequence[int | None], b: Sequence[int | None]) -> Kappa:
    """Cohen's kappa for two raters' grades of the same plans (a plan either left ungraded
    is left out, and counted)."""
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    left_out = len(a) - len(pairs)
    n = len(pairs)
    if n < 2:
        return Kappa(
            "cohen", n, 2, left_out=left_out, note="Kappa needs at least two plans graded by both."
        )
    data = np.column_stack([_codes([p[0] for p in pairs]), _codes([p[1] for p in pairs])])
    table, _ = to_table(data, bins=N_GRADES)
    if len({int(x) for x in data.ravel()}) == 1:
        return Kappa(
            "cohen",
            n,
            2,
            left_out=left_out,
            note=(
                "Kappa is not defined: every plan was given the same grade by both raters, "
                "so agreement by chance is already 100%."
            ),
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        res = cohens_kappa(table)
        linear = cohens_kappa(table, wt="linear", return_results=False)
        quadratic = cohens_kappa(table, wt="quadratic", return_results=False)
    kappa = _finite(res.kappa)
    if kappa is None:
        return Kappa(
            "cohen", n, 2, left_out=left_out, note="Kappa is not defined for these grades."
        )
    return Kappa(
        "cohen",
        n,
        2,
        kappa=kappa,
        std=_finite(res.std_kappa),
        low=_finite(res.kappa_low),
        upp=_finite(res.kappa_upp),
        linear=_finite(linear),
        quadratic=_finite(quadratic),
        left_out=left_out,
        interval="asymptotic",
    )


def _fleiss_value(counts: np.ndarray) -> float | None:
    """Fleiss' kappa of a plans x grades count table, None when chance agreement is 1."""
    totals = counts.sum(axis=0)
    if np.count_nonzero(totals) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _finite(fleiss_kappa(counts, method="fleiss"))


def _bootstrap(counts: np.ndarray, raters: int) -> tuple[float | None, ...]:
    """The percentile 95% interval and standard error of Fleiss' kappa over
    ``BOOTSTRAP_RESAMPLES`` resamples of the plans (rows of ``counts``), with the formula
    ``fleiss_kappa`` uses, vectorised: P_i = (sum_j n_ij^2 - m) / (m (m - 1)),
    p_j = sum_i n_ij / (N m), kappa = (mean P_i - sum_j p_j^2) / (1 - sum_j p_j^2).
    Resamples whose kappa is undefined (every grade the same) are skipped."""
    n, m = counts.shape[0], raters
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    samples = counts[rng.integers(0, n, size=(BOOTSTRAP_RESAMPLES, n))].astype(float)
    p_bar = ((np.square(samples).sum(axis=2) - m) / (m * (m - 1))).mean(axis=1)
    p_e = np.square(samples.sum(axis=1) / (n * m)).sum(axis=1)
    defined = (samples.sum(axis=1) > 0).sum(axis=1) >= 2
    boots = (p_bar[defined] - p_e[defined]) / (1 - p_e[defined])
    if boots.size < 2:
        return None, None, None
    low, upp = np.percentile(boots, [2.5, 97.5])
    return float(low), float(upp), float(np.std(boots, ddof=1))


def fleiss(ratings: Ratings) -> Kappa:
    """Fleiss' kappa for three or more raters per plan. Fleiss needs the same number of
    raters on every plan: only plans graded by the full set are used (a rater missing a
    plan leaves it out, and it is counted). The 95% interval is a percentile bootstrap
    over plans: ``BOOTSTRAP_RESAMPLES`` resamples, seed ``BOOTSTRAP_SEED``; resamples whose
    kappa is undefined are skipped."""
    raters = max((len(row) for row in ratings), default=0)
    full = [
        _grades(row) for row in ratings if len(row) == raters and None not in row and raters >= 2
    ]
    left_out = len(ratings) - len(full)
    n = len(full)
    if n < 2:
        return Kappa(
            "fleiss",
            n,
            raters,
            left_out=left_out,
            note="Kappa needs at least two plans graded by every rater.",
        )
    counts, _ = aggregate_raters(np.vstack([_codes(row) for row in full]), n_cat=N_GRADES)
    kappa = _fleiss_value(counts)
    if kappa is None:
        return Kappa(
            "fleiss",
            n,
            raters,
            left_out=left_out,
            note=(
                "Kappa is not defined: every rater gave every plan the same grade, so "
                "agreement by chance is already 100%."
            ),
        )
    low, upp, std = _bootstrap(counts, raters)
    return Kappa(
        "fleiss",
        n,
        raters,
        kappa=kappa,
        std=std,
        low=low,
        upp=upp,
        left_out=left_out,
        interval="bootstrap",
    )


def kappa(ratings: Ratings) -> Kappa:
    """Cohen's kappa when the plans have exactly two raters, Fleiss' when more."""
    raters = max((len(row) for row in ratings), default=0)
    if raters <= 2:
        a = [row[0] if len(row) > 0 else None for row in ratings]
        b = [row[1] if len(row) > 1 else None for row in ratings]
        return cohen(a, b)
    return fleiss(ratings)

"""The draw of a sample of plans for audit: pure (plain values and numpy, no Django), so
the same frame and seed always give the same plans (docs/quality/sampling.md).

    result = draw(rows, share=0.0042, review_share=0.5, exclude_months=12,
                  strata=("phase", "need"), seed=12345, today=date(2026, 12, 3))

1. Plans audited in the last ``exclude_months`` months are left out (they stay in the
   frame, which is every live plan).
2. ``n = round(share × frame size)``, at least 1 when the frame is not empty, at most the
   plans left in.
3. The ``n`` picks are shared between the strata (the combinations of the chosen facets)
   in proportion to the plans each holds, by systematic allocation: the strata are put in
   a random nested order (the first facet's values in a random order, the second's in a
   random order within each, and so on), laid end to end on a line of ``n`` units, each as
   long as its exact share, and a pick falls every unit from a random start. Each stratum
   gets its share rounded down or up, with the chance of rounding up equal to the fraction
   (so every plan is equally likely to be drawn), and every value of the first facet (and
   every combination of the first facets) gets its share to within one, however small the
   strata are.
4. At least ``review_share`` of the picks have a review meeting in the last 12 months
   (``ceil(review_share × n)``, when that many exist). The quota is a minimum: when the
   random draw holds enough, nothing changes. When it falls short, picks without a review
   are swapped at random for undrawn plans with one, inside the same stratum first; then,
   only when a stratum has none to swap, a pick moves to another stratum with a reviewed
   plan to spare, inside the same value of the first facet when there is one
   (``Draw.shifted`` counts these moves).
5. Inside a stratum the plans are a simple random sample: every plan in the frame gets a
   uniform key from ``numpy.random.default_rng(seed)``, in order of plan id, and the
   lowest keys win. The same rng then orders the facets' values, starts the systematic
   allocation and chooses any swaps, so the same frame and seed give the same sample.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np

from senda.clock.counting import add_months
from senda.kernel import long_date

#: The facets a sample may be stratified by, in the order a stratum is named.
FACETS = ("phase", "need", "officer", "setting")
FACET_NAMES = {
    "phase": "Phase (early years, primary, secondary, post-16)",
    "need": "Primary need",
    "officer": "Case officer",
    "setting": "Setting",
}
#: Phases by national curriculum year group (``people.school_year.year_group``).
PHASES = ("early years", "primary", "secondary", "post-16")
#: A review meeting within this many months counts as a recent annual review.
REVIEW_MONTHS = 12


def phase_of(year: int | None) -> str:
    """The phase of a year group: below Reception early years, Reception to Year 6 primary,
    Years 7 to 11 secondary, Year 12 on post-16; empty when the year is not known."""
    if year is None:
        return ""
    if year < 0:
        return "early years"
    if year <= 6:
        return "primary"
    if year <= 11:
        return "secondary"
    return "post-16"


class FrameRow(NamedTuple):
    """One live plan with what the draw needs to know about it (ids and codes only)."""

    plan_id: int
    case_id: int
    phase: str
    need: str
    officer_id: int | None
    setting_id: int | None
    review_on: date | None
    audited_on: date | None


@dataclass(frozen=True)
class Pick:
    plan_id: int
    case_id: int
    stratum: str
    reason: str
    includes_review: bool
    review_on: date | None


@dataclass(frozen=True)
class Draw:
    picks: list[Pick]
    frame_size: int
    eligible: int
    n: int
    quota: int
    reviewed: int
    shifted: int
    #: Stratum labels, with the plans each holds after exclusions and the plans drawn.
    names: Any
    held: Any
    drawn: Any

    def strata(self) -> dict[str, tuple[int, int]]:
        """Each stratum holding a plan: (plans left in, plans drawn)."""
        return {
            self.names[g]: (int(self.held[g]), int(self.drawn[g]))
            for g in np.flatnonzero(self.held)
        }


def sample_size(share: float, frame_size: int) -> int:
    """``round(share × frame size)`` (halves up), at least 1 when the frame is not empty."""
    if frame_size <= 0:
        return 0
    return max(1, math.floor(share * frame_size + 0.5))


def review_quota(review_share: float, n: int) -> int:
    """How many of ``n`` picks must include a recent review (rounded up)."""
    return min(n, math.ceil(round(review_share * n, 9)))


def period_share(yearly: float, months: int) -> float:
    """The share of a period of ``months`` months that gives ``yearly`` a year."""
    return yearly * months / 12


def systematic(total: int, weights: Any, start: int) -> Any:
    """Share ``total`` between groups, in their order, in proportion to the whole-number
    ``weights``: the groups laid end to end on a line of ``total`` units, each as long as
    its exact share, and one pick at ``start / sum(weights)`` and every unit after it
    (``0 <= start < sum(weights)``). Each group gets its share rounded down or up; any run
    of neighbouring groups gets its share to within one. Exact in whole numbers."""
    weights = np.asarray(weights, dtype=np.int64)
    whole = int(weights.sum())
    if whole <= 0 or total <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    edges = np.concatenate(([0], np.cumsum(weights))) * int(total) + int(start)
    return np.diff(edges // whole)


#: Where each facet sits in a ``FrameRow``.
FIELD_OF = {"phase": 2, "need": 3, "officer": 4, "setting": 5}


def _column_codes(frame: list[FrameRow], index: int) -> tuple[Any, int]:
    """Each row's value in column ``index`` as an int (in order of first appearance)."""
    column = list(map(itemgetter(index), frame))
    values = dict.fromkeys(column)
    code_of = dict(zip(values, range(len(values)), strict=True))
    return np.fromiter(map(code_of.__getitem__, column), np.int64, len(column)), len(values)


def _stratum_codes(
    frame: list[FrameRow], fields: list[int], rng: np.random.Generator
) -> tuple[Any, Any, Any]:
    """Each row's stratum as an int (0 … strata − 1), the first row of each stratum, and
    each stratum's value of the first facet (as a code). Each facet's values are put in a
    random order, so the strata's codes are in a random nested order: all the strata of a
    value of the first facet next to each other, and so on down. Column by column, so no
    tuple is built per row."""
    combined = np.zeros(len(frame), dtype=np.int64)
    top = np.zeros(len(frame), dtype=np.int64)
    for position, index in enumerate(fields):
        column, count = _column_codes(frame, index)
        column = rng.permutation(count).astype(np.int64)[column]
        if position == 0:
            top = column
        if len(frame) and (int(combined.max()) + 1) * count >= 1 << 62:  # no overflow
            combined = np.unique(combined, return_inverse=True)[1].astype(np.int64)
        combined = combined * count + column
    _, first, codes = np.unique(combined, return_index=True, return_inverse=True)
    return codes.astype(np.int64).reshape(len(frame)), first, top[first]


def _flags(frame: list[FrameRow], index: int, test: Any) -> Any:
    """``test(day)`` for each row's date in column ``index`` (False for no date), worked
    out once per distinct date."""
    column = list(map(itemgetter(index), frame))
    answer = {day: day is not None and bool(test(day)) for day in set(column)}
    return np.fromiter(map(answer.__getitem__, column), bool, len(column))


class _Names:
    """Stratum labels by code, made when first asked for (a national frame stratified by
    officer and setting has hundreds of thousands of strata, and few are drawn)."""

    def __init__(
        self, frame: list[FrameRow], first: Any, chosen: list[str], need_names: Mapping[str, str]
    ):
        self.frame, self.first, self.chosen, self.need_names = frame, first, chosen, need_names
        self.made: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.first)

    def __getitem__(self, code: int) -> str:
        if code not in self.made:
            row = self.frame[int(self.first[code])]
            self.made[code] = stratum_label(row, self.chosen, self.need_names)
        return self.made[code]


def stratum_label(row: FrameRow, strata: Sequence[str], need_names: Mapping[str, str]) -> str:
    """The stratum of ``row`` as a page names it: ``secondary, autistic spectrum disorder
    (ASD), officer 12's cases``; ``all plans`` when the sample is not stratified."""
    values = {facet: row[FIELD_OF[facet]] for facet in FACETS if facet in strata}
    return _label(values, need_names)


def _label(values: Mapping[str, Any], need_names: Mapping[str, str]) -> str:
    parts = []
    if "phase" in values:
        parts.append(values["phase"] or "phase not known")
    if "need" in values:
        need = values["need"]
        name = need_names.get(need, "")
        parts.append(
            (f"{name[:1].lower()}{name[1:]} ({need})" if name else need)
            if need
            else "no need recorded"
        )
    if "officer" in values:
        officer = values["officer"]
        parts.append(f"officer {officer}'s cases" if officer else "no officer")
    if "setting" in values:
        setting = values["setting"]
        parts.append(f"setting {setting}" if setting else "no setting")
    return ", ".join(parts) or "all plans"


def draw(
    rows: Sequence[FrameRow],
    *,
    share: float,
    review_share: float,
    exclude_months: int,
    strata: Sequence[str],
    seed: int,
    today: date,
    need_names: Mapping[str, str] | None = None,
) -> Draw:
    """Draw the sample (see the module's docstring) from ``rows``, every live plan."""
    need_names = need_names or {}
    unknown = set(strata) - set(FACETS)
    if unknown:
        raise ValueError(f"unknown strata {sorted(unknown)}")
    frame = sorted(rows, key=itemgetter(0))
    size = len(frame)
    recent, end = add_months(today, -REVIEW_MONTHS), today
    cutoff = add_months(today, -exclude_months) if exclude_months > 0 else None
    chosen = [facet for facet in FACETS if facet in strata]
    # One uniform random key a plan, in plan-id order, in the bits below the stratum code
    # (62 in all); the plans are sorted once, by stratum then key.
    rng = np.random.default_rng(seed)
    bits = 62 - max(1, size).bit_length()
    keys = rng.integers(0, 1 << bits, size, dtype=np.int64)
    codes, first, blocks = _stratum_codes(frame, [FIELD_OF[facet] for facet in chosen], rng)
    reviewed = _flags(frame, 6, lambda day: recent < day <= end)
    eligible = ~_flags(frame, 7, lambda day: cutoff is not None and day > cutoff)
    names = _Names(frame, first, chosen, need_names)
    order = np.argsort((codes << bits) | keys)
    return _allocate_and_pick(
        frame,
        names,
        _Strata(codes, blocks, order),
        reviewed,
        eligible,
        rng,
        share=share,
        review_share=review_share,
    )


class _Strata(NamedTuple):
    #: each plan's stratum; each stratum's value of the first facet; every plan by
    #: stratum, then key
    codes: Any
    blocks: Any
    order: Any


def _allocate_and_pick(
    frame: list[FrameRow],
    names: _Names,
    strata: _Strata,
    reviewed: np.ndarray,
    eligible: np.ndarray,
    rng: np.random.Generator,
    *,
    share: float,
    review_share: float,
) -> Draw:
    codes, order, groups = strata.codes, strata.order, len(names)
    held = np.bincount(codes[eligible], minlength=groups)
    held_reviewed = np.bincount(codes[eligible & reviewed], minlength=groups)
    total = int(held.sum())
    n = min(sample_size(share, len(frame)), total)
    quota = min(review_quota(review_share, n), int(held_reviewed.sum()))
    start = int(rng.integers(0, total)) if total else 0
    per_stratum = systematic(n, held, start)
    picked = _lowest_keys(codes, order, eligible, per_stratum)
    with_review = np.bincount(codes[picked & reviewed], minlength=groups)
    shifted = 0
    if int(with_review.sum()) < quota:
        with_review, without, shifted = _top_up(
            with_review, per_stratum - with_review, held_reviewed, strata.blocks, quota, rng
        )
        picked = _lowest_keys(codes, order, eligible & reviewed, with_review)
        picked |= _lowest_keys(codes, order, eligible & ~reviewed, without)
    chosen = np.flatnonzero(picked)
    drawn = np.bincount(codes[chosen], minlength=groups)
    picks = [
        _pick(frame[i], names[codes[i]], int(drawn[codes[i]]), int(held[codes[i]]), reviewed[i])
        for i in chosen
    ]
    return Draw(
        picks=picks,
        frame_size=len(frame),
        eligible=total,
        n=n,
        quota=quota,
        reviewed=int(reviewed[chosen].sum()),
        shifted=shifted,
        names=names,
        held=held,
        drawn=drawn,
    )


def _at_random(count: int, room: Any, rng: np.random.Generator) -> Any:
    """``count`` places chosen at random (without replacement) among the ``room[g]``
    places of each group ``g``: how many fall in each group."""
    room = np.asarray(room, dtype=np.int64)
    places = np.repeat(np.arange(len(room)), room)
    count = min(int(count), len(places))
    if count <= 0:
        return np.zeros(len(room), dtype=np.int64)
    return np.bincount(places[rng.choice(len(places), count, replace=False)], minlength=len(room))


def _top_up(
    with_review: np.ndarray,
    without: np.ndarray,
    held_reviewed: np.ndarray,
    blocks: np.ndarray,
    quota: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Meet the review quota when the random draw fell short: swap picks without a review
    for undrawn plans with one, at random, inside a stratum first; then move picks from
    strata with nothing to swap to strata with reviewed plans to spare, inside the same
    value of the first facet (``blocks``) first. The picks of each stratum with and
    without a review, and the number of picks moved between strata."""
    short = quota - int(with_review.sum())
    swaps = _at_random(short, np.minimum(without, held_reviewed - with_review), rng)
    with_review, without = with_review + swaps, without - swaps
    short -= int(swaps.sum())
    if short <= 0:
        return with_review, without, 0
    # No stratum now holds both a pick without a review and a reviewed plan to spare.
    givers = _shuffled_places(without, rng)
    takers = _shuffled_places(held_reviewed - with_review, rng)
    width = int(blocks.max()) + 1 if len(blocks) else 1
    give_rank, give_count = _rank_in_block(blocks[givers], width)
    take_rank, take_count = _rank_in_block(blocks[takers], width)
    inside = _at_random(short, np.minimum(give_count, take_count), rng)
    give = give_rank < inside[blocks[givers]]
    take = take_rank < inside[blocks[takers]]
    rest = short - int(inside.sum())
    if rest > 0:  # across values of the first facet: unavoidable
        give[np.flatnonzero(~give)[:rest]] = True
        take[np.flatnonzero(~take)[:rest]] = True
    groups = len(without)
    without = without - np.bincount(givers[give], minlength=groups)
    with_review = with_review + np.bincount(takers[take], minlength=groups)
    return with_review, without, short


def _shuffled_places(room: np.ndarray, rng: np.random.Generator) -> Any:
    """Each group's index ``room[g]`` times, in a random order."""
    places = np.repeat(np.arange(len(room)), room)
    return places[rng.permutation(len(places))]


def _rank_in_block(block_of: np.ndarray, width: int) -> tuple[Any, Any]:
    """Each item's place among the items of its block (in the order given), and how many
    items each block holds."""
    counts = np.bincount(block_of, minlength=width)
    if not len(block_of):
        return np.zeros(0, dtype=np.int64), counts
    sorted_at = np.argsort(block_of, kind="stable")
    starts = np.cumsum(counts) - counts
    rank = np.empty(len(block_of), dtype=np.int64)
    rank[sorted_at] = np.arange(len(block_of)) - starts[block_of[sorted_at]]
    return rank, counts


def _lowest_keys(codes: np.ndarray, order: np.ndarray, among: np.ndarray, wanted: Any) -> Any:
    """A mask of the ``wanted[g]`` plans of each stratum ``g`` with the lowest keys, from
    the plans marked in ``among`` (``order``: every plan by stratum, then key)."""
    mask = np.zeros(len(codes), dtype=bool)
    if not int(np.sum(wanted)):
        return mask
    chosen = order[among[order]]
    sorted_codes = codes[chosen]
    counts = np.bincount(sorted_codes, minlength=len(wanted))
    starts = np.cumsum(counts) - counts
    rank = np.arange(len(chosen)) - starts[sorted_codes]
    mask[chosen[rank < np.asarray(wanted)[sorted_codes]]] = True
    return mask


_long_date = lru_cache(maxsize=1024)(long_date)


def _pick(row: FrameRow, stratum: str, drawn: int, held: int, recent_review: bool) -> Pick:
    reason = f"Drawn at random from {stratum}: {drawn} of {held}"
    if recent_review and row.review_on is not None:
        reason += f"; includes the review of {_long_date(row.review_on)}"
    return Pick(
        plan_id=row.plan_id,
        case_id=row.case_id,
        stratum=stratum,
        reason=reason,
        includes_review=bool(recent_review),
        review_on=row.review_on,
    )


# --- the frame kept with a sample, so it can be drawn again ---------------------------


#: The packed frame's first bytes (the format's version).
PACKED = b"SF2"


def pack_frame(rows: Iterable[FrameRow]) -> str:
    """The frame as compact text to keep with the sample: plan and case ids as int64
    arrays; every other column as int32 codes into its distinct values (dates as ordinals),
    which a JSON header lists; zlib, then base64."""
    frame = sorted(rows, key=itemgetter(0))
    size = len(frame)
    ids = [np.fromiter(map(itemgetter(i), frame), np.int64, size) for i in (0, 1)]
    header: list[list[Any]] = []
    codes = []
    for index in range(2, 8):
        column = list(map(itemgetter(index), frame))
        values = list(dict.fromkeys(column))
        code_of = dict(zip(values, range(len(values)), strict=True))
        kind = _code_type(len(values))
        codes.append(np.fromiter(map(code_of.__getitem__, column), kind, size))
        header.append([v.toordinal() if isinstance(v, date) else v for v in values])
    head = json.dumps({"size": size, "values": header}, separators=(",", ":")).encode()
    body = b"".join(array.tobytes() for array in (*ids, *codes))
    data = PACKED + len(head).to_bytes(4, "big") + head + body
    return base64.b64encode(zlib.compress(data, 1)).decode("ascii")


def _code_type(distinct: int) -> Any:
    """The narrowest unsigned type for codes of ``distinct`` values."""
    return np.uint8 if distinct <= 1 << 8 else np.uint16 if distinct <= 1 << 16 else np.uint32


def unpack_frame(text: str) -> list[FrameRow]:
    """The frame :func:`pack_frame` kept."""
    if not text:
        return []
    data = zlib.decompress(base64.b64decode(text))
    if not data.startswith(PACKED):
        raise ValueError("not a packed frame")
    length = int.from_bytes(data[3:7], "big")
    head = json.loads(data[7 : 7 + length])
    size, body = head["size"], memoryview(data)[7 + length :]
    ids = [np.frombuffer(body, np.int64, size, offset=8 * size * i).tolist() for i in (0, 1)]
    columns, offset = [], 16 * size
    for i, values in enumerate(head["values"]):
        if i >= 4:  # the review and audit dates
            values = [_day(v) for v in values]
        kind = _code_type(len(values))
        codes = np.frombuffer(body, kind, size, offset=offset).tolist()
        offset += np.dtype(kind).itemsize * size
        columns.append(list(map(values.__getitem__, codes)))
    return list(map(FrameRow, *ids, *columns))


@lru_cache(maxsize=4096)
def _day(ordinal: int | None) -> date | None:
    return date.fromordinal(ordinal) if ordinal else None

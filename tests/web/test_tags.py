"""The one map from status to GOV.UK tag colour (senda.web.tags): every vocabulary's values
have a colour, and anything else is grey."""

from __future__ import annotations

from typing import get_args

import pytest

from senda.casework.models import Case
from senda.clock.model import Status
from senda.improvement.models import SCALES
from senda.performance.status_rule import LABELS
from senda.web import tags
from senda.web.filters import STATUSES
from senda.web.views.returns import STATES

PALETTE = {tags.BLUE, tags.GREEN, tags.GREY, tags.ORANGE, tags.PINK, tags.PURPLE}
PALETTE |= {tags.RED, tags.YELLOW, tags.TURQUOISE}
VOCABULARIES = [
    tags.DEADLINE,
    tags.NEXT_DEADLINE,
    tags.KPI,
    tags.MILESTONE,
    tags.TIMESCALE,
    tags.RETURN,
    tags.CASELOAD,
    tags.IMPACT,
    *tags.RATING.values(),
]


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_it_uses_only_govuk_tag_colours(vocabulary: dict[str, str]) -> None:
    assert set(vocabulary.values()) <= PALETTE


def test_it_colours_every_deadline_status_the_clock_gives_but_lapsed() -> None:
    assert set(get_args(Status)) - {"lapsed"} <= set(tags.DEADLINE)
    assert tags.colour(tags.DEADLINE, "lapsed") == tags.GREY


def test_it_colours_every_case_status() -> None:
    assert set(Case.Status.values) <= set(tags.DEADLINE)


def test_it_colours_a_deadline_by_how_pressing_it_is() -> None:
    assert tags.colour(tags.DEADLINE, "overdue") == tags.RED
    assert tags.colour(tags.DEADLINE, "met") == tags.GREEN
    assert tags.colour(tags.DEADLINE, "excepted") == tags.PURPLE


def test_it_colours_every_next_deadline_status_the_case_lists_filter_by() -> None:
    assert set(tags.NEXT_DEADLINE) == set(STATUSES)


def test_it_colours_every_kpi_status() -> None:
    assert set(tags.KPI) == set(LABELS)
    assert tags.colour(tags.KPI, "off") == tags.RED


def test_it_colours_every_rating_of_every_scale_and_nothing_else() -> None:
    """Every plan scale, and the RAGB scale a priority is rated on in the quarterly report."""
    from senda.improvement.models import RAGB

    scales = {**SCALES, "ragb": RAGB}
    assert set(tags.RATING) == set(scales)
    for code, scale in scales.items():
        assert set(tags.RATING[code]) == {value.code for value in scale.values}


def test_it_colours_every_impact_rating_apart_from_delivery() -> None:
    from senda.improvement.models import ImpactRating

    assert set(tags.IMPACT) == set(ImpactRating.values)
    assert not set(tags.IMPACT.values()) & {tags.RED, tags.GREEN, tags.BLUE, tags.YELLOW}


def test_it_colours_ratings_by_their_scale() -> None:
    assert tags.rating_colour("bragp", "amber") == tags.YELLOW
    assert tags.rating_colour("bragp", "pink") == tags.PINK
    assert tags.rating_colour("progress", "not-commenced") == tags.GREY
    assert tags.rating_colour("progress", "green") == tags.GREY  # not on that scale
    assert tags.rating_colour("bragp", None) == tags.GREY  # not rated


def test_it_colours_every_listed_return() -> None:
    assert set(tags.RETURN) == set(STATES)


def test_it_colours_what_it_does_not_know_grey() -> None:
    assert tags.colour(tags.DEADLINE, "no-such-status") == tags.GREY
    assert tags.colour(tags.KPI, None) == tags.GREY
    assert tags.rating_colour("no-such-scale", "green") == tags.GREY


def test_it_writes_a_time_in_govuk_style() -> None:
    from datetime import UTC, datetime

    from senda.web.formats import when

    assert when(datetime(2026, 12, 3, 13, 41, tzinfo=UTC)) == "3 December 2026, 1:41pm"
    assert when(datetime(2026, 7, 3, 11, 0, tzinfo=UTC)) == "3 July 2026, 12pm"  # BST
    assert when(datetime(2026, 12, 3, 0, 5, tzinfo=UTC)) == "3 December 2026, 12:05am"
    assert when(None) == ""

"""Which colour each status's GOV.UK tag is: one map per vocabulary, and the only place a
``govuk-tag--`` class is chosen. Models and rooms keep their values and labels; the web
chooses how they look. An unknown value is grey.

    GovUKTag(text=label, classes=tags.colour(tags.DEADLINE, row.status)).render()
"""

from __future__ import annotations

from collections.abc import Mapping

BLUE = "govuk-tag--blue"
GREEN = "govuk-tag--green"
GREY = "govuk-tag--grey"
ORANGE = "govuk-tag--orange"
PINK = "govuk-tag--pink"
PURPLE = "govuk-tag--purple"
RED = "govuk-tag--red"
TURQUOISE = "govuk-tag--turquoise"
YELLOW = "govuk-tag--yellow"

#: A deadline's status (``senda.clock``) and a case's (open or closed).
DEADLINE: Mapping[str, str] = {
    "overdue": RED,
    "breached": RED,
    "pending": BLUE,
    "late": YELLOW,
    "met": GREEN,
    "excepted": PURPLE,
    "open": BLUE,
    "closed": GREY,
}

#: A case's next deadline as the case lists show and filter it (``web.filters.STATUSES``).
NEXT_DEADLINE: Mapping[str, str] = {
    "overdue": RED,
    "due-soon": YELLOW,
    "on-track": GREEN,
    "none": GREY,
}

#: A KPI's status for the quarter (``senda.performance.status.LABELS``).
KPI: Mapping[str, str] = {
    "on-target": GREEN,
    "close": YELLOW,
    "off": RED,
    "no-data": GREY,
    "establishing": BLUE,
    "complete": PURPLE,
}

#: An improvement action's rating, per scale (``senda.improvement.models.scales``).
RATING: Mapping[str, Mapping[str, str]] = {
    "bragp": {"blue": BLUE, "green": GREEN, "amber": YELLOW, "red": RED, "pink": PINK},
    "progress": {"complete": BLUE, "on-track": GREEN, "obstacles": YELLOW, "not-commenced": GREY},
    # A priority's progress in a quarter (the quarterly report's RAGB).
    "ragb": {"blue": BLUE, "green": GREEN, "amber": YELLOW, "red": RED},
}

#: An improvement action's impact rating (``senda.improvement.models.ImpactRating``): none
#: of the delivery colours' meanings, so a board does not read it as a BRAG rating.
IMPACT: Mapping[str, str] = {"not-yet": GREY, "limited": ORANGE, "some": PURPLE, "clear": TURQUOISE}

#: An improvement action's milestone on a day.
MILESTONE: Mapping[str, str] = {"done": GREEN, "overdue": RED, "due": BLUE}

#: An improvement action's timescale that Senda could not read.
TIMESCALE: Mapping[str, str] = {"to-resolve": ORANGE}

#: A setting's review report return, as the returns pages list them.
RETURN: Mapping[str, str] = {"missing": RED, "awaiting": BLUE, "late": YELLOW}

#: An advice request's status (``senda.portal.models.AdviceRequest``), and an open one past
#: its due date.
ADVICE: Mapping[str, str] = {
    "open": BLUE,
    "overdue": RED,
    "answered": GREEN,
    "declined": GREY,
    "withdrawn": GREY,
}

#: A case officer's open cases against their caseload target.
CASELOAD: Mapping[str, str] = {"over": RED, "at": GREEN, "under": BLUE}

#: A message's status (``senda.portal.models.Message.Status``).
MESSAGE: Mapping[str, str] = {
    "queued": BLUE,
    "sent": GREEN,
    "delivered": GREEN,
    "temporary-failure": YELLOW,
    "failed": RED,
}


def colour(vocabulary: Mapping[str, str], value: object) -> str:
    """The tag class for ``value`` in ``vocabulary``; grey for a value it does not know."""
    return vocabulary.get(str(value), GREY)


def rating_colour(scale: str, code: str | None) -> str:
    """The tag class for a rating ``code`` on the scale coded ``scale``; grey for none."""
    return colour(RATING.get(scale, {}), code)

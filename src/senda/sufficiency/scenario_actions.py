"""Writes of the scenarios a service manager defines (docs/forecast.md, "Scenarios"):

- :func:`define_scenario`: a new scenario, with its title;
- :func:`add_change`: a change to it — a rate multiplied by a factor, or places added or
  removed — from a forecast year;
- :func:`remove_change`: a change taken away.

Only service managers of the area write them. Each is keyword-only, atomic, checked with
the kernel's checks and audited (identifiers and figures, no child). A forecast already
made under the scenario keeps its frozen copy, so none of these changes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import ActionError, check_choice, check_permission
from senda.people.models import LocalAuthority, Role
from senda.sufficiency.forecast import latest_census_year
from senda.sufficiency.models import ScenarioChange, StoredScenario
from senda.sufficiency.models.places import PLACE_PROVISIONS
from senda.sufficiency.space import NCY_HIGH, NCY_LOW, NEEDS, PROVISIONS

__all__ = [
    "FORECAST_YEARS",
    "MAX_CHANGES",
    "MAX_FACTOR",
    "MAX_PLACES",
    "Change",
    "add_change",
    "can_define_scenarios",
    "define_scenario",
    "forecast_years",
    "remove_change",
]

#: Who defines scenarios (board members see them only).
DEFINE_ROLES = frozenset({Role.SERVICE_MANAGER})
NOT_MANAGER = "Only a service manager of this area can define scenarios."
#: Forecast years a change may begin in: the years a forecast made on a page covers.
FORECAST_YEARS = 5
#: The largest factor, as a percentage of the rate (five times it).
MAX_FACTOR = 500
MAX_PLACES = 5000
MAX_CHANGES = 20
TITLE_LIMIT = 120
PLACE_KINDS = [name for name, _ in PLACE_PROVISIONS]
RATES = (ScenarioChange.What.JOINERS, ScenarioChange.What.PLACEMENTS, ScenarioChange.What.LEAVERS)


@dataclass(frozen=True)
class Change:
    """A change as a form gives it: ``percent`` of the rate (rates), ``places`` (capacity);
    ``need``, ``provision``, ``transfer_to`` blank for none; ``ncy_from``/``ncy_to`` the
    year groups of a rate (both or neither)."""

    what: str
    from_year: int
    percent: Decimal | None = None
    need: str = ""
    provision: str = ""
    transfer_to: str = ""
    places: int | None = None
    ncy_from: int | None = None
    ncy_to: int | None = None


def can_define_scenarios(user: Any, la_id: int) -> bool:
    """Whether ``user`` defines and changes scenarios of area ``la_id``."""
    membership = getattr(user, "membership", None)
    return membership is not None and membership.la_id == la_id and membership.role in DEFINE_ROLES


def forecast_years(today: date) -> list[int]:
    """The January censuses a change may begin with: the next forecast's years."""
    first = latest_census_year(today) + 1
    return list(range(first, first + FORECAST_YEARS))


def _title(title: str) -> str:
    text = kernel.required_text(" ".join((title or "").split()), "title", "Enter a title")
    if len(text) > TITLE_LIMIT:
        raise ActionError("title", f"The title must be {TITLE_LIMIT} characters or fewer")
    return text


@transaction.atomic
def define_scenario(*, la: LocalAuthority, title: str, by: Any) -> StoredScenario:
    """A new scenario of ``la`` with no changes yet (one is needed before a forecast)."""
    check_permission(can_define_scenarios(by, la.pk), NOT_MANAGER)
    title = _title(title)
    if StoredScenario.objects.of_area(la.pk).filter(title__iexact=title).exists():
        raise ActionError("title", "A scenario with this title exists already")
    scenario = StoredScenario.objects.create(la=la, title=title, created_by=by)
    audit.record(
        user=by, verb="write", obj=scenario, la_id=la.pk, summary=f"scenario {scenario.pk} defined"
    )
    return scenario


def _percent(value: object) -> Decimal:
    try:
        number = Decimal(str(value)) if value is not None and value != "" else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not 0 <= number <= MAX_FACTOR:
        raise ActionError("percent", f"Enter a percentage from 0 to {MAX_FACTOR}")
    if number != number.quantize(Decimal(1)):
        raise ActionError("percent", "Enter a whole percentage, like 80")
    return number


def _checked(change: Change, today: date) -> dict[str, Any]:
    """The change's fields for a ``ScenarioChange``, every one checked."""
    check_choice(change.what, ScenarioChange.What.values, "what", "what changes")
    years = forecast_years(today)
    year = change.from_year
    if isinstance(year, bool) or not isinstance(year, int) or year not in years:
        raise ActionError("from_year", f"Choose a year from {years[0]} to {years[-1]}")
    if change.what == ScenarioChange.What.CAPACITY:
        if change.ncy_from is not None or change.ncy_to is not None:
            raise ActionError("ncy_from", "Places are for every year group: leave it blank")
        check_choice(change.provision, PLACE_KINDS, "provision", "a kind of place")
        places = change.places
        if isinstance(places, bool) or not isinstance(places, int) or not places:
            raise ActionError("places", "Enter the places added, or removed with a minus sign")
        if abs(places) > MAX_PLACES:
            raise ActionError("places", f"Enter from −{MAX_PLACES:,} to {MAX_PLACES:,} places")
        return {"provision": change.provision, "places": places}
    percent = _percent(change.percent)
    if change.need:
        check_choice(change.need, NEEDS, "need", "a primary need")
    if change.what == ScenarioChange.What.PLACEMENTS or change.provision:
        check_choice(change.provision, PROVISIONS, "provision", "a kind of provision")
    if change.transfer_to:
        if change.what != ScenarioChange.What.PLACEMENTS:
            raise ActionError("transfer_to", "Only placements are sent somewhere else")
        check_choice(change.transfer_to, PROVISIONS, "transfer_to", "a kind of provision")
        if change.transfer_to == change.provision:
            raise ActionError("transfer_to", "Choose another kind of provision than the first")
    return {
        **_year_groups(change),
        "factor": percent / 100,
        "need": change.need,
        "provision": change.provision,
        "transfer_to": change.transfer_to,
    }


def _year_groups(change: Change) -> dict[str, int | None]:
    """A rate's year groups: none, or a range the model holds, first to last."""
    low, high = change.ncy_from, change.ncy_to
    if low is None and high is None:
        return {"ncy_from": None, "ncy_to": None}
    for name, value in (("ncy_from", low), ("ncy_to", high)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ActionError(name, "Choose both year groups, or neither for all")
        if not NCY_LOW <= value <= NCY_HIGH:
            raise ActionError(name, f"Choose a year group from {NCY_LOW} to {NCY_HIGH}")
    assert low is not None and high is not None
    if low > high:
        raise ActionError("ncy_to", "Choose a last year group no earlier than the first")
    return {"ncy_from": low, "ncy_to": high}


@transaction.atomic
def add_change(
    *, scenario: StoredScenario, change: Change, by: Any, today: date | None = None
) -> ScenarioChange:
    """Add ``change`` to ``scenario``: a rate as a whole percentage of itself (0 to 500),
    or places added or removed (not nought, at most 5,000 either way), from one of the
    next forecast's years; a need and provision the model knows."""
    check_permission(can_define_scenarios(by, scenario.la_id), NOT_MANAGER)
    today = today or kernel.today()
    fields = _checked(change, today)
    StoredScenario.objects.select_for_update().filter(pk=scenario.pk).first()
    if scenario.changes.count() >= MAX_CHANGES:
        raise ActionError(kernel.WHOLE_FORM, f"A scenario has at most {MAX_CHANGES} changes")
    row = ScenarioChange.objects.create(
        scenario=scenario, what=change.what, from_year=change.from_year, added_by=by, **fields
    )
    audit.record(
        user=by,
        verb="write",
        obj=row,
        la_id=scenario.la_id,
        summary=f"scenario {scenario.pk}: change {row.pk} added: {_described(row)}",
    )
    return row


def _described(row: ScenarioChange) -> str:
    """``placements independent 50% to specialist_base from 2028`` (identifiers only)."""
    if row.what == ScenarioChange.What.CAPACITY:
        return f"capacity {row.provision} {row.places:+d} from {row.from_year}"
    parts = [row.what, row.need, row.provision, f"{(row.factor or 0) * 100:.0f}%"]
    moved = f" to {row.transfer_to}" if row.transfer_to else ""
    years = f" ncy {row.ncy_from}..{row.ncy_to}" if row.years() else ""
    return " ".join(p for p in parts if p) + f"{moved}{years} from {row.from_year}"


@transaction.atomic
def remove_change(*, change: ScenarioChange, by: Any) -> None:
    """Take ``change`` out of its scenario (forecasts made keep their copy)."""
    scenario = change.scenario
    check_permission(can_define_scenarios(by, scenario.la_id), NOT_MANAGER)
    summary = f"scenario {scenario.pk}: change {change.pk} removed: {_described(change)}"
    audit.record(user=by, verb="write", obj=scenario, la_id=scenario.la_id, summary=summary)
    change.delete()

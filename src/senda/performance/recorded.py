"""Recording the value of a KPI Senda cannot compute: a survey result, a training record,
a waiting list, a finance line — for one month, quarter, school term or academic year, with
its evidence. Recorded KPIs are the catalogue's and the partnership's own (``kpis``).

Values are never edited: a correction is a new entry, and the latest entry for a period is
the one shown (``senda.performance.kpi_figures``). Every entry is kept with who made it and when,
and audited.

``record_value`` raises :class:`~senda.kernel.ActionError` naming the form
field (the keyword argument's name, or ``"__all__"``) to show its message on; nothing is
written then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from senda import audit, kernel
from senda.kernel import ActionError, check_permission, required_text
from senda.people.models import LocalAuthority
from senda.performance import kpis
from senda.performance.catalogue import Entry
from senda.performance.models import RecordedValue
from senda.performance.periods import KIND_NAMES, Period
from senda.performance.trajectories import MANAGE_ROLES, can_manage

__all__ = [
    "RECORD_ROLES",
    "can_record",
    "entries",
    "percent_of",
    "problems",
    "record_value",
]

_T = TypeVar("_T")

#: Roles that may record KPI values for their own local area: those who manage KPIs.
RECORD_ROLES = MANAGE_ROLES

NO_PERMISSION = "You do not have permission to record KPI values for this local area."
#: The largest value the store holds (``RecordedValue.value``: 14 digits, 2 decimal places).
LARGEST = Decimal("999999999999.99")
#: The largest numerator or denominator the store holds (``IntegerField``).
LARGEST_COUNT = 2**31 - 1
#: A percentage given with its numerator and denominator may differ from theirs by this much
#: (it was rounded to one decimal place).
PERCENT_SLACK = Decimal("0.05")
TENTH = Decimal("0.1")


def can_record(user: Any, la: LocalAuthority | int) -> bool:
    """Whether ``user`` may record KPI values for ``la``: its service and team managers."""
    return can_manage(user, la)


def percent_of(numerator: int, denominator: int) -> Decimal:
    """``numerator`` of ``denominator`` as a percentage, to one decimal place (half up)."""
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(TENTH, ROUND_HALF_UP)


@dataclass(frozen=True)
class _Entered:
    """A recorded KPI's figure as entered, checked: its value, and a rate's numerator and
    denominator (stored as a ``RecordedValue`` with its evidence)."""

    value: Decimal
    numerator: int | None
    denominator: int | None


def _entry(la: LocalAuthority | int | None, kpi_id: str) -> Entry:
    try:
        entry = kpis.get(la, kpi_id)
    except KeyError:
        raise ActionError("kpi_id", f"There is no KPI with the id {kpi_id!r}.") from None
    if entry.source != "recorded":
        raise ActionError(
            "kpi_id",
            f"{entry.name} is computed by senda tick from {entry.computed_from}; "
            "it cannot be typed in.",
        )
    return entry


def _period(entry: Entry, period: Period, today: date) -> None:
    if period.kind != entry.period:
        every = KIND_NAMES[entry.period]
        raise ActionError("period", f"{entry.name} is recorded for a {every}: choose a {every}.")
    if period.start > today:
        raise ActionError("period", f"{period.label} has not started yet: choose an earlier one.")


def _decimal(value: Decimal | int | float | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ActionError("value", "Enter the value as a number, like 42 or 42.5.") from None
    if not number.is_finite():
        raise ActionError("value", "Enter the value as a number, like 42 or 42.5.")
    return number


def _rate(value: Decimal | None, numerator: int | None, denominator: int | None) -> _Entered:
    """A percentage: given as a value, as numerator and denominator, or as all three."""
    if (numerator is None) != (denominator is None):
        missing = "denominator" if denominator is None else "numerator"
        raise ActionError(missing, f"Enter the {missing} too, or leave both empty.")
    if numerator is not None and denominator is not None:
        if denominator <= 0:
            raise ActionError("denominator", "The denominator must be 1 or more.")
        if denominator > LARGEST_COUNT:
            raise ActionError("denominator", f"The denominator must be {LARGEST_COUNT:,} or less.")
        if not 0 <= numerator <= denominator:
            raise ActionError(
                "numerator", f"The numerator must be between 0 and the denominator ({denominator})."
            )
        worked = percent_of(numerator, denominator)
        if value is not None and abs(value - worked) > PERCENT_SLACK:
            raise ActionError(
                "value",
                f"{numerator} of {denominator} is {worked}%, not {value}%: correct the value, "
                "or leave it empty to use the numerator and denominator.",
            )
        return _Entered(worked if value is None else value, numerator, denominator)
    if value is None:
        raise ActionError("value", "Enter the percentage, or the numerator and denominator.")
    if not 0 <= value <= 100:
        raise ActionError("value", "A percentage must be between 0 and 100.")
    return _Entered(value, None, None)


def _entered(
    entry: Entry, value: Decimal | None, numerator: int | None, denominator: int | None
) -> _Entered:
    if entry.is_rate:
        entered = _rate(value, numerator, denominator)
    else:
        if numerator is not None or denominator is not None:
            field = "numerator" if numerator is not None else "denominator"
            raise ActionError(field, f"{entry.name} is not a percentage: enter only its value.")
        if value is None:
            raise ActionError("value", f"Enter the value of {entry.name.lower()}.")
        if entry.unit == "count" and (value < 0 or value != value.to_integral_value()):
            raise ActionError("value", "A count must be a whole number, 0 or more.")
        if entry.unit in ("days", "weeks") and value < 0:
            raise ActionError("value", f"A number of {entry.unit} must be 0 or more.")
        entered = _Entered(value, None, None)
    if abs(entered.value) > LARGEST:
        raise ActionError("value", "The value is too large to store.")
    if entered.value != entered.value.quantize(Decimal("0.01")):
        raise ActionError("value", "Enter the value with at most 2 decimal places.")
    return entered


def _evidence(evidence: str) -> str:
    return required_text(
        evidence, "evidence", "Enter where the figure comes from (the survey, register or report)."
    )


def _evidence_url(evidence_url: str) -> str:
    url = (evidence_url or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ActionError(
                "evidence_url", "Enter a web address starting https://, or leave it empty."
            ) from None
        if len(url) > 200:
            raise ActionError("evidence_url", "The web address must be 200 characters or fewer.")
    return url


@dataclass(frozen=True)
class _Checked:
    entered: _Entered
    evidence: str
    evidence_url: str


def _check(
    entry: Entry,
    period: Period,
    value: Decimal | int | float | str | None,
    numerator: int | None,
    denominator: int | None,
    evidence: str,
    evidence_url: str,
    today: date,
) -> tuple[_Checked | None, list[ActionError]]:
    """Every check of a value for ``entry``: what is recorded, or every problem found."""
    problems: list[ActionError] = []

    def attempt(check: Callable[[], _T]) -> _T | None:
        try:
            return check()
        except ActionError as error:
            problems.append(error)
            return None

    attempt(lambda: _period(entry, period, today))
    entered = attempt(lambda: _entered(entry, _decimal(value), numerator, denominator))
    text = attempt(lambda: _evidence(evidence))
    url = attempt(lambda: _evidence_url(evidence_url))
    if problems or entered is None or text is None or url is None:
        return None, problems
    return _Checked(entered, text, url), []


def problems(
    *,
    kpi_id: str,
    period: Period,
    value: Decimal | int | float | str | None,
    numerator: int | None = None,
    denominator: int | None = None,
    evidence: str,
    evidence_url: str = "",
    today: date | None = None,
    la: LocalAuthority | int | None = None,
) -> list[ActionError]:
    """Everything wrong with a value :func:`record_value` would be given (a form shows them
    all at once; ``record_value`` refuses on the first). ``la``: the local area, whose own
    KPIs are known beside the catalogue's."""
    try:
        entry = _entry(la, kpi_id)
    except ActionError as error:
        return [error]
    checked = _check(
        entry,
        period,
        value,
        numerator,
        denominator,
        evidence,
        evidence_url,
        today or kernel.today(),
    )
    return checked[1]


def record_value(
    *,
    user: Any,
    la: LocalAuthority,
    kpi_id: str,
    period: Period,
    value: Decimal | int | float | str | None,
    numerator: int | None = None,
    denominator: int | None = None,
    evidence: str,
    evidence_url: str = "",
    today: date | None = None,
) -> RecordedValue:
    """Record a recorded KPI's value for a period, with its evidence; audited.

    A percentage may be given as its value, as numerator and denominator (the value is then
    worked out, to one decimal place), or as all three if they agree. Other units take only
    a value: a count is a whole number, days and weeks are 0 or more, pounds may be below
    zero (a surplus). An earlier entry for the same period is kept; this one supersedes it.
    """
    check_permission(can_record(user, la), NO_PERMISSION)
    today = today or kernel.today()
    entry = _entry(la, kpi_id)
    checked, found = _check(
        entry, period, value, numerator, denominator, evidence, evidence_url, today
    )
    if checked is None:
        raise found[0]
    entered = checked.entered
    with transaction.atomic():
        row = RecordedValue.objects.create(
            la=la,
            kpi=entry.id,
            period=period.kind,
            period_start=period.start,
            value=entered.value,
            numerator=entered.numerator,
            denominator=entered.denominator,
            evidence=checked.evidence,
            evidence_url=checked.evidence_url,
            entered_by=user,
        )
        audit.record(
            user=user,
            verb="write",
            obj=row,
            summary=f"recorded {entry.id} {period.key}",
            la_id=la.pk,
        )
    return row


def entries(la: LocalAuthority, kpi_id: str, limit: int = 50) -> list[RecordedValue]:
    """The KPI's recorded entries for the local area, the latest period first and, within a
    period, the latest entry first (the one shown)."""
    rows = (
        RecordedValue.objects.filter(la=la, kpi=kpi_id)
        .select_related("entered_by")
        .order_by("-period_start", "-entered_at", "-id")
    )
    return list(rows[:limit])

"""Adding and changing the KPIs a partnership defines itself, from the pages, without a
release: keyword-only, atomic, permission-checked, validated and audited.

A local KPI is always **recorded** (a person enters its value per period with evidence,
``senda.performance.recorded``); computed KPIs stay in the catalogue's code. Its definition
is kept in versions, never overwritten (``models.LocalKpiVersion``); its baseline, target
and milestones are its trajectory (``senda.performance.trajectories``), as for every KPI.
A KPI whose definition and baseline are still being set is marked ``establishing`` and
shows "Working to establish definition and baseline" until a version without the mark.

Who may: those who record KPI values for the area (``recorded.RECORD_ROLES``: service
managers and team managers). Each action raises ``ActionError`` naming the form field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from senda import audit
from senda.kernel import ActionError, check_permission, required_text
from senda.people.models import LocalAuthority
from senda.performance import catalogue, kpis, trajectories
from senda.performance.models import LocalKpi, LocalKpiVersion, RecordedValue
from senda.performance.models.local import PERIODS, PREFIX, UNITS
from senda.performance.recorded import can_record
from senda.performance.status_rule import Point

__all__ = ["Definition", "add_local_kpi", "edit_local_kpi", "history"]

NO_PERMISSION = "You do not have permission to add or change this local area's KPIs."
LIMITS = {"name": 120, "owner": 120, "data_source": 300}


@dataclass(frozen=True)
class Definition:
    """What a version of a local KPI says. ``numerator`` and ``denominator``: the words for
    each part of a percentage or rate (may be empty for a count or score)."""

    name: str
    definition: str
    unit: str
    higher_is_better: bool
    period: str
    owner: str
    data_source: str
    area: str
    numerator: str = ""
    denominator: str = ""
    establishing: bool = False


def _checked(d: Definition) -> Definition:
    name = required_text(d.name, "name", "Enter the KPI's name")
    definition = required_text(d.definition, "definition", "Enter what the KPI measures")
    owner = required_text(d.owner, "owner", "Enter who owns the KPI (a role or team)")
    source = required_text(
        d.data_source, "data_source", "Enter where its figure comes from (survey, register …)"
    )
    for field, text in (("name", name), ("owner", owner), ("data_source", source)):
        if len(text) > LIMITS[field]:
            raise ActionError(field, f"Enter {LIMITS[field]} characters or fewer.")
    if d.unit not in dict(UNITS):
        raise ActionError("unit", "Choose the KPI's unit.")
    if d.period not in dict(PERIODS):
        raise ActionError("period", "Choose how often a value is recorded.")
    if d.area not in catalogue.AREAS:
        raise ActionError("area", "Choose the improvement area the KPI serves.")
    numerator, denominator = (d.numerator or "").strip(), (d.denominator or "").strip()
    if d.unit == "percent" and not d.establishing:
        required_text(numerator, "numerator", "Enter what the numerator counts")
        required_text(denominator, "denominator", "Enter what the denominator counts")
    return Definition(
        name=name,
        definition=definition,
        unit=d.unit,
        higher_is_better=bool(d.higher_is_better),
        period=d.period,
        owner=owner,
        data_source=source,
        area=d.area,
        numerator=numerator,
        denominator=denominator,
        establishing=bool(d.establishing),
    )


def _new_id(la: LocalAuthority, name: str) -> str:
    """``local-`` and the name's words, made unique in the area (``-2``, ``-3`` …)."""
    stem = (PREFIX + slugify(name))[:55].rstrip("-")
    if stem == PREFIX.rstrip("-"):
        stem = PREFIX + "kpi"
    taken = set(LocalKpi.objects.filter(la=la, kpi__startswith=stem).values_list("kpi", flat=True))
    kpi_id, number = stem, 1
    while kpi_id in taken:
        number += 1
        kpi_id = f"{stem}-{number}"
    return kpi_id


def _version(kpi: LocalKpi, number: int, d: Definition, change: str, by: object) -> None:
    LocalKpiVersion.objects.create(
        local_kpi=kpi,
        number=number,
        name=d.name,
        definition=d.definition,
        numerator=d.numerator,
        denominator=d.denominator,
        unit=d.unit,
        higher_is_better=d.higher_is_better,
        period=d.period,
        owner=d.owner,
        data_source=d.data_source,
        area=d.area,
        establishing=d.establishing,
        change=change,
        by=by,
    )


@transaction.atomic
def add_local_kpi(
    *,
    by: object,
    la: LocalAuthority,
    definition: Definition,
    baseline_value: Decimal | None = None,
    baseline_on: date | None = None,
    baseline_note: str = "",
    target_value: Decimal | None = None,
    target_on: date | None = None,
    tolerance: Decimal = Decimal(5),
) -> LocalKpi:
    """Add a recorded KPI the partnership defined itself; its first version.

    Unless it is marked as still being established, its baseline (value and date) and its
    target (value and date) are given too and set as its trajectory; when it is, they may
    be given, all four or none."""
    check_permission(can_record(by, la), NO_PERMISSION)
    checked = _checked(definition)
    given = [baseline_value, baseline_on, target_value, target_on]
    if not checked.establishing or any(v is not None for v in given):
        _need_trajectory(baseline_value, baseline_on, target_value, target_on)
    kpi = LocalKpi.objects.create(la=la, kpi=_new_id(la, checked.name), created_by=by)
    _version(kpi, 1, checked, "Added.", by)
    audit.record(
        user=by, verb="write", obj=kpi, summary=f"kpi {kpi.kpi}: added (version 1)", la_id=la.pk
    )
    if baseline_value is not None and baseline_on and target_value is not None and target_on:
        trajectories.set_trajectory(
            la=la,
            kpi_id=kpi.kpi,
            baseline_value=baseline_value,
            baseline_on=baseline_on,
            baseline_note=baseline_note,
            tolerance=tolerance,
            points=[Point(on=target_on, low=target_value, kind="target")],
            by=by,
        )
    return kpi


def _need_trajectory(
    baseline_value: Decimal | None,
    baseline_on: date | None,
    target_value: Decimal | None,
    target_on: date | None,
) -> None:
    missing = (
        ("baseline_value", baseline_value, "Enter the baseline"),
        ("baseline_on", baseline_on, "Enter the date of the baseline"),
        ("target_value", target_value, "Enter the target"),
        ("target_on", target_on, "Enter the date the target is for"),
    )
    for field, value, message in missing:
        if value is None:
            raise ActionError(
                field,
                f"{message}, or say its definition and baseline are still being established.",
            )


@transaction.atomic
def edit_local_kpi(
    *, by: object, la: LocalAuthority, kpi_id: str, definition: Definition, change: str
) -> LocalKpiVersion:
    """A new version of a local KPI's definition, with why it changed; earlier versions
    are kept. Its unit and period stay as they are once a value has been recorded (the
    values were entered for them)."""
    check_permission(can_record(by, la), NO_PERMISSION)
    kpi = LocalKpi.objects.select_for_update().filter(la=la, kpi=kpi_id).first()
    if kpi is None:
        raise ActionError("kpi_id", f"There is no local KPI {kpi_id!r} in this area.")
    checked = _checked(definition)
    change = required_text(change, "change", "Enter what changed and why")
    latest = kpi.versions.first()
    assert latest is not None  # every local KPI has its first version
    if RecordedValue.objects.filter(la=la, kpi=kpi.kpi).exists():
        if checked.unit != latest.unit:
            raise ActionError("unit", "Values have been recorded in its unit: keep the unit.")
        if checked.period != latest.period:
            raise ActionError(
                "period", "Values have been recorded for its period: keep the period."
            )
    _version(kpi, latest.number + 1, checked, change, by)
    row = kpi.versions.first()
    assert row is not None
    audit.record(
        user=by,
        verb="write",
        obj=kpi,
        summary=f"kpi {kpi.kpi}: version {row.number}",
        la_id=la.pk,
    )
    return row


def history(la: LocalAuthority, kpi_id: str) -> list[LocalKpiVersion]:
    """Every version of a local KPI's definition, newest first (empty: not a local KPI)."""
    if not kpis.is_local(kpi_id):
        return []
    return list(
        LocalKpiVersion.objects.filter(local_kpi__la=la, local_kpi__kpi=kpi_id)
        .select_related("by")
        .order_by("-number")
    )

"""Writes of the places register and the capital programme (docs/places.md).

- :func:`record_places`: the places the area commissions at a setting for an academic
  year, of one provision; a new figure for the same setting, year and provision
  supersedes the last (kept, ``superseded_on`` today).
- :func:`record_project`, :func:`change_project`: a capital project.
- :func:`record_phase`, :func:`change_phase`: a phase of a project.

Only service managers of the area write them. Each is keyword-only, atomic, checked with
the kernel's checks and audited (identifiers only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_permission
from senda.people.models import LocalAuthority, Role, Setting
from senda.sufficiency.models import CapitalPhase, CapitalProject, CommissionedPlaces
from senda.sufficiency.models.places import FUNDING_SOURCES, PLACE_PROVISIONS
from senda.sufficiency.space import NEEDS

__all__ = [
    "MAX_PLACES",
    "PROVISIONS_BY_SETTING_TYPE",
    "Phase",
    "Project",
    "can_manage_places",
    "change_phase",
    "change_project",
    "record_phase",
    "record_places",
    "record_project",
]

#: Who records places and capital projects.
MANAGE_ROLES = frozenset({Role.SERVICE_MANAGER})
NOT_MANAGER = "Only a service manager of this area can record places."
MAX_PLACES = 5000
#: Which provisions a setting of each type may have places of (``people.Setting.Type``).
PROVISIONS_BY_SETTING_TYPE = {
    "maintained": ("specialist_base", "post16_mainstream"),
    "academy": ("specialist_base", "post16_mainstream"),
    "special": ("special",),
    "ap": ("ap",),
    "fe_college": ("post16_mainstream", "post16_specialist"),
    "nursery": ("early_years",),
    "independent_special": ("post16_specialist",),
}
PROVISION_NAMES = [name for name, _ in PLACE_PROVISIONS]
SEN_NEEDS = [need for need in NEEDS if need != "NONE"]
#: Years a figure may be recorded for: from 2000 to ten years ahead.
FIRST_YEAR, YEARS_AHEAD = 2000, 10


def can_manage_places(user: Any, la_id: int) -> bool:
    """Whether ``user`` records places and capital projects of area ``la_id``."""
    membership = getattr(user, "membership", None)
    return membership is not None and membership.la_id == la_id and membership.role in MANAGE_ROLES


def _whole(value: object, field: str, what: str, top: int = MAX_PLACES) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
        raise ActionError(field, f"{what} must be a whole number from 0 to {top:,}")
    return value


def _year(year: object, today: date) -> int:
    last = today.year + YEARS_AHEAD
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        raise ActionError("year", f"Enter an academic year from {FIRST_YEAR} to {last}")
    return year


@transaction.atomic
def record_places(
    *,
    setting: Setting,
    year: int,
    provision: str,
    places: int,
    note: str = "",
    by: Any,
    today: date | None = None,
) -> CommissionedPlaces:
    """Record that the area commissions ``places`` places of ``provision`` at ``setting``
    for the academic year starting in September of ``year``: a setting of the area, a
    provision its type can have, 0 to 5,000 places. The figure before, if any, is
    superseded; a figure that changes nothing is refused."""
    check_permission(can_manage_places(by, setting.la_id), NOT_MANAGER)
    today = today or kernel.today()
    check_choice(provision, PROVISION_NAMES, "provision", "a kind of place")
    if provision not in PROVISIONS_BY_SETTING_TYPE.get(setting.type, ()):
        raise ActionError(
            "provision", f"A {setting.get_type_display().lower()} has no places of this kind"
        )
    year = _year(year, today)
    places = _whole(places, "places", "The number of places")
    note = " ".join((note or "").split())
    if len(note) > 200:
        raise ActionError("note", "The note must be 200 characters or fewer")
    before = (
        CommissionedPlaces.objects.select_for_update()
        .current()
        .filter(setting=setting, year=year, provision=provision)
        .first()
    )
    if before is not None and (before.places, before.note) == (places, note):
        raise ActionError("places", "These places are recorded already")
    if before is not None:
        before.superseded_on = today
        before.save(update_fields=["superseded_on"])
    row = CommissionedPlaces.objects.create(
        setting=setting,
        year=year,
        provision=provision,
        places=places,
        note=note,
        recorded_on=today,
        recorded_by=by,
    )
    was = f" (was {before.places}, row {before.pk})" if before else ""
    audit.record(
        user=by,
        verb="write",
        obj=row,
        la_id=setting.la_id,
        summary=f"places: setting {setting.pk} {year} {provision} = {places}{was}",
    )
    return row


@dataclass(frozen=True)
class Project:
    """What a capital project records (``record_project``, ``change_project``)."""

    name: str
    provision: str
    places_planned: int
    funding_source: str
    opens_on: date | None
    status: str = CapitalProject.Status.PROPOSED
    places_delivered: int = 0
    needs: tuple[str, ...] = ()
    setting: Setting | None = None
    cost: Decimal | int | None = None


def _project_fields(la_id: int, project: Project) -> dict[str, Any]:
    name = kernel.required_text(project.name, "name", "Enter the project's name")
    if len(name) > 200:
        raise ActionError("name", "The name must be 200 characters or fewer")
    check_choice(project.provision, PROVISION_NAMES, "provision", "a kind of place")
    needs = list(dict.fromkeys(project.needs))
    for need in needs:
        check_choice(need, SEN_NEEDS, "needs", "the needs served")
    if project.setting is not None and project.setting.la_id != la_id:
        raise ActionError("setting", "Choose a setting of this area")
    planned = _whole(project.places_planned, "places_planned", "The places planned")
    delivered = _whole(project.places_delivered, "places_delivered", "The places delivered")
    if delivered > planned:
        raise ActionError("places_delivered", "The places delivered cannot be more than planned")
    cost = project.cost
    if cost is not None and (isinstance(cost, bool) or not 0 <= Decimal(cost) < 10**12):
        raise ActionError("cost", "The cost must be a sum in pounds from £0")
    check_choice(
        project.funding_source, [f for f, _ in FUNDING_SOURCES], "funding_source", "a source"
    )
    check_choice(project.status, CapitalProject.Status.values, "status", "a status")
    opens = kernel.required_date(project.opens_on, "opens_on", "Enter when its places open")
    return {
        "name": name,
        "provision": project.provision,
        "needs": needs,
        "setting": project.setting,
        "places_planned": planned,
        "places_delivered": delivered,
        "cost": None if cost is None else Decimal(cost),
        "funding_source": project.funding_source,
        "opens_on": opens,
        "status": project.status,
    }


def _unique_name(la_id: int, name: str, but: int | None = None) -> None:
    clash = CapitalProject.objects.filter(la_id=la_id, name__iexact=name).exclude(pk=but)
    if clash.exists():
        raise ActionError("name", "The area has a project of this name already")


@transaction.atomic
def record_project(
    *, la: LocalAuthority, project: Project, by: Any, today: date | None = None
) -> CapitalProject:
    """Add a capital project to ``la``'s programme: a name unique in the area, a kind of
    place, needs from SEN2's list, places delivered no more than planned, an opening date."""
    check_permission(can_manage_places(by, la.pk), NOT_MANAGER)
    fields = _project_fields(la.pk, project)
    _unique_name(la.pk, fields["name"])
    row = CapitalProject.objects.create(
        la=la, recorded_on=today or kernel.today(), recorded_by=by, **fields
    )
    audit.record(user=by, verb="write", obj=row, summary=f"capital project {row.pk} recorded")
    return row


def _save_changes(row: Any, fields: dict[str, Any]) -> list[str]:
    """Set and save the ``fields`` that differ from ``row``'s; their names. A change that
    changes nothing is refused."""
    changed = [name for name, value in fields.items() if getattr(row, name) != value]
    if not changed:
        raise ActionError(WHOLE_FORM, "Nothing has changed")
    for name in changed:
        setattr(row, name, fields[name])
    row.save(update_fields=changed)
    return changed


@transaction.atomic
def change_project(*, project: CapitalProject, changes: Project, by: Any) -> CapitalProject:
    """Change a project (the same checks as :func:`record_project`); the audit entry names
    the fields changed. A change that changes nothing is refused."""
    check_permission(can_manage_places(by, project.la_id), NOT_MANAGER)
    project = CapitalProject.objects.select_for_update().get(pk=project.pk)
    fields = _project_fields(project.la_id, changes)
    _unique_name(project.la_id, fields["name"], but=project.pk)
    changed = _save_changes(project, fields)
    audit.record(
        user=by,
        verb="write",
        obj=project,
        summary=f"capital project {project.pk} changed: {' '.join(sorted(changed))}",
    )
    return project


@dataclass(frozen=True)
class Phase:
    """A phase of a capital project (``record_phase``, ``change_phase``)."""

    name: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None = None
    actual_end: date | None = None
    status: str = CapitalPhase.Status.NOT_STARTED


def _phase_fields(phase: Phase, today: date) -> dict[str, Any]:
    name = kernel.required_text(phase.name, "name", "Enter the phase's name")
    if len(name) > 100:
        raise ActionError("name", "The name must be 100 characters or fewer")
    start = kernel.required_date(phase.planned_start, "planned_start", "Enter the planned start")
    end = kernel.required_date(phase.planned_end, "planned_end", "Enter the planned end")
    if end < start:
        raise ActionError("planned_end", "The planned end must be on or after its start")
    for field in ("actual_start", "actual_end"):
        if (value := getattr(phase, field)) is not None:
            kernel.check_not_future(value, today, field=field)
    if phase.actual_end is not None and phase.actual_start is None:
        raise ActionError("actual_start", "Enter when the phase started")
    if phase.actual_start and phase.actual_end and phase.actual_end < phase.actual_start:
        raise ActionError("actual_end", "The phase cannot end before it started")
    check_choice(phase.status, CapitalPhase.Status.values, "status", "a status")
    if phase.status == CapitalPhase.Status.DONE and phase.actual_end is None:
        raise ActionError("actual_end", "Enter when the phase ended, if it is done")
    return {
        "name": name,
        "planned_start": start,
        "planned_end": end,
        "actual_start": phase.actual_start,
        "actual_end": phase.actual_end,
        "status": phase.status,
    }


@transaction.atomic
def record_phase(
    *, project: CapitalProject, phase: Phase, by: Any, today: date | None = None
) -> CapitalPhase:
    """Add a phase to ``project``: a name, planned dates in order, actual dates not in the
    future and in order, an end date once done."""
    check_permission(can_manage_places(by, project.la_id), NOT_MANAGER)
    row = CapitalPhase.objects.create(
        project=project, **_phase_fields(phase, today or kernel.today())
    )
    audit.record(
        user=by,
        verb="write",
        obj=row,
        la_id=project.la_id,
        summary=f"capital project {project.pk}: phase {row.pk} recorded",
    )
    return row


@transaction.atomic
def change_phase(
    *, phase: CapitalPhase, changes: Phase, by: Any, today: date | None = None
) -> CapitalPhase:
    """Change a phase (the same checks as :func:`record_phase`)."""
    la_id = phase.project.la_id
    check_permission(can_manage_places(by, la_id), NOT_MANAGER)
    phase = CapitalPhase.objects.select_for_update().get(pk=phase.pk)
    fields = _phase_fields(changes, today or kernel.today())
    changed = _save_changes(phase, fields)
    audit.record(
        user=by,
        verb="write",
        obj=phase,
        la_id=la_id,
        summary=f"capital project {phase.project_id}: phase {phase.pk} changed: "
        f"{' '.join(sorted(changed))}",
    )
    return phase

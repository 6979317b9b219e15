"""Factories for the places register's tests: plans in force, placements, places."""

from __future__ import annotations

from datetime import date
from typing import Any

from senda.casework.models import Placement, Plan
from senda.people.models import LocalAuthority, Setting
from senda.sufficiency.models import (
    CapitalPhase,
    CapitalProject,
    CommissionedPlaces,
    PostcodeLocality,
)
from tests.factories import make_case, make_child, make_la, make_setting, make_user


def make_plan_case(la: LocalAuthority, born: date = date(2015, 6, 1), **plan: Any) -> Plan:
    """A child of ``la`` with a plan in force since 2024 (unless told otherwise)."""
    plan.setdefault("issued_on", date(2024, 1, 10))
    case = make_case(make_child(la, date_of_birth=born))
    return Plan.objects.create(case=case, **plan)


def place(plan: Plan, setting: Setting | None, entered: date, **fields: Any) -> Placement:
    return Placement.objects.create(
        case=plan.case, setting=setting, entered_on=entered, recorded_on=entered, **fields
    )


def special_school(la: LocalAuthority, **fields: Any) -> Setting:
    fields.setdefault("name", "Harbour Special School")
    return make_setting(la, type=Setting.Type.SPECIAL, phase=Setting.Phase.SPECIAL, **fields)


def make_places(setting: Setting, by: Any, places: int = 10, **fields: Any) -> CommissionedPlaces:
    """Places recorded directly (no audit)."""
    fields.setdefault("year", 2025)
    fields.setdefault("provision", "special")
    return CommissionedPlaces.objects.create(
        setting=setting, places=places, recorded_on=date(2025, 9, 1), recorded_by=by, **fields
    )


def make_project(la: LocalAuthority, by: Any, **fields: Any) -> CapitalProject:
    """A capital project recorded directly (no audit)."""
    fields.setdefault("name", f"New places {CapitalProject.objects.count() + 1}")
    fields.setdefault("provision", "specialist_base")
    fields.setdefault("places_planned", 20)
    fields.setdefault("funding_source", "hnpca")
    fields.setdefault("opens_on", date(2026, 9, 1))
    fields.setdefault("status", CapitalProject.Status.APPROVED)
    return CapitalProject.objects.create(
        la=la, recorded_on=date(2025, 9, 1), recorded_by=by, **fields
    )


def make_phase(project: CapitalProject, **fields: Any) -> CapitalPhase:
    """A phase recorded directly (no audit)."""
    fields.setdefault("name", "Design")
    fields.setdefault("planned_start", date(2025, 10, 1))
    fields.setdefault("planned_end", date(2026, 1, 31))
    return CapitalPhase.objects.create(project=project, **fields)


def places_row(setting: Setting, by: Any) -> CommissionedPlaces:
    """Specialist-base places at a mainstream ``setting`` (the personas' school)."""
    return make_places(setting, by, 8, provision="specialist_base")


def other_area_places() -> CommissionedPlaces:
    la = make_la()
    return places_row(make_setting(la), make_user("service_manager", la))


def other_area_project() -> CapitalProject:
    la = make_la()
    return make_project(la, make_user("service_manager", la))


def make_postcode_locality(
    la: LocalAuthority, prefix: str = "NG7", locality: str = "North"
) -> PostcodeLocality:
    """A postcode district's locality recorded directly (no audit)."""
    return PostcodeLocality.objects.create(la=la, prefix=prefix, locality=locality)

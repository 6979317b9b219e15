"""The demo area's places register, children waiting for a place and capital programme
(issue 17; docs/places.md).

- Places: each special school, alternative provision and mainstream school with a unit or
  resourced provision of the area has places commissioned for this academic year and the
  last, near the children placed there today (some full, some with room, a few over);
- waiting: a few school-age children lost their mainstream place this year and are
  recorded as "not in education — other" (NIEO) since;
- a capital programme of three projects: one open, one being built, one proposed;
- which locality each of the area's postcode districts is in (SV10 to SV18, two to a
  locality; SV19 left off, so its children show as "Locality not known", as a district
  a council forgot would), and one sector (SV15 1) in another locality than its district.

Rows go in directly (the demo writes no audit entry per row), from their own random
stream, after the SEN2 faults, so the rest of the area is as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from django.contrib.auth.models import User

from senda.casework.models import Case, Placement
from senda.demo.names import LOCALITIES
from senda.demo.sen2_facts import POSTCODE_AREA
from senda.improvement.models import Action
from senda.people.models import LocalAuthority, Setting
from senda.people.school_year import academic_year_start, year_group
from senda.sufficiency.models import (
    CapitalPhase,
    CapitalProject,
    CommissionedPlaces,
    PostcodeLocality,
)
from senda.sufficiency.placed import placed_at_settings

#: Children of the main area recorded as waiting for a place.
WAITING = 6
PLACE_KINDS = ("special", "ap", "specialist_base")


def write_places(
    *, seed: int, la: LocalAuthority, today: date, by: User, skip: Iterable[int] = ()
) -> None:
    rng = Random(f"{seed}-places")
    _waiting(rng, la, today, set(skip))
    _postcode_localities(la)
    year = academic_year_start(today)
    placed = placed_at_settings(la, today)
    settings = Setting.objects.in_bulk({setting for setting, _ in placed})
    rows = []
    for (setting, kind), children in sorted(placed.items()):
        if kind not in PLACE_KINDS:
            continue
        now = max(
            0,
            children + rng.randint(-3, 4)
            if kind != "specialist_base"
            else children + rng.randint(-1, 2),
        )
        before = max(0, now - rng.randint(0, 3))
        for when, places in ((year - 1, before), (year, now)):
            rows.append(
                CommissionedPlaces(
                    setting=settings[setting],
                    year=when,
                    provision=kind,
                    places=places,
                    note="High-needs place return",
                    recorded_on=date(when, 7, 1),
                    recorded_by=by,
                )
            )
    CommissionedPlaces.objects.bulk_create(rows)
    _programme(rng, la, today, by)


def _waiting(rng: Random, la: LocalAuthority, today: date, skip: set[int]) -> None:
    """End the mainstream placement of a few school-age children with a live plan, and
    record them as NIEO from that day."""
    current = (
        Placement.objects.filter(
            case__la=la,
            case__status=Case.Status.OPEN,
            case__plans__ceased_on__isnull=True,
            rank=1,
            left_on__isnull=True,
            superseded_on__isnull=True,
            setting__type__in=("maintained", "academy"),
            sen_unit=False,
            resourced_provision=False,
        )
        .exclude(case_id__in=skip)
        .select_related("case__child")
        .order_by("pk")
    )
    chosen = [
        p
        for p in current
        if p.case.child.date_of_birth and 1 <= year_group(p.case.child.date_of_birth, today) <= 10
    ]
    chosen = rng.sample(chosen, min(WAITING, len(chosen)))
    waiting = []
    for stay in chosen:
        left = max(
            stay.entered_on + timedelta(days=1), today - timedelta(days=rng.randint(15, 260))
        )
        if left >= today:
            continue
        Placement.objects.filter(pk=stay.pk).update(left_on=left)
        waiting.append(
            Placement(case=stay.case, setting_code="NIEO", entered_on=left, recorded_on=left)
        )
    Placement.objects.bulk_create(waiting)


def _programme(rng: Random, la: LocalAuthority, today: date, by: User) -> None:
    year = academic_year_start(today)
    special = Setting.objects.filter(la=la, type="special").order_by("name").first()
    projects = [
        (
            "Specialist bases in mainstream, phase 2",
            "specialist_base", ["ASD", "SLCN"], None, 24, 16, 1_450_000, "hnpca",
            date(year, 9, 1), "open",
            [("Feasibility", -20, -17, "done"), ("Consultation", -17, -14, "done"),
             ("Building works", -10, -1, "done")],
        ),
        (
            f"{special.name} expansion" if special else "Special school expansion",
            "special", ["SEMH", "SLD", "ASD"], special, 30, 0, 3_200_000, "hnpca",
            date(year + 1, 9, 1), "in_progress",
            [("Feasibility", -9, -6, "done"), ("Design", -6, -2, "done"),
             ("Building works", -2, 8, "in_progress")],
        ),
        (
            "Post-16 specialist pathway at the college",
            "post16_specialist", ["MLD", "SLD", "ASD"], None, 12, 0, 600_000, "council",
            date(year + 2, 9, 1), "proposed",
            [("Options appraisal", 1, 4, "not_started")],
        ),
    ]  # fmt: skip
    for name, kind, needs, setting, planned, done, cost, funding, opens, status, phases in projects:
        project = CapitalProject.objects.create(
            la=la, name=name, provision=kind, needs=needs, setting=setting,
            places_planned=planned, places_delivered=done, cost=Decimal(cost),
            funding_source=funding, opens_on=opens, status=status,
            recorded_on=today - timedelta(days=400), recorded_by=by,
        )  # fmt: skip
        CapitalPhase.objects.bulk_create(
            _phase(project, phase, start, end, state, today) for phase, start, end, state in phases
        )
        if kind == "post16_specialist":
            _link_action(la, project)


#: The improvement plan's action the post-16 project delivers (``demo.improvement_content``).
POST16_ACTION = "Review the sufficiency of post-16 provision"


def _link_action(la: LocalAuthority, project: CapitalProject) -> None:
    """The improvement plan's post-16 sufficiency action names the post-16 project."""
    action = Action.objects.filter(area__plan__la=la, what__startswith=POST16_ACTION).first()
    if action is not None:
        action.capital_projects.add(project)


def _phase(
    project: CapitalProject, name: str, start: int, end: int, status: str, today: date
) -> CapitalPhase:
    """A phase from ``start`` to ``end`` months from today; begun and ended as its status
    says."""
    planned_start, planned_end = _months(today, start), _months(today, end)
    begun = status in ("done", "in_progress")
    return CapitalPhase(
        project=project,
        name=name,
        planned_start=planned_start,
        planned_end=planned_end,
        actual_start=planned_start if begun else None,
        actual_end=min(planned_end + timedelta(days=14), today) if status == "done" else None,
        status=status,
    )


def _months(today: date, months: int) -> date:
    total = today.year * 12 + today.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _postcode_localities(la: LocalAuthority) -> None:
    """The main area's districts SV10 to SV18, two to each locality in turn; SV19 left
    off; sector SV15 1 in the next locality."""
    rows = [
        PostcodeLocality(la=la, prefix=f"{POSTCODE_AREA}1{n}", locality=LOCALITIES[n // 2])
        for n in range(9)
    ]
    rows.append(PostcodeLocality(la=la, prefix=f"{POSTCODE_AREA}15 1", locality=LOCALITIES[3]))
    PostcodeLocality.objects.bulk_create(rows)

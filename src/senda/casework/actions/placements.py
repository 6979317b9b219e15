"""Where a child is educated and what the plan names, as SEN2 records them
(docs/recording-steps.md, "Placements and named settings"; docs/sen2.md).

- :func:`record_placement`, :func:`end_placement`, :func:`correct_placement`: a
  placement (SEN2 ``PlacementDetail``) of the case: a setting of the area, or one of
  SEN2's setting codes (``OTH`` with a few words saying what), its rank, entry and leaving
  dates, and SEN2's unit, resourced-provision, residential and work-based flags.
- :func:`name_settings`: the settings section I of the plan names (SEN2 ``PlanDetail``),
  ranked in the order given.
- :func:`set_plan_flags`: SEN2's flags of the plan (``NamedPlan``): residential, work-based
  learning, personal budget and how it is paid.

Only casework staff of the case's area (``people.CASEWORK_WRITE_ROLES``) write them. A
correction supersedes (``superseded_on``), never deletes; ending a placement fills in its
leaving date. None of these is a statutory step: the clock does not read them, so no
deadline changes (nothing to re-run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q

from senda import audit, kernel
from senda.casework.models import RESIDENTIAL, SETTING_CODES, Case, NamedSetting, Placement, Plan
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_permission, long_date
from senda.people.models import Membership, Setting

__all__ = [
    "MAX_NAMED",
    "MAX_RANK",
    "Where",
    "correct_placement",
    "end_placement",
    "name_settings",
    "record_placement",
    "set_plan_flags",
]

#: Ranks run from 1 (the main placement) to this: SEN2 ranks a child's few settings.
MAX_RANK = 9
#: At most this many settings named in one plan.
MAX_NAMED = MAX_RANK
OTHER_MAX = 100
#: No date before this is believable for a placement (nor storable everywhere).
EARLIEST = date(1900, 1, 1)
NOT_STAFF = "Only a case officer, team manager or service manager of this area can do this."
CODES = [code for code, _ in SETTING_CODES]


@dataclass(frozen=True)
class Where:
    """A setting of the area, or else one of SEN2's setting codes (``other``: what ``OTH``
    is), with SEN2's unit and resourced-provision flags."""

    setting: Setting | None = None
    code: str = ""
    other: str = ""
    sen_unit: bool = False
    resourced_provision: bool = False


def _check_staff(by: User, la_id: int) -> None:
    membership = Membership.objects.filter(user_id=by.pk).first()
    check_permission(membership is not None and membership.can_write_casework(la_id), NOT_STAFF)


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("child").get(pk=case.pk)


def check_where(where: Where, la_id: int, prefix: str = "") -> dict[str, object]:
    """The fields of a setting record from ``where``: exactly one of a setting (of the
    area ``la_id``) or a code; ``OTH`` needs its few words, no other code takes them."""
    code = (where.code or "").strip().upper()
    other = " ".join((where.other or "").split())
    if where.setting is not None and code:
        raise ActionError(f"{prefix}setting_code", "Choose a setting or a code, not both")
    if where.setting is None and not code:
        raise ActionError(f"{prefix}setting", "Choose the setting, or a code if there is none")
    if where.setting is not None and where.setting.la_id != la_id:
        raise ActionError(f"{prefix}setting", "Choose a setting of this area")
    if code:
        check_choice(code, CODES, f"{prefix}setting_code", "a setting code")
    if code == "OTH" and not other:
        raise ActionError(f"{prefix}setting_other", "Say what the other setting is")
    if other and code != "OTH":
        raise ActionError(
            f"{prefix}setting_other", "Only say what the setting is when the code is ‘Other’"
        )
    if len(other) > OTHER_MAX:
        raise ActionError(
            f"{prefix}setting_other", f"The other setting must be {OTHER_MAX} characters or fewer"
        )
    return {
        "setting": where.setting,
        "setting_code": code,
        "setting_other": other,
        "sen_unit": where.sen_unit is True,
        "resourced_provision": where.resourced_provision is True,
    }


def check_rank(rank: object, field: str = "rank") -> int:
    if isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank <= MAX_RANK:
        raise ActionError(field, f"The rank must be a whole number from 1 to {MAX_RANK}")
    return rank


def _check_dates(case: Case, entered_on: date | None, left_on: date | None, today: date) -> date:
    entered = kernel.required_date(entered_on, "entered_on", "Enter the date the child started")
    born = case.child.date_of_birth
    earliest, what = (born, "the child was born") if born else (EARLIEST, "1 January 1900")
    kernel.check_not_before(entered, earliest, what, field="entered_on")
    kernel.check_not_future(entered, today, field="entered_on")
    if left_on is not None:
        kernel.check_not_future(left_on, today, field="left_on")
        if left_on < entered:
            raise ActionError(
                "left_on",
                f"The leaving date must be on or after the start date ({long_date(entered)})",
            )
    return entered


def _overlaps(case: Case, rank: int, entered: date, left: date | None) -> Placement | None:
    """A current placement of ``case`` with ``rank`` whose time overlaps ``entered`` to
    ``left`` (open: to now). A leaving day may be the next one's start day."""
    others = Placement.objects.filter(case=case, rank=rank, superseded_on__isnull=True)
    others = others.filter(Q(left_on__isnull=True) | Q(left_on__gt=entered))
    if left is not None:
        others = others.filter(entered_on__lt=left)
    return others.order_by("entered_on").first()


def _check_rank_free(
    case: Case, rank: int, entered: date, left: date | None, but: Placement | None = None
) -> None:
    clash = _overlaps(case, rank, entered, left)
    if clash is not None and (but is None or clash.pk != but.pk):
        raise ActionError(
            "rank",
            f"Another placement ranked {rank} runs at the same time (from "
            f"{long_date(clash.entered_on)}): end it first, or give this one another rank",
        )


def _write_audit(by: User, case: Case, obj: object, what: str) -> None:
    audit.record(
        user=by, verb="write", obj=obj, child=case.child, summary=f"case {case.pk}: {what}"
    )


def _residential(value: str | None, field: str = "residential") -> str:
    value = (value or "").strip().upper()
    if value:
        check_choice(value, [code for code, _ in RESIDENTIAL], field, "residential A or B")
    return value


@transaction.atomic
def record_placement(
    *,
    case: Case,
    where: Where,
    rank: int,
    entered_on: date,
    left_on: date | None = None,
    residential: str = "",
    work_based: bool = False,
    by: User,
    today: date | None = None,
) -> Placement:
    """Record that the child attends ``where`` from ``entered_on`` (to ``left_on``, if
    left), ranked ``rank``: no date after today, the leaving date not before the start, and
    no other current placement of the case with the same rank at the same time."""
    _check_staff(by, case.la_id)
    case = _lock(case)
    today = today or kernel.today()
    fields = check_where(where, case.la_id)
    rank = check_rank(rank)
    entered = _check_dates(case, entered_on, left_on, today)
    _check_rank_free(case, rank, entered, left_on)
    placement = Placement.objects.create(
        case=case,
        rank=rank,
        entered_on=entered,
        left_on=left_on,
        residential=_residential(residential),
        work_based=work_based is True,
        recorded_on=today,
        **fields,  # type: ignore[arg-type]
    )
    _write_audit(by, case, placement, f"placement {placement.pk} recorded (rank {rank})")
    return placement


def _current(placement: Placement) -> tuple[Placement, Case]:
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.superseded_on is not None:
        raise ActionError(WHOLE_FORM, "This placement has been corrected: change the newest one")
    return placement, _lock(placement.case)


@transaction.atomic
def end_placement(
    *, placement: Placement, left_on: date, by: User, today: date | None = None
) -> Placement:
    """The child left the placement on ``left_on`` (not after today, not before they
    started). A placement already ended is changed with :func:`correct_placement`."""
    _check_staff(by, placement.case.la_id)
    placement, case = _current(placement)
    today = today or kernel.today()
    if placement.left_on is not None:
        raise ActionError(
            "left_on", "This placement has ended already: correct it to change the date"
        )
    left = kernel.required_date(left_on, "left_on", "Enter the date the child left")
    _check_dates(case, placement.entered_on, left, today)
    placement.left_on = left
    placement.save(update_fields=["left_on"])
    _write_audit(by, case, placement, f"placement {placement.pk} ended {left:%Y-%m-%d}")
    return placement


@transaction.atomic
def correct_placement(
    *,
    placement: Placement,
    where: Where,
    rank: int,
    entered_on: date,
    left_on: date | None = None,
    residential: str = "",
    work_based: bool = False,
    by: User,
    today: date | None = None,
) -> Placement:
    """Correct a placement: a new one with the details given supersedes it (it is kept,
    ``superseded_on`` today). The same checks as :func:`record_placement`; a correction
    that changes nothing is refused."""
    _check_staff(by, placement.case.la_id)
    old, case = _current(placement)
    today = today or kernel.today()
    fields = check_where(where, case.la_id)
    rank = check_rank(rank)
    entered = _check_dates(case, entered_on, left_on, today)
    new = Placement(
        case=case,
        rank=rank,
        entered_on=entered,
        left_on=left_on,
        residential=_residential(residential),
        work_based=work_based is True,
        recorded_on=today,
        **fields,  # type: ignore[arg-type]
    )
    compared = [*fields, "rank", "entered_on", "left_on", "residential", "work_based"]
    if all(getattr(old, name) == getattr(new, name) for name in compared):
        raise ActionError(WHOLE_FORM, "You have not changed anything.")
    _check_rank_free(case, rank, entered, left_on, but=old)
    old.superseded_on = today
    old.save(update_fields=["superseded_on"])
    new.save()
    _write_audit(by, case, new, f"placement {new.pk} corrects placement {old.pk}")
    return new


@transaction.atomic
def name_settings(
    *, plan: Plan, settings: Sequence[Where], by: User, today: date | None = None
) -> list[NamedSetting]:
    """The settings ``plan`` names (section I), ranked 1, 2… in the order given; they
    replace the ones named before, which are kept, superseded today. None clears them.
    A refusal about the n-th setting names its field ``named<n>_setting`` (and so on)."""
    plan = Plan.objects.select_for_update().select_related("case__child").get(pk=plan.pk)
    _check_staff(by, plan.case.la_id)
    today = today or kernel.today()
    if len(settings) > MAX_NAMED:
        raise ActionError("settings", f"A plan can name at most {MAX_NAMED} settings")
    rows = [
        NamedSetting(
            plan=plan,
            rank=rank,
            recorded_on=today,
            **check_where(w, plan.case.la_id, prefix=f"named{rank}_"),  # type: ignore[arg-type]
        )
        for rank, w in enumerate(settings, start=1)
    ]
    seen = [(row.setting_id, row.setting_code, row.setting_other) for row in rows]
    if len(set(seen)) != len(seen):
        raise ActionError("settings", "Name each setting once")
    superseded = plan.named_settings.filter(superseded_on__isnull=True).update(superseded_on=today)
    written = NamedSetting.objects.bulk_create(rows)
    _write_audit(
        by,
        plan.case,
        plan,
        f"plan {plan.pk} names {len(written)} settings ({superseded} superseded)",
    )
    return written


FLAGS = ("work_based", "personal_budget", "organised_arrangements", "direct_payments")


@transaction.atomic
def set_plan_flags(
    *,
    plan: Plan,
    residential: str,
    work_based: bool | None,
    personal_budget: bool | None,
    organised_arrangements: bool | None,
    direct_payments: bool | None,
    by: User,
    today: date | None = None,
) -> Plan:
    """SEN2's flags of ``plan``: residential (A, B or blank), and yes, no or not recorded
    (None) for work-based learning, a personal budget and, only with a personal budget,
    organised arrangements and direct payments."""
    plan = Plan.objects.select_for_update().select_related("case__child").get(pk=plan.pk)
    _check_staff(by, plan.case.la_id)
    new: dict[str, object] = {
        "residential": _residential(residential),
        "work_based": work_based,
        "personal_budget": personal_budget,
        "organised_arrangements": organised_arrangements,
        "direct_payments": direct_payments,
    }
    for name in FLAGS:
        if new[name] not in (True, False, None):
            raise ActionError(name, "Choose yes, no or not recorded")
    for name in ("organised_arrangements", "direct_payments"):
        if new[name] is True and personal_budget is not True:
            raise ActionError(name, "Only a personal budget is paid this way: say yes to it first")
    changed = [name for name, value in new.items() if getattr(plan, name) != value]
    if not changed:
        raise ActionError(WHOLE_FORM, "You have not changed anything.")
    for name in changed:
        setattr(plan, name, new[name])
    plan.save(update_fields=changed)
    _write_audit(by, plan.case, plan, f"plan {plan.pk} SEN2 flags set: {', '.join(changed)}")
    return plan

"""Vulnerable groups a child belongs to, where the council holds the data
(docs/child-details.md, "Vulnerable groups"):

- **looked after** and **previously looked after or adopted**: dated periods
  (``ChildGroupPeriod``), appended and corrected by superseding, recorded here;
- **electively home educated** and **missing education**: the child's SEN2 flags
  (``Child.elective_home_education``, ``Child.missing_education``), changed on the
  identifiers and flags page (``people.child_details``) with their history. One definition
  each: this module reads them, it does not copy them.

Who sees and records them (``may_see_groups``), strictly: casework staff of the child's
area (case officers, team managers, service managers: they involve the virtual school and
the child's social worker) and the area's social care staff (advice-givers in one of its
social care advice teams, as for the disabled children's register). Not QA auditors,
settings, other advice-givers, board members or families: to them the pages are 404. Every
write is an action here, audited; every page that shows them audits the read.

The KPIs' breakdown by group (``senda tick``: ``groups_by_child``) counts a child in each
group they are in on the day, and in ``NONE`` if in none.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from senda import audit, kernel
from senda.kernel import ActionError, check_permission
from senda.people.models import AdviceTeam, Child, ChildGroupPeriod, Membership, Role
from senda.people.models.staff import CASEWORK_WRITE_ROLES

__all__ = [
    "GROUPS",
    "NONE",
    "NOT_ALLOWED",
    "correct_period",
    "groups_by_child",
    "groups_of",
    "may_see_groups",
    "record_period",
    "withdraw_period",
]

#: The groups, in the order pages and breakdowns list them: (member, name).
GROUPS: tuple[tuple[str, str], ...] = (
    (ChildGroupPeriod.Group.LOOKED_AFTER, "Looked after"),
    (ChildGroupPeriod.Group.PREVIOUSLY_LOOKED_AFTER, "Previously looked after or adopted"),
    ("home_educated", "Electively home educated"),
    ("missing_education", "Missing education"),
)
#: The member of a child in none of the groups.
NONE = "none"
NONE_NAME = "None of these groups"
NOT_ALLOWED = "Only casework staff or social care staff of this area can record a child's groups."
OVERLAP = "This overlaps a period already recorded for this group: correct that one instead."
HOW_NEEDED = "Choose how the child left care."
HOW_NOT_WANTED = "How the child left care is only for a previously looked-after child."


def may_see_groups(user: Any, la_id: int) -> bool:
    """Whether ``user`` may see and record the groups of ``la_id``'s children."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    membership = Membership.objects.filter(user_id=user.pk).first()
    if membership is None or membership.la_id != la_id:
        return False
    if membership.role in CASEWORK_WRITE_ROLES:
        return True
    return membership.role == Role.ADVICE_GIVER and (
        AdviceTeam.objects.filter(
            la_id=la_id, discipline=AdviceTeam.Discipline.SOCIAL_CARE, members=user
        ).exists()
    )


def groups_of(child: Child, on: date) -> list[str]:
    """The groups ``child`` is in on ``on`` (members of :data:`GROUPS`, in its order)."""
    return groups_by_child(Child.objects.filter(pk=child.pk), on).get(child.pk, [])


def groups_by_child(children: Any, on: date) -> dict[int, list[str]]:
    """{child id: the groups they are in on ``on``} for a queryset of children; a child in
    none is left out. Two queries."""
    found: dict[int, set[str]] = defaultdict(set)
    periods = ChildGroupPeriod.objects.open_on(on).filter(child__in=children)
    for child_id, group in periods.values_list("child_id", "group"):
        found[child_id].add(group)
    flags = children.values_list("pk", "elective_home_education", "missing_education")
    for pk, home, missing in flags:
        if home:
            found[pk].add("home_educated")
        if missing:
            found[pk].add("missing_education")
    order = [member for member, _ in GROUPS]
    return {pk: [m for m in order if m in groups] for pk, groups in found.items()}


def _check_period(
    *, child: Child, group: str, how: str, start: date | None, end: date | None, today: date
) -> tuple[str, date]:
    kernel.check_choice(group, ChildGroupPeriod.Group.values, "group", "a group")
    start = kernel.required_date(start, "start", "Enter the date the period began.")
    kernel.check_not_future(start, today, "start")
    if end is not None:
        kernel.check_not_future(end, today, "end")
        kernel.check_not_before(end, start, "the period began", "end")
    if child.date_of_birth is not None:
        kernel.check_not_before(start, child.date_of_birth, "the child was born", "start")
    how = (how or "").strip()
    if group == ChildGroupPeriod.Group.PREVIOUSLY_LOOKED_AFTER:
        if not how:
            raise ActionError("how", HOW_NEEDED)
        kernel.check_choice(how, ChildGroupPeriod.How.values, "how", "how the child left care")
    elif how:
        raise ActionError("how", HOW_NOT_WANTED)
    return how, start


def _overlaps(child: Child, group: str, start: date, end: date | None, besides: int | None) -> bool:
    for other in ChildGroupPeriod.objects.current().filter(child=child, group=group):
        if other.pk == besides:
            continue
        if (other.end is None or other.end >= start) and (end is None or end >= other.start):
            return True
    return False


def _audit(by: Any, child: Child, what: str, period: ChildGroupPeriod, today: date) -> None:
    audit.record(
        user=by,
        verb="write",
        obj=child,
        child=child,
        summary=f"child {child.pk} group period {period.pk} {what} ({today.isoformat()})",
    )


@transaction.atomic
def record_period(
    *,
    child: Child,
    group: str,
    start: date | None,
    end: date | None = None,
    how: str = "",
    by: Any,
    today: date | None = None,
) -> ChildGroupPeriod:
    """Record that ``child`` was in ``group`` from ``start`` (to ``end``, or still).
    Refuses anyone who may not see the area's groups, a group not in the list, a start
    missing, in the future or before birth, an end before the start or in the future, how
    the child left care missing (previously looked after) or given (looked after), and a
    period overlapping another of the same group."""
    today = today or kernel.today()
    check_permission(may_see_groups(by, child.la_id), NOT_ALLOWED)
    how, start = _check_period(child=child, group=group, how=how, start=start, end=end, today=today)
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if _overlaps(child, group, start, end, None):
        raise ActionError("start", OVERLAP)
    period = ChildGroupPeriod.objects.create(
        child=child,
        group=group,
        how=how,
        start=start,
        end=end,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    _audit(by, child, "recorded", period, today)
    return period


def _standing(period: ChildGroupPeriod) -> ChildGroupPeriod:
    period = ChildGroupPeriod.objects.select_for_update().get(pk=period.pk)
    if period.withdrawn or ChildGroupPeriod.objects.filter(replaces=period).exists():
        raise ActionError(kernel.WHOLE_FORM, "This period has already been corrected or withdrawn.")
    return period


@transaction.atomic
def correct_period(
    *,
    period: ChildGroupPeriod,
    start: date | None,
    end: date | None,
    how: str = "",
    reason: str,
    by: Any,
    today: date | None = None,
) -> ChildGroupPeriod:
    """Replace ``period`` with one of the same group and child with these dates (the first
    is kept, replaced). The checks of :func:`record_period`, a reason, and a change."""
    today = today or kernel.today()
    child = period.child
    check_permission(may_see_groups(by, child.la_id), NOT_ALLOWED)
    reason = kernel.required_text(reason, "reason", "Say why the period is being corrected.")
    period = _standing(period)
    how, start = _check_period(
        child=child, group=period.group, how=how, start=start, end=end, today=today
    )
    if (start, end, how) == (period.start, period.end, period.how):
        raise ActionError(kernel.WHOLE_FORM, "You have not changed anything.")
    if _overlaps(child, period.group, start, end, period.pk):
        raise ActionError("start", OVERLAP)
    new = ChildGroupPeriod.objects.create(
        child=child,
        group=period.group,
        how=how,
        start=start,
        end=end,
        replaces=period,
        reason=reason,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    _audit(by, child, f"corrected (replaces {period.pk})", new, today)
    return new


@transaction.atomic
def withdraw_period(
    *, period: ChildGroupPeriod, reason: str, by: Any, today: date | None = None
) -> ChildGroupPeriod:
    """Withdraw ``period``, recorded in error: a withdrawal replaces it (both are kept)."""
    today = today or kernel.today()
    child = period.child
    check_permission(may_see_groups(by, child.la_id), NOT_ALLOWED)
    reason = kernel.required_text(reason, "reason", "Say why the period is being withdrawn.")
    period = _standing(period)
    new = ChildGroupPeriod.objects.create(
        child=child,
        group=period.group,
        how=period.how,
        start=period.start,
        end=period.end,
        replaces=period,
        withdrawn=True,
        reason=reason,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    _audit(by, child, f"withdrawn (replaces {period.pk})", new, today)
    return new

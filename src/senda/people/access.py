"""Who may see a child's record, and why: one place for the portal's partners (setting
staff and advice-giving teams) beside the council's roles, so the case list, the case
page, the casework actions and the access list shown to staff and families agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from senda.people.families import access_of, active_delegation, alternative_for, facts_of
from senda.people.models import (
    AccessGrant,
    Child,
    FamilyContact,
    Membership,
    Role,
    SettingMember,
)

__all__ = [
    "PARTNER_STEPS",
    "AccessEntry",
    "access_list",
    "granted_children",
    "is_service_manager",
    "may_record_step",
    "setting_ids",
    "settings_of",
    "staff_of_setting",
]

#: The statutory steps a partner records through the portal, by who records them: the
#: setting convenes the review (reg 20), an advice-giver sends its advice (reg 6–8).
SETTING_STEPS = frozenset(
    {
        "review_invitations_sent",
        "review_advice_circulated",
        "review_meeting",
        "review_report_received",
    }
)
ADVICE_STEPS = frozenset({"advice_received"})
PARTNER_STEPS = SETTING_STEPS | ADVICE_STEPS

#: Council roles that see every child of their area, as the access list names them.
_AREA_ROLES = (Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.QA_AUDITOR, Role.SERVICE_MANAGER)


def membership_for(user: Any) -> Membership | None:
    """A signed-in user's membership (area and role), or None: no query once the user's
    membership has been read (Django keeps it on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        membership: Membership = user.membership
    except Membership.DoesNotExist:
        return None
    return membership


def membership_with_area(user: Any) -> Membership | None:
    """A user's membership with its area, read now (one query): for a user other than the
    one signed in (an assignee, a panel's chair) or where the area is read next. None for
    no user, a user not signed in, or one with no membership."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user_id=user.pk).select_related("la").first()


def is_service_manager(user: Any, la_id: int) -> bool:
    """Whether ``user`` is a service manager of the area ``la_id``."""
    membership = membership_for(user)
    return (
        membership is not None
        and membership.la_id == la_id
        and membership.role == Role.SERVICE_MANAGER
    )


def settings_of(user: Any) -> QuerySet[SettingMember]:
    """The ids of the settings ``user`` works for now (the portal's memberships and, for a
    SENCo made before them, the setting on their council membership)."""
    own = SettingMember.objects.filter(user_id=getattr(user, "pk", None), removed_on__isnull=True)
    return own.values_list("setting_id", flat=True)  # type: ignore[return-value]


def setting_ids(user: Any) -> set[int]:
    """The settings ``user`` works for now: :func:`settings_of` and, for a SENCo, the
    setting on their council membership."""
    ids = set(settings_of(user))
    membership = Membership.objects.filter(user_id=getattr(user, "pk", None)).first()
    if membership is not None and membership.setting_id is not None:
        ids.add(membership.setting_id)
    return ids


def staff_of_setting(setting_id: int | None, today: date) -> QuerySet[Any]:
    """The active people who work for the setting on ``today``: its portal members not
    removed by then, and a SENCo whose council membership names it."""
    from django.contrib.auth import get_user_model

    if setting_id is None:
        return get_user_model().objects.none()
    members = SettingMember.objects.filter(setting_id=setting_id).filter(
        Q(removed_on__isnull=True) | Q(removed_on__gt=today)
    )
    sencos = Membership.objects.filter(role=Role.SENCO, setting_id=setting_id)
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=members.values("user_id")) | Q(pk__in=sencos.values("user_id")),
            is_active=True,
        )
        .order_by("pk")
    )


def granted_children(user: Any, today: date) -> QuerySet[Child]:
    """Children whose record ``user`` may see today because a team of theirs was asked for
    advice (an access grant in force)."""
    return Child.objects.filter(
        access_grants__in=AccessGrant.objects.for_user(user).active(today)
    ).distinct()


def may_record_step(user: Any, child: Child, step: str, today: date) -> bool:
    """Whether a partner may record ``step`` on ``child``'s case through the portal: staff
    of the child's setting the review steps, a member of a team with a grant in force the
    advice."""
    if step in SETTING_STEPS:
        return child.setting_id is not None and child.setting_id in setting_ids(user)
    if step in ADVICE_STEPS:
        return granted_children(user, today).filter(pk=child.pk).exists()
    return False


@dataclass(frozen=True, slots=True)
class AccessEntry:
    """One line of a child's access list: who, in what capacity, why, and since/until."""

    who: str
    capacity: str
    why: str
    since: date | None = None
    until: date | None = None


#: Why the council's SEND staff are on every access list (families see them as one line).
COUNCIL_STAFF_WHY = "Council SEND staff see every child of the area"


def access_list(child: Child, today: date) -> list[AccessEntry]:
    """Everyone who can see ``child``'s record today, and why (grants that ended are
    listed after, with their end date): the council's casework staff by role, the
    setting's staff, advice-giving teams asked about the child, and the family."""
    entries: list[AccessEntry] = []
    area = (
        Membership.objects.filter(la_id=child.la_id, role__in=_AREA_ROLES)
        .select_related("user")
        .order_by("role", "user__username")
    )
    for membership in area:
        entries.append(
            AccessEntry(
                who=membership.user.get_full_name() or membership.user.get_username(),
                capacity=membership.get_role_display(),
                why=COUNCIL_STAFF_WHY,
            )
        )
    if child.setting_id is not None:
        staff = SettingMember.objects.filter(
            setting_id=child.setting_id, removed_on__isnull=True
        ).select_related("user", "setting")
        seen = set()
        for member in staff:
            seen.add(member.user_id)
            entries.append(
                AccessEntry(
                    who=member.user.get_full_name() or member.user.get_username(),
                    capacity=f"{member.get_position_display()}, {member.setting.name}",
                    why="Works at the child's school or setting",
                    since=member.added_on,
                )
            )
        legacy = Membership.objects.filter(setting_id=child.setting_id, role=Role.SENCO).exclude(
            user_id__in=seen
        )
        for membership in legacy.select_related("user", "setting"):
            entries.append(
                AccessEntry(
                    who=membership.user.get_full_name() or membership.user.get_username(),
                    capacity=f"SENCo, {membership.setting.name}",  # type: ignore[union-attr]
                    why="Works at the child's school or setting",
                )
            )
    grants = AccessGrant.objects.filter(child=child).select_related("team")
    current = [g for g in grants if g.in_force(today)]
    ended = [g for g in grants if not g.in_force(today) and g.starts_on <= today]
    for grant in current + ended:
        entries.append(
            AccessEntry(
                who=grant.team.name,
                capacity=grant.team.get_discipline_display(),
                why=grant.reason,
                since=grant.starts_on,
                until=grant.ends_on,
            )
        )
    entries.extend(_family_entries(child, today))
    return entries


def _family_entries(child: Child, today: date) -> list[AccessEntry]:
    """The family: each contact who sees the record today and why (``people.families``:
    the parent, the young person, a delegate, the alternative person with the basis), then
    the young person's delegations that ended, with their dates."""
    entries: list[AccessEntry] = []
    facts = facts_of(child)
    contacts = FamilyContact.objects.filter(child=child).order_by("-is_young_person", "name")
    for contact in contacts:
        contact.child = child  # the page's own, so no query per contact
        found = access_of(contact, today, facts=facts) if contact.user_id is not None else None
        named = alternative_for(contact, today, facts)
        if found is None and not named:
            continue
        why = found.why if found is not None else ""
        delegation = active_delegation(contact, today, facts)
        if named:
            decisions = ", ".join(r.get_decision_display().lower() for r in named)
            why = f"Acts for the young person ({named[0].get_basis_display()}): {decisions}"
        elif delegation is not None:
            why = f"The young person agreed: {delegation.get_scope_display().lower()}"
        elif found is not None and not found.may_act and "does not act" not in why:
            why = f"{why}: sees, does not act"
        account = "" if contact.user_id is not None else " (no account yet)"
        entries.append(
            AccessEntry(
                who=f"{contact.name}{account}",
                capacity=contact.relationship.capitalize(),
                why=why,
                since=delegation.granted_on if delegation is not None else None,
            )
        )
    names = {c.pk: c for c in contacts}
    ended = [d for d in facts.delegations if d.withdrawn_on and d.withdrawn_on <= today]
    for old in ended:
        old.contact = names[old.contact_id]
        entries.append(
            AccessEntry(
                who=old.contact.name,
                capacity=old.contact.relationship.capitalize(),
                why=f"The young person agreed ({old.get_scope_display().lower()}), then stopped it",
                since=old.granted_on,
                until=old.withdrawn_on,
            )
        )
    return entries


def partner_filter(user: Any, today: date) -> Q:
    """A ``Q`` on cases (``child__…``) for the cases a partner may see: their settings'
    children, and children their teams were asked about."""
    return Q(child__setting_id__in=setting_ids(user)) | Q(child__in=granted_children(user, today))

"""The demo's users: 25 case officers, managers, a QA auditor, a board member, a SENCo, a
parent (of two children), a young person and an officer of the second area — each a User
with a Membership. The parent and the young person are on their children's records as
family contacts with accounts; the young person lets their parent (``young-persons-parent``)
see their record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import Permission, User

from senda.casework.models import Case
from senda.clock.rights import rights_transfer_date
from senda.demo import personas as p
from senda.demo.area import AreaPlan
from senda.people.models import (
    Delegation,
    FamilyContact,
    LocalAuthority,
    Membership,
    Role,
    Setting,
)

#: Officers working part time carry a smaller target.
PART_TIME = frozenset({3, 11, 19})


#: Everyone but the case officers of the main area: username and role.
OTHER_STAFF = (
    ("team-manager", Role.TEAM_MANAGER),
    ("team-manager-2", Role.TEAM_MANAGER),
    ("qa-auditor", Role.QA_AUDITOR),
    ("service-manager", Role.SERVICE_MANAGER),
    ("senco", Role.SENCO),
    ("parent", Role.PARENT),
    ("board-member", Role.BOARD_MEMBER),
    ("other-officer", Role.CASE_OFFICER),
    ("finance-officer", Role.FINANCE_OFFICER),
)
#: The finance officer's name, fixed: drawing one more name would move every draw after it.
FINANCE_OFFICER_NAME = ("Nadia", "Okafor")


@dataclass
class Staff:
    officers: list[User]
    team_manager: User
    other_officer: User
    table: list[tuple[str, str, str]] = field(default_factory=list)


def _user(username: str, name: tuple[str, str], password_hash: str, **extra: bool) -> User:
    return User(
        username=username,
        first_name=name[0],
        last_name=name[1],
        email=f"{username}@demo.example.org",
        password=password_hash,
        **extra,
    )


def write_staff(
    *,
    main: AreaPlan,
    la: LocalAuthority,
    other_la: LocalAuthority,
    main_settings: list[Setting],
    main_cases: list[Case],
    password_hash: str,
    names: list[tuple[str, str]],
    family: p.FamilyCases,
    today: date,
) -> Staff:
    chosen = p.persona_officer(main)
    senco_at = main_settings[p.persona_senco_setting(main)]
    parent_case = main_cases[family.parent]
    draft_case = None if family.draft is None else main_cases[family.draft]
    numbers = iter(range(1, p.CASE_OFFICERS))
    officers = [
        _user(
            "officer" if i == chosen else f"case-officer-{next(numbers):02d}",
            names[i],
            password_hash,
        )
        for i in range(p.CASE_OFFICERS)
    ]
    extra = OTHER_STAFF
    names = [*names[: p.CASE_OFFICERS + len(extra) - 1], FINANCE_OFFICER_NAME]
    others = [
        _user(u, names[p.CASE_OFFICERS + i], password_hash, is_staff=u == "service-manager")
        for i, (u, _) in enumerate(extra)
    ]
    User.objects.bulk_create([*officers, *others])
    by_name = {u.username: u for u in others}
    Membership.objects.bulk_create(
        [
            *(
                Membership(
                    user=u,
                    la=la,
                    role=Role.CASE_OFFICER,
                    caseload_target=100 if i in PART_TIME else p.CASELOAD_TARGET,
                )
                for i, u in enumerate(officers)
            ),
            *(
                Membership(
                    user=by_name[u],
                    la=other_la if u == "other-officer" else la,
                    role=r,
                    setting=senco_at if r == Role.SENCO else None,
                )
                for u, r in extra
            ),
        ]
    )
    parent = by_name["parent"]
    contact = main.cases[family.parent].child.contact
    parent.first_name, _, parent.last_name = contact.name.partition(" ")
    parent.save(update_fields=["first_name", "last_name"])
    children = [c.child_id for c in (parent_case, draft_case) if c is not None]
    FamilyContact.objects.filter(child_id__in=children).update(
        user=parent, parental_responsibility=True
    )
    young = (
        None
        if family.young_person is None
        else _young_person(la, main_cases[family.young_person], password_hash, today)
    )
    by_name["service-manager"].user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=("people", "casework", "audit"),
            codename__startswith="view_",
        )
    )
    staff = Staff(officers, by_name["team-manager"], by_name["other-officer"])
    staff.table = _table(main, chosen, senco_at, (parent_case, draft_case), young)
    return staff


def _young_person(la: LocalAuthority, case: Case, password_hash: str, today: date) -> Case:
    """The ``young-person`` account: the young person's own contact on their record, and
    their permission for their parent to see it (granted after their rights passed)."""
    child = case.child
    user = _user("young-person", (child.given_name, child.family_name), password_hash)
    user.save()
    Membership.objects.create(user=user, la=la, role=Role.YOUNG_PERSON)
    parent = FamilyContact.objects.filter(child=child).order_by("id").first()
    FamilyContact.objects.create(
        child=child,
        name=f"{child.given_name} {child.family_name}",
        relationship="self",
        email=user.email,
        user=user,
        is_young_person=True,
        parental_responsibility=False,
    )
    if parent is not None:
        _young_persons_parent(la, parent, password_hash)
        granted = max(rights_transfer_date(child.date_of_birth), today - timedelta(days=45))
        Delegation.objects.create(
            child=child,
            contact=parent,
            scope=Delegation.Scope.SEE,
            granted_on=min(granted, today),
            granted_by=user,
        )
    return case


def _young_persons_parent(la: LocalAuthority, contact: FamilyContact, password_hash: str) -> None:
    """The ``young-persons-parent`` account: the young person's parent on their record, who
    sees it only while the young person shares it with them."""
    given, _, family = contact.name.partition(" ")
    user = _user("young-persons-parent", (given, family), password_hash)
    user.save()
    Membership.objects.create(user=user, la=la, role=Role.PARENT)
    contact.user, contact.parental_responsibility = user, True
    contact.save(update_fields=["user", "parental_responsibility"])


def _table(
    area: AreaPlan,
    chosen: int,
    senco_at: Setting,
    parent_cases: tuple[Case, Case | None],
    young_case: Case | None,
) -> list[tuple[str, str, str]]:
    held = sum(1 for c in area.cases if c.officer == chosen and c.story.is_open)
    at_school = sum(
        1
        for c in area.cases
        if c.setting is not None
        and c.story.has_live_plan
        and area.settings[c.setting].name == senco_at.name
    )
    detail = {
        "officer": f"{held} open cases (target {p.CASELOAD_TARGET})",
        "senco": f"{senco_at.name}: {at_school} children with plans",
        "parent": " and ".join(f"case {c.pk}" for c in parent_cases if c is not None),
        "young-person": "none in this area" if young_case is None else f"case {young_case.pk}",
        "young-persons-parent": "none in this area"
        if young_case is None
        else f"case {young_case.pk}",
    }
    return [
        (
            x.username,
            Role(x.role).label if x.role in Role.values else f"Plan {x.role}",
            x.sees + (f" — {detail[x.username]}" if x.username in detail else ""),
        )
        for x in p.PERSONAS
    ]

"""Plain factory functions and the persona set for tests. All data is synthetic.

    from tests.factories import make_case, make_user
    officer = make_user("case_officer", la)

Every ``make_*`` saves and returns a model instance; keyword arguments override fields.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Max

from senda.casework.models import Case
from senda.improvement.models import (
    Action,
    BoardPack,
    ImprovementArea,
    ImprovementPlan,
    Milestone,
    Partner,
    PlanMember,
    Risk,
)
from senda.people.models import (
    AdviceTeam,
    Child,
    FamilyContact,
    LocalAuthority,
    Membership,
    Setting,
)
from senda.performance.models import LocalKpi, LocalKpiVersion
from senda.portal.models import Message

PASSWORD = "correct horse battery staple"
_serial = itertools.count(1)


def _next() -> int:
    return next(_serial)


def make_la(**fields: Any) -> LocalAuthority:
    n = _next()
    if "code" not in fields:  # 800–999, skipping codes in use (kept rows: tests/kept.py)
        taken = set(LocalAuthority.objects.values_list("code", flat=True))
        codes = (f"{800 + (n + i) % 200:03d}" for i in range(200))
        fields["code"] = next(code for code in codes if code not in taken)
    fields.setdefault("name", f"Testshire {n}")
    fields.setdefault("region", "East Midlands")
    return LocalAuthority.objects.create(**fields)


def make_setting(la: LocalAuthority, **fields: Any) -> Setting:
    n = _next()
    fields.setdefault("name", f"Test Primary School {n}")
    fields.setdefault("urn", f"{100000 + n}")
    fields.setdefault("phase", Setting.Phase.PRIMARY)
    fields.setdefault("type", Setting.Type.MAINTAINED)
    return Setting.objects.create(la=la, **fields)


def make_child(la: LocalAuthority, **fields: Any) -> Child:
    n = _next()
    fields.setdefault("given_name", "Test")
    fields.setdefault("family_name", f"Child{n}")
    fields.setdefault("date_of_birth", date(2015, 6, 1))
    fields.setdefault("primary_need", "ASD")
    return Child.objects.create(la=la, **fields)


def make_case(
    child: Child | None = None,
    *,
    la: LocalAuthority | None = None,
    officer: User | None = None,
    **fields: Any,
) -> Case:
    """A case for ``child`` (made in ``la``, or a new LA, if not given)."""
    if child is None:
        child = make_child(la or make_la())
    fields.setdefault("opened_on", date(2026, 1, 5))
    return Case.objects.create(la=child.la, child=child, officer=officer, **fields)


def make_user(
    role: str,
    la: LocalAuthority,
    setting: Setting | None = None,
    child: Child | None = None,
    **fields: Any,
) -> User:
    """A user with a membership of ``la`` in ``role`` (password ``PASSWORD``).

    A SENCo needs ``setting``; a parent needs ``child`` and becomes its family contact.
    """
    fields.setdefault("username", f"{role}-{_next()}")
    user = User.objects.create_user(password=PASSWORD, **fields)
    Membership.objects.create(user=user, la=la, role=role, setting=setting)
    if child is not None:
        FamilyContact.objects.create(
            child=child, name=f"Parent of {child.pk}", relationship="parent", user=user
        )
    return user


def make_family_user(
    child: Child,
    young_person: bool = False,
    *,
    parental_responsibility: bool = True,
    relationship: str = "",
    contact: FamilyContact | None = None,
    **fields: Any,
) -> User:
    """A family account for ``child`` (issue 14): a parent or carer (role parent) or, with
    ``young_person``, the young person themself (role young_person), with its family
    contact (``contact`` if given, else a new one) linked to the account."""
    from senda.people.models import Role

    role = Role.YOUNG_PERSON if young_person else Role.PARENT
    fields.setdefault("username", f"{role}-{_next()}")
    user = User.objects.create_user(password=PASSWORD, **fields)
    Membership.objects.create(user=user, la=child.la, role=role)
    if contact is not None:
        contact.user = user
        contact.save(update_fields=["user"])
    else:
        FamilyContact.objects.create(
            child=child,
            name=f"{'Young person' if young_person else 'Parent'} of {child.pk}",
            relationship=relationship or ("self" if young_person else "parent"),
            user=user,
            parental_responsibility=parental_responsibility and not young_person,
            is_young_person=young_person,
            email=fields.get("email", ""),
        )
    return user


def make_advice_team(la: LocalAuthority, **fields: Any) -> AdviceTeam:
    """An advice-giving team of ``la`` (health unless told)."""
    fields.setdefault("name", f"Test advice team {_next()}")
    fields.setdefault("discipline", AdviceTeam.Discipline.HEALTH)
    return AdviceTeam.objects.create(la=la, **fields)


@dataclass
class Personas:
    """One LA with a setting, a child and its open case, and every kind of user.

    ``case_officer`` holds ``case``; ``senco`` works at ``setting`` (the child's);
    ``parent`` is the family contact of ``child``; ``other_la_officer`` belongs to
    ``other_la`` and must see nothing of ``la``.
    """

    la: LocalAuthority
    setting: Setting
    child: Child
    case: Case
    case_officer: User
    team_manager: User
    qa_auditor: User
    service_manager: User
    senco: User
    parent: User
    advice_giver: User
    advice_team: AdviceTeam
    board_member: User
    finance_officer: User
    other_la: LocalAuthority
    other_la_officer: User


def make_personas() -> Personas:
    la, other_la = make_la(), make_la()
    setting = make_setting(la)
    child = make_child(la, setting=setting)
    officer = make_user("case_officer", la)
    advice_team = make_advice_team(la)
    advice_giver = make_user("advice_giver", la)
    advice_team.members.add(advice_giver)
    return Personas(
        la=la,
        setting=setting,
        child=child,
        case=make_case(child, officer=officer),
        case_officer=officer,
        team_manager=make_user("team_manager", la),
        qa_auditor=make_user("qa_auditor", la),
        service_manager=make_user("service_manager", la),
        senco=make_user("senco", la, setting=setting),
        parent=make_user("parent", la, child=child),
        advice_giver=advice_giver,
        advice_team=advice_team,
        board_member=make_user("board_member", la),
        finance_officer=make_user("finance_officer", la),
        other_la=other_la,
        other_la_officer=make_user("case_officer", other_la),
    )


# --- Improvement plans (issue 5) -------------------------------------------------------


def make_plan(la: LocalAuthority, **fields: Any) -> ImprovementPlan:
    """An improvement plan of ``la`` (BRAG(P) scale unless ``scale="progress"``)."""
    fields.setdefault("title", f"SEND improvement plan {_next()}")
    return ImprovementPlan.objects.create(la=la, **fields)


def make_area(plan: ImprovementPlan, **fields: Any) -> ImprovementArea:
    fields.setdefault("number", (plan.areas.aggregate(n=Max("number"))["n"] or 0) + 1)
    fields.setdefault("title", f"Area for improvement {fields['number']}")
    return ImprovementArea.objects.create(plan=plan, **fields)


def make_action(area: ImprovementArea, **fields: Any) -> Action:
    """An action of ``area`` running 1 Jan – 31 Dec 2026 unless told otherwise."""
    fields.setdefault("reference", f"{area.number}.{area.actions.count() + 1}")
    fields.setdefault("what", f"Test action {_next()}")
    fields.setdefault("timescale", "Jan to Dec 26")
    fields.setdefault("starts_on", date(2026, 1, 1))
    fields.setdefault("ends_on", date(2026, 12, 31))
    return Action.objects.create(area=area, **fields)


def make_partner(plan: ImprovementPlan, **fields: Any) -> Partner:
    fields.setdefault("name", f"Test partner {_next()}")
    fields.setdefault("kind", Partner.Kind.HEALTH)
    return Partner.objects.create(plan=plan, **fields)


def make_plan_member(
    plan: ImprovementPlan, access: str = "view", user: User | None = None, **fields: Any
) -> PlanMember:
    """A partner's access to ``plan`` (a new user with no LA membership unless given)."""
    if user is None:
        user = User.objects.create_user(username=f"partner-{_next()}", password=PASSWORD)
    return PlanMember.objects.create(plan=plan, user=user, access=access, **fields)


def sample_action(personas: Personas) -> Action:
    """An action of a plan of ``personas.la`` (one plan, area and action per persona set,
    made on first use): what URL walks and role-matrix rows open for plan-scoped routes."""
    action: Action | None = getattr(personas, "_sample_action", None)
    if action is None:
        action = make_action(make_area(make_plan(personas.la)))
        personas._sample_action = action  # type: ignore[attr-defined]
    return action


def make_board_pack(plan: ImprovementPlan, **fields: Any) -> BoardPack:
    """The plan's board pack for ``meeting_on`` (4 March 2026 unless told; made once)."""
    meeting_on = fields.pop("meeting_on", date(2026, 3, 4))
    pack, _ = BoardPack.objects.get_or_create(plan=plan, meeting_on=meeting_on, defaults=fields)
    return pack


def make_risk(plan: ImprovementPlan, **fields: Any) -> Risk:
    """A risk on the plan's register (the first one, if it has one and none is asked for)."""
    if not fields and (risk := plan.risks.first()) is not None:
        return risk
    fields.setdefault("description", f"Test risk {_next()}")
    fields.setdefault("raised_on", date(2026, 1, 5))
    fields.setdefault("owner", "Head of SEND")
    fields.setdefault("severity_before", 3)
    fields.setdefault("severity_after", 2)
    return Risk.objects.create(plan=plan, **fields)


def make_milestone(action: Action, **fields: Any) -> Milestone:
    """A milestone of ``action`` (the first one, if it has one and none is asked for)."""
    if not fields and (milestone := action.milestones.first()) is not None:
        return milestone
    fields.setdefault("title", f"Test milestone {_next()}")
    fields.setdefault("due_on", date(2026, 3, 4))
    return Milestone.objects.create(action=action, **fields)


# --- The portal's accounts (issue 13) ---------------------------------------------------


def make_invitation(la: LocalAuthority, **fields: Any) -> Any:
    """A waiting invitation of ``la`` to a new setting of it (SENCo), made directly (no
    message, no limits); its link's token is on ``.token``."""
    import hashlib
    import secrets
    from datetime import timedelta

    from django.utils import timezone

    from senda.portal.models import Invitation

    token = secrets.token_urlsafe(32)
    if "team" not in fields:
        fields.setdefault("setting", make_setting(la))
        fields.setdefault("position", "senco")
    fields.setdefault("email", f"invited-{_next()}@example.org")
    fields.setdefault("name", "Invited Person")
    fields.setdefault("expires_at", timezone.now() + timedelta(days=7))
    if "invited_by" not in fields:
        fields["invited_by"] = make_user("service_manager", la)
    invitation = Invitation.objects.create(
        la=la, token_hash=hashlib.sha256(token.encode()).hexdigest(), **fields
    )
    invitation.token = token  # type: ignore[attr-defined]
    return invitation


# --- Messages (issue 13) ----------------------------------------------------------------


def make_message(la: LocalAuthority, **fields: Any) -> Message:
    """A message of ``la`` (an advice reminder to a team, queued) with an opaque reference."""
    n = _next()
    fields.setdefault("to", f"team-{n}@nhs.example")
    fields.setdefault("template", "advice_reminder")
    fields.setdefault(
        "personalisation",
        {"name": "Robin", "team": "SALT", "due": "3 March 2027", "reference": "R-1", "link": "/"},
    )
    fields.setdefault("reference", f"S-test{n:012d}")
    return Message.objects.create(la=la, **fields)


def make_local_kpi(la: LocalAuthority, name: str = "Local attendance", **fields: Any) -> LocalKpi:
    """A termly recorded KPI of ``la``'s own, version 1 (rows made directly, no audit)."""
    by = fields.pop("by", None) or make_user("service_manager", la)
    kpi = LocalKpi.objects.create(la=la, kpi=f"local-kpi-{_next()}", created_by=by)
    values: dict[str, Any] = {
        "name": name,
        "definition": "Sessions attended by pupils with an EHC plan.",
        "numerator": "Sessions attended",
        "denominator": "Possible sessions",
        "unit": "percent",
        "higher_is_better": True,
        "period": "term",
        "owner": "Head of inclusion",
        "data_source": "School census",
        "area": "families",
    }
    LocalKpiVersion.objects.create(local_kpi=kpi, number=1, by=by, **(values | fields))
    return kpi

"""The signed-in home page: who you are, and the pages your role works with."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import pluralize
from django.urls import reverse

from senda import kernel
from senda.casework.models import Case, DeadlineRow
from senda.casework.models.deadlines import overdue_on
from senda.governance.queries import overdue_log_items
from senda.pathways.disabled.access import register_membership
from senda.people.models import Role
from senda.portal.access import setting_ids
from senda.quality.access import audits_for
from senda.web.access import PARTNER_ROLES, can_list_cases, membership_for
from senda.web.navigation import NAVIGATION, NO_MEMBERSHIP

#: What each page is for, as the home page says it (the role gating is NAVIGATION's).
PURPOSES = {
    "web:caseload": "Every case you hold, with its next statutory deadline; filter and export.",
    "web:triage": "Overdue and soon-due work across the service, riskiest first, with why.",
    "web:case-list": "Cases you may see, with the same filters.",
    "web:team": "Caseloads against target, overdue work per officer, and moving cases.",
    "web:returns": "Review paperwork expected from schools and colleges, and how late it is.",
    "web:dashboard": "This week's casework KPIs, last week's and the trend.",
    "web:data-quality": "Records that would weaken the SEN2 return, by check, with owners and "
    "trend.",
    "web:sen2": "Make the SEN2 return, fix its errors and queries, and download it.",
    "web:nd-waits": "Children waiting for an autism or ADHD assessment: how long they wait, "
    "by pathway, age and locality, and whether the list is growing.",
    "web:dc-register": "Children known to the disabled children's team: short breaks, direct "
    "payments and social care status.",
    "web:destinations": "What young people with SEND do after Year 11: in education, work or "
    "training, NEET or not known, by the year they left, and after 19.",
    "web:forecast": "EHC plans over the next five years, with the range they may fall in, "
    "how well such forecasts did before, and scenarios side by side.",
    "web:audit-log": "Who read, changed or exported which record, and from where.",
    "web:retention": "Records kept longer than the retention schedule says, to approve.",
    "web:subject-access": "Requests for everything held about a person, and when each is due.",
    "web:accounts": "Unlock a locked account, or remove a lost authenticator app, in your area.",
    "web:plans": "The partnership's improvement plan: each area's ratings, milestones and KPIs.",
    "web:performance": "Every KPI this quarter by improvement area: figure, target, status, trend.",
    "web:governance": "The delivery group, board and workstreams: meetings, decisions, action "
    "logs and escalations.",
    "web:money": "The High Needs ledger: spend against budget, unit costs, the deficit projection.",
    "web:qa-home": "Plan audits, moderation, audit actions, advice moderation and QA reports.",
    "web:portal-home": "Your pupils' annual reviews due this term and next, and their reports.",
    "web:portal-profiles": "The needs profile to complete before you refer a pupil for an "
    "autism or ADHD assessment: drafts and submitted profiles.",
    "web:portal-advice": "The advice the council has asked your team for, due soonest first.",
    "web:portal-tray": "Review reports sent by settings, waiting to be logged, oldest first.",
    "web:portal-invitations": "Invite setting staff and advice-givers to the portal.",
    "web:portal-outbox": "Every message Senda has sent or is sending, with its status.",
    "web:family-home": "Where we are, what happens next, and what you can do now.",
    "web:feedback-summary": "What families said in their surveys this term, by theme, and "
    "what changed.",
    "web:family-yswd": "What families told us, and what we changed because of it.",
}
#: A SENCo's name for the case list (families see "Where we are" instead).
CASE_LIST_NAMES = {
    Role.SENCO: "Children with plans at your setting",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    role = membership.role if membership else None
    partner = membership is None and request.user.plan_memberships.exists()
    context = {
        "membership": membership,
        "partner": partner,
        "can_list_cases": can_list_cases(request.user),
        "pages": [
            *(_pages(role) if membership else _pages(NO_MEMBERSHIP) if partner else []),
            *_audits(request.user, role),
            *_register(request.user, role),
        ],
        "holding": _holding(request.user) if role in HOLDER_ROLES else None,
        # Action-log items of governance meetings that the user owns and are overdue: no
        # queue chases improvement work, so the owner's home says so (docs/governance.md).
        "overdue_actions": overdue_log_items(request.user, kernel.today()).count(),
        # Setting staff are SENCos; an advice-giver may also work for a setting.
        "portal_reviews": role == Role.SENCO
        or (role == Role.ADVICE_GIVER and bool(setting_ids(request.user))),
    }
    return render(request, "web/home.html", context)


HOLDER_ROLES = frozenset({Role.CASE_OFFICER, Role.TEAM_MANAGER})


def _pages(role: str | None) -> list[dict[str, str]]:
    pages = []
    for text, name, roles in NAVIGATION:
        if name == "web:home" or role not in roles:
            continue
        title = CASE_LIST_NAMES.get(role, text) if name == "web:case-list" else text
        pages.append({"title": title, "href": reverse(name), "purpose": PURPOSES.get(name, "")})
    return pages


def _register(user: Any, role: str | None) -> list[dict[str, str]]:
    """Social care staff (an advice-giver in one of the area's social care teams): the
    disabled children's register, which their role's navigation does not list."""
    if role != Role.ADVICE_GIVER or register_membership(user) is None:
        return []
    name = "web:dc-register"
    return [{"title": "Disabled children", "href": reverse(name), "purpose": PURPOSES[name]}]


def _audits(user: Any, role: str | None) -> list[dict[str, str]]:
    """A partner (an advice-giver, a SENCo) named on an open plan audit: the audits list,
    which nothing in their navigation links to (council staff reach it from the QA home)."""
    if role not in PARTNER_ROLES:
        return []
    open_audits = audits_for(user, kernel.today()).count()
    if not open_audits:
        return []
    return [
        {
            "title": "Plan audits",
            "href": reverse("web:qa-audits"),
            "purpose": f"You are named on {open_audits} open audit{pluralize(open_audits)} "
            "of a plan: read the plan and judge it against the criteria.",
        }
    ]


def _holding(user: Any) -> dict[str, int]:
    """The open cases the user holds and how many of those cases have a deadline overdue
    (``overdue_on``, the count every page uses): one query."""
    late = DeadlineRow.objects.filter(overdue_on(kernel.today()), case=OuterRef("pk"))
    return Case.objects.filter(officer=user, status=Case.Status.OPEN).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Exists(late))
    )

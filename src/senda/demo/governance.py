"""The demo's governance: Seaview's SEND delivery group and partnership board with their
terms of reference and members; the delivery group's last meeting, which considered the
latest board pack, with its attendance, decisions (one corrected) and action log (some
items overdue); and escalations — an action lead's about a slipping action, escalated on
to the board, and a KPI owner's about a KPI, answered with corrective action.

Rows are written directly, as the rest of the demo's are; dates are counted back from
``today``, so the same seed gives the same record on any day.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User

from senda.governance.models import (
    Attendance,
    Body,
    Decision,
    Escalation,
    EscalationDecision,
    LogItem,
    Meeting,
    Member,
)
from senda.improvement.models import Action, ImprovementPlan
from senda.people.models import LocalAuthority

DELIVERY_GROUP = "Seaview SEND Delivery Group"
BOARD = "Seaview SEND Partnership Board"

GROUP_TERMS = (
    "Drives the SEND improvement plan week to week: checks every action against its "
    "timescale and every KPI against its trajectory, agrees corrective action, and escalates "
    "to the partnership board what it cannot resolve. Chaired by the Head of SEND Services; "
    "meets every 6 to 8 weeks; reports to the SEND Partnership Board."
)
BOARD_TERMS = (
    "Holds the partnership to account for the SEND improvement plan. Receives each quarter a "
    "dashboard report with the risks and issues identified by action leads, decides what the "
    "delivery group escalates, and signs off the plan's progress report. Chaired by the "
    "Director of Children's Services; meets every quarter."
)

#: (username or None, name when no account, role, organisation) of each body.
GROUP_MEMBERS = (
    ("service-manager", "", "Chair", "Seaview Council"),
    ("team-manager", "", "EHC assessment lead", "Seaview Council"),
    ("health-partner", "", "Designated Clinical Officer", "Seaview ICB"),
    ("pcf-partner", "", "Parent carer forum co-chair", "Seaview Parent Carer Forum"),
    (None, "Priya Shah", "Principal Social Worker", "Seaview Council"),
)
BOARD_MEMBERS = (
    (None, "Marcus Bell", "Chair, Director of Children's Services", "Seaview Council"),
    ("service-manager", "", "Head of SEND Services", "Seaview Council"),
    ("board-member", "", "Board member", "Seaview Council"),
    ("health-partner", "", "Designated Clinical Officer", "Seaview ICB"),
    ("pcf-partner", "", "Parent carer forum co-chair", "Seaview Parent Carer Forum"),
)

#: The delivery group's decisions at its last meeting: (text, corrected to, reason).
DECISIONS = (
    (
        "The group noted the board pack and agreed that the actions rated red come to the "
        "next meeting with a recovery plan.",
        "",
        "",
    ),
    (
        "The group agreed to move the launch of the Local Offer refresh to the end of March.",
        "The group agreed to move the launch of the Local Offer refresh to the end of April.",
        "The minutes recorded the wrong month: the group agreed April.",
    ),
    (
        "The group escalated the delay to the neurodevelopmental assessment provider's start "
        "to the partnership board, which holds the funding decision.",
        "",
        "",
    ),
)

#: The action log: (text, owner's username, due: days from the meeting, done: days or None).
LOG = (
    ("Bring a recovery plan for each action rated red.", "team-manager", 21, None),
    ("Report the 20-week timeliness by locality.", "officer", 14, None),
    ("Share the draft Local Offer pages with the parent carer forum.", "service-manager", 28, 20),
    ("Confirm the ICB's funding for the ND assessment provider.", "health-partner", 70, None),
)


def write_governance(*, la: LocalAuthority, plan: ImprovementPlan, today: date) -> Meeting:
    """Write the bodies, members, meetings and escalations; answer the delivery group's
    latest meeting (the one the demo's walkthrough opens)."""
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    group = Body.objects.create(
        la=la,
        name=DELIVERY_GROUP,
        kind=Body.Kind.DELIVERY_GROUP,
        terms_of_reference=GROUP_TERMS,
        meets="every 6 to 8 weeks",
    )
    board = Body.objects.create(
        la=la,
        name=BOARD,
        kind=Body.Kind.PARTNERSHIP_BOARD,
        terms_of_reference=BOARD_TERMS,
        meets="every quarter",
    )
    joined = plan.published_on or today - timedelta(days=180)
    group_members = _members(group, GROUP_MEMBERS, users, joined)
    _members(board, BOARD_MEMBERS, users, joined)
    packs = list(plan.board_packs.order_by("meeting_on"))
    latest = packs[-1] if packs else None
    for pack in packs:  # the board met on each pack's date and considered it
        Meeting.objects.create(body=board, held_on=pack.meeting_on, board_pack=pack)
    held = (latest.meeting_on if latest else today - timedelta(days=49)) + timedelta(days=7)
    meeting = Meeting.objects.create(
        body=group,
        held_on=held,
        board_pack=latest,
        notes="The group went through the board pack area by area.",
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            member=member,
            status=Attendance.Status.APOLOGIES if i == 3 else Attendance.Status.PRESENT,
        )
        for i, member in enumerate(group_members)
    )
    chair = users.get("service-manager")
    for text, corrected, reason in DECISIONS:
        first = Decision.objects.create(meeting=meeting, text=text, recorded_by=chair)
        if corrected:
            Decision.objects.create(
                meeting=meeting,
                text=corrected,
                supersedes=first,
                correction_reason=reason,
                recorded_by=chair,
            )
    LogItem.objects.bulk_create(
        LogItem(
            meeting=meeting,
            text=text,
            owner=users[owner],
            due_on=held + timedelta(days=due),
            done_on=held + timedelta(days=done) if done is not None else None,
            done_note="Shared at the forum's meeting." if done is not None else "",
        )
        for text, owner, due, done in LOG
        if owner in users
    )
    _escalations(plan, group, board, meeting, users, held)
    return meeting


def _usernames() -> set[str]:
    names = {u for u, *_ in (*GROUP_MEMBERS, *BOARD_MEMBERS) if u}
    return names | {owner for _, owner, _, _ in LOG}


def _members(
    body: Body,
    rows: tuple[tuple[str | None, str, str, str], ...],
    users: dict[str, User],
    joined: date,
) -> list[Member]:
    made = []
    for username, name, role, organisation in rows:
        user = users.get(username) if username else None
        if username and user is None:
            continue
        made.append(
            Member(
                body=body,
                user=user,
                name=name or (user.get_full_name() if user else ""),
                role=role,
                organisation=organisation,
                joined_on=joined,
            )
        )
    return Member.objects.bulk_create(made)


def _escalations(
    plan: ImprovementPlan,
    group: Body,
    board: Body,
    meeting: Meeting,
    users: dict[str, User],
    held: date,
) -> None:
    lead = users.get("team-manager")
    action = (
        Action.objects.filter(area__plan=plan, lead_user=lead)
        .order_by("area__number", "id")
        .first()
        or Action.objects.filter(area__plan=plan).order_by("area__number", "id").first()
    )
    chair = users.get("service-manager")
    if action is not None:
        raised = Escalation.objects.create(
            body=group,
            action=action,
            reason=(
                "The assessment provider cannot start until the ICB confirms its funding, so "
                "this action's milestones will slip by a quarter."
            ),
            raised_on=held - timedelta(days=3),
            raised_by=action.lead_user or lead,
        )
        EscalationDecision.objects.create(
            escalation=raised,
            outcome=EscalationDecision.Outcome.ESCALATE,
            note="The funding decision is the board's: escalated to the partnership board.",
            decided_on=held,
            meeting=meeting,
            next_body=board,
            decided_by=chair,
        )
        Escalation.objects.create(
            body=board,
            action=action,
            reason="The funding decision is the board's: escalated to the partnership board.",
            raised_on=held,
            raised_by=chair,
            escalated_from=raised,
        )
    kpi = Escalation.objects.create(
        body=group,
        kpi_id="final-plan-20w",
        reason="New plans within 20 weeks has been below its trajectory for two quarters.",
        raised_on=held - timedelta(days=2),
        raised_by=lead,
    )
    EscalationDecision.objects.create(
        escalation=kpi,
        outcome=EscalationDecision.Outcome.CORRECTIVE,
        note="Two agency case officers for twelve weeks to clear the oldest assessments.",
        decided_on=held,
        meeting=meeting,
        decided_by=chair,
    )

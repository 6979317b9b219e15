"""The demo's improvement plan: "Seaview SEND Partnership Improvement Plan 2026–28".

Seaview's (fictional) area SEND inspection was about eight months before ``today``; the
plan was published six months ago. It has six areas for improvement, their aims and
about 40 actions (``improvement_content``), milestones at 3, 6, 9 and 12 months, a rating
history at four board cycles (each rating stores the suggestion Senda would have made that
day; a few override it, with a reason), stages and impact ratings with their evidence
(``improvement_impact``), updates, risks, "You said, we did", sign-off by
four partners and two past board packs. Two partner accounts reach it only through plan
membership: ``health-partner`` (edit) and ``pcf-partner`` (view).

Rows go in with ``bulk_create`` and are not audited (the build records one audit entry for
the whole area). Everything comes from ``Random(f"{seed}-improvement")`` in a fixed order,
so the rest of the area is unchanged and the same seed and ``today`` give the same plan.
``actions=`` builds a bigger plan for benchmarks by repeating the actions as later phases.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from django.contrib.auth.models import User

from senda.demo import improvement_content as c
from senda.demo.improvement_impact import write_impact
from senda.demo.priorities import write_priorities
from senda.improvement.models import (
    Action,
    ActionUpdate,
    Aim,
    BoardPack,
    Feedback,
    ImprovementArea,
    ImprovementPlan,
    Milestone,
    Partner,
    PlanMember,
    Rating,
    Risk,
    SignOff,
)
from senda.people.models import LocalAuthority

BATCH = 1000
#: Partner accounts: username, name, partner key, plan access.
PARTNER_USERS = (
    ("health-partner", ("Helen", "Okafor"), "health", PlanMember.Access.EDIT),
    ("pcf-partner", ("Joanne", "Whitfield"), "pcf", PlanMember.Access.VIEW),
)
#: Days before ``today`` of the rating rounds (before each board) and the past board packs.
RATING_DAYS = (170, 105, 56, 12)
PACK_DAYS = (98, 49)
#: Where a person overrode the suggestion: (round, suggested, state) → (value, rationales),
#: used for the first actions that match, one rationale each.
OVERRIDES = {
    (3, "amber", "slip"): (
        "green",
        [
            "The missed milestone is the providers' sign-off only; advice times are improving "
            "(74% within 6 weeks last month). On track.",
            "Training dates moved by two weeks for the venue; every session is booked. On track.",
        ],
    ),
    (2, "green", "ok"): (
        "amber",
        [
            "Audit sample too small this month to be sure of the trend; holding at amber until "
            "next month's moderation.",
        ],
    ),
    (3, "red", "late"): (
        "amber",
        [
            "The deadline passed, but the recovery plan agreed by the board is on track: new end "
            "date set for next quarter."
        ],
    ),
}
REASONS = {
    "blue": "The action is recorded as complete.",
    "pink": "The start date has not been reached.",
    "red": "The end date has passed and the action is not complete.",
    "amber": "A milestone was missed.",
    "green": "Milestones met so far and the end date has not passed.",
}
RATIONALES = {
    "blue": "Complete: evidence reviewed and agreed by the workstream.",
    "green": "On track against milestones.",
    "amber": "A milestone slipped; recovery actions agreed.",
    "red": "Behind the deadline; escalated to the board.",
    "pink": "Not yet started: depends on earlier actions.",
}
UPDATES = {
    "done": "Completed and evidence shared with the workstream.",
    "ok": "Progress reviewed at the workstream meeting: on track.",
    "slip": "Milestone delayed; revised date agreed with the lead.",
    "late": "Behind schedule: escalated to the partnership board with a recovery plan.",
    "future": "Scoping discussed; start date confirmed.",
}


@dataclass
class _Planned:
    spec: c.ActionSpec
    area: int
    aim: int
    reference: str
    phase: int


def partner_users(la: LocalAuthority, password_hash: str) -> dict[str, User]:
    """The partner personas: users with no local-area membership."""
    users = [
        User(
            username=u,
            first_name=name[0],
            last_name=name[1],
            email=f"{u}@demo.example.org",
            password=password_hash,
        )
        for u, name, _, _ in PARTNER_USERS
    ]
    return {u.username: u for u in User.objects.bulk_create(users)}


def write_plan(
    *, seed: int, la: LocalAuthority, today: date, password_hash: str, actions: int | None = None
) -> ImprovementPlan:
    """Write the plan for ``la`` (whose staff exist already) and its partner accounts."""
    rng = Random(f"{seed}-improvement")
    users = {u.username: u for u in User.objects.filter(username__in=_lead_usernames())}
    users |= partner_users(la, password_hash)
    inspected = today - timedelta(days=240)
    published = _add_months(today, -6).replace(day=1)
    plan = ImprovementPlan.objects.create(
        la=la, title=c.TITLE, scale="bragp", inspected_on=inspected, published_on=published
    )
    partners = _partners(plan)
    PlanMember.objects.bulk_create(
        PlanMember(plan=plan, user=users[u], partner=partners[key], access=access)
        for u, _, key, access in PARTNER_USERS
    )
    areas, aims = _areas_and_aims(plan)
    planned = _plan_actions(actions)
    rows = _actions(planned, areas, aims, users, published)
    _partner_links(planned, rows, partners)
    milestones = _milestones(rng, planned, rows, today)
    _ratings(planned, rows, milestones, users, today)
    write_impact([p.spec.state for p in planned], rows, users, today)
    _updates(rng, planned, rows, users, today)
    _registers(plan, partners, today, inspected)
    write_priorities(plan, areas, users, today)
    return plan


def _lead_usernames() -> set[str]:
    return {user for _, user in c.LEADS.values() if user and not user.endswith("-partner")}


def _partners(plan: ImprovementPlan) -> dict[str, Partner]:
    made = Partner.objects.bulk_create(
        Partner(plan=plan, name=name, kind=kind) for name, kind in c.PARTNERS.values()
    )
    return dict(zip(c.PARTNERS, made, strict=True))


def _areas_and_aims(plan: ImprovementPlan) -> tuple[list[ImprovementArea], list[list[Aim]]]:
    areas = ImprovementArea.objects.bulk_create(
        ImprovementArea(
            plan=plan,
            number=n,
            title=a.title,
            context=a.context,
            lead=a.lead,
            co_production=a.co_production,
        )
        for n, a in enumerate(c.AREAS, start=1)
    )
    flat = Aim.objects.bulk_create(
        Aim(area=area, number=m, text=text)
        for area, spec in zip(areas, c.AREAS, strict=True)
        for m, (text, _) in enumerate(spec.aims, start=1)
    )
    it = iter(flat)
    return areas, [[next(it) for _ in spec.aims] for spec in c.AREAS]


def _plan_actions(target: int | None) -> list[_Planned]:
    base = [
        (spec, a, m)
        for a, area in enumerate(c.AREAS)
        for m, (_, specs) in enumerate(area.aims)
        for spec in specs
    ]
    total = target or len(base)
    planned, counters = [], [0] * len(c.AREAS)
    for i in range(total):
        spec, a, m = base[i % len(base)]
        counters[a] += 1
        planned.append(_Planned(spec, a, m, f"{a + 1}.{counters[a]}", i // len(base)))
    return planned


def _timescale(
    spec: c.ActionSpec, published: date, phase: int
) -> tuple[str, date | None, date | None]:
    """The plan's words for the timescale, and the dates they mean (None when unreadable)."""
    t = spec.timescale
    if isinstance(t, str):
        return t, None, None
    first, last = t
    shift = phase * 6
    if first == "by":
        end = _end_of_month(_add_months(published, int(last) + shift))
        return f"By {end:%b %y}", published, end
    start = _add_months(published, int(first) + shift)
    end = _end_of_month(_add_months(published, int(last) + shift))
    return f"{start:%b %y} – {end:%b %y}", start, end


def _actions(planned, areas, aims, users, published) -> list[Action]:
    rows = []
    for p in planned:
        spec = p.spec
        words, starts, ends = _timescale(spec, published, p.phase)
        lead_name, lead_user = c.LEADS[spec.lead]
        what = spec.what if not p.phase else f"{spec.what} (phase {p.phase + 1})"
        rows.append(
            Action(
                area=areas[p.area],
                aim=aims[p.area][p.aim],
                reference=p.reference,
                what=what,
                how=spec.how,
                kpi_ids=list(spec.kpis),
                measures=spec.measures,
                timescale=words,
                starts_on=starts,
                ends_on=ends,
                timescale_resolved=starts is not None,
                lead=lead_name,
                lead_user=users.get(lead_user) if lead_user else None,
                evidence="Workstream minutes\nBoard report" if spec.state != "future" else "",
                impact="",
            )
        )
    return Action.objects.bulk_create(rows, batch_size=BATCH)


def _partner_links(planned, rows, partners) -> None:
    through = Action.partners.through
    through.objects.bulk_create(
        (
            through(action_id=row.pk, partner_id=partners[key].pk)
            for p, row in zip(planned, rows, strict=True)
            for key in p.spec.partners
        ),
        batch_size=BATCH,
    )


def _milestones(rng: Random, planned, rows, today: date) -> dict[int, list[Milestone]]:
    """Milestones at 3, 6, 9 and 12 months from the start; which are done follows the
    action's state (a ``slip`` or ``late`` action misses its latest one due)."""
    made: dict[int, list[Milestone]] = {}
    for p, row in zip(planned, rows, strict=True):
        if row.starts_on is None:
            continue
        dues = [_add_months(row.starts_on, 3 * (k + 1)) - timedelta(days=1) for k in range(4)]
        past = [d for d in dues if d < today]
        missed = past[-1] if p.spec.state in ("slip", "late") and past else None
        state = p.spec.state
        if state == "done":
            row.completed_on = min(today - timedelta(days=rng.randint(10, 60)), row.ends_on)
        made[row.pk] = [
            Milestone(
                action=row,
                title=title,
                due_on=due,
                done_on=_done_on(rng, due, today, missed, row.completed_on),
            )
            for title, due in zip(c.MILESTONES, dues, strict=True)
        ]
    Milestone.objects.bulk_create((m for ms in made.values() for m in ms), batch_size=BATCH)
    Action.objects.bulk_update([r for r in rows if r.completed_on], ["completed_on"])
    return made


def _done_on(
    rng: Random, due: date, today: date, missed: date | None, completed: date | None
) -> date | None:
    if completed is not None and due > completed:
        return completed  # finished early: the remaining milestones close with it
    if due >= today or due == missed:
        return None
    return due - timedelta(days=rng.randint(0, 12))


def suggestion_on(action: Action, milestones: list[Milestone], on: date) -> str:
    """What Senda's rules say on ``on`` (the issue's rules, applied to the facts that day)."""
    if action.completed_on and action.completed_on <= on:
        return "blue"
    if action.starts_on and action.starts_on > on:
        return "pink"
    if action.ends_on and action.ends_on < on:
        return "red"
    if any(m.due_on < on and not (m.done_on and m.done_on <= on) for m in milestones):
        return "amber"
    return "green"


def _ratings(planned, rows, milestones, users, today: date) -> None:
    left = {key: list(texts) for key, (_, texts) in OVERRIDES.items()}
    ratings = []
    for p, row in zip(planned, rows, strict=True):
        author = row.lead_user or users.get("service-manager")
        for r, days in enumerate(RATING_DAYS):
            on = today - timedelta(days=days)
            suggested = suggestion_on(row, milestones.get(row.pk, []), on)
            value, rationale = suggested, RATIONALES[suggested]
            if row.starts_on is None and suggested == "green":
                rationale = "Ongoing: reviewed at the workstream meeting."
            if left.get(key := (r, suggested, p.spec.state)):
                value, rationale = OVERRIDES[key][0], left[key].pop(0)
            ratings.append(
                Rating(
                    action=row,
                    value=value,
                    rated_on=on,
                    author=author,
                    rationale=rationale,
                    suggested=suggested,
                    suggestion_reason=REASONS[suggested],
                )
            )
    Rating.objects.bulk_create(ratings, batch_size=BATCH)


def _updates(rng: Random, planned, rows, users, today: date) -> None:
    updates = []
    for p, row in zip(planned, rows, strict=True):
        author = row.lead_user or users.get("service-manager")
        for k in range(rng.randint(1, 3)):
            on = today - timedelta(days=rng.randint(5, 150))
            text = UPDATES[p.spec.state] if k == 0 else UPDATES["ok"]
            updates.append(ActionUpdate(action=row, on=on, author=author, text=text))
    ActionUpdate.objects.bulk_create(updates, batch_size=BATCH)


def _registers(plan: ImprovementPlan, partners, today: date, inspected: date) -> None:
    Risk.objects.bulk_create(
        Risk(
            plan=plan,
            description=text,
            raised_on=today - timedelta(days=30 * months),
            owner=owner,
            severity_before=before,
            severity_after=after,
            mitigation=mitigation,
            progress="Reviewed at the last board." if months > 3 else "",
            status=Risk.Status.CLOSED if owner.startswith("Head of Business") else Risk.Status.OPEN,
        )
        for text, owner, before, after, mitigation, months in c.RISKS
    )
    Feedback.objects.bulk_create(
        Feedback(
            plan=plan,
            source=source,
            received_on=(received := today - timedelta(days=30 * months)),
            theme=theme,
            you_said=said,
            we_did=did,
            changed_on=received + timedelta(days=35) if did else None,
            published_on=received + timedelta(days=49) if did and months > 2 else None,
        )
        for source, theme, said, did, months in c.FEEDBACK
    )
    SignOff.objects.bulk_create(
        SignOff(
            plan=plan,
            partner=partners[key],
            signed_by=who,
            signed_on=inspected + timedelta(days=days),
        )
        for key, who, days in c.SIGN_OFFS
    )
    BoardPack.objects.bulk_create(
        BoardPack(plan=plan, meeting_on=today - timedelta(days=d), title=c.BOARD) for d in PACK_DAYS
    )


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])

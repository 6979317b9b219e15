"""The portal in the demo area: advice teams and their personas (``health-advisor``,
``social-worker``, ``ep``), most secondary schools onboarded and some not (invitations
waiting), plan outcomes at the SENCo's school, review reports in the council's tray (one
returned), advice requests open for each team (one answered), support and challenge for
late settings, feedback answers, advice incorporated in recent plans, and the messages all
this sent in the outbox. Drawn from its own random stream, so the rest of the area is
unchanged. The steps a partner would take go through the portal's and casework's actions;
what the area's history already holds (events of past years) is written as records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from django.contrib.auth.models import User

from senda.casework.models import Case, CaseEvent, IncorporatedAdvice, Plan, PlanOutcome, Review
from senda.people.models import (
    AccessGrant,
    AdviceTeam,
    LocalAuthority,
    Membership,
    Role,
    SettingMember,
)
from senda.people.models import Setting as School
from senda.portal import advice as advice_actions
from senda.portal import invitations, notify, support, tray
from senda.portal.models import AdviceRequest, PortalFeedback, ReviewReport

#: Share of the area's secondary schools whose staff use the portal.
ONBOARDED = 0.75
#: Teams, their discipline, and the persona who works in each.
TEAMS = (
    ("Community paediatrics", AdviceTeam.Discipline.HEALTH, "health-advisor"),
    ("Speech and language therapy", AdviceTeam.Discipline.HEALTH, "health-advisor"),
    ("Children's social care", AdviceTeam.Discipline.SOCIAL_CARE, "social-worker"),
    ("Educational psychology service", AdviceTeam.Discipline.EDUCATION, "ep"),
)
ADVISERS = ("health-advisor", "social-worker", "ep")
#: The most open advice requests a team has in the demo, and reports in the tray.
REQUESTS_PER_TEAM = 8
TRAY_REPORTS = 12
OUTCOMES = (
    ("communication", "will say what they need help with in class, using their own words"),
    ("learning", "will read and understand texts at their year group's level with support"),
    ("semh", "will recognise when they feel anxious and use a calming strategy"),
    ("physical", "will move around the school safely and on time between lessons"),
)
ADULTHOOD = (
    ("employment", "will complete a work experience placement in an area they choose"),
    ("independence", "will travel to college on public transport on their own"),
)
QUESTIONS = {
    AdviceTeam.Discipline.HEALTH: "Please describe the child's health needs, the provision "
    "they need and the outcomes it should bring about.",
    AdviceTeam.Discipline.SOCIAL_CARE: "Please describe any social care needs, the support "
    "the family receives and what should be in section D and H of the plan.",
    AdviceTeam.Discipline.EDUCATION: "Please give psychological advice on the child's "
    "special educational needs and the provision to meet them.",
}


@dataclass(frozen=True, slots=True)
class PortalDemo:
    teams: list[AdviceTeam]
    advisers: dict[str, User]
    onboarded: list[School]


def write_portal(
    *,
    seed: int,
    la: LocalAuthority,
    main_settings: list[School],
    senco: User,
    service_manager: User,
    team_manager: User,
    officer: User,
    password_hash: str,
    today: date,
) -> PortalDemo:
    rng = Random(f"{seed}-portal")
    teams = [AdviceTeam.objects.create(la=la, name=name, discipline=d) for name, d, _ in TEAMS]
    advisers = _advisers(la, teams, password_hash)
    onboarded = _onboard(rng, la, main_settings, senco, password_hash, today)
    _invite_the_rest(la, main_settings, onboarded, service_manager, today)
    _outcomes(senco, today)
    _tray(rng, la, onboarded, officer, today)
    _advice(rng, la, teams, advisers, officer, today)
    _support(rng, la, team_manager, today)
    _feedback(rng, la, onboarded, today)
    _incorporated(rng, la, today)
    return PortalDemo(teams, advisers, onboarded)


def _user(username: str, first: str, last: str, password_hash: str) -> User:
    return User.objects.create(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@demo.example.org",
        password=password_hash,
    )


def _advisers(la: LocalAuthority, teams: list[AdviceTeam], password_hash: str) -> dict[str, User]:
    names = {
        "health-advisor": ("Priya", "Natt"),
        "social-worker": ("Tom", "Okafor"),
        "ep": ("Grace", "Lindqvist"),
    }
    advisers = {}
    for username in ADVISERS:
        user = _user(username, *names[username], password_hash)
        Membership.objects.create(user=user, la=la, role=Role.ADVICE_GIVER)
        advisers[username] = user
    for team, (_, _, username) in zip(teams, TEAMS, strict=True):
        team.members.add(advisers[username])
    return advisers


def _onboard(
    rng: Random,
    la: LocalAuthority,
    settings: list[School],
    senco: User,
    password_hash: str,
    today: date,
) -> list[School]:
    """Most secondary schools have a SENCo in the portal (the ``senco`` persona's school
    always); each onboarded school's SENCo is a member since the start of the year."""
    home = senco.membership.setting
    secondaries = [s for s in settings if s.phase == School.Phase.SECONDARY]
    others = [s for s in secondaries if s != home]
    left_out = (
        set(rng.sample(others, max(1, round(len(others) * (1 - ONBOARDED))))) if others else set()
    )
    onboarded = [s for s in secondaries if s not in left_out]
    since = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    members = [SettingMember(user=senco, setting=home, position="senco", added_on=since)]
    for n, school in enumerate(s for s in onboarded if s != home):
        user = _user(f"senco-{n + 1:02d}", "Setting", f"Staff {n + 1}", password_hash)
        Membership.objects.create(user=user, la=la, role=Role.SENCO, setting=school)
        members.append(SettingMember(user=user, setting=school, position="senco", added_on=since))
    SettingMember.objects.bulk_create(members)
    return onboarded


def _invite_the_rest(
    la: LocalAuthority,
    settings: list[School],
    onboarded: list[School],
    by: User,
    today: date,
) -> None:
    """Two schools not yet onboarded have an invitation waiting (in the outbox)."""
    waiting = [s for s in settings if s.phase == School.Phase.SECONDARY and s not in onboarded][:2]
    for n, school in enumerate(waiting):
        invitations.invite(
            la=la,
            email=f"senco{n + 1}@school-{school.pk}.demo.example.org",
            name=f"SENCo {n + 1}",
            by=by,
            setting=school,
            position="senco",
            today=today,
        )


def _live_plans_at(setting: School, today: date) -> list[Plan]:
    return list(
        Plan.objects.live(today)
        .filter(case__child__setting=setting, case__status=Case.Status.OPEN)
        .select_related("case__child")
        .order_by("id")
    )


def _outcomes(senco: User, today: date) -> None:
    """The plans at the SENCo's school hold their section E outcomes as data, so the
    review report walks through them (preparing for adulthood ones from Year 9)."""
    rows = []
    for plan in _live_plans_at(senco.membership.setting, today):
        year = plan.case.child.year_group(today) or 0
        chosen = OUTCOMES + (ADULTHOOD if year >= 9 else ())
        on = plan.amended_on or plan.started_on or today
        for number, (area, text) in enumerate(chosen, start=1):
            rows.append(
                PlanOutcome(
                    plan=plan,
                    number=number,
                    area=area,
                    text=f"By the next review, they {text}.",
                    recorded_on=on,
                )
            )
    PlanOutcome.objects.bulk_create(rows)


def _answers(rng: Random) -> dict[str, dict[str, str]]:
    return {
        "child-views": {"views": "I like art and PE. Maths is hard when it is noisy."},
        "parent-views": {"views": "Things are better since the new timetable started."},
        "recommendation": {
            "recommendation": rng.choice(["maintain", "amend"]),
            "why": "Progress towards most outcomes; the speech and language provision "
            "should be updated to the therapist's new advice.",
        },
    }


def _tray(
    rng: Random, la: LocalAuthority, onboarded: list[School], officer: User, today: date
) -> None:
    """Reports the onboarded schools sent for reviews held in the last six weeks that the
    council has not logged: in the tray, oldest first; the newest is returned."""
    since = today - timedelta(days=42)
    reviews = (
        Review.objects.filter(
            case__la=la,
            case__status=Case.Status.OPEN,
            case__child__setting__in=onboarded,
            meeting_on__gte=since,
            report_received_on__isnull=False,
            logged_on__isnull=True,
        )
        .select_related("case__child", "plan")
        .order_by("meeting_on", "id")[:TRAY_REPORTS]
    )
    reports = []
    for review in reviews:
        submitted_by = (
            SettingMember.objects.filter(setting_id=review.case.child.setting_id)
            .values_list("user_id", flat=True)
            .first()
        )
        reports.append(
            ReviewReport.objects.create(
                case=review.case,
                plan=review.plan,
                setting_id=review.case.child.setting_id,
                review=review,
                due_on=review.meeting_on,
                meeting_on=review.meeting_on,
                status=ReviewReport.Status.SUBMITTED,
                answers=_answers(rng),
                recommendation="maintain",
                health_advice=rng.random() < 0.8,
                social_care_advice=rng.random() < 0.6,
                created_by_id=submitted_by,
                submitted_by_id=submitted_by,
                submitted_on=review.report_received_on,
            )
        )
    if reports:
        tray.return_report(
            report=reports[-1],
            reason="The progress section has no evidence for outcomes 2 and 3: please add "
            "the latest assessment results.",
            by=officer,
            today=today,
        )


def _advice(
    rng: Random,
    la: LocalAuthority,
    teams: list[AdviceTeam],
    advisers: dict[str, User],
    officer: User,
    today: date,
) -> None:
    """Open advice requests for each team: cases whose assessment asked that discipline
    for advice in the last six weeks and have not had it. The health advisor's first
    request is answered, through the portal."""
    for team in teams:
        asked = (
            CaseEvent.objects.current()
            .filter(
                case__la=la,
                case__status=Case.Status.OPEN,
                type="advice_requested",
                discipline=team.discipline,
                on__gte=today - timedelta(days=40),
            )
            .exclude(
                case__events__type="advice_received",
                case__events__discipline=team.discipline,
            )
            .exclude(case__advice_requests__team__discipline=team.discipline)
            .select_related("case__child")
            .order_by("on", "id")[:REQUESTS_PER_TEAM]
        )
        for event in asked:
            due = advice_actions.statutory_due(event.on)
            grant = AccessGrant.objects.create(
                child=event.case.child,
                team=team,
                reason=f"Asked for {team.get_discipline_display().lower()} advice for an EHC "
                f"needs assessment, due {due.day} {due:%B %Y}",
                starts_on=event.on,
            )
            request = AdviceRequest.objects.create(
                case=event.case,
                team=team,
                kind=AdviceRequest.Kind.ASSESSMENT,
                question=QUESTIONS[team.discipline],
                requested_on=event.on,
                due_on=due,
                requested_event=event,
                grant=grant,
                requested_by=event.recorded_by,
            )
            for member in team.members.all():
                notify.send(
                    la=la,
                    to=member.email,
                    template="advice_request",
                    personalisation={
                        "name": member.get_full_name(),
                        "council": la.name,
                        "team": team.name,
                        "due": f"{due.day} {due:%B %Y}",
                        "reference": notify.case_reference(event.case),
                        "link": advice_actions.request_link(request),
                    },
                    user=member,
                    case=event.case,
                    by=officer,
                )
    first = (
        AdviceRequest.objects.filter(team=teams[0], status=AdviceRequest.Status.OPEN)
        .order_by("requested_on", "id")
        .first()
    )
    if first is not None:
        advice_actions.answer_advice(
            request=first,
            answer="Seen in clinic. Needs: a quiet space for unstructured times; a sensory "
            "diet reviewed each term; staff trained in the use of the epipen.",
            by=advisers["health-advisor"],
            today=today,
        )


def _support(rng: Random, la: LocalAuthority, by: User, today: date) -> None:
    """Contacts with most late settings this year, and one escalation."""
    start = today - timedelta(days=364)
    late = sorted(support.late_settings(la, start, today))
    schools = list(School.objects.filter(pk__in=late).order_by("name"))
    for n, school in enumerate(schools):
        if n % 3 == 2:
            continue  # identified, not yet supported
        support.record_support_contact(
            setting=school,
            kind=rng.choice(["call", "visit", "training"]),
            on=today - timedelta(days=rng.randint(5, 80)),
            note="Went through the reviews due this term and how to send reports online.",
            by=by,
            today=today,
        )
    if schools:
        cases = list(support.late_cases(la, schools[0], start, today)[:3])
        if cases:
            support.escalate(
                setting=schools[0],
                level="team_manager",
                reason="Three review reports more than a month late after two calls.",
                cases=cases,
                on=today - timedelta(days=3),
                by=by,
                today=today,
            )


def _feedback(rng: Random, la: LocalAuthority, onboarded: list[School], today: date) -> None:
    users = list(
        SettingMember.objects.filter(setting__in=onboarded).values_list("user_id", flat=True)
    )
    PortalFeedback.objects.bulk_create(
        PortalFeedback(
            la=la,
            user_id=rng.choice(users),
            answer=rng.choices([5, 4, 3, 2, 1], weights=[35, 40, 12, 9, 4])[0],
            answered_on=today - timedelta(days=rng.randint(0, 150)),
            about="review_report",
        )
        for _ in range(min(60, max(20, 3 * len(users))))
    )


def _incorporated(rng: Random, la: LocalAuthority, today: date) -> None:
    """Which advice the plans issued or amended in the last year incorporated."""
    since = today - timedelta(days=365)
    rows = []
    for plan in Plan.objects.filter(case__la=la).filter(issued_on__gte=since):
        rows.append(_incorporation(rng, plan, plan.issued_on, amended=False))
    for plan in Plan.objects.filter(case__la=la, amended_on__gte=since):
        rows.append(_incorporation(rng, plan, plan.amended_on, amended=True))
    IncorporatedAdvice.objects.bulk_create(rows, ignore_conflicts=True)


def _incorporation(
    rng: Random, plan: Plan, on: date | None, *, amended: bool
) -> IncorporatedAdvice:
    share = 0.45 if amended else 0.8
    return IncorporatedAdvice(
        plan=plan,
        issued_on=on,
        amended=amended,
        health=rng.random() < share,
        social_care=rng.random() < share * 0.8,
    )

"""The demo area's training register and establishment (issue 18; docs/workforce.md): the
area's case officers (their Senda accounts linked) and about a hundred partners' staff by
service, six courses (one of each programme, induction among them), a session of each
every two months for two years, attendance that grows over the two years (so "staff
trained" climbs towards its targets), before/after surveys for most who came, and the
posts of each team, the new ones mostly filled.

Rows go in directly with ``senda.rows.insert_rows`` (no audit entry per row), from their
own random stream, so the rest of the area is as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from random import Random

from django.contrib.auth.models import User

from senda.clock import england_and_wales
from senda.people.models import (
    Attendance,
    Course,
    LocalAuthority,
    Post,
    Service,
    Trainee,
    TrainingSession,
)
from senda.rows import insert_rows, unsaved

DAYS = 730
#: Partners' staff in the register, by service (the case officers are added as SEN staff).
STAFF = {
    "review": ("Council", 6),
    "eps": ("Educational Psychology Service", 12),
    "salt": ("Community NHS Trust", 14),
    "ot": ("Community NHS Trust", 8),
    "pt": ("Community NHS Trust", 6),
    "family_help": ("Family Help", 20),
    "social_care": ("Children's Social Care", 16),
    "senco": ("Schools", 24),
}
COURSES = (
    (
        "Statutory duties: EHC needs assessment and plans",
        "statutory",
        "sen_assessment,review,eps,social_care,senco",
        12,
    ),
    (
        "Person-centred annual reviews",
        "person_centred",
        "review,sen_assessment,senco,family_help",
        12,
    ),
    (
        "Preparing for adulthood from Year 9",
        "pfa",
        "review,sen_assessment,social_care,family_help",
        24,
    ),
    ("Neurodevelopmental inclusion", "nd_inclusion", "salt,ot,pt,eps,senco,family_help", 12),
    (
        "Writing advice for EHC needs assessments",
        "advice_writing",
        "eps,salt,ot,pt,social_care",
        12,
    ),
    (
        "SEND induction",
        "induction",
        "sen_assessment,review,eps,salt,ot,pt,family_help,social_care,senco",
        60,
    ),
)
GIVEN = (
    "Sam", "Priya", "Tom", "Aisha", "Jo", "Kwame", "Lena", "Owen", "Ruth", "Imran", "Beth",
    "Noah", "Grace", "Hamza", "Chloe", "Dev", "Fiona", "Marek", "Nia", "Rhys", "Zara", "Yusuf",
)  # fmt: skip
FAMILY = (
    "Hughes", "Patel", "Khan", "Evans", "Okafor", "Wright", "Shah", "Morgan", "Lewis", "Ali",
    "Nowak", "Begum", "Campbell", "Reid", "Mensah", "Foster", "Kaur", "Doyle",
)  # fmt: skip


def write_training(
    *, seed: int, la: LocalAuthority, today: date, officers: list[User], by: User
) -> int:
    """Write the register for ``la``; the number of attendance lines."""
    rng = Random(f"{seed}-training")
    start = today - timedelta(days=DAYS)
    people = [
        unsaved(
            Trainee,
            la_id=la.pk,
            name=officer.get_full_name() or officer.username,
            service="sen_assessment",
            organisation="Council SEN team",
            user_id=officer.pk,
            started_on=_started(rng, start, today),
        )
        for officer in officers
    ]
    names = _names(rng, {person.name for person in people})
    for service, (organisation, number) in STAFF.items():
        people += [
            unsaved(
                Trainee,
                la_id=la.pk,
                name=next(names),
                service=service,
                organisation=organisation,
                started_on=_started(rng, start, today),
            )
            for _ in range(number)
        ]
    insert_rows(people, ids_where={"la_id": la.pk})
    courses = [
        unsaved(
            Course,
            la_id=la.pk,
            name=name,
            programme=programme,
            services=services,
            refresher_months=months,
        )
        for name, programme, services, months in COURSES
    ]
    insert_rows(courses, ids_where={"la_id": la.pk})
    sessions = [
        unsaved(
            TrainingSession,
            course_id=course.pk,
            on=_working_day(start + timedelta(days=offset + 7 * index)),
            place="Online" if (offset // 61) % 2 else "Civic Centre",
            online=bool((offset // 61) % 2),
        )
        for index, course in enumerate(courses)
        for offset in range(0, DAYS - 42, 61)
    ]
    insert_rows(sessions, ids_where={"course__la_id": la.pk})
    lines = _attendance(rng, people, courses, sessions, today, by)
    insert_rows(lines)
    insert_rows(_posts(rng, la, people, start, today))
    return len(lines)


def _names(rng: Random, taken: set[str]) -> Iterator[str]:
    """Partners' staff names, each once (and none an officer's): 396 to draw from, so two
    people in the register are never both "Aisha Ali" (a person's reference tells apart
    namesakes a real register will have)."""
    every = [f"{given} {family}" for given in GIVEN for family in FAMILY]
    rng.shuffle(every)
    return (name for name in every if name not in taken)


def _working_day(day: date) -> date:
    """``day``, or the next working day (no session at a weekend, on Boxing Day…)."""
    calendar = england_and_wales()
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def _started(rng: Random, start: date, today: date) -> date:
    if rng.random() < 0.15:  # a new starter in the last year
        return today - timedelta(days=rng.randint(10, 360))
    return start - timedelta(days=rng.randint(30, 3000))


def _attendance(
    rng: Random,
    people: list[Trainee],
    courses: list[Course],
    sessions: list[TrainingSession],
    today: date,
    by: User,
) -> list[Attendance]:
    by_course: dict[int, list[TrainingSession]] = {}
    for session in sessions:
        if session.on <= today:
            by_course.setdefault(session.course_id, []).append(session)
    lines = []
    for person in people:
        for course in courses:
            if person.service not in course.services.split(","):
                continue
            held = [s for s in by_course[course.pk] if s.on >= person.started_on]
            if not held:
                continue
            if course.programme == "induction":
                chosen = [held[0]] if rng.random() < 0.8 else []
            else:
                # more people come as the programme gets going (later sessions)
                share = len(held)
                chosen = [s for i, s in enumerate(held) if rng.random() < 0.01 + 0.09 * i / share]
                chosen = chosen[-2:]
            for session in chosen:
                came = rng.random() < 0.94
                surveyed = came and rng.random() < 0.8
                before = rng.randint(1, 4) if surveyed else None
                after = min(5, before + rng.choice((0, 1, 1, 2))) if before is not None else None
                lines.append(
                    unsaved(
                        Attendance,
                        session_id=session.pk,
                        trainee_id=person.pk,
                        attended=came,
                        confidence_before=before,
                        confidence_after=after,
                        confident_after=(rng.random() < 0.8) if surveyed else None,
                        recorded_by_id=by.pk,
                    )
                )
    return lines


def _posts(
    rng: Random, la: LocalAuthority, people: list[Trainee], start: date, today: date
) -> list[Post]:
    posts = []
    for service in ("sen_assessment", "review", "eps", "salt", "ot", "family_help", "social_care"):
        # the establishment: a post for each of the team's staff (every case officer among
        # them), so posts, people and the officers' caseload capacity agree
        ours = [p for p in people if p.service == service]
        for index, person in enumerate(ours):
            posts.append(
                unsaved(
                    Post,
                    la_id=la.pk,
                    team=service,
                    title=f"{Service(service).label} post {index + 1}",
                    new=False,
                    needed_from=start,
                    filled_on=max(start, person.started_on),
                    filled_by_id=person.pk,
                )
            )
        for index in range(2):  # new posts from the improvement plan, most filled
            needed = start + timedelta(days=rng.randint(60, DAYS - 30))
            filled = needed + timedelta(days=rng.randint(10, 150))
            posts.append(
                unsaved(
                    Post,
                    la_id=la.pk,
                    team=service,
                    title=f"New post {index + 1}",
                    new=True,
                    needed_from=needed,
                    filled_on=filled if filled <= today and rng.random() < 0.85 else None,
                )
            )
    return posts

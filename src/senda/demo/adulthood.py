"""The demo area's preparing for adulthood (issue 18; docs/adulthood.md):

- **Reviews from Year 9**: preparing-for-adulthood outcomes recorded at most of the
  reviews of young people in Year 9 or above in the last two years — a share that rises
  from about 70% to about 92%, so ``pfa-outcomes-in-plans`` has a history moving towards
  its 90% target — from the setting's review report or by the council, a few days after
  the meeting.
- **Transition to adult services**: young people with a plan from 15½ to 19 rated red,
  amber or green at about 16½; red ones allocated an adult social care worker, most by
  17½ and some later; transition plans mostly by 17½; travel training for some; young
  people 14 to 25 with a learning disability given annual health checks (most years) and
  a health action plan.

Rows go in directly with ``senda.rows.insert_rows`` (the demo writes no audit entry per
row), from their own random stream, so the rest of the area is as it was.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from django.contrib.auth.models import User

from senda.casework.actions.adulthood import from_year_9
from senda.casework.models import AdulthoodOutcomes, Plan, Review
from senda.pathways.models import TransitionRecord
from senda.pathways.transition import LEARNING_DISABILITY, add_months
from senda.people.models import LocalAuthority
from senda.rows import insert_rows, unsaved

DAYS = 730
EMPLOYMENT = (
    "Work experience in a local café by the end of Year 10.",
    "A place on a supported internship after college.",
    "Visit two colleges and choose a course by the spring.",
    "Volunteer one afternoon a week at the animal rescue centre.",
)
LIVING = (
    "Travel to school on the bus alone by the summer.",
    "Plan and cook a simple meal each week at home.",
    "Manage a weekly budget with a bank card.",
    "Try a short stay away from home with the short breaks service.",
)
COMMUNITY = (
    "Join a youth club or sports team of their choice.",
    "Keep in touch with friends online safely.",
    "Take part in the youth voice group once a term.",
    "Go to the cinema with a friend without an adult.",
)
HEALTH = (
    "Book and go to their own GP appointment with support.",
    "Know their medication and when to take it.",
    "Have an annual health check and a health action plan.",
    "Move from children's to adult health services with a named nurse.",
)
WORKERS = ("R. Patel", "J. Lee", "S. Okafor", "M. Hughes", "A. Nowak")


def write_adulthood(*, seed: int, la: LocalAuthority, today: date, by: User) -> tuple[int, int]:
    """Write both for ``la``; (outcomes recorded, transition records)."""
    rng = Random(f"{seed}-adulthood")
    return _outcomes(rng, la, today, by), _transition(rng, la, today, by)


def _outcomes(rng: Random, la: LocalAuthority, today: date, by: User) -> int:
    start = today - timedelta(days=DAYS)
    reviews = Review.objects.filter(
        case__la=la, meeting_on__gte=start, meeting_on__lte=today
    ).values_list("pk", "case_id", "meeting_on", "case__child__date_of_birth")
    rows = []
    for pk, case, met, born in reviews.order_by("pk"):
        if not from_year_9(born, met):
            continue
        share = 0.70 + 0.22 * (met - start).days / DAYS
        on = met + timedelta(days=rng.randint(1, 21))
        if on > today or rng.random() > share:
            continue
        rows.append(
            unsaved(
                AdulthoodOutcomes,
                case_id=case,
                review_id=pk,
                employment=rng.choice(EMPLOYMENT),
                independent_living=rng.choice(LIVING),
                community=rng.choice(COMMUNITY),
                health=rng.choice(HEALTH),
                via="report" if rng.random() < 0.8 else "officer",
                recorded_on=on,
                recorded_by_id=by.pk,
                replaces_id=None,
            )
        )
    return insert_rows(rows)


def _record(
    la: LocalAuthority, child: int, kind: str, on: date, by: User, **more: str
) -> TransitionRecord:
    return unsaved(
        TransitionRecord,
        la_id=la.pk,
        child_id=child,
        kind=kind,
        on=on,
        rating=more.get("rating", ""),
        worker=more.get("worker", ""),
        replaces_id=None,
        withdrawn=False,
        why="",
        recorded_by_id=by.pk,
    )


def _transition(rng: Random, la: LocalAuthority, today: date, by: User) -> int:
    oldest = add_months(today, -26 * 12)
    plans = (
        Plan.objects.filter(case__la=la, case__child__date_of_birth__gt=oldest)
        .live(today)
        .order_by("case__child_id")
        .values_list("case__child_id", "case__child__date_of_birth", "case__child__primary_need")
        .distinct()
    )
    rows: list[TransitionRecord] = []
    for child, born, need in plans:
        months = (today.year - born.year) * 12 + today.month - born.month
        if need in LEARNING_DISABILITY and months >= 14 * 12:
            rows += _health(rng, la, child, born, today, by)
        if not 15 * 12 + 6 <= months < 19 * 12:
            continue
        rows += _approaching(rng, la, child, born, today, by)
    return insert_rows(rows)


def _health(
    rng: Random, la: LocalAuthority, child: int, born: date, today: date, by: User
) -> list[TransitionRecord]:
    rows = []
    for year in range(born.year + 14, today.year + 1):
        on = date(year, rng.randint(1, 12), rng.randint(1, 28))
        if born < add_months(on, -14 * 12) and on <= today and rng.random() < 0.78:
            rows.append(_record(la, child, "health_check", on, by))
    plan_on = add_months(born, 14 * 12 + rng.randint(1, 24))
    if plan_on <= today and rng.random() < 0.6:
        rows.append(_record(la, child, "health_plan", plan_on, by))
    return rows


def _approaching(
    rng: Random, la: LocalAuthority, child: int, born: date, today: date, by: User
) -> list[TransitionRecord]:
    rows = []
    rated = add_months(born, 16 * 12 + rng.randint(3, 9))
    if rated > today or rng.random() > 0.9:
        return rows
    rating = rng.choices(("red", "amber", "green"), (2, 4, 4))[0]
    rows.append(_record(la, child, "rating", rated, by, rating=rating))
    if rating == "red":
        allocated = add_months(born, 17 * 12 + rng.choice((-4, -2, -1, 0, 0, 2, 5)))
        if allocated <= today:
            rows.append(_record(la, child, "allocated", allocated, by, worker=rng.choice(WORKERS)))
    planned = add_months(born, 17 * 12 + rng.choice((0, 2, 4, 5, 6, 8)))
    if planned <= today and rng.random() < 0.9:
        rows.append(_record(la, child, "plan", planned, by))
    travel = add_months(born, 16 * 12 + rng.randint(6, 20))
    if rating != "green" and travel <= today and rng.random() < 0.55:
        rows.append(_record(la, child, "travel", travel, by))
    return rows

"""A small training register through the actions (tests of the workforce pages and KPIs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from senda.people import training_actions as act
from senda.people.models import Course, LocalAuthority, Post, Trainee, TrainingSession


@dataclass
class Register:
    course: Course
    session: TrainingSession
    sen: list[Trainee]
    salt: Trainee
    post: Post


def make_register(la: LocalAuthority, by: Any, today: date) -> Register:
    """Three SEN assessment officers (two attend a statutory duties session 30 days ago,
    confident 2 → 4 and 3 → 3), a SALT therapist (not on the course), a new post needed."""

    def person(name: str, service: str) -> Trainee:
        return act.add_trainee(
            la=la,
            name=name,
            service=service,
            organisation="Testshire Council",
            started_on=today - timedelta(days=400),
            by=by,
        )

    sen = [person(n, "sen_assessment") for n in ("Ada Officer", "Ben Officer", "Cy Officer")]
    salt = person("Dee Therapist", "salt")
    course = act.add_course(
        la=la,
        name="Statutory duties",
        programme="statutory",
        services=["sen_assessment", "review"],
        refresher_months=12,
        by=by,
    )
    session = act.add_session(course=course, on=today - timedelta(days=30), place="Hall", by=by)
    act.record_attendance(
        session=session,
        marks=[act.Mark(sen[0], True, 2, 4, True), act.Mark(sen[1], True, 3, 3, False)],
        by=by,
    )
    post = act.add_post(
        la=la,
        team="salt",
        title="SALT lead",
        new=True,
        needed_from=today - timedelta(days=10),
        by=by,
    )
    return Register(course, session, sen, salt, post)

"""The workforce pages' tables: training coverage by service and programme, courses,
sessions, a person's training record and the establishment's posts. Staff are named (no
child is in the register)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.people.models import Attendance, Course, Post, Programme, Service, TrainingSession
from senda.people.workforce import current_until
from senda.web.formats import day
from senda.web.phone_tables import captioned_table

NUMERIC = "numeric"
SERVICES = dict(Service.choices)
PROGRAMMES = dict(Programme.choices)


def _link(text: str, url: str) -> dict[str, Any]:
    return {"html": format_html('<a class="govuk-link" href="{}">{}</a>', url, text)}


def _share(trained: int, people: int) -> dict[str, Any]:
    if not people:
        return {"text": "No staff", "format": NUMERIC}
    return {"text": f"{trained} of {people} ({round(100 * trained / people)}%)", "format": NUMERIC}


def coverage_table(
    table: dict[tuple[str, str], tuple[int, int]], programmes: list[str]
) -> SafeString:
    head = ["Service", "Any course", *[PROGRAMMES[p] for p in programmes]]
    rows = [
        [{"text": SERVICES[service]}] + [_share(*table[service, p]) for p in ["", *programmes]]
        for service in Service.values
    ]
    return captioned_table(
        "Staff current in training, by service", head, rows, first_cell_is_header=True
    )


def courses_table(courses: Iterable[Course]) -> SafeString:
    rows = [
        [
            _link(course.name, reverse("web:workforce-course", args=[course.pk])),
            {"text": course.get_programme_display()},
            {"text": ", ".join(course.service_labels())},
            {"text": f"{course.refresher_months} months", "format": NUMERIC},
        ]
        for course in courses
    ]
    return captioned_table("Courses", ["Course", "Programme", "For", "Refresh every"], rows)


def sessions_table(sessions: Iterable[TrainingSession], counts: dict[int, int]) -> SafeString:
    rows = [
        [
            _link(day(session.on), reverse("web:workforce-session", args=[session.pk])),
            {"text": session.place},
            {"text": str(counts.get(session.pk, 0)), "format": NUMERIC},
        ]
        for session in sessions
    ]
    return captioned_table("Sessions", ["Date", "Place", "Attended"], rows)


def _answer(value: int | bool | None) -> str:
    if value is None:
        return "Not answered"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def record_table(rows: Iterable[Attendance], today: date) -> SafeString:
    body = []
    for row in rows:
        until = current_until(row.session.on, row.session.course.refresher_months)
        status = (
            "Did not attend"
            if not row.attended
            else (f"Current until {day(until)}" if until >= today else f"Lapsed {day(until)}")
        )
        body.append(
            [
                _link(
                    row.session.course.name, reverse("web:workforce-session", args=[row.session_id])
                ),
                {"text": day(row.session.on)},
                {"text": status},
                {"text": f"{_answer(row.confidence_before)} → {_answer(row.confidence_after)}"},
                {"text": _answer(row.confident_after)},
            ]
        )
    return captioned_table(
        "Training record",
        ["Course", "Date", "Status", "Confidence before → after", "Competent and confident"],
        body,
    )


def register_table(rows: Iterable[Attendance]) -> SafeString:
    body = [
        [
            _link(row.trainee.name, reverse("web:workforce-person", args=[row.trainee_id])),
            {"text": SERVICES.get(row.trainee.service, row.trainee.service)},
            {"text": row.trainee.organisation},
            {"text": "Attended" if row.attended else "Did not attend"},
            {"text": f"{_answer(row.confidence_before)} → {_answer(row.confidence_after)}"},
            {"text": _answer(row.confident_after)},
        ]
        for row in rows
    ]
    return captioned_table(
        "Register",
        [
            "Person",
            "Service",
            "Organisation",
            "Attendance",
            "Confidence",
            "Competent and confident",
        ],
        body,
    )


def posts_table(posts: Iterable[Post], manager: bool, today: date) -> SafeString:
    body = []
    for post in posts:
        if post.filled_on is not None:
            state = f"Filled {day(post.filled_on)}"
        elif post.needed_from <= today:
            state = "Vacant"
        else:
            state = f"Needed from {day(post.needed_from)}"
        action: dict[str, Any] = {"text": ""}
        if manager and post.filled_on is None:
            action = {
                "html": format_html(
                    '<a class="govuk-link" href="{}">Record filled'
                    '<span class="govuk-visually-hidden"> {}</span></a>',
                    reverse("web:workforce-post-fill", args=[post.pk]),
                    post.title,
                )
            }
        body.append(
            [
                {"text": post.title, "attributes": {"id": f"post-{post.pk}"}},
                {"text": SERVICES.get(post.team, post.team)},
                {"text": "New" if post.new else "Existing"},
                {"text": state},
                action,
            ]
        )
    return captioned_table("Posts", ["Post", "Team", "Kind", "Status", "Action"], body)

"""Audit learning themes and the training that answers them (docs/workforce.md).

- :func:`themes`: each advice moderation theme, how often moderators tagged it in the last
  twelve months, and the courses linked to it;
- :func:`link_course`, :func:`unlink_course`: a QA lead links a course of the area's training
  register to a theme, or ends the link (kept). Atomic, checked, audited.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import ActionError, check_choice
from senda.people.models import Course, LocalAuthority
from senda.quality.advice import THEMES, check_lead
from senda.quality.models import AdviceModeration, ThemeCourse

__all__ = ["Theme", "link_course", "themes", "unlink_course"]


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    tagged: int
    courses: list[Course]


def themes(la: LocalAuthority, today: date) -> list[Theme]:
    """Every theme, most tagged in the last twelve months first, with its linked courses."""
    since = today - timedelta(days=365)
    tagged = Counter(
        code
        for themes_of in AdviceModeration.objects.filter(
            la=la, moderated_on__gte=since, moderated_on__lte=today
        ).values_list("themes", flat=True)
        for code in themes_of or ()
    )
    linked: dict[str, list[Course]] = {}
    for link in ThemeCourse.objects.current().filter(la=la).select_related("course"):
        linked.setdefault(link.theme, []).append(link.course)
    found = [
        Theme(code, label, tagged[code], linked.get(code, [])) for code, label in THEMES.items()
    ]
    return sorted(found, key=lambda theme: -theme.tagged)


@transaction.atomic
def link_course(*, la: LocalAuthority, theme: str, course: Course, by: Any) -> ThemeCourse:
    """Link ``course`` to ``theme``: a course of the area, not linked already."""
    check_lead(by, la, "link training to a learning theme")
    check_choice(theme, THEMES, "theme", "a theme")
    if course.la_id != la.pk:
        raise ActionError("course", "Choose a course of this area")
    if ThemeCourse.objects.current().filter(theme=theme, course=course).exists():
        raise ActionError("course", "This course is linked to the theme already")
    row = ThemeCourse.objects.create(
        la=la, theme=theme, course=course, linked_on=kernel.today(), linked_by=by
    )
    audit.record(
        user=by, verb="write", obj=row, la_id=la.pk, summary=f"theme {theme} → course {course.pk}"
    )
    return row


@transaction.atomic
def unlink_course(*, link: ThemeCourse, by: Any) -> None:
    """End the link (kept, ``ended_on`` today)."""
    check_lead(by, link.la, "unlink training from a learning theme")
    if link.ended_on is not None:
        raise ActionError("course", "The link has ended already")
    link.ended_on = kernel.today()
    link.save(update_fields=["ended_on"])
    audit.record(user=by, verb="write", obj=link, la_id=link.la_id, summary=f"ended {link.pk}")

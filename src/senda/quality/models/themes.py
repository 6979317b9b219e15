"""Audit learning themes linked to the training that answers them (issue 18;
docs/workforce.md): a theme advice moderation tags (``ADVICE_THEMES``) answered by a course
of the training register (``people.Course``). A link is ended (``ended_on``), never deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from senda.quality.models.advice import ADVICE_THEMES


class ThemeCourseQuerySet(models.QuerySet["ThemeCourse"]):
    def current(self) -> ThemeCourseQuerySet:
        return self.filter(ended_on__isnull=True)


class ThemeCourse(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    theme = models.CharField(max_length=40, choices=ADVICE_THEMES)
    course = models.ForeignKey("people.Course", on_delete=models.PROTECT, related_name="+")
    linked_on = models.DateField()
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField(null=True, blank=True)

    objects = ThemeCourseQuerySet.as_manager()

    class Meta:
        ordering = ["theme", "course__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "course"],
                condition=Q(ended_on__isnull=True),
                name="theme_course_current_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme} → course {self.course_id}"

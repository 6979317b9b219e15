"""A child's periods in a vulnerable group the council holds dates for: looked after, and
previously looked after or adopted (``people.groups``, docs/child-details.md).

A period is appended and never changed: correcting one adds a period that replaces it
(``replaces``), withdrawing one recorded in error adds a withdrawal that replaces it. The
periods that stand are ``ChildGroupPeriod.objects.current()``. Elective home education and
children missing education are the child's own SEN2 flags (``Child.elective_home_education``,
``Child.missing_education``), not periods here: one definition of each.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from senda.people.models.children import Child


class ChildGroupPeriodQuerySet(models.QuerySet["ChildGroupPeriod"]):
    def current(self) -> ChildGroupPeriodQuerySet:
        """The periods that stand: neither replaced nor a withdrawal."""
        return self.filter(replaced_by__isnull=True, withdrawn=False)

    def open_on(self, day: date) -> ChildGroupPeriodQuerySet:
        """The current periods that include ``day``."""
        return self.current().filter(Q(end__isnull=True) | Q(end__gte=day), start__lte=day)


class ChildGroupPeriod(models.Model):
    class Group(models.TextChoices):
        LOOKED_AFTER = "looked_after", "Looked after"
        PREVIOUSLY_LOOKED_AFTER = (
            "previously_looked_after",
            "Previously looked after or adopted",
        )

    class How(models.TextChoices):
        """How a previously looked-after child left care (the DfE's definition of
        "previously looked after": Children and Families Act 2014 s23ZZA of the Children
        Act 1989, as the designated teacher guidance uses it)."""

        ADOPTED = "adopted", "Adopted from care"
        SGO = "sgo", "Special guardianship order"
        CAO = "cao", "Child arrangements order"
        ABROAD = "abroad", "Adopted from state care outside England and Wales"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="group_periods")
    group = models.CharField(max_length=30, choices=Group.choices)
    how = models.CharField(
        max_length=10,
        choices=How.choices,
        blank=True,
        help_text="How the child left care (previously looked after only).",
    )
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Blank: still in the group.")
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    withdrawn = models.BooleanField(
        default=False, help_text="This row withdraws the period it replaces (recorded in error)."
    )
    reason = models.TextField(blank=True, help_text="Why a period was corrected or withdrawn.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    objects = ChildGroupPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["child", "group", "start", "id"]
        indexes = [models.Index(fields=["child", "group"], name="childgroup_child_group_idx")]

    def __str__(self) -> str:
        return f"Group period {self.pk} of child {self.child_id}"

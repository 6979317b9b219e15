"""Withdrawing a record entered in error, instead of deleting it.

Actions, milestones and risks are pointed at by ratings, updates and board packs that
people have already read, so Senda never deletes them: a withdrawn record is hidden from
the plan's pages, counts, timeline and export (``objects`` leaves it out, and so does
every related manager: ``area.actions``, ``action.milestones``, ``plan.risks``), and kept
with who withdrew it, when and why. A board pack for a meeting before the withdrawal
still shows it (``in_force_on``). ``all_objects`` sees every row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

__all__ = ["InForce", "Withdrawable", "in_force_on"]


def in_force_on(day: date, prefix: str = "") -> Q:
    """Rows not withdrawn on ``day`` (withdrawn later, or never); ``prefix`` reaches them
    through a relation ("action__")."""
    return Q(**{f"{prefix}withdrawn_on__isnull": True}) | Q(**{f"{prefix}withdrawn_on__gt": day})


class InForce(models.Manager[Any]):
    """Rows that have not been withdrawn."""

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().filter(withdrawn_on__isnull=True)


class Withdrawable(models.Model):
    withdrawn_on = models.DateField(
        null=True, blank=True, help_text="The day it was withdrawn: hidden from then on."
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True)

    objects = InForce()
    all_objects = models.Manager()  # noqa: DJ012 (a manager, not a field)

    class Meta:
        abstract = True

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None

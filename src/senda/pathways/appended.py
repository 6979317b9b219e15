"""What every appended record of the room shares (ADR 0027): a record is never changed. A
correction is a new row that ``replaces`` the one it corrects (kept, no longer current); a
withdrawal is a replacement with ``withdrawn`` set; each row says who recorded it and when,
and a correction why. A referral's steps, support while waiting, transition records and
the disabled children's register's records are ``Appended``; their querysets are
``AppendedQuerySet``s, so ``current()`` means one thing."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models


class AppendedQuerySet(models.QuerySet[Any]):
    def current(self) -> Self:
        """Records neither corrected nor withdrawn (nor a withdrawal's own row)."""
        return self.filter(replaced_by__isnull=True, withdrawn=False)


class Appended(models.Model):
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The record this one corrects (or withdraws), kept as first recorded.",
    )
    withdrawn = models.BooleanField(
        default=False, help_text="This row withdraws the record it replaces (recorded in error)."
    )
    why = models.CharField(max_length=500, blank=True, help_text="Why it was corrected.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

"""The history of changes to a child's identifiers and flags (``people.child_details``):
every save keeps the changed fields' previous and new values, so the record is never lost."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.people.models.children import Child


class ChildDetailsChange(models.Model):
    """One save of a child's identifiers and flags: which fields changed, from what, to
    what. Kept for good (staff-only; never shown to families)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="details_changes")
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    before = models.JSONField(default=dict, help_text="The changed fields' old values.")
    after = models.JSONField(default=dict, help_text="The changed fields' new values.")

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"Change {self.pk} to child {self.child_id}"

    @property
    def fields(self) -> list[str]:
        """The names of the fields this save changed."""
        return sorted(self.after)

"""The audit log: who read, wrote or exported which record, when. Rows never change."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditImmutable(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutable("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditImmutable("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    class Verb(models.TextChoices):
        READ = "read", "Read"
        WRITE = "write", "Write"
        EXPORT = "export", "Export"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verb = models.CharField(max_length=6, choices=Verb.choices)
    object_type = models.CharField(max_length=100, help_text="app_label.Model")
    object_id = models.CharField(max_length=64)
    child = models.ForeignKey(
        "people.Child", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    summary = models.TextField(blank=True, help_text="Identifiers only: never personal data.")
    ip_address = models.GenericIPAddressField(null=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The latest write of an area (audit.latest_write): a version for cached pages.
            models.Index(fields=["la", "verb", "id"], name="audit_la_verb_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutable("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutable("Audit entries cannot be deleted.")

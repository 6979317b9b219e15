"""What the interchange room keeps: the SEN2 files made, checked and read in (their history,
never the files: an export is made on demand and not left on disk), which child each
imported person became, and who owns each data-quality check."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Sen2Run(models.Model):
    """One SEN2 file made (``export``), checked (``validate``) or read in (``import``)."""

    class Kind(models.TextChoices):
        EXPORT = "export", "Return made"
        VALIDATE = "validate", "File checked"
        IMPORT = "import", "File imported"

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="sen2_runs"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    census_date = models.DateField(help_text="The return's reference (census) date.")
    made_at = models.DateTimeField(auto_now_add=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank when a command made it.",
    )
    file_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    persons = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    queries = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True, help_text="The return's aggregates.")
    findings = models.JSONField(
        default=list, blank=True, help_text="The first findings (rule, level, person, element)."
    )
    outcome = models.JSONField(
        default=dict, blank=True, help_text="An import: what it created and matched."
    )

    class Meta:
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"SEN2 {self.kind} for {self.census_date:%Y-%m-%d}"


class ImportedPerson(models.Model):
    """Which child a person in an imported SEN2 file became or was matched to: the key an
    import looks up so the same file read twice changes nothing."""

    class How(models.TextChoices):
        CREATED = "created", "New child"
        UPN = "upn", "Matched by UPN"
        NAME_DOB = "name_dob", "Matched by name and date of birth"
        KEY = "key", "Imported before"

    run = models.ForeignKey(Sen2Run, on_delete=models.CASCADE, related_name="people")
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    person_key = models.CharField(
        max_length=64, help_text="A digest of the person's identity in the file."
    )
    position = models.PositiveIntegerField(
        help_text="The person's position in the file (1 = first)."
    )
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=8, choices=How.choices)

    class Meta:
        ordering = ["run", "position"]
        indexes = [models.Index(fields=["la", "person_key"], name="imported_person_key_idx")]

    def __str__(self) -> str:
        return f"Person {self.position} of import {self.run_id}"


class CheckOwner(models.Model):
    """Who in the service owns fixing a data-quality check's failures in an area."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    check_id = models.CharField(max_length=60)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["check_id"]
        constraints = [
            models.UniqueConstraint(fields=["la", "check_id"], name="check_owner_once_per_area")
        ]

    def __str__(self) -> str:
        return f"Owner of {self.check_id}"

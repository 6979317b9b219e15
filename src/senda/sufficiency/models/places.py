"""The places register and the capital programme (docs/places.md).

- ``CommissionedPlaces``: how many SEND places of one provision the area commissions at one
  of its settings for one academic year, who recorded it and when. A change supersedes
  (``superseded_on``), never deletes, so the register keeps what was believed when.
- ``CapitalProject`` and ``CapitalPhase``: a project that makes new places (a new
  specialist base, a special-school expansion), its places planned and delivered, its cost
  and funding, and its phases with planned and actual dates.

Only the actions in ``sufficiency.places_actions`` write them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

#: The provisions the area commissions places of (``sufficiency.space.PROVISIONS`` names).
PLACE_PROVISIONS = [
    ("special", "Special school (maintained or academy)"),
    ("specialist_base", "SEN unit or resourced provision"),
    ("ap", "Alternative provision"),
    ("post16_mainstream", "FE college or sixth form"),
    ("post16_specialist", "Specialist post-16 institution"),
    ("early_years", "Early years"),
]


class CommissionedPlacesQuerySet(models.QuerySet["CommissionedPlaces"]):
    def current(self) -> CommissionedPlacesQuerySet:
        """Rows not replaced by a later one."""
        return self.filter(superseded_on__isnull=True)

    def of_area(self, la_id: int) -> CommissionedPlacesQuerySet:
        return self.filter(setting__la_id=la_id)

    def for_year(self, year: int) -> dict[tuple[int, str], CommissionedPlaces]:
        """``{(setting id, provision): row}`` in force in the academic year starting in
        September of ``year``: each pair's current row for the latest year up to it (places
        carry on until a later year is recorded)."""
        found: dict[tuple[int, str], CommissionedPlaces] = {}
        for row in self.current().filter(year__lte=year).order_by("year", "pk"):
            found[(row.setting_id, row.provision)] = row
        return found


class CommissionedPlaces(models.Model):
    setting = models.ForeignKey("people.Setting", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(
        help_text="The academic year, by the calendar year of its September."
    )
    provision = models.CharField(max_length=20, choices=PLACE_PROVISIONS)
    places = models.PositiveIntegerField()
    note = models.CharField(max_length=200, blank=True)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    superseded_on = models.DateField(null=True, blank=True)

    objects = CommissionedPlacesQuerySet.as_manager()

    class Meta:
        ordering = ["setting__name", "provision", "-year", "-pk"]
        verbose_name_plural = "commissioned places"
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "year", "provision"],
                condition=Q(superseded_on__isnull=True),
                name="commissioned_places_one_current",
            )
        ]

    def __str__(self) -> str:
        return f"{self.places} {self.provision} places, setting {self.setting_id}, {self.year}"


#: Where a project's money comes from (docs/places.md, "The capital programme").
FUNDING_SOURCES = [
    ("hnpca", "High Needs Provision Capital Allocation"),
    ("basic_need", "Basic need capital"),
    ("free_school", "Special or AP free school (DfE)"),
    ("safety_valve", "Safety Valve capital"),
    ("council", "The council's own capital"),
    ("other", "Other"),
]


class CapitalProject(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved"
        IN_PROGRESS = "in_progress", "In progress"
        OPEN = "open", "Open"
        CANCELLED = "cancelled", "Cancelled"

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="capital_projects"
    )
    name = models.CharField(max_length=200)
    provision = models.CharField(max_length=20, choices=PLACE_PROVISIONS)
    needs = models.JSONField(default=list, blank=True, help_text="SEN2 primary needs served.")
    setting = models.ForeignKey(
        "people.Setting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    places_planned = models.PositiveIntegerField()
    places_delivered = models.PositiveIntegerField(default=0)
    cost = models.DecimalField(max_digits=12, decimal_places=0, null=True, blank=True)
    funding_source = models.CharField(max_length=20, choices=FUNDING_SOURCES)
    opens_on = models.DateField(help_text="When its places open (planned, or actual once open).")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["opens_on", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["la", "name"], name="capital_project_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    #: Statuses whose places count in the pipeline (a proposal is not yet a plan).
    PIPELINE = (Status.APPROVED, Status.IN_PROGRESS, Status.OPEN)

    @property
    def places_to_come(self) -> int:
        """Places planned and not yet delivered, if the project is approved, under way or
        open; nought if it is only proposed, or cancelled."""
        if self.status not in self.PIPELINE:
            return 0
        return max(0, self.places_planned - self.places_delivered)


class CapitalPhase(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DELAYED = "delayed", "Delayed"
        DONE = "done", "Done"

    project = models.ForeignKey(CapitalProject, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=100)
    planned_start = models.DateField()
    planned_end = models.DateField()
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)

    class Meta:
        ordering = ["project", "planned_start", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.project_id})"

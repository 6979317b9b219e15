"""Scenarios a service manager defines on a page (docs/forecast.md, "Scenarios"): a title
and its changes, each a lever on a rate or a change to the places, from a forecast year.
Written through ``scenario_actions``; a forecast made under one keeps a frozen copy
(``ForecastRun.levers``), so changing the scenario later changes no forecast made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from senda.sufficiency.rates import Lever
from senda.sufficiency.scenarios import Capacity, Scenario

#: The prefix of a stored scenario's name (``scenario-12``), which forecasts record.
PREFIX = "scenario-"


class StoredScenarioQuerySet(models.QuerySet["StoredScenario"]):
    def of_area(self, la_id: int | None) -> StoredScenarioQuerySet:
        return self.filter(la_id=la_id)

    def named(self, la_id: int, name: str) -> StoredScenario | None:
        """The area's scenario called ``name`` (``scenario-12``), if there is one."""
        number = name.removeprefix(PREFIX)
        if not name.startswith(PREFIX) or not number.isdigit() or len(number) > 12:
            return None
        return self.of_area(la_id).filter(pk=int(number)).first()


class StoredScenario(models.Model):
    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="scenarios"
    )
    title = models.CharField(max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = StoredScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def name(self) -> str:
        """What a forecast made under it records as its scenario."""
        return f"{PREFIX}{self.pk}"

    def spec(self) -> Scenario:
        """The scenario as the model runs it, with its changes as they stand now."""
        changes = list(self.changes.all())
        return Scenario(
            self.name,
            self.title,
            tuple(c.lever() for c in changes if c.what != ScenarioChange.What.CAPACITY),
            tuple(c.capacity() for c in changes if c.what == ScenarioChange.What.CAPACITY),
        )


class ScenarioChange(models.Model):
    """One change of a scenario, from the January census of ``from_year``:

    - a rate (``joiners``, ``placements``, ``leavers``) multiplied by ``factor``, for the
      need and provision named (blank: all; ``placements`` names its provision, and
      ``transfer_to`` where those taken away go instead), as ``rates.Lever`` says; for the
      year groups (NCY) ``ncy_from`` to ``ncy_to`` only when both are given;
    - ``capacity``: ``places`` of ``provision`` added (negative: removed).
    """

    class What(models.TextChoices):
        JOINERS = "joiners", "New plans"
        PLACEMENTS = "placements", "Placements in a kind of provision"
        LEAVERS = "leavers", "Plans ending"
        CAPACITY = "capacity", "Places added or removed"

    scenario = models.ForeignKey(StoredScenario, on_delete=models.CASCADE, related_name="changes")
    what = models.CharField(max_length=12, choices=What.choices)
    factor = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    need = models.CharField(max_length=8, blank=True)
    provision = models.CharField(max_length=20, blank=True)
    transfer_to = models.CharField(max_length=20, blank=True)
    places = models.IntegerField(null=True, blank=True)
    ncy_from = models.SmallIntegerField(null=True, blank=True)
    ncy_to = models.SmallIntegerField(null=True, blank=True)
    from_year = models.PositiveSmallIntegerField(help_text="The January census it begins with.")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["from_year", "pk"]

    def __str__(self) -> str:
        return f"{self.get_what_display()} from {self.from_year}"

    def lever(self) -> Lever:
        return Lever(
            self.what,
            float(self.factor if self.factor is not None else 1),
            need=self.need or None,
            provision=self.provision or None,
            transfer_to=self.transfer_to or None,
            ncy=self.years(),
            from_year=self.from_year,
        )

    def years(self) -> tuple[int, int] | None:
        """The year groups the change is for (inclusive), None for all."""
        if self.ncy_from is None or self.ncy_to is None:
            return None
        return (self.ncy_from, self.ncy_to)

    def capacity(self) -> Capacity:
        return Capacity(self.provision, self.places or 0, self.from_year)

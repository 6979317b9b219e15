"""Where a child is educated and which settings a plan names, as SEN2 records them.

- ``NamedSetting``: a setting named in section I of a plan (SEN2 ``PlanDetail``): a school
  or college (its URN or UKPRN through ``setting``) or, where there is none, one of SEN2's
  setting codes (``SETTING_CODES``), ranked when a plan names more than one.
- ``Placement``: a setting the child attends while they have a plan (SEN2
  ``PlacementDetail``), with its entry and leaving dates.

Only actions and the SEN2 import write them. A change supersedes (``superseded_on``),
never deletes, as plan outcomes do.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from senda.casework.models.cases import Case
from senda.casework.models.records import Plan

#: SEN2's codes for where a child is educated when it is not a setting with a URN or
#: UKPRN (DfE SEN2 guide, items 4.7c and 5.7c; docs/sen2.md).
SETTING_CODES = [
    ("OLA", "Other arrangements made by the local authority (including EOTAS)"),
    ("OPA", "Other arrangements made by the parent or young person"),
    ("EHE", "Elective home education"),
    ("EYP", "Early years provider with no URN"),
    ("OTH", "Other"),
    ("NEET", "Not in education, employment or training (16–25)"),
    ("NIEC", "Not in education: notice to cease issued"),
    ("NIEO", "Not in education: other"),
]
#: SEN2's residential codes (from the 2025 return): weeks a year the placement is residential.
RESIDENTIAL = [("A", "Up to 38 weeks"), ("B", "39 to 52 weeks")]


class SettingRecord(models.Model):
    """What a named setting and a placement share: the setting (or a code), its rank and
    SEN2's unit and resourced-provision flags."""

    setting = models.ForeignKey(
        "people.Setting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    setting_code = models.CharField(max_length=4, choices=SETTING_CODES, blank=True)
    setting_other = models.CharField(
        max_length=100, blank=True, help_text="What 'Other' (OTH) is, in a few words."
    )
    rank = models.PositiveSmallIntegerField(default=1)
    sen_unit = models.BooleanField(default=False, help_text="An SEN unit of the setting.")
    resourced_provision = models.BooleanField(
        default=False, help_text="A resourced provision of the setting."
    )
    recorded_on = models.DateField()
    superseded_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True


class NamedSetting(SettingRecord):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="named_settings")

    class Meta:
        ordering = ["plan", "rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(setting__isnull=False) ^ ~Q(setting_code=""),
                name="named_setting_one_of_setting_or_code",
            )
        ]

    def __str__(self) -> str:
        return f"Setting {self.rank} named in plan {self.plan_id}"


class PlacementQuerySet(models.QuerySet["Placement"]):
    def current(self) -> PlacementQuerySet:
        """Placements not replaced by a correction."""
        return self.filter(superseded_on__isnull=True)


class Placement(SettingRecord):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placements")
    entered_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    residential = models.CharField(max_length=1, choices=RESIDENTIAL, blank=True)
    work_based = models.BooleanField(default=False, help_text="Work-based learning (SEN2 WBP).")

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-entered_on", "rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(setting__isnull=False) ^ ~Q(setting_code=""),
                name="placement_one_of_setting_or_code",
            )
        ]
        indexes = [models.Index(fields=["case", "entered_on"], name="placement_case_idx")]

    def __str__(self) -> str:
        return f"Placement {self.pk} from {self.entered_on:%Y-%m-%d}"

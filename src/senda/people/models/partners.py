"""Partners who work on children's records outside the council: the staff of settings
(several settings a person, several people a setting), advice-giving teams (NHS,
social care, educational psychology), and the grants that let a team see one child's
record for as long as it was asked to help (docs/portal.md, ADR 0016).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from senda.people.models.children import Child
from senda.people.models.places import LocalAuthority, Setting


class SettingMember(models.Model):
    """A person who works for a setting in the portal: a SENCo, the head, the college's
    SEND lead, or an administrator who helps them. A person may belong to several
    settings; a setting has several people, so one SENCo's inbox is not a single point
    of failure."""

    class Position(models.TextChoices):
        SENCO = "senco", "SENCo"
        HEAD = "head", "Headteacher or principal"
        SEND_LEAD = "send_lead", "College SEND lead"
        ADMIN = "admin", "Setting administrator"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="setting_memberships"
    )
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="staff")
    position = models.CharField(max_length=10, choices=Position.choices)
    added_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["setting__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "setting"], name="setting_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_position_display()}, {self.setting}"


class AdviceTeam(models.Model):
    """A team that gives advice for assessments and reviews: community paediatrics,
    speech and language therapy, occupational therapy, CAMHS, social care, the
    educational psychology service. ``discipline`` is the word the clock's advice steps
    carry (``advice_requested`` / ``advice_received``)."""

    class Discipline(models.TextChoices):
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social care", "Social care"
        EDUCATION = "education", "Educational psychology"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="advice_teams")
    name = models.CharField(max_length=200, help_text="For example 'Community paediatrics'.")
    discipline = models.CharField(max_length=20, choices=Discipline.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="advice_teams"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["la", "name"], name="advice_team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class AccessGrantQuerySet(models.QuerySet["AccessGrant"]):
    def active(self, today: date) -> AccessGrantQuerySet:
        """Grants in force ``today``: started, and not yet ended."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)

    def for_user(self, user: object) -> AccessGrantQuerySet:
        """Grants to any team ``user`` belongs to."""
        return self.filter(team__members=user)


class AccessGrant(models.Model):
    """A team may see one child's record because it was asked for advice: from the day
    of the request until ``ends_on`` (open while the request is open; set when it
    closes, a configurable time after). Never deleted: the access list shows ended
    grants too, so a family can see who could see their child's record and when."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="access_grants")
    team = models.ForeignKey(AdviceTeam, on_delete=models.PROTECT, related_name="grants")
    reason = models.CharField(max_length=200, help_text="Plain English, for the access list.")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    objects = AccessGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"Access grant {self.pk}"

    def in_force(self, today: date) -> bool:
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

"""Invitations: the only way into the portal. The council invites a person by email to a
setting (with a position), to an advice-giving team, or as a family member of a child;
the link sets a password, expires, and works once. Only a hash of the token is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.people.models import AdviceTeam, FamilyContact, LocalAuthority, SettingMember
from senda.people.models import Setting as School


class Invitation(models.Model):
    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField()
    name = models.CharField(max_length=200, help_text="How to greet them in the email.")
    setting = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    position = models.CharField(max_length=10, choices=SettingMember.Position.choices, blank=True)
    team = models.ForeignKey(
        AdviceTeam, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    contact = models.ForeignKey(
        FamilyContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        help_text="A family invitation: the parent, carer or young person it is for.",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(setting__isnull=False, team__isnull=True, contact__isnull=True)
                    | models.Q(setting__isnull=True, team__isnull=False, contact__isnull=True)
                    | models.Q(setting__isnull=True, team__isnull=True, contact__isnull=False)
                ),
                name="invitation_to_a_setting_a_team_or_a_family",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation {self.pk}"

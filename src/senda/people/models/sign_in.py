"""Which identity-provider account signs a Senda user in (single sign-on, ADR 0035).

A link is made the first time a staff user signs in through a provider, by matching the
provider's verified email address to the user's; from then on the provider's stable subject
identifier (``sub``, unique per issuer) finds the user, so a changed or reused address at
the provider cannot move an account. Links are kept until a service manager's admin
removes one; they grant nothing: roles and areas come from the user's membership.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SignInLink(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    issuer = models.CharField(max_length=500, help_text="The provider's issuer (iss).")
    subject = models.CharField(
        max_length=255, help_text="The person's identifier at that provider (sub)."
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user", "issuer"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sign_in_link_subject"),
            models.UniqueConstraint(fields=["user", "issuer"], name="sign_in_link_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"

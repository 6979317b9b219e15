"""Who a user is in the partnership: their local authority, role and (for SENCos) setting."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from senda.people.models.places import LocalAuthority, Setting


class Role(models.TextChoices):
    CASE_OFFICER = "case_officer", "Case officer"
    TEAM_MANAGER = "team_manager", "Team manager"
    QA_AUDITOR = "qa_auditor", "QA auditor"
    SERVICE_MANAGER = "service_manager", "Service manager"
    BOARD_MEMBER = "board_member", "Partnership board member"
    SENCO = "senco", "SENCo"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    ADVICE_GIVER = "advice_giver", "Advice-giver"
    FINANCE_OFFICER = "finance_officer", "Finance officer"


#: Roles that may record statutory steps on a case of their own LA.
CASEWORK_WRITE_ROLES = frozenset({Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=20, choices=Role.choices)
    setting = models.ForeignKey(
        Setting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="SENCos only: the setting they work for.",
    )
    caseload_target = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=(
            "Case officers: their own caseload target, for example when part time "
            "(blank = the local area's target)."
        ),
    )

    class Meta:
        ordering = ["la", "role"]
        constraints = [
            # A SENCo sees the cases of their setting's children: without a setting, that
            # would be every case with no setting. Only a SENCo has one (docs/security.md).
            models.CheckConstraint(
                condition=(
                    models.Q(role=Role.SENCO, setting__isnull=False)
                    | (~models.Q(role=Role.SENCO) & models.Q(setting__isnull=True))
                ),
                name="membership_setting_iff_senco",
                violation_error_message="A SENCo, and only a SENCo, has a setting.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.la.code}"

    def clean(self) -> None:
        if (self.role == Role.SENCO) != (self.setting_id is not None):
            raise ValidationError({"setting": "A SENCo, and only a SENCo, has a setting."})

    def can_write_casework(self, la_id: int) -> bool:
        return self.la_id == la_id and self.role in CASEWORK_WRITE_ROLES

"""The disabled children's register: a child known to the disabled children's team
(:class:`DisabledChild`, one row a child and area) and what is recorded about them
(:class:`RegisterRecord`): the referral to the team and its decision, short breaks, direct
payments, social care status (child in need, child protection, looked after) and
complaints about short breaks.

A record is appended and never changed: a correction is a new record that ``replaces``
the one it corrects (kept, no longer current), a withdrawal a replacement marked
``withdrawn``; ``RegisterRecord.objects.current()`` is the one query for what stands.
Written only by ``senda.pathways.disabled.actions``; read only by the roles
``senda.pathways.disabled.access`` names, every read audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.pathways.appended import Appended, AppendedQuerySet


class Kind(models.TextChoices):
    REFERRAL = "referral", "Referral to the disabled children's team"
    SHORT_BREAK = "short_break", "Short break"
    DIRECT_PAYMENT = "direct_payment", "Direct payment"
    STATUS = "status", "Social care status"
    COMPLAINT = "complaint", "Complaint about short breaks"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted by the team"
    NOT_ACCEPTED = "not_accepted", "Not accepted (signposted elsewhere)"


class Route(models.TextChoices):
    LOCAL_OFFER = "local_offer", "Through the short breaks local offer (no assessment)"
    ASSESSED = "assessed", "After a social care assessment"


class BreakType(models.TextChoices):
    DAY = "day", "Day care or activity"
    OVERNIGHT = "overnight", "Overnight stay"
    HOLIDAY = "holiday", "Holiday scheme"
    AFTER_SCHOOL = "after_school", "After-school or weekend club"
    SITTING = "sitting", "Sitting or home-based support"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    CHILD_IN_NEED = "cin", "Child in need"
    CHILD_PROTECTION = "cp", "Child protection plan"
    LOOKED_AFTER = "lac", "Looked after"


class DisabledChildQuerySet(models.QuerySet["DisabledChild"]):
    def of_area(self, la_id: int) -> DisabledChildQuerySet:
        return self.filter(la_id=la_id)


class DisabledChild(models.Model):
    """A child on the area's register (with or without an EHC plan)."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    added_on = models.DateField(help_text="When the child was first known to the team.")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = DisabledChildQuerySet.as_manager()

    class Meta:
        ordering = ["-added_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["la", "child"], name="disabled_child_unique")
        ]

    def __str__(self) -> str:
        return f"Register entry {self.pk}"

    @property
    def reference(self) -> str:
        """How a page names the entry: never the child's name."""
        return f"DC-{self.pk}"


class RegisterRecordQuerySet(AppendedQuerySet):
    def of_area(self, la_id: int) -> RegisterRecordQuerySet:
        return self.filter(entry__la_id=la_id)


class RegisterRecord(Appended):
    """One thing recorded about a child on the register, as recorded: appended, never
    changed. Which fields apply depends on ``kind`` (``actions`` checks them):

    - referral: ``starts_on`` the referral, ``decision`` and ``ends_on`` the decision's date;
    - short break: ``route``, ``break_type``, ``provider``, ``starts_on``–``ends_on``;
    - direct payment: ``provider`` (what it buys), ``starts_on``–``ends_on``;
    - status: ``status``, ``starts_on``–``ends_on`` (open while it lasts);
    - complaint: ``starts_on`` the day received.
    """

    entry = models.ForeignKey(DisabledChild, on_delete=models.PROTECT, related_name="records")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    route = models.CharField(max_length=20, choices=Route.choices, blank=True)
    break_type = models.CharField(max_length=20, choices=BreakType.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=500, blank=True)

    objects = RegisterRecordQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["kind", "starts_on"], name="register_kind_starts_idx")]

    def __str__(self) -> str:
        return f"{self.kind} record {self.pk}"

    def describe(self) -> str:
        """One line for the child's page (never the child's name)."""
        if self.kind == Kind.REFERRAL:
            return f"Referral: {self.get_decision_display() or 'not decided yet'}"
        if self.kind == Kind.SHORT_BREAK:
            what = f"{self.get_break_type_display()}, {self.get_route_display().lower()}"
            return f"Short break: {what}" + (f" ({self.provider})" if self.provider else "")
        if self.kind == Kind.DIRECT_PAYMENT:
            return "Direct payment" + (f": {self.provider}" if self.provider else "")
        if self.kind == Kind.STATUS:
            return self.get_status_display()
        return "Complaint about short breaks"

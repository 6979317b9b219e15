"""A request for an EHC needs assessment made online by a parent or a young person
(Children and Families Act 2014 s36(1)): it waits for the council to check who the family
is. Accepting it records the request on a case (``senda.portal.online_requests``);
rejecting it keeps it, with the reason. A request is never deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models import Case
from senda.people.models import Child, FamilyContact, LocalAuthority
from senda.portal.models.invitations import Invitation


class OnlineRequest(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Waiting to be checked"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Not accepted"

    class Who(models.TextChoices):
        PARENT = "parent", "A parent or carer with parental responsibility"
        YOUNG_PERSON = "young_person", "The young person"

    class Reason(models.TextChoices):
        DUPLICATE = "duplicate", "We have this request already"
        NOT_OUR_AREA = "area", "The child or young person does not live in our area"
        NOT_CHECKED = "identity", "We could not check who you are"
        NO_RIGHT = "right", "The person asking cannot make this request"
        OTHER = "other", "Another reason"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=12, unique=True, editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RECEIVED)
    who = models.CharField(max_length=12, choices=Who.choices)
    requester_name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=50, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    school = models.CharField(max_length=200, blank=True)
    needs = models.TextField()
    tried = models.TextField(blank=True)
    consent_to_share = models.BooleanField(default=False)
    wants_account = models.BooleanField(default=False)
    received_on = models.DateField(help_text="The day the council received the request.")
    submitted_at = models.DateTimeField()
    sender = models.CharField(
        max_length=64, blank=True, editable=False, help_text="A keyed hash of the sender's address."
    )
    identity_checked = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices, blank=True)
    reason_note = models.TextField(blank=True)
    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, null=True, blank=True, related_name="online_requests"
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="online_requests"
    )
    contact = models.ForeignKey(
        FamilyContact, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invitation = models.ForeignKey(
        Invitation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["la", "status"], name="online_request_la_status_idx")]

    def __str__(self) -> str:
        return f"Online request {self.reference}"

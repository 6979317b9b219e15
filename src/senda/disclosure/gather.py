"""Everything Senda holds about one person, found by following the records that point at
theirs: from a child (or young person), every row that refers to the child, to their cases,
and so on (``reverse`` relations, never forward: a case's setting or a QA sample is not
theirs); from a parent, their family contact, and every row their account wrote or is
named in. Generic, so a new model that points at a child is found without this module
knowing of it. The audit log is read separately: who viewed the records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Q

from senda.audit.models import AuditEntry
from senda.people.models import Child, FamilyContact

#: Not the person's records: the log itself (read apart), the register of requests and of
#: disposals (records about handling theirs), sessions and sign-in logs.
SKIPPED = frozenset({"audit.AuditEntry", "disclosure.Request", "retention.Disposal"})
#: How far from the person's record the walk goes (child → case → plan → version → …).
DEPTH = 6


@dataclass
class Gathered:
    """The rows found, by model, in the order found; the person's account, if any."""

    rows: dict[type[models.Model], set[Any]] = field(default_factory=dict)
    account: User | None = None

    def add(self, model: type[models.Model], pks: set[Any]) -> set[Any]:
        if not pks:
            return set()
        have = self.rows.setdefault(model, set())
        new = pks - have
        have |= new
        return new

    def audit(self) -> models.QuerySet[AuditEntry]:
        """Who read, wrote or exported the records found: entries naming the child or
        any of the rows by type and id."""
        about = Q(pk__in=[])
        for model, pks in self.rows.items():
            if model is Child:
                about |= Q(child_id__in=pks)
            ids = [str(pk) for pk in pks]
            about |= Q(object_type=model._meta.label, object_id__in=ids)
        if self.account is not None:
            about |= Q(object_type="auth.User", object_id=str(self.account.pk))
        return AuditEntry.objects.filter(about).select_related("user").order_by("at", "id")


def _senda_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("senda.")]


def _walk(found: Gathered, start: list[tuple[type[models.Model], set[Any]]]) -> None:
    frontier = start
    for _ in range(DEPTH):
        following: list[tuple[type[models.Model], set[Any]]] = []
        for model, pks in frontier:
            for relation in model._meta.related_objects:
                related = relation.related_model
                if relation.many_to_many or related._meta.label in SKIPPED:
                    continue
                if not related.__module__.startswith("senda."):
                    continue
                name = relation.field.name
                rows = related._base_manager.filter(**{f"{name}__in": pks})
                new = found.add(related, set(rows.values_list("pk", flat=True)))
                if new:
                    following.append((related, new))
        if not following:
            return
        frontier = following


def _written_by(found: Gathered, user: User) -> None:
    """Every row of Senda's models naming ``user`` (messages they wrote, surveys they
    answered, files they uploaded, their membership)."""
    for model in _senda_models():
        if model._meta.label in SKIPPED:
            continue
        for fk in model._meta.concrete_fields:
            if fk.is_relation and fk.related_model is User:
                rows = model._base_manager.filter(**{fk.name: user})
                found.add(model, set(rows.values_list("pk", flat=True)))


def about_child(child: Child) -> Gathered:
    """A child's or young person's records, and the young person's own account's rows."""
    found = Gathered()
    found.add(Child, {child.pk})
    _walk(found, [(Child, {child.pk})])
    own = FamilyContact.objects.filter(child=child, is_young_person=True, user__isnull=False)
    account = own.select_related("user").first()
    if account is not None and account.user is not None:
        found.account = account.user
        _written_by(found, account.user)
    return found


def about_parent(contact: FamilyContact) -> Gathered:
    """A parent's or carer's records: their contact record, what hangs off it, and every
    row naming their account."""
    found = Gathered()
    found.add(FamilyContact, {contact.pk})
    _walk(found, [(FamilyContact, {contact.pk})])
    if contact.user is not None:
        found.account = contact.user
        _written_by(found, contact.user)
    return found

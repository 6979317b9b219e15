"""A child's case and its dated statutory steps (case events), the clock's only input."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, IntegerField, Q, Value, When

from senda.casework.clock_input import EVENT_FIELDS, clock_event, clock_events
from senda.clock.model import EVENT_TYPES, Event
from senda.people.school_year import academic_year_start

#: A next deadline within this many days of today is "due soon".
DUE_SOON_DAYS = 14
#: How a case list may be sorted: by key, the columns it orders by.
ORDERINGS: dict[str, list[Any]] = {
    "due": [F("next_due").asc(nulls_last=True), "child__family_name", "pk"],
    "child": ["child__family_name", "child__given_name", "pk"],
    "setting": [F("child__setting__name").asc(nulls_last=True), "child__family_name", "pk"],
    "status": ["status_rank", "child__family_name", "child__given_name", "pk"],
}


class CaseQuerySet(models.QuerySet["Case"]):
    """Case lists (My caseload, all cases, the CSV export, triage): filtered and annotated
    in the database, so a page of rows costs the same number of queries however many rows
    it shows. Every filter takes an id or a code, never a name."""

    def open(self) -> CaseQuerySet:
        return self.filter(status=Case.Status.OPEN)

    def for_area(self, la: Any) -> CaseQuerySet:
        """The cases of the local authority ``la`` (a ``LocalAuthority`` or its id)."""
        return self.filter(la_id=getattr(la, "pk", la))

    def latest_of_children(self, child_ids: Iterable[int]) -> dict[int, int]:
        """``{child id: the child's latest case}`` among these cases (open cases before
        closed, then the latest opened). One query."""
        ids = list(dict.fromkeys(child_ids))
        if not ids:
            return {}
        found: dict[int, int] = {}
        rows = self.filter(child_id__in=ids).order_by("-status", "-opened_on", "-pk")
        for child_id, case_id in rows.values_list("child_id", "pk"):
            found.setdefault(child_id, case_id)  # "open" sorts after "closed": -status first
        return found

    def with_next_deadline(self, today: date) -> CaseQuerySet:
        """Add ``next_status`` and ``status_rank`` from the case's stored next due date.

        ``stage``, ``next_rule`` and ``next_due`` are columns on the case
        (casework/summary.py), kept by every action. ``next_status`` is read from the due
        date, not the stored status, so a row evaluated yesterday still shows as overdue
        today: ``overdue``, ``due-soon``, ``on-track`` or ``none``.
        """
        soon = today + timedelta(days=DUE_SOON_DAYS)
        return self.annotate(
            next_status=models.Case(
                When(next_due__isnull=True, then=Value("none")),
                When(next_due__lt=today, then=Value("overdue")),
                When(next_due__lte=soon, then=Value("due-soon")),
                default=Value("on-track"),
            ),
            status_rank=models.Case(
                When(next_due__isnull=True, then=Value(3)),
                When(next_due__lt=today, then=Value(0)),
                When(next_due__lte=soon, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )

    def filtered(
        self,
        *,
        today: date,
        officer: Any = None,
        stage: str | None = None,
        status: str | None = None,
        setting: Any = None,
        phase: str | None = None,
        need: str | None = None,
        year: str | None = None,
        sort: str | None = None,
    ) -> CaseQuerySet:
        """Cases (``with_next_deadline``) narrowed by each value given, sorted by ``sort``
        (a key of ``ORDERINGS``; next due first if none): ``officer`` and ``setting`` a
        user and a setting (or their ids), ``status`` a ``next_status``, ``year`` a year
        group today (``in_year_group``)."""
        cases = self
        if officer:
            cases = cases.filter(officer=officer)
        if stage:
            cases = cases.filter(stage=stage)
        if status:
            cases = cases.filter(next_status=status)
        if setting:
            cases = cases.filter(child__setting=setting)
        if phase:
            cases = cases.filter(child__setting__phase=phase)
        if need:
            cases = cases.filter(child__primary_need=need)
        if year:
            cases = cases.filter(in_year_group(year, today))
        return cases.sorted_by(sort)

    def sorted_by(self, sort: str | None) -> CaseQuerySet:
        """Sorted by the ``ORDERINGS`` key ``sort`` (next due first if none)."""
        return self.order_by(*ORDERINGS[sort or "due"])


def in_year_group(year: str, today: date) -> Q:
    """Children in national curriculum ``year`` today, by date of birth (see school_year):
    ``early`` (years before Reception), ``0`` (Reception) to ``13``, or ``post19``."""
    start = academic_year_start(today)
    if year == "early":
        return Q(child__date_of_birth__gte=date(start - 4, 9, 1))
    if year == "post19":
        return Q(child__date_of_birth__lte=date(start - 18, 8, 31))
    y = int(year)
    return Q(
        child__date_of_birth__gte=date(start - y - 5, 9, 1),
        child__date_of_birth__lte=date(start - y - 4, 8, 31),
    )


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="cases")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cases")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField()

    # Summary columns, derived (casework/summary.py) whenever the deadlines are refreshed.
    stage = models.CharField(max_length=10, default="requested", editable=False)
    next_rule = models.CharField(max_length=40, blank=True, editable=False)
    next_due = models.DateField(null=True, blank=True, editable=False)
    last_review_on = models.DateField(null=True, blank=True, editable=False)
    plan_started_on = models.DateField(null=True, blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["la", "status"], name="case_la_status_idx"),
            models.Index(fields=["la", "status", "next_due"], name="case_la_next_due_idx"),
            models.Index(
                fields=["officer", "status", "next_due"], name="case_officer_next_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def has_live_plan(self, today: date | None = None) -> bool:
        """Whether the case has a plan current ``today`` (the machine's date if not given):
        not ceased, or ending after today (the plan records decide, as the actions do: a
        plan may predate the recorded events)."""
        return self.plans.live(today).exists()

    def clock_events(self) -> list[Event]:
        """This case's current events (docs/recording-steps.md: corrections) as the clock's
        plain values, in the order they happened."""
        return clock_events(self.events.current().order_by("on", "recorded_at", "id"))


class CaseEventQuerySet(models.QuerySet["CaseEvent"]):
    def current(self) -> CaseEventQuerySet:
        """The events that stand: neither superseded by a correction nor withdrawn. Every
        reader of a case's steps (the clock, summary, triage, next step, KPIs) reads these;
        only the timeline shows the others, struck through."""
        return self.filter(correction__isnull=True)


class CaseEvent(models.Model):
    """One dated statutory step. Only the field named for the type is filled in.

    A recorded event is never changed or deleted: a correction supersedes it with a new
    event, a withdrawal takes it out of the record (``EventCorrection``, linked to it)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=40, choices=[(t, t.replace("_", " ")) for t in EVENT_TYPES])
    on = models.DateField()
    outcome = models.CharField(max_length=20, blank=True)
    discipline = models.CharField(max_length=50, blank=True)
    ground = models.CharField(max_length=40, blank=True)
    applies_to = models.JSONField(null=True, blank=True, help_text="Rule ids; null = default.")
    kind = models.CharField(max_length=10, blank=True)
    last_review = models.DateField(null=True, blank=True)
    source = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="request_received, reassessment_requested: who made the request (SEN2 1–5).",
    )
    cease_reason = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="plan_ceased, cease_decision (to cease): why the plan ceased (SEN2 1–9).",
    )
    move_date = models.DateField(
        null=True, blank=True, help_text="move_out_known: the day of the move (may be ahead)."
    )
    from_la = models.CharField(
        max_length=3,
        blank=True,
        default="",
        help_text="transferred_in: the DfE number of the LA the plan came from (blank: unknown).",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["on", "recorded_at", "id"]
        indexes = [
            models.Index(fields=["case", "on"], name="caseevent_case_on_idx"),
            # The portal's review lists read each case's steps of a few types.
            models.Index(fields=["case", "type", "on"], name="caseevent_case_type_on_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.type} on {self.on:%Y-%m-%d}"

    def as_clock_event(self) -> Event:
        """This step as the clock's event (``casework.clock_input``, the one adapter)."""
        return clock_event(*(getattr(self, name) for name in EVENT_FIELDS))

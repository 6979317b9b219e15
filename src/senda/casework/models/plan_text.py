"""The plan itself: each issued version of an EHC plan (new, amended, after a phase
transfer) with its document and its sections A–K as text, so auditors grade what they read
in Senda and anyone can see what changed between versions. Section E's outcomes are items
in :class:`PlanOutcome` (one model, shared with the review report); early reviews and the
decisions a panel makes that the clock has no step for (placement, top-up band) are kept
here too. Only actions (``casework.actions.plan_text``, ``casework.actions.decisions``)
write them; a version is never edited or deleted: a correction is a new version that
supersedes it (``supersedes``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models.cases import Case
from senda.casework.models.records import Plan

#: The plan's sections (SEND Regulations 2014 reg 12(1)), in order, with what each holds.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("A", "Views, interests and aspirations"),
    ("B", "Special educational needs"),
    ("C", "Health needs"),
    ("D", "Social care needs"),
    ("E", "Outcomes"),
    ("F", "Special educational provision"),
    ("G", "Health provision"),
    ("H1", "Social care provision (Chronically Sick and Disabled Persons Act 1970 s2)"),
    ("H2", "Other social care provision"),
    ("I", "Placement"),
    ("J", "Personal budget"),
    ("K", "Advice and information"),
)
SECTION_LETTERS = tuple(letter for letter, _ in SECTIONS)


class PlanVersion(models.Model):
    class Kind(models.TextChoices):
        NEW = "new", "New plan"
        AMENDED = "amended", "Amended plan"
        PHASE_TRANSFER = "phase_transfer", "Amended at a phase transfer"

    class Source(models.TextChoices):
        TYPED = "typed", "Typed or pasted"
        DOCX = "docx", "Read from a Word document"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plan_versions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    issued_on = models.DateField()
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.TYPED)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        help_text="A corrected version keeps the one it corrects.",
    )
    correction_reason = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "issued_on", "id"]
        indexes = [models.Index(fields=["case", "issued_on"], name="plan_version_case_idx")]

    def __str__(self) -> str:
        return f"Plan version {self.pk}"

    def section_texts(self) -> list[tuple[str, str, str]]:
        """(letter, title, text) of every section A–K, empty text where none is held."""
        held = {s.letter: s.text for s in self.sections.all()}
        return [(letter, title, held.get(letter, "")) for letter, title in SECTIONS]


class PlanSection(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="sections")
    letter = models.CharField(max_length=2, choices=SECTIONS)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "letter"], name="plan_section_once")
        ]

    def __str__(self) -> str:
        return f"Section {self.letter} of plan version {self.version_id}"


class EarlyReview(models.Model):
    """The council brings a plan's review forward (an audit found it needs one, or a
    panel asked): by when, why and who asked. A local decision, not a clock step."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="early_reviews")
    asked_on = models.DateField()
    review_by = models.DateField()
    reason = models.CharField(max_length=500)
    source = models.CharField(max_length=100, help_text="What asked for it, e.g. 'QA audit 12'.")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review_by", "id"]

    def __str__(self) -> str:
        return f"Early review {self.pk}"


class Decision(models.Model):
    """A decision about a case the clock has no step for (a placement named, a top-up
    band), with its reasons: made by a panel or an officer, written by
    ``casework.actions.decisions.record_decision``."""

    class Kind(models.TextChoices):
        PLACEMENT = "placement", "Placement"
        TOP_UP = "top_up", "Top-up funding band"
        PERSONAL_BUDGET = "personal_budget", "Personal budget"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    decided_on = models.DateField()
    decision = models.CharField(max_length=300)
    reasons = models.TextField()
    band = models.CharField(max_length=20, blank=True)
    setting = models.ForeignKey(
        "people.Setting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=100, blank=True, help_text="e.g. 'Panel 4'.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"Decision {self.pk}"

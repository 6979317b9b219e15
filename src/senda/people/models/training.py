"""The workforce: the training register and the establishment (issue 18, ADR 0027, ADR 0029;
docs/workforce.md).

- :class:`Trainee`: a person in the partnership's workforce the register follows — a
  council officer, a therapist, a family help worker, a school's SENCo — by name, service
  and organisation, with the Senda account they use if they have one (most partners' staff
  have none). No child's data is ever held here.
- :class:`Course`: a course or programme (statutory duties, person-centred reviews,
  preparing for adulthood, ND inclusion, advice writing, induction), the services it is for
  and how often it must be refreshed.
- :class:`TrainingSession`: one running of a course, on a date, at a place or online.
- :class:`Attendance`: a person at a session, and their before/after confidence survey.
  Appended; a correction supersedes (``superseded_on``), never deletes.
- :class:`Post`: a planned post in a team's establishment, and when it was filled.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from senda.people.models.places import LocalAuthority


class Service(models.TextChoices):
    """The services the training targets are set for (the city plan's workforce aims)."""

    SEN_ASSESSMENT = "sen_assessment", "SEN assessment and planning"
    REVIEW = "review", "Annual review coordination"
    EPS = "eps", "Educational psychology"
    SALT = "salt", "Speech and language therapy"
    OT = "ot", "Occupational therapy"
    PT = "pt", "Physiotherapy"
    FAMILY_HELP = "family_help", "Family help"
    SOCIAL_CARE = "social_care", "Social care (advice writers)"
    SENCO = "senco", "Schools' SENCos"


class Programme(models.TextChoices):
    STATUTORY = "statutory", "Statutory duties"
    PERSON_CENTRED = "person_centred", "Person-centred reviews"
    PFA = "pfa", "Preparing for adulthood"
    ND_INCLUSION = "nd_inclusion", "Neurodevelopmental inclusion"
    ADVICE_WRITING = "advice_writing", "Advice writing"
    INDUCTION = "induction", "Induction"


class Trainee(models.Model):
    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="trainees")
    name = models.CharField(max_length=200)
    service = models.CharField(max_length=20, choices=Service.choices)
    organisation = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainee_records",
        help_text="Their Senda account, if they have one.",
    )
    started_on = models.DateField(help_text="When they started in the service.")
    left_on = models.DateField(null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="courses")
    name = models.CharField(max_length=200)
    programme = models.CharField(max_length=20, choices=Programme.choices)
    #: Service codes (``Service``) the course is for, comma-separated.
    services = models.CharField(max_length=200)
    refresher_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["la", "name"], name="course_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def service_list(self) -> list[str]:
        return [code for code in self.services.split(",") if code]

    def service_labels(self) -> list[str]:
        labels = dict(Service.choices)
        return [labels.get(code, code) for code in self.service_list]


class TrainingSession(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    on = models.DateField()
    place = models.CharField(max_length=200, help_text="Where, or 'Online'.")
    online = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "pk"]

    def __str__(self) -> str:
        return f"{self.course} on {self.on:%d %B %Y}"


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def current(self) -> AttendanceQuerySet:
        """Attendance as it stands: rows no correction has superseded."""
        return self.filter(superseded_on__isnull=True)

    def of_area(self, la_id: int) -> AttendanceQuerySet:
        return self.filter(session__course__la_id=la_id)


class Attendance(models.Model):
    """``attended`` False: booked and did not come (kept, so the register is honest).
    The survey: confidence from 1 (not at all) to 5 (very) before and after, and whether
    they feel competent and confident to apply it; blank until answered."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="attendances"
    )
    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="attendances")
    attended = models.BooleanField(default=True)
    confidence_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    confidence_after = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    confident_after = models.BooleanField(null=True, blank=True)
    via = models.CharField(max_length=200, blank=True, help_text="The file it came from.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    superseded_on = models.DateField(null=True, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["session", "trainee__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee"],
                condition=Q(superseded_on__isnull=True),
                name="attendance_current_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"Attendance {self.pk}: trainee {self.trainee_id}, session {self.session_id}"


class Post(models.Model):
    """A post in a team's establishment: ``new`` if it is a post added by the improvement
    plan (the "new posts filled" KPI counts those), needed from ``needed_from``; filled on
    ``filled_on`` (by ``filled_by`` if they are in the register); ``ended_on`` if deleted
    from the establishment."""

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="posts")
    team = models.CharField(max_length=20, choices=Service.choices)
    title = models.CharField(max_length=200)
    new = models.BooleanField(default=False)
    needed_from = models.DateField()
    filled_on = models.DateField(null=True, blank=True)
    filled_by = models.ForeignKey(
        Trainee, on_delete=models.PROTECT, null=True, blank=True, related_name="posts"
    )
    ended_on = models.DateField(null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team", "title", "pk"]

    def __str__(self) -> str:
        return self.title

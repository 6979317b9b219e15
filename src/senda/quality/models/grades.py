"""The grade scale every QA record uses (Ofsted's four words, as most councils' audit
tools): stored as a number so grades compare and average, shown as words."""

from __future__ import annotations

from django.db import models


class Grade(models.IntegerChoices):
    OUTSTANDING = 4, "Outstanding"
    GOOD = 3, "Good"
    REQUIRES_IMPROVEMENT = 2, "Requires improvement"
    INADEQUATE = 1, "Inadequate"


class Organisation(models.TextChoices):
    """Which part of the partnership an auditor comes from (a school counts as education
    for representation)."""

    EDUCATION = "education", "Education (council SEND service)"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    SCHOOL = "school", "School or college"


class Met(models.TextChoices):
    """An auditor's judgement of one criterion."""

    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "na", "Does not apply"

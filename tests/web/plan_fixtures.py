"""A small improvement plan for the plan pages' tests (all data synthetic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from senda.improvement.models import (
    Action,
    ActionUpdate,
    Aim,
    ImprovementArea,
    ImprovementPlan,
    Milestone,
    Rating,
)
from tests.factories import Personas, make_action, make_area, make_partner, make_plan


@dataclass
class SamplePlan:
    plan: ImprovementPlan
    area: ImprovementArea
    empty_area: ImprovementArea
    rated: Action  # red then amber, one overdue milestone, two updates
    green: Action  # green, a milestone done
    unrated: Action  # not rated, timescale unresolved, a milestone due soon


def rate(action: Action, value: str, on: date, rationale: str = "", suggested: str = "") -> Rating:
    return Rating.objects.create(
        action=action,
        value=value,
        rated_on=on,
        rationale=rationale or f"Rated {value}",
        suggested=suggested,
    )


def make_sample_plan(personas: Personas) -> SamplePlan:
    today = timezone.localdate()
    plan = make_plan(personas.la, title="Testshire SEND improvement plan")
    area = make_area(
        plan,
        title="Timeliness of EHC needs assessments",
        lead="Director of Education",
        context="Families wait too long for assessments.",
        co_production="Designed with the parent carer forum.",
    )
    Aim.objects.create(area=area, number=1, text="Assessments finish within 20 weeks")
    empty = make_area(plan, title="Preparing for adulthood")
    rated = make_action(
        area,
        what="Recruit two more educational psychologists",
        how="• Advertise the posts\n• Interview candidates\n",
        kpi_ids=["final-plan-20w", "pfa-outcomes"],
        measures="Vacancies filled by March",
        lead="Head of SEND",
        lead_user=personas.team_manager,
        evidence="Recruitment plan\nhttps://example.org/plan",
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=100),
    )
    rated.partners.add(make_partner(plan, name="Testshire ICB"))
    rate(rated, "red", today - timedelta(days=20), "Posts not advertised")
    rate(rated, "amber", today - timedelta(days=5), "Advertised, one interview late", "red")
    Milestone.objects.create(
        action=rated, title="Posts advertised", due_on=today - timedelta(days=3)
    )
    ActionUpdate.objects.create(action=rated, on=today - timedelta(days=9), text="First update")
    ActionUpdate.objects.create(action=rated, on=today - timedelta(days=2), text="Second update")
    green = make_action(area, what="Weekly panel for decisions", lead="Panel chair")
    rate(green, "green", today - timedelta(days=1), "Panel meets weekly", "green")
    Milestone.objects.create(
        action=green, title="Panel set up", due_on=today - timedelta(days=30), done_on=today
    )
    unrated = make_action(
        area,
        what="Refresh the local offer",
        timescale="Ongoing through 26-28",
        starts_on=None,
        ends_on=None,
        timescale_resolved=False,
    )
    Milestone.objects.create(
        action=unrated, title="Draft shared", due_on=today + timedelta(days=10)
    )
    return SamplePlan(plan, area, empty, rated, green, unrated)

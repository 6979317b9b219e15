"""The quality audit of neurodevelopmental needs profiles, on the QA room's machinery: a
versioned framework (``Framework`` of subject ``profile``; the default below, installed
on first use and then edited like any framework), a reproducible random sample of
submitted profiles, and each graded criterion by criterion with the grade computed by
``quality.grading``. A profile **meets the standard** when its grade is Good or
Outstanding. A grading is final once recorded (a sample item is graded once).

    drawn = sample_profiles(la=la, count=5, by=lead, seed=7)
    grade_profile(audit=drawn[0], judgements={criterion_id: ("met", "")}, feedback="…", by=lead)

``portal.NeedsProfile`` lives in the portal (what settings do); quality may import the
portal (docs/architecture.md), so it reads the profiles directly.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import transaction

from senda import audit as audit_log
from senda import kernel
from senda.kernel import WHOLE_FORM, ActionError
from senda.people.models import LocalAuthority
from senda.portal.models import NeedsProfile
from senda.quality import grading
from senda.quality.advice import FEEDBACK_MAX, SAMPLE_MAX, _clean_judgements, check_lead, draw
from senda.quality.defaults import C, D, _write
from senda.quality.models import Framework, Grade, ProfileAudit, ProfileJudgement

__all__ = ["PROFILE", "PROFILE_NAME", "grade_profile", "profile_framework", "sample_profiles"]

PROFILE_NAME = "Neurodevelopmental needs profile quality framework"

PROFILE: tuple[D, ...] = (
    D(
        "evidence",
        "Needs described with evidence",
        "",
        (
            C(
                "observed",
                "Needs are described from what staff have seen, with examples and settings",
                "Says when and where, how often, and compares with children of the same age.",
                "2",
            ),
            C(
                "strengths",
                "The child's strengths and interests are described",
                "Begins with what the child enjoys and does well.",
            ),
        ),
    ),
    D(
        "graduated",
        "Support tried first",
        "",
        (
            C(
                "support-tried",
                "The support already given is described, for how long, and what changed",
                "At least one full assess, plan, do, review cycle, with its effect.",
                "2",
            ),
        ),
    ),
    D(
        "voice",
        "The child's and family's views",
        "",
        (
            C(
                "child-voice",
                "The child's own views are recorded",
                "In the child's words, or how they were gathered.",
            ),
            C(
                "family-consent",
                "The parents' or carers' views and agreement are recorded",
                "Says the family has seen the profile and agrees to the referral.",
            ),
        ),
    ),
)


def profile_framework(la: LocalAuthority, by: Any, today: date) -> Framework:
    """The profile framework in use in ``la``; the default installed (published) if none."""
    found = (
        Framework.objects.filter(
            la=la, subject=Framework.Subject.PROFILE, status=Framework.Status.PUBLISHED
        )
        .order_by("-version", "-id")
        .first()
    )
    if found is not None:
        return found
    if Framework.objects.filter(la=la, subject=Framework.Subject.PROFILE).exists():
        raise ActionError(WHOLE_FORM, "Publish the needs profile framework first.")
    framework = Framework.objects.create(
        la=la,
        subject=Framework.Subject.PROFILE,
        name=PROFILE_NAME,
        status=Framework.Status.PUBLISHED,
        created_by=by,
        published_on=today,
    )
    _write(framework, PROFILE)
    audit_log.record(
        user=by,
        verb="write",
        obj=framework,
        la_id=la.pk,
        summary=f"framework {framework.pk}: default installed",
    )
    return framework


@transaction.atomic
def sample_profiles(
    *,
    la: LocalAuthority,
    count: int,
    by: Any,
    seed: int | None = None,
    today: date | None = None,
) -> list[ProfileAudit]:
    """Draw ``count`` submitted profiles of ``la`` (current ones, not sampled before) at
    random with ``seed`` (a new one if not given), and open an audit of each."""
    today = today or kernel.today()
    check_lead(by, la, "draw a sample of needs profiles")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= SAMPLE_MAX:
        raise ActionError("count", f"Enter a number from 1 to {SAMPLE_MAX}.")
    if seed is not None and (isinstance(seed, bool) or not 0 <= seed < 2**31):
        raise ActionError("seed", "Enter a seed from 0 to 2147483647, or leave it blank.")
    framework = profile_framework(la, by, today)
    seed = secrets.randbelow(2**31) if seed is None else seed
    frame = list(
        NeedsProfile.objects.filter(la=la)
        .submitted()
        .exclude(quality_audits__isnull=False)
        .values_list("pk", flat=True)
    )
    if not frame:
        raise ActionError("count", "There is no submitted profile left to audit.")
    chosen = draw(frame, count, seed)
    profiles = NeedsProfile.objects.select_related("child").in_bulk(chosen)
    drawn = []
    for pk in chosen:
        reason = f"Drawn at random (seed {seed}, {len(chosen)} of {len(frame)})"
        item = ProfileAudit.objects.create(
            la=la,
            profile_id=pk,
            framework=framework,
            sampled_on=today,
            seed=seed,
            reason=reason,
            auditor=by,
        )
        audit_log.record(
            user=by,
            verb="write",
            obj=item,
            child=profiles[pk].child,
            la_id=la.pk,
            summary=f"profile audit {item.pk}: needs profile {pk} {reason.lower()}",
        )
        drawn.append(item)
    return drawn


@transaction.atomic
def grade_profile(
    *,
    audit: ProfileAudit,
    judgements: dict[int, tuple[str, str]],
    feedback: str,
    by: Any,
    today: date | None = None,
) -> ProfileAudit:
    """Judge every criterion of the audit's framework (criterion id → (met, evidence)); the
    grade is computed, and the profile meets the standard when it is Good or Outstanding.
    Recorded once: a graded audit does not change."""
    today = today or kernel.today()
    check_lead(by, audit.la, "audit needs profiles")
    audit = (
        ProfileAudit.objects.select_for_update().select_related("profile__child").get(pk=audit.pk)
    )
    if audit.graded_on is not None:
        raise ActionError(WHOLE_FORM, "This profile has been graded already.")
    clean = _clean_judgements(audit.framework, judgements)
    feedback = (feedback or "").strip()
    if len(feedback) > FEEDBACK_MAX:
        raise ActionError("feedback", f"The feedback must be {FEEDBACK_MAX:,} characters or fewer.")
    result = grading.compute(
        grading.spec_of(audit.framework), {pk: met for pk, (met, _) in clean.items()}
    )
    if result.overall is None:
        raise ActionError(WHOLE_FORM, "At least one criterion must apply to this profile.")
    ProfileJudgement.objects.bulk_create(
        ProfileJudgement(audit=audit, criterion_id=pk, met=met, evidence=evidence)
        for pk, (met, evidence) in sorted(clean.items())
    )
    audit.grade = result.overall
    audit.meets_standard = result.overall >= Grade.GOOD
    audit.graded_on = today
    audit.feedback = feedback
    audit.save()
    audit_log.record(
        user=by,
        verb="write",
        obj=audit,
        child=audit.profile.child,
        la_id=audit.la_id,
        summary=f"profile audit {audit.pk}: graded {audit.grade}, {len(clean)} criteria",
    )
    return audit

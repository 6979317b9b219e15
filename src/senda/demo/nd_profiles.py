"""The demo area's ND needs profiles (issue 18; docs/pathways.md "Needs profiles"): the
default form installed, five pilot settings (the SENCo persona's school among them), a
profile submitted a few weeks before most school referrals from the pilot settings in the
last nine months (some referrals without one), each naming its referral, a draft or two
in progress at the persona's school, a graded sample of a dozen profiles (most meeting
the standard), and the parent persona's child on the autism list (accepted, waiting about
30 weeks) so their Assessments page has something to say. Rows go in directly
(``senda.rows``), from their own random stream.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from django.contrib.auth.models import User

from senda.pathways.models import Referral, ReferralStep
from senda.pathways.steps import Fact, projection
from senda.people.families import family_children
from senda.people.models import LocalAuthority
from senda.portal.models import NeedsProfile, ProfileAnswer, ProfilePilot, ProfileQuestion
from senda.portal.profiles import install_defaults
from senda.quality.models import Criterion, ProfileAudit, ProfileJudgement
from senda.quality.profiles import profile_framework
from senda.rows import insert_rows, unsaved, update_rows

MONTHS = 9
PILOTS = 5
ANSWER = "Seen in class and at break over the half term; the family agrees."


def write_nd_profiles(
    *, seed: int, la: LocalAuthority, today: date, senco: User, lead: User, parent: User
) -> int:
    """Write the profiles of ``la``; how many."""
    rng = Random(f"{seed}-nd-profiles")
    install_defaults(la)
    questions = list(ProfileQuestion.objects.filter(section__la=la).values_list("pk", "text"))
    home = senco.membership.setting_id  # type: ignore[attr-defined]
    since = today - timedelta(days=30 * MONTHS)
    referrals = list(
        Referral.objects.filter(la=la, source="school", referred_on__gte=since)
        .exclude(setting_id=None)
        .order_by("pk")
    )
    busiest: dict[int, int] = {}
    for r in referrals:
        busiest[r.setting_id] = busiest.get(r.setting_id, 0) + 1  # type: ignore[index]
    pilots = [home] + [s for s, _ in sorted(busiest.items(), key=lambda x: -x[1]) if s != home]
    pilots = pilots[:PILOTS]
    insert_rows(
        unsaved(ProfilePilot, la_id=la.pk, setting_id=s, joined_on=since, left_on=None)
        for s in pilots
    )
    chosen = [r for r in referrals if r.setting_id in pilots and rng.random() < 0.85]
    profiles = [
        unsaved(
            NeedsProfile,
            la_id=la.pk,
            child_id=r.child_id,
            setting_id=r.setting_id,
            status="submitted",
            supersedes_id=None,
            why="",
            started_on=r.referred_on - timedelta(days=rng.randint(30, 60)),
            started_by_id=senco.pk,
            submitted_on=r.referred_on - timedelta(days=rng.randint(3, 25)),
            submitted_by_id=senco.pk,
        )
        for r in chosen
    ]
    drafts = list(
        Referral.objects.filter(la=la, setting_id=home).values_list("child_id", flat=True)[:2]
    )
    profiles += [
        unsaved(
            NeedsProfile,
            la_id=la.pk,
            child_id=child,
            setting_id=home,
            status="draft",
            supersedes_id=None,
            why="",
            started_on=today - timedelta(days=5),
            started_by_id=senco.pk,
            submitted_on=None,
            submitted_by_id=None,
        )
        for child in drafts
    ]
    insert_rows(profiles, ids_where={"la_id": la.pk})
    insert_rows(
        unsaved(
            ProfileAnswer,
            profile_id=p.pk,
            question_id=q,
            asked=text,
            text=ANSWER,
            saved_by_id=senco.pk,
        )
        for p in profiles
        for n, (q, text) in enumerate(questions)
        if p.status == "submitted" or n < 4
    )
    for r, p in zip(chosen, profiles, strict=False):
        r.profile_id = p.pk
    update_rows(chosen, ["profile"])
    _audits(rng, la, today, lead, [p for p in profiles if p.status == "submitted"])
    _parents_child(la, today, parent, senco)
    return len(profiles)


def _parents_child(la: LocalAuthority, today: date, parent: User, by: User) -> None:
    child = family_children(parent, today).order_by("pk").first()
    if child is None or Referral.objects.filter(child=child, pathway="autism").exists():
        return
    on = today - timedelta(weeks=30)
    facts = [
        Fact("referred", on, source="school", setting_id=child.setting_id),
        Fact("accepted", on + timedelta(days=20)),
    ]
    referral = Referral.objects.create(la=la, child=child, pathway="autism", **projection(facts))
    insert_rows(
        unsaved(
            ReferralStep,
            referral_id=referral.pk,
            type=f.type,
            on=f.on,
            source=f.source,
            setting_id=f.setting_id,
            reason="",
            outcome="",
            replaces_id=None,
            withdrawn=False,
            why="",
            via="demo",
            recorded_by_id=by.pk,
        )
        for f in facts
    )


def _audits(
    rng: Random, la: LocalAuthority, today: date, lead: User, profiles: list[NeedsProfile]
) -> None:
    if not profiles:
        return
    framework = profile_framework(la, lead, today)
    criteria = list(
        Criterion.objects.filter(domain__framework=framework).values_list("pk", flat=True)
    )
    sample = rng.sample(profiles, min(12, len(profiles)))
    audits = []
    judgements = []
    for p in sample:
        assert p.submitted_on is not None
        sampled = min(today, p.submitted_on + timedelta(days=rng.randint(10, 40)))
        good = rng.random() < 0.8
        audits.append(
            unsaved(
                ProfileAudit,
                la_id=la.pk,
                profile_id=p.pk,
                framework_id=framework.pk,
                sampled_on=sampled,
                seed=None,
                reason="Drawn at random (demo)",
                auditor_id=lead.pk,
                graded_on=sampled,
                grade=4 if good else 2,
                meets_standard=good,
                feedback="",
            )
        )
        judgements.append("met" if good else "partly")
    insert_rows(audits, ids_where={"la_id": la.pk})
    insert_rows(
        unsaved(ProfileJudgement, audit_id=a.pk, criterion_id=c, met=met, evidence="")
        for a, met in zip(audits, judgements, strict=True)
        for c in criteria
    )

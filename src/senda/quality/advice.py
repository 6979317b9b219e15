"""Advice moderation: a sample of professionals' advice (answered advice requests from the
portal, or an uploaded file) graded against the advice framework of its discipline, with
written feedback delivered to the advice-giver's team through the portal (recorded as
read when a member opens it), learning themes, and repeat sampling after feedback.

    drawn = sample_advice(la=la, discipline="health", count=5, by=lead, seed=7)
    moderate_advice(moderation=m, judgements={criterion_id: ("met", "")}, themes=["clear"],
                    good_practice=False, feedback="…", by=lead)
    send_feedback(moderation=m, by=lead)        # the team sees it in the portal
    mark_read(moderation=m, by=member)          # when a member opens it

**Meets the criteria** means the computed grade (``quality.grading``, from every criterion
of the discipline's framework) is Good or Outstanding. Every write is audited by ids. Why a
piece of advice is in the sample is recorded on the moderation (``reason``; ``seed`` for a
random draw) when it is sampled; ``moderated_on`` is the day it was first moderated.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from senda import audit as audit_log
from senda import kernel
from senda.casework.models import Case
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_permission, required_text
from senda.people.models import AdviceTeam, LocalAuthority
from senda.people.names import display_name
from senda.portal import notify
from senda.portal.models import AdviceRequest, Upload
from senda.quality import grading
from senda.quality.access import qa_lead
from senda.quality.models import (
    ADVICE_THEMES,
    AdviceJudgement,
    AdviceModeration,
    Criterion,
    Framework,
    Grade,
    Met,
)

__all__ = [
    "DISCIPLINES",
    "EVIDENCE_MAX",
    "FEEDBACK_MAX",
    "SAMPLE_MAX",
    "Share",
    "add_advice",
    "advice_framework",
    "check_lead",
    "counts_by_discipline",
    "draw",
    "feedback_for",
    "improved_after_feedback",
    "mark_read",
    "meeting_criteria",
    "moderate_advice",
    "moderated_with_feedback",
    "reason_of",
    "resample",
    "sample_advice",
    "send_feedback",
]

#: The disciplines advice is moderated by (the advice teams' disciplines).
DISCIPLINES: dict[str, str] = dict(AdviceTeam.Discipline.choices)
THEMES: dict[str, str] = dict(ADVICE_THEMES)
FEEDBACK_MAX = 4000
EVIDENCE_MAX = 4000
#: The most pieces of advice one draw takes.
SAMPLE_MAX = 200


@dataclass(frozen=True, slots=True)
class Share:
    """``count`` of ``of`` (a KPI's numerator and denominator)."""

    count: int
    of: int

    @property
    def percent(self) -> Decimal | None:
        """The share as a percentage to one decimal place; None when ``of`` is 0."""
        if not self.of:
            return None
        return (Decimal(100) * self.count / self.of).quantize(Decimal("0.1"))


#: ``reason`` of advice the QA lead adds on purpose.
ADDED_BY_LEAD = "Added by the QA lead"
#: What ``reason_of`` says when no reason was recorded.
NO_REASON = "Added to the sample."


def _write(by: Any, moderation: AdviceModeration, summary: str) -> None:
    audit_log.record(
        user=by,
        verb="write",
        obj=moderation,
        child=moderation.case.child,
        summary=summary,
        la_id=moderation.la_id,
    )


def check_lead(by: Any, la: LocalAuthority, what: str) -> None:
    lead = qa_lead(by)
    check_permission(
        lead is not None and lead.la_id == la.pk, f"Only a QA lead of this area can {what}."
    )


def advice_framework(la: LocalAuthority, discipline: str) -> Framework | None:
    """The advice framework of ``discipline`` in use in ``la`` (its latest published
    version), or None."""
    return (
        Framework.objects.filter(
            la=la,
            subject=Framework.Subject.ADVICE,
            discipline=discipline,
            status=Framework.Status.PUBLISHED,
        )
        .order_by("-version", "-published_on", "-id")
        .first()
    )


def _moderated_requests() -> QuerySet[AdviceModeration]:
    return AdviceModeration.objects.filter(advice_request__isnull=False).values("advice_request")


def draw(frame: list[int], count: int, seed: int) -> list[int]:
    """``count`` ids drawn at random from ``frame`` (sorted first), reproducibly: the same
    frame and seed always give the same ids, in the same order."""
    ordered = sorted(frame)
    return random.Random(seed).sample(ordered, min(count, len(ordered)))


def _frameworks(la: LocalAuthority, discipline: str | None) -> dict[str, Framework]:
    wanted = [discipline] if discipline else list(DISCIPLINES)
    found = {d: advice_framework(la, d) for d in wanted}
    frameworks = {d: f for d, f in found.items() if f is not None}
    if discipline and not frameworks:
        raise ActionError(
            "discipline",
            f"There is no {DISCIPLINES[discipline].lower()} advice framework in use: "
            "publish one first.",
        )
    if not frameworks:
        raise ActionError("discipline", "There is no advice framework in use: publish one first.")
    return frameworks


@transaction.atomic
def sample_advice(
    *,
    la: LocalAuthority,
    discipline: str | None,
    count: int,
    by: Any,
    seed: int | None = None,
    today: date | None = None,
) -> list[AdviceModeration]:
    """Draw ``count`` pieces of answered advice of ``la`` (of ``discipline``, or of every
    discipline with a framework in use) not moderated before, at random with ``seed`` (a
    new one if not given), and open a moderation of each against its discipline's
    framework. The seed and the frame are recorded in each moderation's first audit entry
    (``reason_of``), so the draw can be repeated."""
    today = today or kernel.today()
    check_lead(by, la, "draw a sample of advice")
    if discipline:
        check_choice(discipline, DISCIPLINES, "discipline", "a discipline")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= SAMPLE_MAX:
        raise ActionError("count", f"Enter a number from 1 to {SAMPLE_MAX}.")
    if seed is not None and (isinstance(seed, bool) or not 0 <= seed < 2**31):
        raise ActionError("seed", "Enter a seed from 0 to 2147483647, or leave it blank.")
    frameworks = _frameworks(la, discipline or None)
    seed = secrets.randbelow(2**31) if seed is None else seed
    frame = list(
        AdviceRequest.objects.filter(
            case__la=la,
            status=AdviceRequest.Status.ANSWERED,
            team__discipline__in=list(frameworks),
        )
        .exclude(pk__in=_moderated_requests())
        .values_list("pk", flat=True)
    )
    if not frame:
        raise ActionError("count", "There is no answered advice left to moderate.")
    chosen = draw(frame, count, seed)
    requests = AdviceRequest.objects.select_related("case__child", "team").in_bulk(chosen)
    drawn = []
    for pk in chosen:
        request = requests[pk]
        moderation = AdviceModeration.objects.create(
            la=la,
            case=request.case,
            advice_request=request,
            team=request.team,
            discipline=request.team.discipline,
            framework=frameworks[request.team.discipline],
            sampled_on=today,
            seed=seed,
            reason=f"Drawn at random (seed {seed}, {len(chosen)} of {len(frame)}) "
            f"from advice request {pk}",
            moderator=by,
        )
        _write(
            by,
            moderation,
            f"advice moderation {moderation.pk}: drawn at random (seed {seed}, "
            f"{len(chosen)} of {len(frame)}) from advice request {pk}",
        )
        drawn.append(moderation)
    return drawn


@transaction.atomic
def add_advice(
    *,
    la: LocalAuthority,
    case: Case,
    team: AdviceTeam,
    by: Any,
    advice_request: AdviceRequest | None = None,
    upload: Upload | None = None,
    today: date | None = None,
) -> AdviceModeration:
    """Add one piece of advice to moderate on purpose: an answered request chosen by the QA
    lead, or a file of advice uploaded to the case (both may be given when the file came
    with the request). ``case`` and ``team`` must be of ``la``."""
    today = today or kernel.today()
    check_lead(by, la, "add advice to moderate")
    if case.la_id != la.pk:
        raise ActionError("case", "Choose a case of this area.")
    if team.la_id != la.pk:
        raise ActionError("team", "Choose one of this area's advice teams.")
    if advice_request is None and upload is None:
        raise ActionError(WHOLE_FORM, "Choose the advice: an answered request or a file.")
    if advice_request is not None:
        if advice_request.case_id != case.pk or advice_request.team_id != team.pk:
            raise ActionError("advice_request", "Choose advice this team gave on this case.")
        if advice_request.status != AdviceRequest.Status.ANSWERED:
            raise ActionError("advice_request", "Choose advice the team has sent.")
        if AdviceModeration.objects.filter(advice_request=advice_request).exists():
            raise ActionError("advice_request", "This advice has been moderated already.")
    if upload is not None:
        if upload.case_id != case.pk:
            raise ActionError("upload", "Choose a file of this case.")
        if advice_request is not None and upload.advice_request_id not in (None, advice_request.pk):
            raise ActionError("upload", "Choose a file sent with this advice.")
    framework = _frameworks(la, team.discipline)[team.discipline]
    moderation = AdviceModeration.objects.create(
        la=la,
        case=case,
        advice_request=advice_request,
        upload=upload,
        team=team,
        discipline=team.discipline,
        framework=framework,
        sampled_on=today,
        moderator=by,
        reason=ADDED_BY_LEAD,
    )
    source = [f"advice request {advice_request.pk}"] if advice_request else []
    source += [f"upload {upload.pk}"] if upload else []
    _write(by, moderation, f"advice moderation {moderation.pk}: chosen ({', '.join(source)})")
    return moderation


def _locked(moderation: AdviceModeration) -> AdviceModeration:
    return (
        AdviceModeration.objects.select_for_update()
        .select_related("case__child", "team", "framework", "la")
        .get(pk=moderation.pk)
    )


def _clean_judgements(
    framework: Framework, judgements: dict[int, tuple[str, str]]
) -> dict[int, tuple[str, str]]:
    criteria = set(
        Criterion.objects.filter(domain__framework=framework).values_list("pk", flat=True)
    )
    missing = criteria - set(judgements)
    if missing:
        raise ActionError(WHOLE_FORM, f"Judge every criterion ({len(missing)} left).")
    if set(judgements) - criteria:
        raise ActionError(WHOLE_FORM, "Judge only the criteria of this advice's framework.")
    clean = {}
    for pk, (met, evidence) in judgements.items():
        check_choice(met, Met.values, f"met_{pk}", "whether the criterion is met")
        evidence = (evidence or "").strip()
        if len(evidence) > EVIDENCE_MAX:
            raise ActionError(
                f"evidence_{pk}", f"The evidence must be {EVIDENCE_MAX:,} characters or fewer."
            )
        clean[pk] = (met, evidence)
    return clean


def _clean_themes(themes: list[str]) -> list[str]:
    for theme in themes:
        check_choice(theme, THEMES, "themes", "a theme")
    return [code for code in THEMES if code in set(themes)]


@transaction.atomic
def moderate_advice(
    *,
    moderation: AdviceModeration,
    judgements: dict[int, tuple[str, str]],
    themes: list[str],
    good_practice: bool,
    feedback: str,
    by: Any,
    today: date | None = None,
) -> AdviceModeration:
    """Judge every criterion of the moderation's framework (criterion id → (met, evidence);
    met is met, partly, not_met or na), tag learning themes, mark good practice and write
    the feedback (plain text, up to 4,000 characters). The grade is computed by
    ``quality.grading``; ``meets_criteria`` is True when it is Good or Outstanding. May be
    done again until the feedback is sent; never after."""
    today = today or kernel.today()
    check_lead(by, moderation.la, "moderate advice")
    moderation = _locked(moderation)
    if moderation.feedback_sent_on is not None:
        raise ActionError(WHOLE_FORM, "The feedback has been sent: this moderation cannot change.")
    clean = _clean_judgements(moderation.framework, judgements)
    codes = _clean_themes(themes)
    feedback = required_text(feedback, "feedback", "Write the feedback to the advice-giver.")
    if len(feedback) > FEEDBACK_MAX:
        raise ActionError("feedback", f"The feedback must be {FEEDBACK_MAX:,} characters or fewer.")
    result = grading.compute(
        grading.spec_of(moderation.framework), {pk: met for pk, (met, _) in clean.items()}
    )
    if result.overall is None:
        raise ActionError(WHOLE_FORM, "At least one criterion must apply to this advice.")
    AdviceJudgement.objects.filter(moderation=moderation).delete()
    AdviceJudgement.objects.bulk_create(
        AdviceJudgement(moderation=moderation, criterion_id=pk, met=met, evidence=evidence)
        for pk, (met, evidence) in sorted(clean.items())
    )
    moderation.grade = result.overall
    moderation.meets_criteria = result.overall >= Grade.GOOD
    moderation.themes = codes
    moderation.good_practice = bool(good_practice)
    moderation.feedback = feedback
    # the day it was first moderated: saving it again (before the feedback) keeps that day
    moderation.moderated_on = moderation.moderated_on or today
    moderation.save()
    _write(
        by,
        moderation,
        f"advice moderation {moderation.pk}: moderated, grade {moderation.grade}, "
        f"{len(clean)} criteria",
    )
    return moderation


def feedback_link(moderation: AdviceModeration) -> str:
    path = reverse("web:portal-advice-feedback-item", kwargs={"moderation_id": moderation.pk})
    return notify.site_link(path)


@transaction.atomic
def send_feedback(
    *, moderation: AdviceModeration, by: Any, today: date | None = None
) -> AdviceModeration:
    """Send the feedback to the advice-giver's team: its members see it on their portal
    feedback page, and each member with an email address gets an ``advice_feedback``
    message (no child's name: the case reference and a link). Sending twice changes
    nothing."""
    today = today or kernel.today()
    check_lead(by, moderation.la, "send feedback")
    moderation = _locked(moderation)
    if moderation.feedback_sent_on is not None:
        return moderation
    if moderation.moderated_on is None:
        raise ActionError(WHOLE_FORM, "Moderate the advice and write the feedback first.")
    moderation.feedback_sent_on = today
    moderation.save(update_fields=["feedback_sent_on"])
    _write(by, moderation, f"advice moderation {moderation.pk}: feedback sent")
    for member in moderation.team.members.exclude(email="").order_by("pk"):
        notify.send(
            la=moderation.la,
            to=member.email,
            template="advice_feedback",
            personalisation={
                "name": display_name(member),
                "council": moderation.la.name,
                "team": moderation.team.name,
                "reference": notify.case_reference(moderation.case),
                "link": feedback_link(moderation),
            },
            user=member,
            case=moderation.case,
            dedupe_key=f"advice_feedback:{moderation.pk}:{member.pk}",
            by=by,
        )
    return moderation


@transaction.atomic
def mark_read(
    *, moderation: AdviceModeration, by: Any, today: date | None = None
) -> AdviceModeration:
    """A member of the team opened the feedback: the first opening is recorded as the day
    it was delivered (``feedback_read_on``); later openings change nothing."""
    today = today or kernel.today()
    check_permission(
        moderation.team.members.filter(pk=getattr(by, "pk", None)).exists(),
        "Only a member of the team can read this feedback.",
    )
    moderation = _locked(moderation)
    if moderation.feedback_sent_on is None:
        raise ActionError(WHOLE_FORM, "This feedback has not been sent.")
    if moderation.feedback_read_on is None:
        moderation.feedback_read_on = today
        moderation.save(update_fields=["feedback_read_on"])
        _write(by, moderation, f"advice moderation {moderation.pk}: feedback read")
    return moderation


@transaction.atomic
def resample(
    *,
    earlier: AdviceModeration,
    advice_request: AdviceRequest,
    by: Any,
    today: date | None = None,
) -> AdviceModeration:
    """Repeat sampling: moderate a later piece of the same team's advice, answered on or
    after the day the feedback was sent, to see whether it improved (``resample_of``)."""
    today = today or kernel.today()
    check_lead(by, earlier.la, "sample advice again")
    earlier = AdviceModeration.objects.select_related("team", "la").get(pk=earlier.pk)
    if earlier.feedback_sent_on is None:
        raise ActionError(WHOLE_FORM, "Send the feedback before sampling this team again.")
    if advice_request.team_id != earlier.team_id:
        raise ActionError("advice_request", "Choose advice from the same team.")
    if advice_request.status != AdviceRequest.Status.ANSWERED or (
        advice_request.answered_on is None or advice_request.answered_on < earlier.feedback_sent_on
    ):
        raise ActionError(
            "advice_request", "Choose advice the team sent on or after the day of the feedback."
        )
    if AdviceModeration.objects.filter(advice_request=advice_request).exists():
        raise ActionError("advice_request", "This advice has been moderated already.")
    framework = _frameworks(earlier.la, earlier.team.discipline)[earlier.team.discipline]
    moderation = AdviceModeration.objects.create(
        la=earlier.la,
        case=advice_request.case,
        advice_request=advice_request,
        team=earlier.team,
        discipline=earlier.team.discipline,
        framework=framework,
        sampled_on=today,
        moderator=by,
        resample_of=earlier,
        reason=f"Sampled again after feedback on moderation {earlier.pk}",
    )
    _write(
        by,
        moderation,
        f"advice moderation {moderation.pk}: repeat sampling after moderation {earlier.pk} "
        f"(advice request {advice_request.pk})",
    )
    return moderation


# --- Reads ------------------------------------------------------------------------------


def reason_of(moderation: AdviceModeration) -> str:
    """Why the advice is in the sample, as recorded when it was sampled (``reason``: the
    draw, the QA lead adding it, or sampling again after feedback); a moderation with none
    recorded gets a plain sentence, never the audit trail's wording."""
    reason = moderation.reason.strip()
    if not reason:
        return NO_REASON
    return reason if reason.endswith(".") else reason + "."


def resample_candidates(earlier: AdviceModeration) -> QuerySet[AdviceRequest]:
    """The team's advice sent on or after the feedback and not yet moderated."""
    if earlier.feedback_sent_on is None:
        return AdviceRequest.objects.none()
    return (
        AdviceRequest.objects.filter(
            team_id=earlier.team_id,
            status=AdviceRequest.Status.ANSWERED,
            answered_on__gte=earlier.feedback_sent_on,
        )
        .exclude(pk__in=_moderated_requests())
        .order_by("answered_on", "id")
    )


def counts_by_discipline(la_id: int) -> list[dict[str, Any]]:
    """Per discipline: how many pieces of advice were sampled, moderated, met the
    criteria, had feedback sent and read (the advice moderation page)."""
    rows = {
        row["discipline"]: row
        for row in AdviceModeration.objects.filter(la_id=la_id)
        .values("discipline")
        .annotate(
            sampled=Count("id"),
            moderated=Count("id", filter=Q(moderated_on__isnull=False)),
            meeting=Count("id", filter=Q(meets_criteria=True)),
            sent=Count("id", filter=Q(feedback_sent_on__isnull=False)),
            read=Count("id", filter=Q(feedback_read_on__isnull=False)),
        )
    }
    empty = {"sampled": 0, "moderated": 0, "meeting": 0, "sent": 0, "read": 0}
    return [{**empty, **rows.get(code, {}), "name": name} for code, name in DISCIPLINES.items()]


def feedback_for(user: Any) -> QuerySet[AdviceModeration]:
    """The feedback ``user``'s teams have been sent (never a draft), newest first."""
    return (
        AdviceModeration.objects.filter(
            team__members=getattr(user, "pk", None), feedback_sent_on__isnull=False
        )
        .select_related("team", "case")
        .order_by("-feedback_sent_on", "-id")
        .distinct()
    )


def moderated_with_feedback(la: LocalAuthority, start: date, end: date) -> Share:
    """Of the advice sampled from ``start`` to ``end`` (inclusive), how many were moderated
    and had their feedback sent (the KPI "advice moderated with feedback", target 100%)."""
    sampled = AdviceModeration.objects.filter(la=la, sampled_on__range=(start, end))
    done = sampled.filter(moderated_on__isnull=False, feedback_sent_on__isnull=False)
    return Share(done.count(), sampled.count())


def meeting_criteria(la: LocalAuthority, start: date, end: date) -> Share:
    """Of the advice moderated from ``start`` to ``end`` (inclusive), how many met the
    quality criteria: a computed grade of Good or Outstanding (KPI target ≥ 80%)."""
    moderated = AdviceModeration.objects.filter(
        la=la, moderated_on__range=(start, end), grade__isnull=False
    )
    return Share(moderated.filter(meets_criteria=True).count(), moderated.count())


def improved_after_feedback(la: LocalAuthority, start: date, end: date) -> Share:
    """Of the teams whose advice was sampled again after feedback (a repeat moderation
    done from ``start`` to ``end``) where the earlier advice was below Good, how many
    teams' latest repeat was Good or better. A team counts once, by its latest repeat."""
    repeats = (
        AdviceModeration.objects.filter(
            la=la,
            resample_of__isnull=False,
            moderated_on__range=(start, end),
            grade__isnull=False,
            resample_of__grade__lt=Grade.GOOD,
        )
        .order_by("team_id", "moderated_on", "id")
        .values_list("team_id", "grade")
    )
    latest = dict(repeats)
    return Share(sum(1 for grade in latest.values() if grade >= Grade.GOOD), len(latest))

"""Families and disagreements in the demo area (issue 14): complaints at each stage, mediation
and appeals to the SEND Tribunal at every step with their orders, costs and root-cause
reviews, a term of families' survey answers and last term's summary, recommendations that
became improvement actions ("You said, we did"), and the documents shared with the
``parent`` persona.

Written straight to the foundation's models with ``bulk_create`` (the area's history, as
``records`` and ``portal`` write theirs), from its own random stream so the rest of the area
is unchanged. Every date follows the case's own events: an appeal answers a decision the
case holds (a refusal to assess, a plan issued or amended, a refusal to re-assess), and a
survey answer follows the review meeting or plan it is about.

The numbers fit an English area: appeals about 3% of plans a year (most conceded or
withdrawn before a hearing, nearly all decided at least partly for the family), more
families speaking to a mediation adviser than appealing, about one family in six answering
a survey.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

import senda.clock as clock
from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    Case,
    CaseEvent,
    Complaint,
    Mediation,
    RootCauseReview,
)
from senda.demo.area import CaseSpec
from senda.demo.personas import FamilyCases
from senda.improvement.models import Action, Feedback, ImprovementPlan, Recommendation
from senda.people.models import FamilyContact, LocalAuthority, Membership, Role
from senda.portal.feedback_summary import figures, term_of
from senda.portal.models import FeedbackSummary, SharedDocument, SurveyResponse, Upload
from senda.portal.surveys import QUESTIONS

BATCH = 2000
#: Appeals a year as a share of live plans, and the months of decisions they answer.
APPEAL_RATE, APPEAL_MONTHS = 0.03, 18
#: Mediations not (yet) followed by an appeal, per appeal.
MEDIATIONS_PER_APPEAL = 0.8
#: Share of families answering the survey after a review meeting or a plan.
SURVEY_RATE = 0.17

# ---------------------------------------------------------------------------- complaints

CATEGORIES = (
    (Complaint.Category.REVIEW_TIMELINESS, 30),
    (Complaint.Category.PLAN_UPDATES, 20),
    (Complaint.Category.ASSESSMENT_DELAY, 14),
    (Complaint.Category.COMMUNICATION, 20),
    (Complaint.Category.PROVISION, 11),
    (Complaint.Category.OTHER, 5),
)
SUMMARIES = {
    "review_timeliness": "The annual review is months late and nobody has said when it "
    "will be held.",
    "plan_updates": "The review agreed changes to the plan in the spring and the amended "
    "plan has still not been issued.",
    "assessment_delay": "The assessment has gone past 20 weeks and the family has not been "
    "told why.",
    "communication": "Emails to the case officer went unanswered for three weeks.",
    "provision": "The speech and language therapy in section F has not been delivered this term.",
    "other": "The family was sent another child's letter.",
}
LEARNING = {
    "review_timeliness": "Reviews are now booked a term ahead, and the team manager checks "
    "the list of overdue reviews every week.",
    "plan_updates": "Amendments are tracked from the review decision; the 12-week limit is "
    "on every officer's list.",
    "assessment_delay": "Families are now told in writing when advice is late and what we "
    "are doing about it.",
    "communication": "Every message is acknowledged, and answered within 5 working days.",
    "provision": "Commissioned therapy hours are checked against plans each half term.",
    "other": "Letters are checked against the case before they are sent.",
}


def write_complaints(
    rng: Random,
    *,
    la: LocalAuthority,
    cases: list[Case],
    n_open: int,
    n_closed: int,
    fallback: User,
    today: date,
) -> list[Complaint]:
    """``n_open`` complaints open now and ``n_closed`` closed earlier, each at the stage its
    dates have reached: answered at stage 1 on time or late, some taken to stage 2, a
    couple to the Ombudsman. The first closed ones reach stage 2 and the Ombudsman."""
    add = clock.england_and_wales().add_working_days
    chosen = rng.sample(cases, min(len(cases), n_open + n_closed))
    rows = []
    for n, case in enumerate(chosen):
        closed = n >= n_open
        received = today - timedelta(days=rng.randint(3, 120) + (200 if closed else 0))
        stage = rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
        if closed and n - n_open < 2:
            stage = 2 + (n - n_open)
        category = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
        acknowledged = add(received, rng.choice((1, 1, 2, 3)))
        row = Complaint(
            case=case,
            category=category,
            made_online=rng.random() < 0.3,
            summary=SUMMARIES[category],
            received_on=received,
            stage=1,
            acknowledged_on=acknowledged if acknowledged <= today else None,
            recorded_by=case.officer or fallback,
        )
        due1 = add(received, la.complaint_stage1_days)
        answered = _on_time_or_late(rng, due1, 0.7)
        if answered <= today:
            row.stage1_responded_on = answered
            _later_stages(rng, row, stage, answered, la, today)
        if closed:
            done = row.stage2_responded_on or row.stage1_responded_on or today
            row.closed_on = min(done, today)
            row.outcome = rng.choices(Complaint.Outcome.values, weights=[25, 35, 35, 5])[0]
            if row.outcome in {"upheld", "partly_upheld"}:
                row.learning = LEARNING[category]
        rows.append(row)
    return Complaint.objects.bulk_create(rows, batch_size=BATCH)


def _on_time_or_late(rng: Random, due: date, on_time: float) -> date:
    if rng.random() < on_time:
        return due - timedelta(days=rng.randint(0, 6))
    return due + timedelta(days=rng.randint(3, 30))


def _later_stages(
    rng: Random, row: Complaint, stage: int, answered: date, la: LocalAuthority, today: date
) -> None:
    add = clock.england_and_wales().add_working_days
    if stage < 2:
        return
    escalated = answered + timedelta(days=rng.randint(3, 20))
    if escalated > today:
        return
    row.stage, row.escalated_on = 2, escalated
    second = _on_time_or_late(rng, add(escalated, la.complaint_stage2_days), 0.55)
    if second > today:
        return
    row.stage2_responded_on = second
    if stage < 3:
        return
    ombudsman = second + timedelta(days=rng.randint(15, 60))
    if ombudsman > today:
        return
    row.stage, row.ombudsman_on = 3, ombudsman
    row.ombudsman_reference = f"{ombudsman:%y} {rng.randint(1, 19):03d} {rng.randint(0, 999):03d}"
    decided = ombudsman + timedelta(days=rng.randint(60, 150))
    if decided <= today:
        row.ombudsman_decided_on = decided
        row.ombudsman_decision = rng.choice(["upheld", "upheld", "not_upheld"])
        if row.ombudsman_decision == "upheld":
            row.ombudsman_remedy = (
                "Apologise, pay £300 for the distress and uncertainty caused, and hold the "
                "review within 4 weeks."
            )
            row.ombudsman_payment = Decimal("300.00")


# ------------------------------------------------------------- mediation and appeals


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision the family may take to mediation or appeal: its case and date."""

    spec: CaseSpec
    case: Case
    on: date
    grounds: tuple[str, ...]
    refusal: bool


#: Appeal stages: name, weight among the rest (each stage appears at least once).
STAGES = (
    ("lodged", 4),
    ("registered", 7),
    ("response", 7),
    ("hearing", 9),
    ("conceded_before_response", 12),
    ("consent_order", 8),
    ("withdrawn", 12),
    ("allowed", 14),
    ("allowed_in_part", 8),
    ("dismissed", 3),
)
DECIDED = frozenset({"conceded_before_response", "consent_order", "withdrawn", "allowed",
                     "allowed_in_part", "dismissed"})  # fmt: skip
#: What the tribunal orders (or the council concedes) for a ground, and the days allowed
#: (SEND Regulations 2014 reg 44(2), 45).
ORDER_FOR = {
    "refusal_to_assess": ("assess", 28),
    "refusal_to_reassess": ("assess", 28),
    "refusal_to_issue": ("make_plan", 35),
    "cease": ("continue", 7),
}
MEDIATION_STAGES = ("contacted", "declined", "told", "arranged", "held", "deemed", "disagreement")
#: How often each step is where a mediation not followed by an appeal stands (most families
#: who speak to an adviser decline; few mediations cannot be arranged in time).
MEDIATION_WEIGHTS = (25, 40, 4, 8, 20, 2, 1)
REPRESENTATION = (
    ("", 45),
    ("SENDIASS", 30),
    ("Solicitor", 15),
    ("IPSEA volunteer", 10),
)
ROOT_CAUSES = (
    (
        ["provision_unspecified"],
        "Section F said 'access to speech and language therapy' with no hours or who "
        "provides it; the tribunal ordered it specified.",
        "Plans are checked at the quality panel for provision that is specific and quantified.",
    ),
    (
        ["advice_quality", "timeliness"],
        "The educational psychology advice was 14 weeks late and the plan was issued without it.",
        "Plans are not finalised without the psychological advice; the EP service now "
        "reports late advice weekly.",
    ),
    (
        ["placement_sufficiency"],
        "No local special school place was available; the independent school was the only "
        "suitable place named.",
        "Feeds the sufficiency plan: 40 more local specialist places by next September.",
    ),
    (
        ["evidence", "decision_making"],
        "The panel refused to assess without reading the school's evidence of the support "
        "already given.",
        "Panel papers now include the school's SEN support records.",
    ),
    (
        ["communication"],
        "The family's emails about the school they wanted were not answered before the "
        "final plan was issued.",
        "Officers confirm in writing how each representation was considered.",
    ),
)


def _decisions(pairs: Sequence[tuple[CaseSpec, Case]], rng: Random, skip: set[int]) -> list:
    out = []
    for spec, case in pairs:
        events = spec.story.events
        if case.pk in skip or any(e.type == "cease_appealed" for e in events):
            continue
        for e in events:
            if e.type == "assess_decision" and e.outcome == "refuse":
                out.append(Decision(spec, case, e.on, ("refusal_to_assess",), True))
            elif e.type == "issue_decision" and e.outcome == "not-issue":
                out.append(Decision(spec, case, e.on, ("refusal_to_issue",), True))
            elif e.type == "reassess_decision" and e.outcome == "refuse":
                out.append(Decision(spec, case, e.on, ("refusal_to_reassess",), False))
            elif e.type in {"final_plan_issued", "amended_plan_issued"}:
                out.append(Decision(spec, case, e.on, _plan_grounds(rng), False))
    return out


def _plan_grounds(rng: Random) -> tuple[str, ...]:
    grounds = rng.choices(
        [("section_i",), ("section_b", "section_f"), ("section_b", "section_f", "section_i"),
         ("section_f",)],
        [30, 30, 30, 10],
    )[0]  # fmt: skip
    if rng.random() < 0.15:
        grounds = (*grounds, rng.choice(("health", "social_care")))
    return grounds


@dataclass(slots=True)
class Timeline:
    adviser: date
    certificate: date | None
    lodged: date
    registered: date
    response_due: date
    response: date
    hearing: date
    decided: date
    mediated: bool = False


def _timeline(rng: Random, d: Decision) -> Timeline:
    add = clock.england_and_wales().add_working_days
    adviser = d.on + timedelta(days=rng.randint(7, 35))
    needs_certificate = not set(d.grounds) <= {"section_i"}
    mediated = needs_certificate and rng.random() < 0.3
    # A family who declines has its certificate within 3 working days (reg 34); one who
    # mediates, within 3 working days of the meeting, held within 30 days (reg 39, 37).
    certificate = (
        (
            adviser + timedelta(days=rng.randint(20, 38))
            if mediated
            else add(adviser, rng.randint(0, 3))
        )
        if needs_certificate
        else None
    )
    lodged = max(
        (certificate or adviser) + timedelta(days=rng.randint(5, 24)),
        d.on + timedelta(days=rng.randint(20, 55)),
    )
    registered = lodged + timedelta(days=rng.randint(3, 10))
    response_due = add(registered, 30)
    response = response_due - timedelta(days=rng.randint(0, 6))
    hearing = registered + timedelta(days=rng.randint(95, 140))
    return Timeline(
        adviser,
        certificate,
        lodged,
        registered,
        response_due,
        response,
        hearing,
        hearing + timedelta(days=rng.randint(5, 15)),
        mediated,
    )


def _fits(stage: str, t: Timeline, today: date) -> bool:
    """Whether ``today`` falls in ``stage`` of the appeal (decided ones: decided by today)."""
    if stage == "lodged":
        return t.lodged <= today < t.registered
    if stage == "registered":
        return t.registered <= today < t.response
    if stage == "response":
        return t.response <= today < t.hearing - timedelta(days=56)
    if stage == "hearing":
        return t.hearing - timedelta(days=56) <= today < t.hearing
    if stage == "conceded_before_response":
        return t.response_due - timedelta(days=5) <= today
    if stage in {"consent_order", "withdrawn"}:
        return t.response + timedelta(days=45) <= today
    return t.decided <= today


@dataclass
class Disagreements:
    mediations: list[Mediation]
    appeals: list[Appeal]


def write_disagreements(
    *,
    seed: int,
    la: LocalAuthority,
    pairs: Sequence[tuple[CaseSpec, Case]],
    live_plans: int,
    skip: set[int],
    team_manager: User,
    today: date,
) -> Disagreements:
    rng = Random(f"{seed}-disagreements")
    since = today - timedelta(days=APPEAL_MONTHS * 30)
    decisions = [d for d in _decisions(pairs, rng, skip) if since <= d.on <= today]
    rng.shuffle(decisions)
    total = max(len(STAGES) + 2, round(live_plans * APPEAL_RATE * APPEAL_MONTHS / 12))
    names = [s for s, _ in STAGES]
    stages = names + rng.choices(names, [w for _, w in STAGES], k=total - len(names))
    used: set[int] = set()
    planned: list[tuple[str, Decision, Timeline]] = []
    for stage in stages:
        found = _pick(rng, stage, decisions, used, today)
        if found is not None:
            used.add(found[0].case.pk)
            planned.append((stage, *found))
    mediations, appeals = _appeals(rng, la, planned, team_manager, today)
    free = [d for d in decisions if d.case.pk not in used and d.on >= today - timedelta(days=200)]
    count = max(len(MEDIATION_STAGES), round(len(planned) * MEDIATIONS_PER_APPEAL))
    kinds = list(MEDIATION_STAGES) + rng.choices(
        MEDIATION_STAGES, MEDIATION_WEIGHTS, k=max(0, count - len(MEDIATION_STAGES))
    )
    alone = []
    for kind in kinds:
        row = _lone_mediation(rng, kind, free, used, team_manager, today)
        if row is not None:
            alone.append(row)
    mediations += Mediation.objects.bulk_create(alone, batch_size=BATCH)
    return Disagreements(mediations, appeals)


def _pick(
    rng: Random, stage: str, decisions: list[Decision], used: set[int], today: date
) -> tuple[Decision, Timeline] | None:
    refusal_ok = stage in {"dismissed", "withdrawn"}
    tries = 0
    for d in decisions:
        if d.case.pk in used or (d.refusal and not refusal_ok):
            continue
        if stage not in DECIDED and not d.spec.story.is_open:
            continue
        t = _timeline(rng, d)
        if _fits(stage, t, today):
            return d, t
        tries += 1
        if tries > 400:
            break
    return None


def _appeals(
    rng: Random,
    la: LocalAuthority,
    planned: list[tuple[str, Decision, Timeline]],
    team_manager: User,
    today: date,
) -> tuple[list[Mediation], list[Appeal]]:
    mediations: list[Mediation | None] = []
    appeals: list[Appeal] = []
    for n, (stage, d, t) in enumerate(planned):
        by = d.case.officer or team_manager
        mediations.append(_mediation_before(rng, d, t, by))
        appeal = Appeal(
            case=d.case,
            decision_on=d.on,
            grounds=list(d.grounds),
            extended=bool({"health", "social_care"} & set(d.grounds)),
            representation=rng.choices(*zip(*REPRESENTATION, strict=True))[0],
            lodged_on=t.lodged,
            recorded_by=by,
        )
        if stage != "lodged":
            appeal.registered_on = t.registered
            appeal.reference = f"EH{la.code}/{t.registered:%y}/{n + 1:05d}"
            appeal.response_due_on = t.response_due
        _decide(rng, stage, appeal, t)
        appeals.append(appeal)
    made = Mediation.objects.bulk_create([m for m in mediations if m], batch_size=BATCH)
    by_case = {m.case_id: m for m in made}
    for appeal in appeals:
        appeal.mediation = by_case.get(appeal.case.pk)
    appeals = Appeal.objects.bulk_create(appeals, batch_size=BATCH)
    _orders_and_costs(rng, planned, appeals, team_manager, today)
    return made, appeals


def _decide(rng: Random, stage: str, appeal: Appeal, t: Timeline) -> None:
    if stage in {"response", "hearing", "consent_order", "allowed", "allowed_in_part",
                 "dismissed"}:  # fmt: skip
        appeal.response_on = t.response
    if stage in {"hearing", "allowed", "allowed_in_part", "dismissed"}:
        appeal.hearing_on = t.hearing
    if stage == "conceded_before_response":
        appeal.concession = Appeal.Concession.BEFORE_RESPONSE
        appeal.decided_on = t.response_due - timedelta(days=rng.randint(5, 20))
        appeal.outcome = Appeal.Outcome.CONCEDED
    elif stage == "consent_order":
        appeal.concession = Appeal.Concession.CONSENT_ORDER
        appeal.decided_on = t.response + timedelta(days=rng.randint(10, 45))
        appeal.outcome = Appeal.Outcome.CONCEDED
    elif stage == "withdrawn":
        appeal.decided_on = t.response + timedelta(days=rng.randint(5, 45))
        appeal.outcome = Appeal.Outcome.WITHDRAWN
    elif stage in {"allowed", "allowed_in_part", "dismissed"}:
        appeal.decided_on = t.decided
        appeal.outcome = stage


def _mediation_before(rng: Random, d: Decision, t: Timeline, by: User) -> Mediation | None:
    """The mediation step before an appeal: none for an appeal about the school alone."""
    if t.certificate is None:
        return None
    row = Mediation(
        case=d.case,
        decision_on=d.on,
        issues=[g for g in d.grounds if g != "section_i"],
        adviser_contacted_on=t.adviser,
        recorded_by=by,
    )
    if not t.mediated:
        row.choice = Mediation.Choice.DECLINE
        row.certificate, row.certificate_on = Mediation.Certificate.DECLINED, t.certificate
        return row
    told = t.adviser + timedelta(days=rng.randint(1, 5))
    meeting = t.certificate - timedelta(days=rng.randint(0, 2))
    row.choice, row.la_told_on, row.arranged_by = Mediation.Choice.MEDIATE, told, "la"
    row.notice_on = told + timedelta(days=rng.randint(3, 8))
    row.meeting_on = row.ended_on = meeting
    row.child_views = rng.random() < 0.6
    row.child_views_how = "Written views read out by the mediator" if row.child_views else ""
    row.outcome = rng.choice([Mediation.Outcome.PARTIAL, Mediation.Outcome.NONE])
    row.certificate, row.certificate_on = Mediation.Certificate.AFTER, meeting
    row.cost = Decimal(rng.randint(600, 1200))
    return row


def _lone_mediation(
    rng: Random, kind: str, free: list[Decision], used: set[int], by: User, today: date
) -> Mediation | None:
    """A mediation not followed by an appeal, at step ``kind``."""
    add = clock.england_and_wales().add_working_days
    for d in free:
        if d.case.pk in used or d.refusal:
            continue
        adviser = d.on + timedelta(days=rng.randint(5, 30))
        told = adviser + timedelta(days=rng.randint(1, 6))
        notice = told + timedelta(days=rng.randint(3, 8))
        meeting = told + timedelta(days=rng.randint(16, 29))
        ok = {
            "contacted": adviser <= today < adviser + timedelta(days=14),
            "declined": add(adviser, 3) <= today,
            "told": told <= today < notice,
            "arranged": notice <= today < meeting,
            "held": add(meeting, 3) <= today,
            "deemed": told + timedelta(days=35) <= today,
            "disagreement": told + timedelta(days=30) <= today,
        }[kind]
        if not ok:
            continue
        used.add(d.case.pk)
        row = Mediation(
            case=d.case,
            decision_on=d.on,
            issues=[g for g in d.grounds if g != "section_i"] or ["section_f"],
            adviser_contacted_on=adviser,
            recorded_by=d.case.officer or by,
        )
        if kind == "contacted":
            return row
        if kind == "declined":
            row.choice = Mediation.Choice.DECLINE
            row.certificate = Mediation.Certificate.DECLINED
            row.certificate_on = add(adviser, rng.randint(0, 3))
            return row
        row.choice, row.la_told_on, row.arranged_by = Mediation.Choice.MEDIATE, told, "la"
        if kind == "disagreement":
            row.kind, row.issues = Mediation.Kind.DISAGREEMENT, ["social_care"]
        if kind == "deemed":
            row.cannot_arrange_on = told + timedelta(days=rng.randint(18, 26))
            row.outcome = Mediation.Outcome.NOT_HELD
            row.certificate = Mediation.Certificate.DEEMED
            row.certificate_on = add(row.cannot_arrange_on, 3)
            return row
        if kind in {"arranged", "held", "disagreement"}:
            row.notice_on, row.meeting_on = notice, meeting
        if kind in {"held", "disagreement"}:
            row.ended_on = meeting
            row.child_views = True
            row.child_views_how = "Met the mediator with their key worker"
            row.outcome = rng.choice([Mediation.Outcome.FULL, Mediation.Outcome.PARTIAL])
            row.cost = Decimal(rng.randint(600, 1200))
            if kind == "held":
                row.certificate = Mediation.Certificate.AFTER
                row.certificate_on = add(meeting, rng.randint(0, 3))
        return row
    return None


def _order_kinds(grounds: Iterable[str]) -> list[tuple[str, int]]:
    grounds = list(grounds)
    kinds = [ORDER_FOR[g] for g in grounds if g in ORDER_FOR]
    contents = bool({"section_b", "section_f"} & set(grounds))
    school = "section_i" in grounds
    if contents and school:
        kinds.append(("school_and_contents", 35))
    elif contents:
        kinds.append(("amend_contents", 35))
    elif school:
        kinds.append(("change_school", 14))
    if {"health", "social_care"} & set(grounds):
        kinds.append(("recommendation", 35))
    return kinds


def _orders_and_costs(
    rng: Random,
    planned: list[tuple[str, Decision, Timeline]],
    appeals: list[Appeal],
    team_manager: User,
    today: date,
) -> None:
    orders, costs, reviews = [], [], []
    overdue_shown = False
    for (stage, d, _t), appeal in zip(planned, appeals, strict=True):
        decided = appeal.decided_on
        won = appeal.outcome in {"allowed", "allowed_in_part", "conceded"}
        if won and decided is not None:
            kinds = _order_kinds(d.grounds)
            if appeal.outcome == "allowed_in_part":
                kinds = kinds[:1]
            for kind, days in kinds:
                due = decided + timedelta(days=days)
                order = AppealOrder(
                    appeal=appeal,
                    kind=kind,
                    made_on=decided,
                    by_concession=appeal.outcome == "conceded",
                )
                if due <= today - timedelta(days=7) and not overdue_shown:
                    overdue_shown = True  # one order not done in time, still outstanding
                elif due <= today:
                    late = rng.random() < 0.2
                    done = due + timedelta(days=rng.randint(2, 25)) if late else (
                        decided + timedelta(days=rng.randint(max(1, days // 3), days))
                    )  # fmt: skip
                    order.done_on = min(done, today)
                orders.append(order)
        costs.extend(_costs(rng, stage, appeal, team_manager, today))
        if (
            won
            and decided is not None
            and decided + timedelta(days=42) <= today
            and (not reviews or rng.random() < 0.6)
        ):
            themes, happened, learning = rng.choice(ROOT_CAUSES)
            reviews.append(
                RootCauseReview(
                    appeal=appeal,
                    reviewed_on=decided + timedelta(days=rng.randint(14, 42)),
                    themes=themes,
                    what_happened=happened,
                    learning=learning,
                    reviewed_by=team_manager,
                )
            )
    AppealOrder.objects.bulk_create(orders, batch_size=BATCH)
    AppealCost.objects.bulk_create(costs, batch_size=BATCH)
    RootCauseReview.objects.bulk_create(reviews, batch_size=BATCH)


def _costs(rng: Random, stage: str, appeal: Appeal, by: User, today: date) -> list[AppealCost]:
    """What the appeal cost the council so far: officer time, solicitors, counsel at a
    hearing, expert reports, consultants, and a placement named after a decision."""
    rows = []

    def cost(line: str, low: int, high: int, on: date | None, note: str = "") -> None:
        if on is not None and on <= today:
            amount = Decimal(rng.randrange(low, high, 25))
            row = AppealCost(appeal=appeal, line=line, amount=amount, on=on, note=note)
            row.recorded_by = by
            rows.append(row)

    if appeal.registered_on is None:
        return rows
    cost("officer_time", 300, 1800, appeal.response_on or appeal.registered_on)
    contested = stage in {"hearing", "consent_order", "allowed", "allowed_in_part", "dismissed"}
    if contested or rng.random() < 0.3:
        low, high = (1500, 9000) if contested else (400, 1200)
        cost("legal", low, high, appeal.response_on or appeal.decided_on or appeal.response_due_on)
    if appeal.hearing_on is not None and appeal.decided_on is not None:
        if rng.random() < 0.65:
            cost("counsel", 1500, 4500, appeal.hearing_on, "Brief fee and hearing")
        if rng.random() < 0.4:
            cost("experts", 900, 2800, appeal.hearing_on - timedelta(days=30),
                 "Independent educational psychologist's report")  # fmt: skip
        if rng.random() < 0.15:
            cost("consultants", 600, 2400, appeal.hearing_on - timedelta(days=20),
                 "Speech and language therapy consultant")  # fmt: skip
        if appeal.outcome in {"allowed", "allowed_in_part"} and "section_i" in appeal.grounds:
            cost("placement", 25000, 65000, appeal.decided_on, "First year's fees")
    return rows


# ------------------------------------------------------------------------------ surveys

#: Answers 5 (strongly agree) … 1 (strongly disagree): timeliness scores lowest.
SCORES = {
    "clarity": (32, 38, 14, 10, 6),
    "timeliness": (16, 28, 20, 20, 16),
    "listened_to": (36, 34, 14, 10, 6),
    "easy_to_use": (42, 34, 12, 8, 4),
}
#: Short comments families leave (plain English, no names), with the themes they carry.
COMMENTS: tuple[tuple[str, list[str]], ...] = (
    # timeliness
    ("The review was three months late and nobody told us why.", ["timeliness"]),
    ("We waited over a year for the amended plan.", ["timeliness"]),
    ("The assessment took much longer than 20 weeks.", ["timeliness"]),
    ("The review happened on time this year, which made a real difference.", ["timeliness"]),
    (
        "The final plan came just before the start of term, far too late to plan the move.",
        ["timeliness"],
    ),
    ("We were told the decision would take four weeks. It took ten.", ["timeliness"]),
    ("Things moved quickly once the school sent in the paperwork.", ["timeliness"]),
    ("The draft plan arrived in the summer holidays, so school could not comment.", ["timeliness"]),
    ("We had the new plan within a few weeks of the meeting. Thank you.", ["timeliness"]),
    # communication
    ("I still don't know who to contact when the therapy stops.", ["communication"]),
    ("We waited weeks for an answer to emails.", ["communication", "timeliness"]),
    ("Our case officer changed twice and nobody told us.", ["communication"]),
    ("The officer rang back the same day when I was worried.", ["communication"]),
    ("Letters arrive with no name or number to call.", ["communication"]),
    ("It would help to get a text when something changes.", ["communication", "portal"]),
    ("Every time I call I speak to someone new and have to explain again.", ["communication"]),
    ("We were kept up to date at every step.", ["communication"]),
    ("Nobody explained what would happen after the meeting.", ["communication", "information"]),
    ("Replies were polite but did not answer my questions.", ["communication"]),
    # listening
    ("Our officer listened and the plan finally says what he needs.", ["listening"]),
    ("The meeting felt rushed and our views were not written down.", ["listening"]),
    ("My daughter's own words are in the plan. She was proud to read them.", ["listening"]),
    ("We felt like the decision was made before we arrived.", ["listening"]),
    ("They asked my son what he wanted, and he felt heard.", ["listening"]),
    ("Our views were in the plan, word for word.", ["listening"]),
    ("Professionals talked over us in the meeting.", ["listening"]),
    ("I was asked what worked at home, not just at school.", ["listening"]),
    ("We said the same thing at three reviews and nothing changed.", ["listening", "provision"]),
    ("It was good to have the meeting at a time that suited us.", ["listening"]),
    # information
    ("The plan is much clearer than the last one.", ["information"]),
    ("The plan is full of jargon. I had to look up half the words.", ["information"]),
    ("I did not know we could ask for mediation until a friend told me.", ["information"]),
    ("The guide to annual reviews was really helpful.", ["information"]),
    ("The outcomes are specific now, so we can see if they are met.", ["information"]),
    ("I could not find out what support the school should give without a plan.", ["information"]),
    ("The letter explained our right to appeal clearly.", ["information"]),
    ("Some parts of the plan are copied from last year and out of date.", ["information"]),
    ("The Local Offer pages were out of date.", ["information"]),
    ("A short summary at the top of the plan would help.", ["information"]),
    # provision
    ("The speech therapy in the plan has not started.", ["provision"]),
    ("He has the support in the plan now and is much happier at school.", ["provision"]),
    ("The plan says occupational therapy but we have never had any.", ["provision"]),
    ("The new school place is working well.", ["provision"]),
    ("Support stopped when the teaching assistant left and was not replaced.", ["provision"]),
    ("We had to fight for a school place that meets her needs.", ["provision"]),
    ("The transport to school is reliable now. That has helped a lot.", ["provision"]),
    ("There is still no plan for when she leaves college.", ["provision"]),
    ("The hours of support are written down now, so school knows what to do.", ["provision"]),
    ("The waiting list for the therapy is over a year.", ["provision", "timeliness"]),
    # portal
    ("Easy to send our views online, and quicker than posting them.", ["portal"]),
    ("I could read the draft plan on my phone on the way to work.", ["portal"]),
    ("The online form timed out and I lost what I had written.", ["portal"]),
    ("Uploading the doctor's letter was simple.", ["portal"]),
    ("I did not get the email inviting me to sign in.", ["portal", "communication"]),
    ("Seeing every date in one place online helps us plan.", ["portal"]),
    ("I prefer paper. Please keep sending letters too.", ["portal"]),
    ("Being able to message the officer online saves me phone calls.", ["portal", "communication"]),
    # general
    ("Thank you to the school for organising everything.", []),
    ("The whole process is exhausting for families.", []),
    ("Overall much better than last time.", []),
    ("Please make sure the college has a copy of the plan.", []),
    ("The SENCo has been brilliant throughout.", []),
)


def write_surveys(
    *, seed: int, la: LocalAuthority, by: User, skip: set[int], today: date
) -> FeedbackSummary:
    """Answers from about one family in six after a review meeting or a plan, this term
    and last, from the family's own account; and last term's summary."""
    rng = Random(f"{seed}-surveys")
    last = term_of(today).previous()
    last_starts, last_ends = last.starts, last.ends
    events = list(
        CaseEvent.objects.current()
        .filter(
            case__la=la,
            type__in=["review_meeting", "final_plan_issued", "amended_plan_issued"],
            on__gte=last_starts - timedelta(days=14),
            on__lte=today,
        )
        .exclude(case_id__in=skip)
        .order_by("id")
        .values_list("id", "case_id", "case__child_id", "type", "on")
    )
    chosen = [e for e in events if rng.random() < SURVEY_RATE]
    contacts = _family_accounts(la, {e[2] for e in chosen})
    rows = []
    used: dict[date, set[int]] = {}  # each term's comments so far, by the term's start
    for event_id, case_id, child_id, type_, on in chosen:
        answered = on + timedelta(days=rng.randint(1, 21))
        contact = contacts.get(child_id)
        if answered > today or answered < last_starts or contact is None:
            continue
        row = SurveyResponse(
            la=la,
            case_id=case_id,
            event_id=event_id,
            about="review" if type_ == "review_meeting" else "plan",
            respondent_id=contact.user_id,
            answered_on=answered,
            **{q: rng.choices((5, 4, 3, 2, 1), SCORES[q])[0] for q in QUESTIONS},
        )
        if rng.random() < 0.1:
            row.easy_to_use = None  # answered on paper
        if rng.random() < 0.35:
            comment, themes = _fresh_comment(rng, used.setdefault(term_of(answered).starts, set()))
            row.comment = comment
            row.themes = themes if rng.random() < 0.85 else []
        rows.append(row)
    SurveyResponse.objects.bulk_create(rows, batch_size=BATCH)
    return FeedbackSummary.objects.create(
        la=la,
        term_starts=last_starts,
        term_ends=last_ends,
        produced_on=min(today, last_ends + timedelta(days=14)),
        produced_by=by,
        figures=figures(la, last),
    )


def _fresh_comment(rng: Random, used: set[int]) -> tuple[str, list[str]]:
    """A comment not yet given this term (``used``: their indexes, updated); once every
    comment has been given, the round starts again."""
    if len(used) >= len(COMMENTS):
        used.clear()  # every comment given this term: start again
    n = rng.choice([n for n in range(len(COMMENTS)) if n not in used])
    used.add(n)
    comment, themes = COMMENTS[n]
    return comment, list(themes)


def _family_accounts(la: LocalAuthority, child_ids: set[int]) -> dict[int, FamilyContact]:
    """Each child's first family contact, given an account (no password: they sign in by
    an invitation) where they have none."""
    contacts: dict[int, FamilyContact] = {}
    for contact in FamilyContact.objects.filter(
        child_id__in=child_ids, is_young_person=False
    ).order_by("id"):
        contacts.setdefault(contact.child_id, contact)
    new = [c for c in contacts.values() if c.user_id is None]
    users = User.objects.bulk_create(
        [
            User(
                username=f"family-{n:04d}",
                first_name=c.name.partition(" ")[0],
                last_name=c.name.partition(" ")[2],
                email=c.email or f"family-{n:04d}@demo.example.org",
                password="!demo-family-account",
            )
            for n, c in enumerate(new, start=1)
        ],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [Membership(user=u, la=la, role=Role.PARENT) for u in users], batch_size=BATCH
    )
    for contact, user in zip(new, users, strict=True):
        contact.user = user
        contact.parental_responsibility = contact.relationship in {"mother", "father"}
    FamilyContact.objects.bulk_update(new, ["user", "parental_responsibility"], batch_size=BATCH)
    return contacts


#: The demo's recommendations: source, theme, text, the phrases an action carrying it must
#: contain (the first action whose title holds one of them, in the plan's order), made
#: (days ago), implemented (days ago, or None: in progress).
RECOMMENDATIONS = (
    (
        "feedback",
        "timeliness",
        "Tell every family the date of their child's annual review at least 4 weeks before "
        "it, and why if it will be late.",
        ("overdue annual review", "annual review"),
        150,
        40,
    ),
    (
        "appeals",
        "provision_unspecified",
        "Check every draft plan's section F for provision that is specific and quantified "
        "before it is issued.",
        ("quality assurance", "specific, measurable", "quality-assures"),
        60,
        None,
    ),
)


def fitting_action(actions: Sequence[Action], phrases: Sequence[str]) -> Action | None:
    """The first of ``actions`` whose title holds the first of ``phrases`` any title holds
    (case-insensitive, whitespace normalised); None if none fits."""
    titles = [(" ".join(action.what.lower().split()), action) for action in actions]
    for phrase in phrases:
        for title, action in titles:
            if phrase in title:
                return action
    return None


def write_recommendations(*, la: LocalAuthority, today: date) -> list[Recommendation]:
    """Recommendations carried by improvement actions whose titles fit their themes — one
    from families' feedback (implemented, and said back to families in "You said, we did"),
    one from appeals' root-cause reviews (in progress). One with no fitting action in the
    plan is not made (rather than linked to an action about something else)."""
    plan = ImprovementPlan.objects.filter(la=la).first()
    if plan is None:
        return []
    actions = list(Action.objects.filter(area__plan=plan).order_by("id"))
    made: list[Recommendation] = []
    for source, theme, text, phrases, days, done_days in RECOMMENDATIONS:
        action = fitting_action(actions, phrases)
        if action is None:
            continue
        made.append(
            Recommendation(
                plan=plan,
                source=source,
                theme=theme,
                text=text,
                made_on=today - timedelta(days=days),
                action=action,
                implemented_on=None if done_days is None else today - timedelta(days=done_days),
            )
        )
    made = Recommendation.objects.bulk_create(made)
    first = next((r for r in made if r.theme == "timeliness"), None)
    said_on = today - timedelta(days=150)
    done = today - timedelta(days=40)
    Feedback.objects.create(
        plan=plan,
        source="Families' survey after annual reviews (Senda)",
        received_on=said_on - timedelta(days=20),
        theme="Annual reviews on time",
        you_said="You did not know when your child's review would be, or why it was late.",
        we_did="We now write to every family 4 weeks before the review is due with the "
        "date, and tell you straight away if it has to move.",
        changed_on=done,
        published_on=done + timedelta(days=14),
        recommendation=first,
    )
    return made


# ------------------------------------------------------------------ shared documents


def tiny_pdf(title: str, lines: Sequence[str]) -> bytes:
    """A small, valid one-page PDF with ``title`` and ``lines`` of text (Helvetica)."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = [f"BT /F1 16 Tf 56 780 Td ({esc(title)}) Tj ET"]
    for n, line in enumerate(lines):
        body.append(f"BT /F1 11 Tf 56 {750 - 16 * n} Td ({esc(line)}) Tj ET")
    stream = "\n".join(body).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def share_documents(
    *, cases: FamilyCases, main_cases: list[Case], fallback: User, events: dict[int, date]
) -> list[SharedDocument]:
    """The parent's children's plan and draft plan, and the young person's plan, as PDFs
    shared with the family (stored through Django's storage, like any upload)."""
    import hashlib

    shared = []
    wanted = (
        (cases.parent, SharedDocument.Kind.PLAN, "EHC plan"),
        (cases.draft, SharedDocument.Kind.DRAFT, "Draft EHC plan"),
        (cases.young_person, SharedDocument.Kind.PLAN, "EHC plan"),
    )
    for index, kind, title in wanted:
        if index is None:
            continue
        case = main_cases[index]
        by = case.officer or fallback
        on = events.get(case.pk) or case.opened_on
        content = tiny_pdf(
            f"{title} (synthetic demo document)",
            [
                f"Case reference {case.pk}. Issued {on.day} {on:%B %Y}.",
                "Section A: the child's views, interests and aspirations.",
                "Section B: special educational needs.  Section F: provision.",
                "All data in this document is synthetic.",
            ],
        )
        name = f"portal/demo/{kind}-{case.pk}.pdf"
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(content))
        upload = Upload.objects.create(
            case=case,
            purpose="other",
            file=stored,
            name=f"{title.lower().replace(' ', '-')}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            scan=Upload.Scan.CLEAN,
            scanner="demo: generated by Senda, no scan needed",
            scanned_at=timezone.now(),
            uploaded_by=by,
        )
        shared.append(
            SharedDocument(
                case=case, upload=upload, kind=kind, title=title, shared_on=on, shared_by=by
            )
        )
    return SharedDocument.objects.bulk_create(shared)


__all__ = [
    "share_documents",
    "tiny_pdf",
    "write_complaints",
    "write_disagreements",
    "write_recommendations",
    "write_surveys",
]

"""Quality assurance in the demo area (issue 15): the shipped frameworks installed; a year
of monthly samples (about 5% of live plans in the year, at least half with an annual
review) and the audits of them, graded from their judgements by ``quality.grading`` and
improving over the year, with auditors from education, health and social care on nearly
every audit; the latest month's audits open (one with the ``health-advisor`` as an outside
auditor); audit actions done on time, late, open and overdue; three moderation rounds
(February, May, November) graded independently by 3–4 raters with their agreed grades
and themes; a version with sections A–K for every live plan; answered advice requests,
some moderated (each sampled after its advice was sent) with feedback sent and read, the
latest of each discipline left to sample; two learning summaries (one
published); a decision panel whose decisions went through the casework actions; and last
term's QA report with its recommendations.

Drawn from its own random stream (``Random(f"{seed}-quality")``), so the rest of the area
is unchanged. Judgements, grades and plan sections are written in bulk (what the audit
actions would write, with the grades ``grading.compute`` gives); the panel's decisions go
through ``casework.actions``. Section texts are synthetic and name no real person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from django.contrib.auth.models import User

from senda.casework.actions.assessment import record_assess_decision
from senda.casework.actions.decisions import record_decision
from senda.casework.models import AssessmentRequest, CaseEvent, Plan, PlanSection, PlanVersion
from senda.casework.models import Review as PlanReview
from senda.demo.portal import QUESTIONS
from senda.kernel import ActionError
from senda.people.models import AccessGrant, AdviceTeam, LocalAuthority, Setting
from senda.portal.access import grant_end
from senda.portal.advice import statutory_due
from senda.portal.models import AdviceRequest
from senda.quality import defaults, grading
from senda.quality.frameworks import current
from senda.quality.models import (
    AdviceJudgement,
    AdviceModeration,
    Audit,
    AuditAction,
    AuditAuditor,
    DomainGrade,
    Framework,
    Judgement,
    LearningSummary,
    Organisation,
    Panel,
    PanelItem,
    PanelLearning,
    PanelMember,
    QARecommendation,
    QAReport,
    Round,
    RoundPlan,
    Sample,
    SampleItem,
)
from senda.rows import insert_rows, unsaved

#: Share of live plans audited in a year, over twelve monthly samples.
YEARLY_SHARE = Decimal("0.05")
MONTHS = 12
ROUND_MONTHS = (2, 5, 11)
ROUND_PLANS = (5, 6, 6)
ADVICE_PER_DISCIPLINE = 6
#: Answered advice per discipline left unmoderated, for the QA lead to sample.
UNMODERATED = 8
ANSWER = (
    "Needs described by their impact on learning, with the provision recommended and how "
    "often (advice sent to the council and recorded on the case)."
)
BATCH = 2000
USERS = (
    "qa-auditor",
    "team-manager",
    "team-manager-2",
    "service-manager",
    "health-advisor",
    "social-worker",
    "ep",
    "senco",
)
ORGANISATION = {
    "qa-auditor": Organisation.EDUCATION,
    "team-manager": Organisation.EDUCATION,
    "team-manager-2": Organisation.EDUCATION,
    "service-manager": Organisation.EDUCATION,
    "health-advisor": Organisation.HEALTH,
    "social-worker": Organisation.SOCIAL_CARE,
    "ep": Organisation.EDUCATION,
    "senco": Organisation.SCHOOL,
}

# Section texts: a strong and a weak wording for the sections the prompts read (E, F), so
# the wording prompts have something to show. No real names: "the child" is written as
# the synthetic child's first name only where the plan speaks of them.
STRONG_OUTCOMES = (
    "By the end of Key Stage {ks}, {name} will start and keep up a three-turn conversation "
    "with a classmate at break, unprompted, on most days.",
    "By July {year}, {name} will ask an adult for help using a short spoken sentence when "
    "stuck in lessons, on 4 days in 5.",
    "By the end of the school year, {name} will use their calm-down plan themselves and "
    "return to class within 10 minutes on 4 days in 5.",
    "By the end of Year {yg}, {name} will read a book at their reading age aloud at 70 "
    "words a minute with fewer than 5 errors a page.",
)
WEAK_OUTCOMES = (
    "{name} will improve their communication skills.",
    "{name} will receive 2 x 30 minute speech and language therapy sessions weekly.",
    "Staff will manage {name}'s anxiety.",
    "{name} will reach their full potential.",
    "{name} will continue to develop reading.",
)
PFA_OUTCOME = (
    "By the end of Year 11, {name} will travel alone by bus to college taster days, planning "
    "the route themselves (preparing for adulthood: independent living)."
)
STRONG_PROVISION = (
    "Speech and language therapy: 30 minutes a week, one to one, delivered by a speech and "
    "language therapist, reviewed each term.\nA trained teaching assistant runs the "
    "therapist's programme for 15 minutes daily.\nSmall-group literacy intervention (up to 4 "
    "pupils): 3 x 40 minutes a week, led by a specialist teacher."
)
WEAK_PROVISION = (
    "Access to speech and language therapy as required.\nOpportunities to work in a small "
    "group.\nRegular support from an adult, as appropriate."
)
NEEDS = {
    "ASD": "finds changes to routine hard and needs time to process spoken language",
    "SLCN": "has difficulty following instructions of more than two steps",
    "SEMH": "becomes anxious in busy spaces and may leave the classroom",
    "MLD": "is working well below age-related expectations in reading and number",
    "SPLD": "has difficulty decoding words and with spelling, despite good understanding",
    "SLD": "is learning to communicate choices with symbols and needs help with self-care",
    "PMLD": "communicates through facial expression and sound and needs adult help throughout "
    "the day",
    "HI": "wears hearing aids and misses spoken information in noisy rooms",
    "VI": "reads enlarged print and needs time to find their way in new places",
    "MSI": "has both hearing and vision loss and learns through touch and routine",
    "PD": "uses a wheelchair and tires quickly when writing by hand",
    "DS": "learns best from visual information and needs time to process spoken language",
    "OTH": "has a medical condition that affects attendance and concentration",
}
#: The broad area of need (SEND Code of Practice 6.28) each primary need is written under.
NEED_AREA = {
    "ASD": "Communication and interaction",
    "SLCN": "Communication and interaction",
    "SEMH": "Social, emotional and mental health",
    "HI": "Sensory and/or physical needs",
    "VI": "Sensory and/or physical needs",
    "MSI": "Sensory and/or physical needs",
    "PD": "Sensory and/or physical needs",
}
LEARNING = "Cognition and learning"
HOW_THEY_LEARN = "works best with visual prompts and short tasks."


@dataclass(frozen=True, slots=True)
class LivePlan:
    plan: Plan
    review: PlanReview | None
    name: str
    year_group: int | None
    need: str
    officer: User | None
    placement: str = ""


def write_quality(*, seed: int, la: LocalAuthority, today: date) -> None:
    """Write the area's quality assurance records (see the module's docstring)."""
    rng = Random(f"{seed}-quality")
    users = {u.username: u for u in User.objects.filter(username__in=USERS)}
    qa = users["qa-auditor"]
    installed_on = _month_start(today, MONTHS + 1)
    defaults.install_defaults(la=la, by=qa, today=installed_on)
    framework = current(la)
    assert framework is not None
    spec = grading.spec_of(framework)
    live = _live_plans(la, today)
    rng.shuffle(live)
    writer = _Writer(rng, framework, spec, users, today)
    used = writer.samples(la, live)
    writer.rounds(la, [p for p in live if p.plan.pk not in used])
    writer.actions()
    moderations = _advice(rng, la, users, today)
    _summaries(la, qa, moderations, today)
    _panel(rng, la, users, live, today)
    _report(la, users["service-manager"], today)
    _versions(Random(f"{seed}-plan-texts"), users["team-manager"], today)


#: The judgements' quality that gives each grade most often.
QUALITY = {4: 0.95, 3: 0.8, 2: 0.6, 1: 0.35}
GOLDEN = 0.6180339887


def _target(month: int, n: int) -> int:
    """The grade the ``n``-th audit of the year aims at, in ``month`` (0 the first): the
    share Good or better rises from 35% to 80% over the year (spread evenly, not by
    chance, so a small area's few audits show the trend too)."""
    share = month / (MONTHS - 1)
    u = (n * GOLDEN) % 1
    if u < 0.05 + 0.2 * share:
        return 4
    if u < 0.35 + 0.45 * share:
        return 3
    if u < 1 - 0.15 * (1 - share):
        return 2
    return 1


def _month_start(today: date, back: int) -> date:
    month = today.year * 12 + today.month - 1 - back
    return date(month // 12, month % 12 + 1, 1)


def _month_end(start: date) -> date:
    return _month_start(start, -1) - timedelta(days=1)


def _live_plans(la: LocalAuthority, today: date) -> list[LivePlan]:
    plans = list(
        Plan.objects.live(today)
        .filter(case__la=la, case__status="open")
        .select_related("case__child__setting", "case__officer")
        .order_by("pk")
    )
    reviews: dict[int, PlanReview] = {}
    for review in PlanReview.objects.filter(plan__in=plans, meeting_on__lte=today).order_by(
        "meeting_on", "pk"
    ):
        reviews[review.plan_id] = review
    return [
        LivePlan(
            plan=p,
            review=reviews.get(p.pk),
            name=p.case.child.given_name,
            year_group=p.case.child.year_group(today),
            need=p.case.child.primary_need or "MLD",
            officer=p.case.officer,
            placement=_placement(p.case.child.setting),
        )
        for p in plans
        if (p.started_on or today) < today - timedelta(days=60)
    ]


def _placement(setting: Setting | None) -> str:
    """Section I: the setting the child attends (a demo setting, synthetic)."""
    if setting is None:
        return ""
    return f"{setting.name} ({setting.get_type_display()}, {setting.get_phase_display()})."


def _issued(plan: Plan, today: date) -> date:
    return plan.amended_on or plan.started_on or today - timedelta(days=400)


def plan_texts(rng: Random, live: LivePlan, quality: float, today: date) -> dict[str, str]:
    """Sections A–K of a plan for ``live``'s child, from its facts (first name, year group,
    primary need, setting): strong wordings with probability ``quality``, else weak ones."""
    name, yg = live.name, live.year_group or 5
    fill = {
        "name": name,
        "yg": max(1, min(11, yg + 1)),
        "ks": 2 if yg <= 6 else 3 if yg <= 9 else 4,
        "year": today.year + 1,
    }
    outcomes = [
        (rng.choice(STRONG_OUTCOMES) if rng.random() < quality else rng.choice(WEAK_OUTCOMES))
        for _ in range(3)
    ]
    if yg >= 9:
        outcomes.append(PFA_OUTCOME)
    need = NEEDS.get(live.need, NEEDS["MLD"])
    area = NEED_AREA.get(live.need, LEARNING)
    return {
        "A": f"{name} (in their own words, gathered by their key adult using picture "
        "cards): I like drawing, animals and being outside. When I grow up I want to work "
        "with animals. My parents say they want me to have friends and be happy at school.",
        "B": f"{area}: {name} {need}. "
        + (f"{LEARNING}: {HOW_THEY_LEARN}" if area != LEARNING else HOW_THEY_LEARN.capitalize()),
        "C": "Community paediatrics: no health needs affecting learning beyond those above."
        if rng.random() < 0.5
        else "Mild asthma, managed with an inhaler; an individual health care plan is "
        "held by the school.",
        "D": "Not open to children's social care. The family's view was sought: no social "
        "care needs related to SEN."
        if rng.random() < quality
        else "Not known to social care.",
        "E": "\n".join(f.format(**fill) for f in outcomes),
        "F": STRONG_PROVISION if rng.random() < quality else WEAK_PROVISION,
        "G": "None required beyond the provision in F (agreed by the ICB).",
        "H1": "Short breaks: 6 hours a month at the local short-breaks centre.",
        "H2": "None required.",
        "I": live.placement or "A mainstream school (named in the final plan).",
        "J": "No personal budget requested.",
        "K": "Advice from the parents, the school, an educational psychologist, community "
        "paediatrics and children's social care.",
    }


class _Writer:
    def __init__(
        self,
        rng: Random,
        framework: Framework,
        spec: grading.Spec,
        users: dict[str, User],
        today: date,
    ) -> None:
        self.rng, self.framework, self.spec, self.users, self.today = (
            rng,
            framework,
            spec,
            users,
            today,
        )
        self.domains = {d.code: d for d in framework.domains.all()}
        self.pfa = self.domains["adulthood"].pk
        self.pfa_criteria = {
            c.id for d in spec.domains if d.code == "adulthood" for c in d.criteria
        }
        self.versions: dict[int, PlanVersion] = {}
        self.graded: list[Audit] = []

    # --- plan versions --------------------------------------------------------------
    def version(self, live: LivePlan, quality: float) -> PlanVersion:
        if live.plan.pk in self.versions:
            return self.versions[live.plan.pk]
        plan = live.plan
        version = PlanVersion.objects.create(
            plan=plan,
            case=plan.case,
            kind=PlanVersion.Kind.AMENDED if plan.amended_on else PlanVersion.Kind.NEW,
            issued_on=_issued(plan, self.today),
            recorded_by=live.officer or self.users["team-manager"],
        )
        texts = plan_texts(self.rng, live, quality, self.today)
        PlanSection.objects.bulk_create(
            PlanSection(version=version, letter=letter, text=text) for letter, text in texts.items()
        )
        self.versions[plan.pk] = version
        return version

    # --- judgements -------------------------------------------------------------------
    def judge(self, quality: float, pfa: bool) -> dict[int, str]:
        met: dict[int, str] = {}
        for domain in self.spec.domains:
            for c in domain.criteria:
                if c.id in self.pfa_criteria and not pfa:
                    met[c.id] = "na"
                    continue
                r = self.rng.random()
                if c.statutory:
                    met[c.id] = "not_met" if r < (1 - quality) * 0.12 else "met"
                elif r < quality:
                    met[c.id] = "met"
                elif r < quality + (1 - quality) * 0.6:
                    met[c.id] = "partly"
                else:
                    met[c.id] = "not_met"
        return met

    def store(
        self, audit: Audit, met: dict[int, str], by: User, *, submit: bool, track: bool = True
    ) -> None:
        Judgement.objects.bulk_create(
            Judgement(
                audit=audit,
                criterion_id=cid,
                met=answer,
                evidence="" if answer in ("met", "na") else "Read in the plan: see the prompts.",
                by=by,
            )
            for cid, answer in met.items()
        )
        if not submit:
            return
        result = grading.compute(self.spec, met)
        DomainGrade.objects.bulk_create(
            DomainGrade(audit=audit, domain=self.domains[code], grade=r.grade, score=r.score)
            for code, r in result.domains.items()
            if r.grade is not None and r.score is not None
        )
        audit.computed_grade = result.overall
        audit.outcome_grade = result.outcome
        audit.strengths = "The child's voice is clear in section A and carried into E."
        audit.improvements = (
            "Quantify the provision in F (amount, frequency, who delivers it)."
            if (result.overall or 0) <= 2
            else "Link each outcome to an aspiration in A."
        )
        if audit.includes_review:
            audit.review_meets_standard = (result.overall or 0) >= 3
        audit.save()
        if track:
            self.graded.append(audit)

    def audit(
        self,
        la: LocalAuthority,
        live: LivePlan,
        *,
        lead: User,
        others: list[User],
        opened_on: date,
        quality: float,
        submit_on: date | None,
        item: SampleItem | None = None,
        round_plan: RoundPlan | None = None,
        partial: bool = False,
        target: int | None = None,
    ) -> Audit:
        review = live.review if item is not None and item.includes_review else None
        audit = Audit.objects.create(
            la=la,
            case=live.plan.case,
            plan=live.plan,
            version=self.version(live, quality),
            framework=self.framework,
            kind=Audit.Kind.MODERATION if round_plan is not None else Audit.Kind.PLAN,
            sample_item=item,
            round_plan=round_plan,
            includes_review=review is not None,
            review=review,
            lead=lead,
            opened_on=opened_on,
            due_on=opened_on + timedelta(days=28),
            submitted_on=submit_on,
        )
        AuditAuditor.objects.bulk_create(
            AuditAuditor(
                audit=audit, user=u, organisation=ORGANISATION[u.username], added_on=opened_on
            )
            for u in [lead, *others]
        )
        pfa = (live.year_group or 0) >= 9
        met = self.judge(quality, pfa)
        for _ in range(30 if target else 0):
            if grading.compute(self.spec, met).overall == target:
                break
            met = self.judge(quality, pfa)
        if submit_on is None:
            if partial:
                keep = list(met.items())[: len(met) // 2]
                self.store(audit, dict(keep), lead, submit=False)
            return audit
        self.store(audit, met, lead, submit=True)
        return audit

    # --- samples ----------------------------------------------------------------------
    def samples(self, la: LocalAuthority, live: list[LivePlan]) -> set[int]:
        users, rng = self.users, self.rng
        total = max(MONTHS, round(len(live) * float(YEARLY_SHARE)))
        drawn = 0
        with_review = [p for p in live if p.review is not None]
        without = [p for p in live if p.review is None]
        used: set[int] = set()
        health, social = users["health-advisor"], users["social-worker"]
        for m in range(MONTHS):
            start = _month_start(self.today, MONTHS - 1 - m)
            latest = m == MONTHS - 1
            sample = Sample.objects.create(
                la=la,
                label=f"{start:%B %Y}",
                period_start=start,
                period_end=_month_end(start),
                seed=rng.randrange(1, 2**31),
                frame_size=len(live),
                drawn_on=start,
                drawn_by=users["qa-auditor"],
            )
            chosen: list[tuple[LivePlan, bool]] = []
            for i in range((m + 1) * total // MONTHS - m * total // MONTHS):
                pool = with_review if (i % 2 == 0 and with_review) else (without or with_review)
                while pool and pool[-1].plan.pk in used:
                    pool.pop()
                if not pool:
                    break
                plan = pool.pop()
                used.add(plan.plan.pk)
                chosen.append((plan, plan.review is not None))
            for i, (live_plan, review) in enumerate(chosen):
                drawn += 1
                quality = QUALITY[_target(m, drawn)]
                child = live_plan.plan.case.child
                stratum = f"{child.get_primary_need_display() or 'need not recorded'}"
                item = SampleItem.objects.create(
                    sample=sample,
                    plan=live_plan.plan,
                    case=live_plan.plan.case,
                    stratum=stratum,
                    reason=(
                        "Drawn at random from its stratum (primary need, phase, officer, "
                        "setting)" + (", with its annual review" if review else "")
                    ),
                    includes_review=review,
                )
                opened_on = start + timedelta(days=2 + i % 5)
                if latest:
                    others = [health] if i == 0 else []
                    lead = users["qa-auditor"] if i % 3 != 2 else users["team-manager"]
                    self.audit(
                        la,
                        live_plan,
                        lead=lead,
                        others=others,
                        opened_on=min(opened_on, self.today),
                        quality=quality,
                        submit_on=None,
                        item=item,
                        partial=i % 2 == 0,
                    )
                    continue
                # ~95% of audits have education, health and social care represented
                others = [health, social] if rng.random() < 0.95 else [rng.choice([health, social])]
                if rng.random() < 0.3:
                    others.append(users["senco"])
                lead = users["qa-auditor"] if rng.random() < 0.7 else users["team-manager"]
                self.audit(
                    la,
                    live_plan,
                    lead=lead,
                    others=others,
                    opened_on=opened_on,
                    quality=quality,
                    target=_target(m, drawn),
                    submit_on=min(opened_on + timedelta(days=10 + rng.randrange(15)), self.today),
                    item=item,
                )
        return used

    # --- moderation -------------------------------------------------------------------
    def rounds(self, la: LocalAuthority, spare: list[LivePlan]) -> None:
        users = self.users
        starts = []
        month = self.today.year * 12 + self.today.month - 1
        while len(starts) < len(ROUND_MONTHS):
            day = date(month // 12, month % 12 + 1, 1)
            if day.month in ROUND_MONTHS:
                starts.append(day)
            month -= 1
        raters_of = (
            ["qa-auditor", "team-manager", "health-advisor"],
            ["qa-auditor", "team-manager", "social-worker", "health-advisor"],
            ["qa-auditor", "team-manager-2", "health-advisor", "social-worker"],
        )
        for n, start in enumerate(reversed(starts)):
            meeting = start + timedelta(days=24)
            grading_due = start + timedelta(days=17)
            held = meeting <= self.today
            round_ = Round.objects.create(
                la=la,
                name=f"{start:%B %Y}",
                framework=self.framework,
                opened_on=start,
                grading_due_on=grading_due,
                meeting_on=meeting,
                held_on=meeting if held else None,
                themes=(
                    "Outcomes often lack a time frame; provision in F uses 'access to' and "
                    "'regular'; social care sections rely on 'not known to social care'."
                    if held
                    else ""
                ),
                opened_by=users["qa-auditor"],
            )
            raters = [users[u] for u in raters_of[n]]
            plans = [spare.pop() for _ in range(min(ROUND_PLANS[n], len(spare)))]
            quality = 0.6 + 0.1 * n
            for k, live in enumerate(plans):
                round_plan = RoundPlan.objects.create(
                    round=round_, plan=live.plan, case=live.plan.case
                )
                base = self.judge(quality + 0.1 * (k % 3) - 0.1, (live.year_group or 0) >= 9)
                grades = []
                for r, rater in enumerate(raters):
                    if (
                        not held
                        and r == len(raters) - 1
                        and start + timedelta(days=10) > self.today
                    ):
                        continue  # still grading
                    met = self.rater(base, divided=k == 0 and r == 1)
                    submitted = min(start + timedelta(days=5 + r * 3), grading_due)
                    audit = Audit.objects.create(
                        la=la,
                        case=live.plan.case,
                        plan=live.plan,
                        version=self.version(live, quality),
                        framework=self.framework,
                        kind=Audit.Kind.MODERATION,
                        round_plan=round_plan,
                        lead=rater,
                        opened_on=start,
                        due_on=grading_due,
                        submitted_on=submitted if submitted <= self.today else None,
                    )
                    AuditAuditor.objects.create(
                        audit=audit,
                        user=rater,
                        organisation=ORGANISATION[rater.username],
                        added_on=start,
                    )
                    self.store(
                        audit, met, rater, submit=audit.submitted_on is not None, track=False
                    )
                    if audit.computed_grade:
                        grades.append(audit.computed_grade)
                if held and grades:
                    agreed = max(sorted(set(grades)), key=grades.count)
                    round_plan.agreed_grade = agreed
                    round_plan.agreed_note = "Agreed at the meeting after discussion."
                    round_plan.save()

    def rater(self, base: dict[int, str], *, divided: bool) -> dict[int, str]:
        """One rater's reading of a plan: a criterion or two read differently without
        changing the grade; on the plan that divides the round, this rater's grade differs
        (so agreement lands between 80% and 93%)."""
        grade = grading.compute(self.spec, base).overall
        met = dict(base)
        judged = [cid for cid in sorted(met) if met[cid] != "na"]
        if divided:
            target = "not_met" if (grade or 0) >= 3 else "met"
            for cid in judged:
                met[cid] = target
                if grading.compute(self.spec, met).overall != grade:
                    return met
            return met
        for cid in self.rng.sample(judged, 2):
            before = met[cid]
            met[cid] = self.rng.choice(["met", "partly", "not_met"])
            if grading.compute(self.spec, met).overall != grade:
                met[cid] = before
        return met

    # --- audit actions ----------------------------------------------------------------
    def actions(self) -> None:
        flagged = [
            a for a in self.graded if (a.computed_grade or 4) <= 2 or (a.outcome_grade or 4) <= 2
        ]
        rows = []
        for i, audit in enumerate(flagged):
            raised = audit.submitted_on or self.today
            due = raised + timedelta(days=28)
            if i == len(flagged) - 1:
                due = max(due, self.today + timedelta(days=14))  # one still to do
            to = audit.case.officer or self.users["team-manager"]
            row = AuditAction(
                audit=audit,
                text="Rewrite the outcomes in section E as SMART steps and quantify section F"
                if i % 2
                else "Amend the plan: specify who delivers each provision and how often",
                assigned_to=to,
                due_on=due,
                raised_on=raised,
                raised_by=audit.lead,
            )
            if due < self.today:
                kind = i % 6
                if kind == 0:
                    pass  # overdue
                elif kind == 1:
                    row.completed_on = min(due + timedelta(days=9), self.today)
                    row.completion_note = "Plan amended (late: waiting for the therapist)."
                else:
                    row.completed_on = due - timedelta(days=3 + i % 7)
                    row.completion_note = "Plan amended and sent to the family."
            rows.append(row)
        AuditAction.objects.bulk_create(rows)


def _versions(rng: Random, fallback: User, today: date) -> None:
    """A version with sections A–K for every live plan that has none yet (of any area: a
    sample may draw any of them), in bulk. The text's quality follows the audits' trend: a
    plan issued or amended in the last month is written as well as the latest audits find,
    one issued a year or more ago as the first month's."""
    plans = (
        Plan.objects.live(today)
        .exclude(pk__in=PlanVersion.objects.values("plan_id"))
        .select_related("case__child__setting", "case__officer")
        .order_by("pk")
    )
    versions, texts = [], []
    for n, plan in enumerate(plans.iterator(chunk_size=BATCH), start=1):
        child = plan.case.child
        issued = _issued(plan, today)
        ago = (today.year - issued.year) * 12 + today.month - issued.month
        live = LivePlan(
            plan=plan,
            review=None,
            name=child.given_name,
            year_group=child.year_group(today),
            need=child.primary_need or "MLD",
            officer=plan.case.officer,
            placement=_placement(child.setting),
        )
        versions.append(
            PlanVersion(
                plan=plan,
                case=plan.case,
                kind=PlanVersion.Kind.AMENDED if plan.amended_on else PlanVersion.Kind.NEW,
                issued_on=issued,
                recorded_by=plan.case.officer or fallback,
            )
        )
        month = max(0, MONTHS - 1 - max(0, ago))
        texts.append(plan_texts(rng, live, QUALITY[_target(month, n)], today))
    PlanVersion.objects.bulk_create(versions, batch_size=BATCH)
    insert_rows(
        unsaved(PlanSection, version_id=version.pk, letter=letter, text=text)
        for version, sections in zip(versions, texts, strict=True)
        for letter, text in sections.items()
    )


def _advice(
    rng: Random, la: LocalAuthority, users: dict[str, User], today: date
) -> list[AdviceModeration]:
    """Advice moderated per discipline over the year, improving, with feedback sent. Each
    moderation moderates an answered advice request (made for advice the case received
    in the year), sampled a week or more after the advice was sent; the latest advice of
    each discipline is answered and left unmoderated, for the QA lead to sample."""
    made = []
    moderator = users["qa-auditor"]
    for discipline in (
        AdviceTeam.Discipline.EDUCATION,
        AdviceTeam.Discipline.HEALTH,
        AdviceTeam.Discipline.SOCIAL_CARE,
    ):
        team = AdviceTeam.objects.filter(la=la, discipline=discipline).order_by("pk").first()
        framework = current(la, "advice", discipline)
        if team is None or framework is None:
            continue
        spec = grading.spec_of(framework)
        received = list(
            CaseEvent.objects.current()
            .filter(
                case__la=la,
                type="advice_received",
                discipline=discipline,
                on__gte=today - timedelta(days=365),
                on__lte=today - timedelta(days=14),
            )
            .select_related("case__child", "recorded_by")
            .order_by("on", "pk")
        )
        picked, left = _split(received, today)
        asked = _asked(la, discipline, [e.case_id for e in received])
        for event in left:
            _answered(team, event, asked.get(event.case_id, []))
        previous = None
        for i, event in enumerate(picked):
            request = _answered(team, event, asked.get(event.case_id, []))
            on = event.on
            quality = 0.55 + 0.35 * i / max(1, len(picked) - 1)
            sampled = max(on + timedelta(days=7), _sampled_on(i, today))
            moderated = min(sampled + timedelta(days=5), today)
            met = {}
            for d in spec.domains:
                for c in d.criteria:
                    r = rng.random()
                    met[c.id] = "met" if r < quality else "partly" if r < 0.9 else "not_met"
            result = grading.compute(spec, met)
            last = i == len(picked) - 1
            themes = sorted(
                rng.sample(
                    [
                        "functional-impact",
                        "quantified-provision",
                        "child-voice",
                        "outcomes",
                        "timely",
                        "clear",
                    ],
                    2,
                )
            )
            moderation = AdviceModeration.objects.create(
                la=la,
                case_id=event.case_id,
                advice_request=request,
                team=team,
                discipline=discipline,
                framework=framework,
                sampled_on=sampled,
                moderator=moderator,
                moderated_on=moderated,
                grade=result.overall,
                meets_criteria=(result.overall or 0) >= 3,
                themes=themes,
                good_practice=(result.overall or 0) == 4,
                feedback=(
                    "Thank you: needs are described by their impact on learning. Next time, "
                    "say how often and by whom the provision should be delivered."
                ),
                feedback_sent_on=None if last else moderated + timedelta(days=2),
                feedback_read_on=(
                    moderated + timedelta(days=6) if i % 2 == 0 and not last else None
                ),
                resample_of=previous if i >= ADVICE_PER_DISCIPLINE // 2 else None,
            )
            AdviceJudgement.objects.bulk_create(
                AdviceJudgement(
                    moderation=moderation,
                    criterion_id=cid,
                    met=answer,
                    evidence="" if answer == "met" else "Not specific enough.",
                )
                for cid, answer in met.items()
            )
            previous = moderation
            made.append(moderation)
    return made


def _split(received: list[CaseEvent], today: date) -> tuple[list[CaseEvent], list[CaseEvent]]:
    """One piece of advice per case: the latest (:data:`UNMODERATED`, at least one while
    there are two pieces or more) left for the QA lead to sample, and of the rest the
    advice to moderate (:data:`ADVICE_PER_DISCIPLINE`): for each sampling day of
    :func:`_sampled_on`, the latest advice sent a week or more before it (or the earliest
    left, if none was)."""
    once: list[CaseEvent] = []
    seen: set[int] = set()
    for event in received:
        if event.case_id not in seen:
            seen.add(event.case_id)
            once.append(event)
    spare = min(UNMODERATED, max(len(once) - ADVICE_PER_DISCIPLINE, min(1, len(once) - 1)))
    left = once[len(once) - spare :] if spare > 0 else []
    pool = once[: len(once) - len(left)]
    picked: list[CaseEvent] = []
    for i in range(min(ADVICE_PER_DISCIPLINE, len(pool))):
        week_before = _sampled_on(i, today) - timedelta(days=7)
        sent = [e for e in pool if e.on <= week_before]
        event = sent[-1] if sent else pool[0]
        pool.remove(event)
        picked.append(event)
    return sorted(picked, key=lambda e: (e.on, e.pk)), left


def _sampled_on(i: int, today: date) -> date:
    """The day the ``i``-th advice moderation of a discipline is sampled: about every seven
    weeks from eleven months ago, three days ago at the latest."""
    return min(today - timedelta(days=330 - i * 50), today - timedelta(days=3))


def _asked(la: LocalAuthority, discipline: str, case_ids: list[int]) -> dict[int, list[CaseEvent]]:
    """The cases' requests for advice of ``discipline``, by case, oldest first."""
    asked: dict[int, list[CaseEvent]] = {}
    for event in (
        CaseEvent.objects.current()
        .filter(case__la=la, type="advice_requested", discipline=discipline, case_id__in=case_ids)
        .order_by("on", "pk")
    ):
        asked.setdefault(event.case_id, []).append(event)
    return asked


def _answered(team: AdviceTeam, event: CaseEvent, asked: list[CaseEvent]) -> AdviceRequest:
    """The advice request ``event`` (advice received) answered: asked by the case's latest
    request for advice before it (or five weeks before, for a review), answered that day
    outside the portal (the officer recorded it), the team's access ended as the portal
    ends it."""
    request_event = next((a for a in reversed(asked) if a.on <= event.on), None)
    requested_on = request_event.on if request_event else event.on - timedelta(days=35)
    kind = AdviceRequest.Kind.ASSESSMENT if request_event else AdviceRequest.Kind.REVIEW
    due = statutory_due(requested_on) if request_event else event.on
    what = "an EHC needs assessment" if request_event else "an annual review"
    grant = AccessGrant.objects.create(
        child=event.case.child,
        team=team,
        reason=f"Asked for {team.get_discipline_display().lower()} advice for {what}",
        starts_on=requested_on,
        ends_on=grant_end(event.on),
    )
    return AdviceRequest.objects.create(
        case=event.case,
        team=team,
        kind=kind,
        question=QUESTIONS[team.discipline],
        requested_on=requested_on,
        due_on=due,
        requested_event=request_event,
        grant=grant,
        requested_by=event.recorded_by,
        status=AdviceRequest.Status.ANSWERED,
        answer=ANSWER,
        answered_on=event.on,
        received_event=event,
    )


def _summaries(
    la: LocalAuthority, by: User, moderations: list[AdviceModeration], today: date
) -> None:
    """Two half-yearly learning summaries: the earlier published, the later a draft."""
    ends = []
    month = today.year * 12 + today.month - 2
    while len(ends) < 2:
        day = date(month // 12, month % 12 + 1, 1)
        if day.month in (3, 9):
            ends.append(_month_end(day))
        month -= 1
    for n, end in enumerate(reversed(ends)):
        start = _month_start(end, 5)
        summary = LearningSummary.objects.create(
            la=la,
            title=f"Advice learning summary, {start:%B %Y} to {end:%B %Y}",
            period_start=start,
            period_end=end,
            body=(
                "Most advice described needs by their impact on learning. The commonest gap "
                "was provision without an amount or a frequency; social care advice often "
                "stopped at 'not known to social care'. Examples of good practice follow."
            ),
            drafted_on=end + timedelta(days=10),
            drafted_by=by,
            published_on=end + timedelta(days=20) if n == 0 else None,
        )
        summary.examples.set(
            [m for m in moderations if m.good_practice and start <= m.sampled_on <= end][:3]
        )


def _panel(
    rng: Random, la: LocalAuthority, users: dict[str, User], live: list[LivePlan], today: date
) -> None:
    """A decision panel a week ago: decisions to assess and top-up bands, written through
    the casework actions; learning shared with partners, one acted on."""
    chair = users["team-manager"]
    meets = today - timedelta(days=7)
    panel = Panel.objects.create(
        la=la,
        name="Assessment and resources panel",
        meets_on=meets,
        chair=chair,
        quorum_met=True,
        held_on=meets,
    )
    PanelMember.objects.bulk_create(
        PanelMember(panel=panel, name=name, organisation=org)
        for name, org in (
            ("SEND team manager (chair)", Organisation.EDUCATION),
            ("Educational psychologist", Organisation.EDUCATION),
            ("Designated clinical officer", Organisation.HEALTH),
            ("Social care practice lead", Organisation.SOCIAL_CARE),
            ("Headteacher representative", Organisation.SCHOOL),
        )
    )
    order = 0
    waiting = (
        AssessmentRequest.objects.filter(
            case__la=la, case__status="open", assess_outcome="", received_on__lte=meets
        )
        .select_related("case")
        .order_by("received_on", "pk")[:6]
    )
    decided = 0
    for request in waiting:
        if decided == 2:
            break
        try:
            event = record_assess_decision(
                case=request.case, on=meets, outcome="assess", by=chair, today=today
            )
        except ActionError:
            continue
        order += 1
        decided += 1
        PanelItem.objects.create(
            panel=panel,
            case=request.case,
            question=PanelItem.Question.ASSESS,
            order=order,
            decision="Carry out an EHC needs assessment",
            reasons="The evidence shows the child may have SEN and may need provision "
            "through a plan (CFA 2014 s36(8)).",
            decided_on=meets,
            event=event,
            family_told_on=meets + timedelta(days=1),
        )
    for live_plan, band in zip(live[-3:], ("B", "C", "D"), strict=False):
        decision = record_decision(
            case=live_plan.plan.case,
            kind="top_up",
            decided_on=meets,
            decision=f"Top-up funding at band {band}",
            reasons="The provision in section F needs more adult time than the setting's "
            "notional SEN budget covers.",
            band=band,
            by=chair,
            source=f"Panel {panel.pk}",
            today=today,
        )
        order += 1
        PanelItem.objects.create(
            panel=panel,
            case=live_plan.plan.case,
            question=PanelItem.Question.TOP_UP,
            order=order,
            decision=decision.decision,
            reasons=decision.reasons,
            decided_on=meets,
            case_decision=decision,
            family_told_on=meets + timedelta(days=2),
        )
    teams = {t.discipline: t for t in AdviceTeam.objects.filter(la=la).order_by("-pk")}
    PanelLearning.objects.bulk_create(
        [
            PanelLearning(
                panel=panel,
                text="Health advice should say how often therapy is needed and who delivers it.",
                partner="Community paediatrics",
                team=teams.get(AdviceTeam.Discipline.HEALTH),
                shared_on=meets + timedelta(days=2),
                acted_on=meets + timedelta(days=5),
                acted_note="Advice template changed to ask for frequency and deliverer.",
            ),
            PanelLearning(
                panel=panel,
                text="Requests from schools should include the graduated approach evidence.",
                partner="Secondary SENCo network",
                shared_on=meets + timedelta(days=2),
            ),
        ]
    )


def _report(la: LocalAuthority, by: User, today: date) -> None:
    """Last term's QA report, published on time, with its recommendations."""
    terms = []
    for year in (today.year - 1, today.year):
        terms += [
            (f"Spring {year}", date(year, 1, 1), date(year, 3, 31)),
            (f"Summer {year}", date(year, 4, 1), date(year, 8, 31)),
            (f"Autumn {year}", date(year, 9, 1), date(year, 12, 31)),
        ]
    due = [(t, s, e) for t, s, e in terms if _month_end(_month_start(e, -1)) < today]
    term, start, end = due[-1]
    due_on = _month_end(_month_start(end, -1))
    report = QAReport.objects.create(
        la=la,
        term=term,
        period_start=start,
        period_end=end,
        due_on=due_on,
        summary="Audits are on plan; grades are improving; outcomes remain the weakest "
        "domain. Moderation agreement is close to the 90% target.",
        published_on=due_on - timedelta(days=5),
        published_by=by,
    )
    QARecommendation.objects.bulk_create(
        [
            QARecommendation(
                report=report,
                text="Run outcome-writing workshops for case officers",
                owner="SEND service manager",
                due_on=due_on + timedelta(days=30),
                implemented_on=due_on + timedelta(days=21),
                note="Two workshops held; 21 officers attended.",
            ),
            QARecommendation(
                report=report,
                text="Change the plan template so section F asks for amount, frequency and "
                "who delivers",
                owner="QA lead",
                due_on=due_on + timedelta(days=60),
            ),
            QARecommendation(
                report=report,
                text="Invite a school SENCo to each moderation round",
                owner="QA lead",
                due_on=due_on + timedelta(days=90),
            ),
        ]
    )

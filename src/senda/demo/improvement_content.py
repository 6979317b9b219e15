"""The words of the demo's improvement plan: Seaview's six areas for improvement after a
(fictional) area SEND inspection, their aims and actions, risks, "You said, we did" and
sign-off. Data only; ``senda.demo.improvement`` turns it into dated rows.

An action's timescale is ``(start, end)`` in months after the plan's first month (the
month it was published), ``("by", end)`` for a deadline, or a phrase Senda cannot turn into
dates (kept verbatim and listed to resolve). ``state`` says how it is going today: ``done``
(complete), ``ok`` (on track), ``slip`` (a milestone missed), ``late`` (its end has passed),
``future`` (not started yet).
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE = "Seaview SEND Partnership Improvement Plan 2026–28"
BOARD = "Seaview SEND Partnership Board"

#: Partners: key → (name, kind). The key is what actions name as lead or support.
PARTNERS = {
    "education": ("Seaview County Council – Education and SEND", "education"),
    "health": ("NHS Seaview Integrated Care Board", "health"),
    "social_care": ("Seaview County Council – Children's Social Care", "social_care"),
    "pcf": ("Seaview Parent Carer Forum", "pcf"),
    "schools": ("Seaview Schools and Colleges Forum", "schools"),
}
#: Lead of each kind as a plan would name it, and the demo user who leads for it.
LEADS = {
    "education": ("Head of SEND Services", "service-manager"),
    "assessment": ("EHC Assessment Team Manager", "team-manager"),
    "health": ("Designated Clinical Officer (ICB)", "health-partner"),
    "social_care": ("Principal Social Worker", "service-manager"),
    "pcf": ("Parent Carer Forum co-chairs", None),
    "schools": ("SENCO network chair", None),
}


@dataclass(frozen=True, slots=True)
class ActionSpec:
    what: str
    how: str
    kpis: tuple[str, ...]
    measures: str
    timescale: tuple[int, int] | tuple[str, int] | str
    lead: str
    partners: tuple[str, ...]
    state: str


@dataclass(frozen=True, slots=True)
class AreaSpec:
    title: str
    context: str
    lead: str
    co_production: str
    aims: tuple[tuple[str, tuple[ActionSpec, ...]], ...]


A = ActionSpec

AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(
        "Timeliness of EHC needs assessments and plans",
        "Inspectors found that fewer than 4 in 10 EHC plans were issued within 20 weeks and "
        "that advice from health and social care was often late. Families told inspectors "
        "they waited months without hearing what was happening.",
        "Head of SEND Services, Seaview County Council",
        "The parent carer forum co-chairs sit on the timeliness workstream and reviewed the "
        "letters families receive at each step.",
        (
            (
                "More EHC plans are issued within 20 weeks of the request.",
                (
                    A(
                        "Recruit and train additional EHC coordinators so that every "
                        "coordinator holds 160 plans or fewer.",
                        "Agree funding for 4 additional posts\nRecruit and induct\n"
                        "Rebalance caseloads by locality",
                        ("caseload-at-target", "final-plan-20w", "posts-filled"),
                        "Every coordinator at or under the caseload target by month 9",
                        (0, 9),
                        "education",
                        ("education",),
                        "done",
                    ),
                    A(
                        "Track every assessment weekly against the 20-week clock, escalating "
                        "any case at week 14 without a draft plan.",
                        "Weekly tracker meeting\nEscalation to team manager at week 14\n"
                        "Monthly report to the board",
                        ("final-plan-20w", "assess-decision-6w"),
                        "60% of final plans within 20 weeks by month 12, 80% by month 24",
                        (0, 24),
                        "assessment",
                        ("education", "health", "social_care"),
                        "ok",
                    ),
                    A(
                        "Decide whether to assess within 6 weeks: the multi-agency panel "
                        "meets weekly rather than fortnightly.",
                        "Move panel to weekly\nPublish panel dates to settings\n"
                        "Feed back decisions to families within 2 working days",
                        ("assess-decision-6w",),
                        "90% of decisions within 6 weeks",
                        (1, 6),
                        "assessment",
                        ("education", "health"),
                        "done",
                    ),
                    A(
                        "Publish monthly timeliness figures to the partnership board and the "
                        "parent carer forum.",
                        "Agree the measures with the forum\nPublish monthly",
                        ("final-plan-20w",),
                        "",
                        "Ongoing – monthly",
                        "education",
                        ("education", "pcf"),
                        "ok",
                    ),
                ),
            ),
            (
                "Advice from health, social care and educational psychology arrives within "
                "6 weeks.",
                (
                    A(
                        "Agree a service-level agreement with the ICB so health advice is "
                        "returned within 6 weeks.",
                        "Map current advice routes\nAgree SLA with providers\n"
                        "Monthly compliance report",
                        ("advice-6w",),
                        "90% of health advice within 6 weeks by month 12",
                        (0, 12),
                        "health",
                        ("health", "education"),
                        "slip",
                    ),
                    A(
                        "Commission additional educational psychology capacity to clear the "
                        "backlog of advice requests.",
                        "Procure associate EPs\nClear requests older than 6 weeks",
                        ("advice-6w",),
                        "No EP advice request older than 6 weeks",
                        (0, 4),
                        "education",
                        ("education",),
                        "late",
                    ),
                    A(
                        "Name a duty social worker for EHC advice requests in each locality.",
                        "Agree rota\nTrain duty workers on EHC advice",
                        ("advice-6w",),
                        "",
                        ("by", 4),
                        "social_care",
                        ("social_care",),
                        "done",
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "Quality of EHC plans",
        "Inspectors found plans that did not describe children's needs precisely, outcomes "
        "that were not specific, and health and social care sections that were often blank.",
        "Assistant Director, Education and Inclusion",
        "Young people from the Seaview Youth Voice group and parents co-wrote the new plan "
        "template and the audit tool.",
        (
            (
                "Plans describe needs and outcomes clearly and are written with families.",
                (
                    A(
                        "Introduce a multi-agency quality assurance framework with a monthly "
                        "audit of a sample of new and amended plans.",
                        "Agree audit tool\nMonthly multi-agency moderation\n"
                        "Report themes to the board quarterly",
                        (),
                        "80% of audited plans rated good or better by month 18",
                        (0, 18),
                        "education",
                        ("education", "health", "social_care", "pcf"),
                        "ok",
                    ),
                    A(
                        "Train every EHC coordinator and SENCO in writing specific, "
                        "measurable outcomes.",
                        "Design training with the forum\nDeliver to coordinators\n"
                        "Deliver through SENCO networks",
                        ("staff-trained", "training-confidence"),
                        "All coordinators trained; 70% of SENCOs",
                        (1, 10),
                        "education",
                        ("education", "schools"),
                        "slip",
                    ),
                    A(
                        "Co-produce a new plan template with families and young people.",
                        "Workshops with families\nTest drafts with young people\nLaunch",
                        (),
                        "Template in use for all new plans",
                        (0, 6),
                        "pcf",
                        ("pcf", "education"),
                        "done",
                    ),
                    A(
                        "Share audit themes with settings through termly SENCO network meetings.",
                        "Termly briefing\nExamples of good practice",
                        (),
                        "",
                        "Each term, ongoing",
                        "schools",
                        ("schools", "education"),
                        "ok",
                    ),
                ),
            ),
            (
                "Health and social care sections are specific and complete.",
                (
                    A(
                        "The Designated Clinical Officer quality-assures every health section "
                        "before a draft plan is issued.",
                        "DCO checklist\nWeekly review slot\nFeedback to providers",
                        ("final-plan-20w",),
                        "No plan issued with an empty health section",
                        (0, 12),
                        "health",
                        ("health",),
                        "ok",
                    ),
                    A(
                        "Practice guidance for social care sections, sampled quarterly by the "
                        "Principal Social Worker.",
                        "Write guidance\nBrief team managers\nQuarterly sampling",
                        ("social-care-advice-quality", "staff-trained-social-care"),
                        "Social care section complete in 90% of sampled plans",
                        (2, 12),
                        "social_care",
                        ("social_care", "education"),
                        "slip",
                    ),
                    A(
                        "Review learning from tribunal appeals and mediation each quarter and "
                        "act on it.",
                        "Quarterly learning review\nActions into training plan",
                        (),
                        "",
                        (3, 24),
                        "education",
                        ("education", "health"),
                        "ok",
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "Annual reviews",
        "Inspectors found that many annual reviews were late or not held, that decisions "
        "after review meetings took months, and that amended plans were rarely issued on time.",
        "Head of SEND Services, Seaview County Council",
        "Parents described the review process in focus groups; the toolkit for settings "
        "includes their checklist of what a good review feels like.",
        (
            (
                "Every annual review is held and decided on time.",
                (
                    A(
                        "Clear the backlog of overdue annual reviews, oldest first.",
                        "Dedicated review team for 9 months\nPrioritise oldest\n"
                        "Weekly progress report",
                        ("overdue-reviews", "annual-review-on-time"),
                        "No review more than 3 months overdue by month 4",
                        (0, 4),
                        "assessment",
                        ("education", "schools"),
                        "late",
                    ),
                    A(
                        "Send the local authority's decision within 4 weeks of every review "
                        "meeting.",
                        "Decision tracker\nTemplate decision letters",
                        ("review-decision-4w",),
                        "90% within 4 weeks",
                        (1, 12),
                        "assessment",
                        ("education",),
                        "ok",
                    ),
                    A(
                        "Log review reports from settings within 5 working days of receipt.",
                        "Shared inbox triage\nDaily logging",
                        ("review-logged-5wd", "setting-returns-on-time"),
                        "",
                        (1, 6),
                        "assessment",
                        ("education", "schools"),
                        "done",
                    ),
                    A(
                        "Prioritise reviews at phase transfer so plans are amended by 15 "
                        "February and 31 March.",
                        "List transfer cohort in September\nReviews by the autumn term",
                        ("review-to-final-12w",),
                        "All phase-transfer plans amended by the statutory dates",
                        (7, 13),
                        "assessment",
                        ("education", "schools"),
                        "future",
                    ),
                ),
            ),
            (
                "Amended plans are issued within statutory timescales.",
                (
                    A(
                        "Issue amended plans within 12 weeks of the review meeting.",
                        "Amendment tracker\nEscalation at week 8",
                        ("review-to-final-12w",),
                        "80% within 12 weeks by month 12",
                        (2, 14),
                        "assessment",
                        ("education",),
                        "slip",
                    ),
                    A(
                        "Give settings an annual review toolkit and termly training.",
                        "Write toolkit with SENCOs\nTermly training sessions",
                        ("setting-returns-on-time",),
                        "Review reports on time from 80% of settings",
                        (0, 8),
                        "schools",
                        ("schools", "education", "pcf"),
                        "ok",
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "Preparing for adulthood",
        "Inspectors found that young people's plans rarely included preparing-for-adulthood "
        "outcomes before Year 11, and that moves to adult health and social care were "
        "planned late.",
        "Director of Adult Social Care and Assistant Director, Education and Inclusion",
        "Seaview Youth Voice members tested the preparing-for-adulthood guide and chose its title.",
        (
            (
                "Young people from Year 9 have preparing-for-adulthood outcomes in their plans.",
                (
                    A(
                        "Include preparing-for-adulthood outcomes in every plan from the "
                        "Year 9 review.",
                        "Update review paperwork\nTrain coordinators\nAudit sample termly",
                        ("annual-review-on-time", "pfa-outcomes-in-plans"),
                        "90% of Year 9+ plans with PfA outcomes",
                        (0, 12),
                        "education",
                        ("education", "schools"),
                        "ok",
                    ),
                    A(
                        "Expand supported internships from 12 to 30 places.",
                        "Recruit employers\nJob coaches\nPromote to families",
                        ("internships-apprenticeships",),
                        "30 places by month 18",
                        (0, 18),
                        "education",
                        ("education", "schools"),
                        "ok",
                    ),
                    A(
                        "Co-produce a preparing-for-adulthood guide with young people and "
                        "families.",
                        "Workshops\nDraft and test\nPublish on the Local Offer",
                        (),
                        "",
                        (2, 7),
                        "pcf",
                        ("pcf", "education"),
                        "slip",
                    ),
                    A(
                        "Review the sufficiency of post-16 provision for young people with "
                        "complex needs.",
                        "Needs analysis\nOptions appraisal",
                        ("neet", "eet-sustained"),
                        "",
                        "Subject to the capital funding announcement",
                        "education",
                        ("education",),
                        "future",
                    ),
                ),
            ),
            (
                "Moves to adult health and social care are planned early.",
                (
                    A(
                        "Set up a joint transitions panel (children's and adults' social "
                        "care, health) for young people from age 14.",
                        "Terms of reference\nMonthly panel\nTracker of young people",
                        ("complex-allocated-by-17-6m", "transition-plans-by-17-6m"),
                        "Every young person with a plan known to the panel by 16",
                        (1, 4),
                        "social_care",
                        ("social_care", "health", "education"),
                        "late",
                    ),
                    A(
                        "Introduce a health transition pathway with a named transition nurse.",
                        "Agree pathway with providers\nRecruit nurse",
                        ("annual-health-checks",),
                        "Pathway in place in all three providers",
                        (3, 15),
                        "health",
                        ("health",),
                        "ok",
                    ),
                    A(
                        "Offer independent travel training to young people from Year 10.",
                        "Commission provider\nReferral route through reviews",
                        (),
                        "",
                        (7, 19),
                        "education",
                        ("education",),
                        "future",
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "Communication with families",
        "Families told inspectors they did not know who their coordinator was, that calls "
        "and emails went unanswered, and that the Local Offer was out of date.",
        "Head of SEND Services and Parent Carer Forum co-chairs",
        "The forum co-leads this area; every action was agreed with the forum's steering group.",
        (
            (
                "Families know who their coordinator is and hear back within 5 working days.",
                (
                    A(
                        "Name the family's EHC coordinator, with contact details, in every "
                        "letter and email.",
                        "Update letter templates\nCheck a sample monthly",
                        (),
                        "",
                        ("by", 3),
                        "education",
                        ("education", "pcf"),
                        "done",
                    ),
                    A(
                        "Answer family enquiries within 5 working days and report the "
                        "figures monthly.",
                        "Shared mailbox with tracking\nMonthly report",
                        (),
                        "95% answered within 5 working days",
                        (0, 12),
                        "assessment",
                        ("education",),
                        "slip",
                    ),
                    A(
                        "Hold termly drop-in sessions in each locality with the parent carer "
                        "forum.",
                        "Book venues\nPublicise through schools",
                        (),
                        "",
                        "Termly from the autumn",
                        "pcf",
                        ("pcf", "education", "health"),
                        "ok",
                    ),
                ),
            ),
            (
                "The Local Offer is accurate and easy to use.",
                (
                    A(
                        "Rebuild the Local Offer website with families, testing each page "
                        "with users.",
                        "Content audit\nUser research with families\nRebuild and launch",
                        (),
                        "Satisfaction in the annual survey up from 31% to 60%",
                        (0, 15),
                        "education",
                        ("education", "pcf", "health"),
                        "ok",
                    ),
                    A(
                        "Check every Local Offer entry for accuracy twice a year.",
                        "Owners named for each entry\nSix-monthly check",
                        (),
                        "",
                        (3, 24),
                        "education",
                        ("education", "health", "social_care"),
                        "ok",
                    ),
                ),
            ),
            (
                "Families' views shape services.",
                (
                    A(
                        'Publish "You said, we did" each quarter with the parent carer forum.',
                        "Collect feedback\nAgree responses\nPublish on the Local Offer",
                        (),
                        "Four editions a year",
                        (0, 24),
                        "pcf",
                        ("pcf", "education"),
                        "ok",
                    ),
                    A(
                        "Agree a co-production charter signed by every partner.",
                        "Draft with the forum\nSign at the partnership board",
                        (),
                        "",
                        ("by", 5),
                        "pcf",
                        ("pcf", "education", "health", "social_care"),
                        "done",
                    ),
                    A(
                        "Learn from complaints: share themes with the board each quarter.",
                        "Quarterly themes report\nActions tracked in this plan",
                        (),
                        "",
                        (1, 24),
                        "education",
                        ("education", "health", "social_care"),
                        "ok",
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "Neurodevelopmental pathway and short breaks",
        "Inspectors found that children waited more than two years for an autism or ADHD "
        "assessment with little support meanwhile, and that disabled children's families "
        "could reach short breaks only through a formal social care assessment.",
        "Designated Clinical Officer (ICB) and Principal Social Worker",
        "Parents of children on the waiting list designed the support-while-waiting offer "
        "with the forum; disabled young people chose the short breaks the local offer funds.",
        (
            (
                "Children wait less for an autism or ADHD assessment and are supported "
                "while they wait.",
                (
                    A(
                        "Clear the longest waits for autism and ADHD assessment with added "
                        "assessment capacity.",
                        "Commission additional assessment sessions\nTriage the list by need\n"
                        "Report waits monthly to the board",
                        (
                            "nd-autism-wait-median",
                            "nd-autism-wait-longest",
                            "nd-adhd-wait-median",
                            "nd-adhd-wait-longest",
                        ),
                        "No child waiting more than 52 weeks by month 18",
                        (1, 18),
                        "health",
                        ("health", "education"),
                        "slip",
                    ),
                    A(
                        "Offer every child on the waiting list support while they wait, "
                        "without needing a diagnosis.",
                        "School-based interim support\nParent programmes\n"
                        "Needs profile before referral",
                        (
                            "nd-interim-support",
                            "nd-profile-before-referral",
                            "nd-no-diagnosis-rejections",
                        ),
                        "90% of children waiting receive interim support",
                        (0, 12),
                        "health",
                        ("health", "education", "schools", "pcf"),
                        "ok",
                    ),
                ),
            ),
            (
                "Disabled children and their families get short breaks without waiting "
                "for a formal assessment.",
                (
                    A(
                        "Widen the short breaks local offer so families reach them without a "
                        "social care assessment.",
                        "Map what families use\nCommission local offer breaks\n"
                        "Publish on the Local Offer",
                        ("short-breaks-local-offer", "short-breaks-assessed"),
                        "More short breaks through the local offer; 5% fewer after assessment",
                        (2, 14),
                        "social_care",
                        ("social_care", "pcf"),
                        "ok",
                    ),
                    A(
                        "Learn from short-break complaints and support families before crisis.",
                        "Quarterly complaints review\nEarly help for families under strain",
                        ("short-break-complaints", "disabled-children-looked-after"),
                        "Fewer than 10 short-break complaints a year",
                        (3, 24),
                        "social_care",
                        ("social_care", "health"),
                        "future",
                    ),
                ),
            ),
        ),
    ),
)

#: Milestone titles at 3, 6, 9 and 12 months after an action starts.
MILESTONES = (
    "Month 3: plan agreed and baseline measured",
    "Month 6: first changes in place",
    "Month 9: progress reviewed with families",
    "Month 12: changes embedded and evaluated",
)

#: Risks: description, owner, severity before, after mitigation, mitigation, months ago raised.
RISKS = (
    (
        "Recruitment of EHC coordinators is slower than planned.",
        "Head of SEND Services",
        4,
        2,
        "Agency cover; recruitment campaign with a retention payment.",
        6,
    ),
    (
        "Demand for assessments keeps rising faster than capacity.",
        "Assistant Director",
        4,
        3,
        "Monthly demand forecast; early-help route for settings.",
        6,
    ),
    (
        "Health providers cannot meet the 6-week advice target.",
        "Designated Clinical Officer",
        3,
        2,
        "SLA with escalation to the ICB director; locum therapists.",
        5,
    ),
    (
        "Educational psychology vacancies delay advice.",
        "Principal Educational Psychologist",
        4,
        3,
        "Associate EPs; trainee placements.",
        6,
    ),
    (
        "Settings do not return review reports on time.",
        "SENCO network chair",
        3,
        2,
        "Toolkit, reminders and termly training.",
        4,
    ),
    (
        "The case management system cannot report the new measures.",
        "Head of Business Intelligence",
        2,
        1,
        "Interim reports from Senda's casework figures.",
        5,
    ),
    (
        "Families lose confidence if improvements are not visible.",
        "Parent Carer Forum co-chairs",
        3,
        2,
        'Quarterly "You said, we did"; drop-in sessions.',
        3,
    ),
    (
        "High-needs budget pressure limits new provision.",
        "Director of Children's Services",
        4,
        4,
        "Safety valve discussions; sufficiency review.",
        6,
    ),
    (
        "Staff turnover in social care delays advice and transitions.",
        "Principal Social Worker",
        3,
        2,
        "Duty rota for EHC advice; transitions panel.",
        2,
    ),
)

#: "You said, we did": source, theme, you said, we did (blank = not yet), months ago.
FEEDBACK = (
    (
        "Parent carer forum survey",
        "Communication",
        "We never know who is dealing with our child's plan.",
        "Every letter and email now names your coordinator and how to reach them.",
        6,
    ),
    (
        "Locality drop-in, Harbourside",
        "Timeliness",
        "We don't hear anything between the request and the draft plan.",
        "You now get an update at weeks 6, 12 and 16 of the assessment.",
        5,
    ),
    (
        "Seaview Youth Voice",
        "Preparing for adulthood",
        "Nobody talked to us about work or college until Year 11.",
        "Plans now include preparing-for-adulthood outcomes from Year 9.",
        5,
    ),
    (
        "Complaints themes report",
        "Annual reviews",
        "Decisions after the review meeting take months.",
        "We now track every decision and aim to send it within 4 weeks.",
        4,
    ),
    (
        "Parent carer forum survey",
        "Local Offer",
        "The Local Offer is out of date and hard to search.",
        "We are rebuilding it with families; the first pages are being tested now.",
        3,
    ),
    (
        "Locality drop-in, Northcliffe",
        "Health advice",
        "We had to chase the therapy report ourselves.",
        "",
        2,
    ),
    (
        "SENCO network",
        "Annual reviews",
        "The review paperwork is different for every team.",
        "One toolkit and template for every setting, written with SENCOs.",
        2,
    ),
)

#: Sign-off: partner key, who signed (name and role), days after inspection.
SIGN_OFFS = (
    ("education", "Director of Children's Services, Seaview County Council", 60),
    ("health", "Chief Nursing Officer, NHS Seaview ICB", 62),
    ("social_care", "Assistant Director, Children's Social Care", 62),
    ("pcf", "Co-chairs, Seaview Parent Carer Forum", 65),
)

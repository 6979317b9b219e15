"""The partnership's KPIs beyond casework: quality (in-depth audits only), pathways,
families, workforce, social care, sufficiency and finance. Those Senda holds no data for
are recorded per period by a person, with its evidence; the sufficiency and finance KPIs
whose data are here (the ledger, allocations, placements, the capital programme, stored
forecasts) are computed by ``senda tick`` (``senda.sufficiency.measures``), and so are the
neurodevelopmental waits and support while waiting (``senda.pathways.measures``,
``senda.performance.specialist_support``) and the disabled children's register's measures
(``senda.pathways.disabled.measures``), the preparing-for-adulthood destinations
(``senda.pathways.destinations``) and the workforce's training and posts
(``senda.people.workforce``)."""

from __future__ import annotations

from senda.performance.catalogue.entry import Entry, from_records
from senda.performance.catalogue.entry import recorded as _recorded

QA_LEAD = "Quality assurance lead"
SERVICE_MANAGER = "Head of SEND (service manager)"
PARTNERSHIP = "SEND partnership lead"
DCO = "Designated Clinical Officer"
PFA_LEAD = "Preparing for adulthood lead"
SOCIAL_CARE = "Children's social care lead (disabled children)"
PARTICIPATION = "Participation and co-production lead"
COMMISSIONING = "Head of SEND commissioning and sufficiency"
FINANCE_LEAD = "High needs finance lead"
WORKFORCE = "Workforce development lead"


#: The other quality KPIs are computed from the QA records (``catalogue/quality.py``).
QUALITY: tuple[Entry, ...] = (
    _recorded(
        "warm-audits",
        "In-depth (warm) audits completed",
        "In-depth audits completed in the quarter with the family and practitioners "
        "(“warm” audits).",
        "In-depth audits completed in the quarter",
        "",
        unit="count",
        owner=QA_LEAD,
        area="quality",
        seen="county: 3 or more a quarter",
    ),
)

WAITING_LIST = (
    "the neurodevelopmental waiting list: referrals and their steps (`pathways.Referral`), "
    "recorded or imported from the NHS provider's extract"
)
SUPPORT = (
    "the neurodevelopmental waiting list (`pathways.Referral`) and the support recorded for "
    "children waiting (`pathways.Support`)"
)

PROFILES = (
    "the needs profiles schools submit in the settings' portal (`portal.NeedsProfile`), "
    "the pilot settings (`portal.ProfilePilot`) and the referrals (`pathways.Referral`)"
)


TRANSITION = (
    "transition to adult services: young people's complexity ratings, allocations, "
    "transition plans and health checks (`pathways.TransitionRecord`) and their plans"
)


def _wait_median(pathway: str, name: str) -> Entry:
    return from_records(
        f"nd-{pathway}-wait-median",
        f"Median wait for an {name} assessment",
        "Median weeks from referral to first assessment appointment of children and young "
        f"people first assessed for {name} in the period (to its last day, or today while it "
        "runs), halves rounded up. Computed from the waiting list; the referrals behind the "
        "figure are listed, and it is not shown when fewer children than the suppression "
        "threshold were assessed.",
        "Median weeks waited by children first assessed in the period",
        "",
        records=WAITING_LIST,
        unit="weeks",
        higher_is_better=False,
        owner=DCO,
        area="pathways",
    )


def _wait_longest(pathway: str, name: str) -> Entry:
    return from_records(
        f"nd-{pathway}-wait-longest",
        f"Longest wait for an {name} assessment",
        f"Completed weeks the longest-waiting child or young person on the {name} assessment "
        "waiting list (referred, not rejected, assessed or gone from the list) on the "
        "period's last day (today while it runs) has waited since referral. Computed from "
        "the waiting list; the referrals on the list are listed.",
        "Longest wait in weeks at the end of the period",
        "",
        records=WAITING_LIST,
        unit="weeks",
        higher_is_better=False,
        owner=DCO,
        area="pathways",
    )


PARTICIPATION_RECORDS = (
    "the council's monthly participation extracts (`pathways.Participation`), imported "
    "with `senda import participation` or the destinations page"
)

PATHWAYS: tuple[Entry, ...] = (
    _wait_median("autism", "autism"),
    _wait_longest("autism", "autism"),
    _wait_median("adhd", "ADHD"),
    _wait_longest("adhd", "ADHD"),
    from_records(
        "nd-profile-before-referral",
        "Needs profiles completed before referral",
        "Referrals to the neurodevelopmental pathway in the period (to its last day, or "
        "today while it runs) made by a school or setting in the profiling tool's pilot (on "
        "that day) for which a needs profile of the child was submitted on or before the "
        "referral date and no more than a year before it. Computed from the "
        "referrals and the profiles; the referrals are listed. It was typed in each period "
        "before Senda held the profiles (those values are kept, no longer shown).",
        "Pilot settings' referrals in the period with a completed profile",
        "Pilot settings' referrals in the period",
        records=PROFILES,
        owner=DCO,
        area="pathways",
        seen="80% or more",
    ),
    from_records(
        "nd-profile-settings-using",
        "Pilot schools and services using the needs profile",
        "Schools, settings and services in the profiling tool's pilot on the period's last "
        "day (today while it runs) that submitted at least one needs profile in the period, "
        "or in the twelve months to that day for a shorter period. The settings are listed.",
        "Pilot settings that submitted a profile",
        "Pilot settings",
        records=PROFILES,
        owner=DCO,
        area="pathways",
        seen="80% or more",
    ),
    from_records(
        "nd-profiles-meeting-standard",
        "Needs profiles meeting the quality standard",
        "Needs profiles graded in the period in the sampled quality audit of profiles whose "
        "grade against the profile framework is Good or Outstanding. The audits are listed.",
        "Profiles graded Good or Outstanding",
        "Profiles graded in the period",
        records="the quality audits of sampled needs profiles (`quality.ProfileAudit`)",
        owner=QA_LEAD,
        area="pathways",
        seen="80% or more",
    ),
    from_records(
        "nd-interim-support",
        "Children waiting who receive interim support",
        "Children and young people on the neurodevelopmental waiting list (referred for "
        "assessment on any pathway and not yet rejected, assessed or gone from the list) on "
        "the period's last day (today while it runs) with support recorded as running that "
        "day: school-based interim support, a parent or carer programme, a medication review, "
        "support without a diagnosis or specialist support while waiting for a school place. "
        "A child on two pathways' lists is counted once. Computed from the waiting list and "
        "the support recorded on it; the referrals behind the figure are listed.",
        "Children waiting who receive interim support",
        "Children on the waiting list at the end of the period",
        records=SUPPORT,
        owner=DCO,
        area="pathways",
        seen="90% or more",
    ),
    from_records(
        "nd-no-diagnosis-rejections",
        "Referrals rejected for want of a diagnosis",
        "Referrals to the neurodevelopmental pathway rejected at triage in the period (to its "
        "last day, or today while it runs) with the reason “refused for want of a diagnosis”. "
        "Senda counts these triage decisions, recorded or imported from the NHS provider's "
        "extract; requests for other support refused for want of a diagnosis (by schools or "
        "services) are not recorded and not counted. The referrals are listed.",
        "Referrals rejected at triage in the period for want of a diagnosis",
        "",
        records=WAITING_LIST,
        unit="count",
        higher_is_better=False,
        owner=PARTNERSHIP,
        area="pathways",
        seen="down on the baseline",
    ),
    from_records(
        "nd-specialist-place-support",
        "Children waiting for a school place who receive specialist support",
        "Children and young people with an EHC plan in force and no school or college place "
        "on the period's last day (today while it runs) — their main placement SEN2's “not in "
        "education” (NIEO, or NIEC when a notice to cease is issued), as on the places "
        "register's list of children waiting — with specialist support while waiting for a "
        "specialist school place recorded as running that day. Support is recorded from a "
        "referral on the neurodevelopmental waiting list, so a child waiting for a place who "
        "is not on that list counts as not supported. Computed from the placements and the "
        "support recorded; the cases behind the figure are listed.",
        "Children waiting for a school place who receive specialist support",
        "Children with a plan waiting for a school place at the end of the period",
        records=(
            "placements (`casework.Placement`: the children waiting for a place, "
            "`sufficiency.placed.waiting`) and support while waiting (`pathways.Support`)"
        ),
        owner=COMMISSIONING,
        area="pathways",
        seen="90% or more",
    ),
)

ADULTHOOD: tuple[Entry, ...] = (
    from_records(
        "neet",
        "Young people with EHC plans not in education, employment or training",
        "Young people with an EHC plan of academic age 16 or 17 who are not in education, "
        "employment or training (NEET: NCCIS activity codes 5xx and 6xx) in the month's "
        "participation extract, of those whose activity is known (not 8xx; custody and "
        "the like, 7xx and 9xx, are outside the count). Computed from the council's monthly "
        "extracts; the records behind the figure are listed.",
        "Young people with a plan aged 16–17 who are NEET",
        "Young people with a plan aged 16–17 whose activity is known",
        records=PARTICIPATION_RECORDS,
        higher_is_better=False,
        owner=PFA_LEAD,
        area="adulthood",
        period="month",
        statute="Education and Skills Act 2008 s10, s12 (participation duties)",
        seen="15.6% → 12% by September 2026",
    ),
    from_records(
        "eet-sustained",
        "Sustained education, employment or training after Year 11",
        "Young people with a plan who left Year 11 in the summer before and were in "
        "education, employment or training in each of the six monthly participation "
        "extracts September to February after, counted in the period holding that "
        "February (January to March), of those of the cohort recorded in those months.",
        "Year 11 leavers with a plan in EET every month September to February",
        "Year 11 leavers with a plan recorded September to February",
        records=PARTICIPATION_RECORDS,
        owner=PFA_LEAD,
        area="adulthood",
        seen="80% or more",
    ),
    from_records(
        "transition-plans-by-17-6m",
        "Transition plans in place six months before 18",
        "Young people with a plan (in force at 17½) turning 18 in the period (to its last "
        "day, or today while it runs) who had a transition plan to adult services dated at "
        "least six months before their 18th birthday. Computed from the transition records "
        "since issue 18; the values typed in before then are kept.",
        "Young people turning 18 in the period with a transition plan by 17½",
        "Young people with a plan turning 18 in the period",
        records=TRANSITION,
        owner=PFA_LEAD,
        area="adulthood",
    ),
    from_records(
        "complex-allocated-by-17-6m",
        "Complex cases allocated to adult services by 17½",
        "Young people with a plan (in force at 17½) and complex needs (rated red) reaching "
        "17½ in the period (to its last day, or today while it runs) who had been allocated "
        "an adult social care worker by then. Computed from the transition records since "
        "issue 18; the values typed in before then are kept.",
        "Red-rated young people reaching 17½ in the period who were allocated",
        "Red-rated young people reaching 17½ in the period",
        records=TRANSITION,
        owner=SOCIAL_CARE,
        area="adulthood",
    ),
    from_records(
        "annual-health-checks",
        "Annual health checks for young people with a learning disability",
        "Young people aged 14 to 25 with a plan in force and a learning disability (primary "
        "need moderate, severe or profound and multiple learning difficulty) on the period's "
        "last day (today while it runs) who had an annual health check in the year to that "
        "day. Computed from the transition records.",
        "Young people 14–25 with a plan and a learning disability with a health check in the "
        "last year",
        "Young people 14–25 with a plan and a learning disability",
        records=TRANSITION,
        owner=DCO,
        area="adulthood",
        statute="NHS annual health checks for people with a learning disability (from 14)",
    ),
    from_records(
        "internships-apprenticeships",
        "Supported internships and apprenticeships started",
        "Young people with a plan starting a supported internship (NCCIS activity 250) or "
        "an apprenticeship (210) in the quarter: a month's extract gives the activity and "
        "the month before did not. Places created are on the destinations page, from the "
        "register of opportunities.",
        "Starts in the quarter",
        "",
        records=PARTICIPATION_RECORDS,
        unit="count",
        owner=PFA_LEAD,
        area="adulthood",
    ),
)

FAMILIES: tuple[Entry, ...] = (
    _recorded(
        "parent-satisfaction",
        "Parents and carers satisfied with reviews",
        "Parents and carers answering the period's survey who were satisfied with the "
        "clarity and timeliness of their child's annual review.",
        "Respondents satisfied or very satisfied",
        "Respondents who answered the question",
        owner=PARTICIPATION,
        area="families",
        seen="80% or more by 2028",
    ),
    _recorded(
        "feedback-summary-produced",
        "Termly feedback summaries produced",
        "Termly summaries of what children, young people and families told the service, "
        "produced and shared, of those due in the period.",
        "Summaries produced and shared",
        "Summaries due in the period",
        owner=PARTICIPATION,
        area="families",
        seen="100%",
    ),
    _recorded(
        "feedback-recommendations-implemented",
        "Recommendations from families' feedback implemented",
        "Recommendations drawn from families' feedback (themes of the termly summary) "
        "that were implemented by the period's last day, of those made by then, not "
        "counting those recorded as not adopted (with the reason said back to families). "
        "Recorded from the recommendations register at /feedback/recommendations/, which "
        "shows the figure: improvement plans sit above the KPI catalogue, so senda tick "
        "cannot count them.",
        "Recommendations from feedback implemented",
        "Recommendations from feedback made, less those not adopted",
        owner=PARTICIPATION,
        area="families",
        seen="80% or more",
    ),
    _recorded(
        "portal-ease",
        "Families who find the portal easy to use",
        "Parents, carers and young people answering the period's survey who judged the "
        "online portal easy to use.",
        "Respondents who found it easy or very easy",
        "Respondents who answered the question",
        owner=PARTICIPATION,
        area="families",
        seen="75% or more",
    ),
)

REGISTER = (
    "the training register: people in each service, courses for their service and the "
    "sessions they attended (`people.Trainee`, `people.Attendance`)"
)
SURVEYS = "the training register's before/after confidence surveys (`people.Attendance`)"
ESTABLISHMENT = "the establishment: planned posts by team and when filled (`people.Post`)"
TRAINED = (
    "{who} in the training register on the day judged (the period's last day, or today "
    "while it runs) who are current in a course for their service other than an "
    "induction: they attended one of its sessions within the course's refresher period "
    "(usually 12 months). Computed "
    "from the training register; the people behind the figure are listed."
)


def _trained(id: str, name: str, who: str, seen: str) -> Entry:
    return from_records(
        id,
        name,
        TRAINED.format(who=who),
        "Staff current in training for their service",
        "Staff in the service",
        records=REGISTER,
        owner=WORKFORCE,
        area="workforce",
        seen=seen,
        about="staff",
    )


#: One KPI per target group (their targets differ, and each service's staff are a list a
#: manager acts on); the workforce page shows every service by programme (ADR 0029).
WORKFORCE_ENTRIES: tuple[Entry, ...] = (
    _trained(
        "staff-trained",
        "SEN staff trained",
        "SEN assessment, planning and review staff",
        "90%",
    ),
    _trained(
        "staff-trained-review",
        "Review coordinators trained",
        "Annual review coordinators",
        "100%",
    ),
    _trained(
        "staff-trained-eps", "Educational psychologists trained", "Educational psychologists", "85%"
    ),
    _trained(
        "staff-trained-salt",
        "Speech and language therapists trained",
        "Speech and language therapy staff",
        "85%",
    ),
    _trained(
        "staff-trained-ot", "Occupational therapists trained", "Occupational therapy staff", "85%"
    ),
    _trained("staff-trained-pt", "Physiotherapists trained", "Physiotherapy staff", "85%"),
    _trained("staff-trained-family-help", "Family help staff trained", "Family help staff", "100%"),
    _trained(
        "staff-trained-social-care",
        "Social care advice writers trained",
        "Social care staff who write advice for EHC needs assessments",
        "50%",
    ),
    from_records(
        "training-confidence",
        "Staff competent and confident after training",
        "Surveys of sessions held in the period (to its last day, or today while it runs) "
        "answering yes to 'I feel competent and confident to apply this'. Computed from the "
        "training register's surveys; the people behind the figure are listed.",
        "Surveys answering competent and confident",
        "Surveys answering the question",
        records=SURVEYS,
        owner=WORKFORCE,
        area="workforce",
        about="staff",
        seen="75% or more",
    ),
    from_records(
        "training-confidence-improved",
        "Staff whose confidence improved",
        "Surveys of sessions held in the period whose confidence after the session (1 to "
        "5) is higher than before it, of those answering both.",
        "Surveys with higher confidence after",
        "Surveys answering before and after",
        records=SURVEYS,
        owner=WORKFORCE,
        area="workforce",
        about="staff",
        seen="80% or more",
    ),
    from_records(
        "posts-filled",
        "New posts filled",
        "New posts of the establishment needed by the day judged (and not since deleted) "
        "that are filled by then. Computed from the establishment; the posts are listed.",
        "New posts filled",
        "New posts needed",
        records=ESTABLISHMENT,
        owner=WORKFORCE,
        area="workforce",
        about="staff",
        seen="90%",
    ),
)

#: Computed from the disabled children's register (``senda.pathways.disabled.measures``).
REGISTER = (
    "the disabled children's register: children known to the disabled children's team and "
    "their referrals, short breaks, social care status and complaints "
    "(`pathways.RegisterRecord`, current records)"
)
OFFERS = (
    "plans issued and review meetings (`casework.CaseEvent`) and the social care assessments "
    "offered with them (`casework.SocialCareOffer`)"
)

SOCIAL_CARE_ENTRIES: tuple[Entry, ...] = (
    from_records(
        "disabled-children-looked-after",
        "Disabled children becoming looked after",
        "Children on the disabled children's register who became looked after in the period "
        "(a looked-after status starting in it, to its last day or today; each child once). "
        "Computed from the register; the children behind it are listed for those who may "
        "see the register.",
        "Disabled children starting to be looked after in the period",
        "",
        records=REGISTER,
        unit="count",
        higher_is_better=False,
        owner=SOCIAL_CARE,
        area="social-care",
        statute="Children Act 1989 s20, s31",
        seen="down 2%",
    ),
    _recorded(
        "family-help-audits-good",
        "Family Help audits rated good or outstanding",
        "Family Help case audits completed in the period rated good or outstanding.",
        "Audits rated good or outstanding",
        "Family Help audits completed in the period",
        owner=SOCIAL_CARE,
        area="social-care",
        seen="85%",
    ),
    from_records(
        "short-break-complaints",
        "Complaints about short breaks",
        "Formal complaints about short breaks received in the period, as recorded on the "
        "disabled children's register (casework complaints are about EHC cases, which many "
        "children with short breaks do not have).",
        "Complaints received in the period",
        "",
        records=REGISTER,
        unit="count",
        higher_is_better=False,
        owner=SOCIAL_CARE,
        area="social-care",
        statute="Breaks for Carers of Disabled Children Regulations 2011",
        seen="fewer than 10 a year",
    ),
    from_records(
        "short-breaks-local-offer",
        "Short breaks through the local offer",
        "Short breaks starting in the period (to its last day, or today) given through the "
        "short breaks local offer, without a formal social care assessment, as a share of "
        "all short breaks starting in it. Computed from the register.",
        "Short breaks starting in the period through the local offer",
        "Short breaks starting in the period",
        records=REGISTER,
        owner=SOCIAL_CARE,
        area="social-care",
        statute="Breaks for Carers of Disabled Children Regulations 2011, reg 5",
        seen="more through the local offer",
    ),
    from_records(
        "short-breaks-assessed",
        "Short breaks after a formal assessment",
        "Short breaks starting in the period (to its last day, or today) given after a "
        "social care assessment. Computed from the register.",
        "Short breaks starting in the period after an assessment",
        "",
        records=REGISTER,
        unit="count",
        higher_is_better=False,
        owner=SOCIAL_CARE,
        area="social-care",
        statute="Children Act 1989 s17",
        seen="down 5%",
    ),
    from_records(
        "disabled-children-referrals-accepted",
        "New referrals accepted by the disabled children's team",
        "Referrals to the disabled children's team accepted in the period (the decision "
        "dated in it). Computed from the register.",
        "Referrals accepted in the period",
        "",
        records=REGISTER,
        unit="count",
        owner=SOCIAL_CARE,
        area="social-care",
    ),
    from_records(
        "social-care-assessment-offered",
        "Social care assessments offered with plans and reviews",
        "EHC plans issued and annual review meetings held in the period (to its last day, "
        "or today) with a social care assessment offered to the family, recorded on the "
        "case. Each plan issued and each review meeting counts once; the cases are listed.",
        "Plans issued and review meetings with a social care assessment offered",
        "Plans issued and review meetings held in the period",
        records=OFFERS,
        owner=SOCIAL_CARE,
        area="social-care",
        statute="SEND Code of Practice 2015, 9.34 and 10.20; Children Act 1989 s17",
        seen="100%",
    ),
    from_records(
        "social-care-advice-quality",
        "Social care advice meeting the quality criteria",
        "Social care advice for EHC needs assessments moderated in the period that the "
        "moderator judged to meet the social care advice framework's quality criteria "
        "(advice moderation, the QA room). Advice moderated without that judgement is left "
        "out. Its timeliness is the advice rules' (the clock).",
        "Moderated social care advice meeting the quality criteria",
        "Social care advice moderated in the period",
        records="advice moderations (`quality.AdviceModeration`) of the social care discipline",
        owner=SOCIAL_CARE,
        area="social-care",
        seen="80% or more",
    ),
)

#: Computed from the sufficiency room's records (``senda.sufficiency.measures``).
CAPITAL_RECORDS = "the capital programme (`sufficiency.CapitalProject`)"
PLACEMENT_RECORDS = (
    "plans in force (`casework.Plan`) and their main placements (`casework.Placement`)"
)

SUFFICIENCY: tuple[Entry, ...] = (
    from_records(
        "dsp-places-new",
        "New designated specialist provision places",
        "Designated specialist provision (resourced provision and SEN unit) places the "
        "capital programme has delivered, of projects whose places opened by the period's "
        "last day and were not cancelled. The programme keeps each project's places "
        "delivered as they are now, so a past period counts today's figure of the projects "
        "open by then.",
        "Places delivered by specialist base projects open by the period's end",
        "",
        records=CAPITAL_RECORDS,
        unit="count",
        owner=COMMISSIONING,
        area="sufficiency",
        seen="200 new places",
    ),
    from_records(
        "specialist-places-new",
        "New specialist places",
        "Specialist places (special school, designated specialist provision and specialist "
        "post-16) the capital programme has delivered, of projects whose places opened by "
        "the period's last day and were not cancelled, counted as for new designated "
        "specialist provision places. Its target is the trajectory's.",
        "Places delivered by specialist projects open by the period's end",
        "",
        records=CAPITAL_RECORDS,
        unit="count",
        owner=COMMISSIONING,
        area="sufficiency",
    ),
    from_records(
        "places-vs-forecast",
        "Specialist places against forecast demand",
        "Specialist places (special school, designated specialist provision and specialist "
        "post-16) for the academic year that begins on the first 1 September after the "
        "period's last day, as a share of the plans the latest baseline demand forecast "
        "finished by that day expects in those kinds of place at the January census of that "
        "academic year (its median, in whole plans). Places are those commissioned for the "
        "year (the latest recorded up to it) and those still to come from approved, under-way "
        "or open capital projects opening by 30 September, as demand against capacity counts "
        "them (docs/places.md); kinds are summed, so a surplus of one kind hides a shortfall "
        "of another (the places page shows each). Under 100% is a shortfall. No figure "
        "without such a forecast, or when it expects no plans in them.",
        "Specialist places commissioned and in the pipeline for next September",
        "Forecast plans in specialist places (median) that academic year",
        records="the places register (`sufficiency.CommissionedPlaces`), the capital "
        "programme and stored demand forecasts (`sufficiency.ForecastRun`)",
        owner=COMMISSIONING,
        area="sufficiency",
    ),
    from_records(
        "placements-independent",
        "Plans placed in independent or non-maintained special schools",
        "EHC plans in force on the period's last day whose child's main placement that day "
        "is at an independent or non-maintained special school (of any area), of all plans "
        "in force that day. The cases counted are listed.",
        "Plans in force with the main placement at an independent or non-maintained special school",
        "Plans in force on the period's last day",
        records=PLACEMENT_RECORDS,
        higher_is_better=False,
        owner=COMMISSIONING,
        area="sufficiency",
    ),
    from_records(
        "placements-out-of-area",
        "Plans placed out of area",
        "EHC plans in force on the period's last day whose child's main placement that day "
        "is at a setting of another local area, of all plans in force that day. The cases "
        "counted are listed.",
        "Plans in force with the main placement at another area's setting",
        "Plans in force on the period's last day",
        records=PLACEMENT_RECORDS,
        higher_is_better=False,
        owner=COMMISSIONING,
        area="sufficiency",
    ),
    from_records(
        "forecast-error",
        "Demand forecast error",
        "The mean absolute percentage error of the total number of plans in the backtest of "
        "the latest baseline demand forecast finished by the period's last day: for each "
        "earlier census the forecast was fitted to and each later census it forecast, the "
        "gap between its median and the actual total as a share of the actual, averaged. "
        "Held in thousandths (35 of 1,000 is 3.5%); no figure without a backtest.",
        "The backtest's absolute errors of the total as shares of the actual, averaged",
        "1,000 (the error is held in thousandths)",
        records="stored demand forecasts (`sufficiency.ForecastRun`) and their backtests",
        higher_is_better=False,
        owner=COMMISSIONING,
        area="sufficiency",
    ),
)

#: The high needs block lines whose spend is recorded against allocation.
HNB_LINES = (
    ("placements", "placements"),
    ("top-ups", "top-up funding"),
    ("independent", "independent and non-maintained placements"),
    ("post16", "post-16 provision"),
    ("support", "SEND support services"),
)

#: The placement types spend per plan is counted for (``sufficiency.unit_costs.PLACEMENTS``:
#: its keys without underscores, its labels, the labels in a sentence).
PLACEMENT_TYPES = (
    ("mainstream", "Mainstream schools", "mainstream schools"),
    ("unit", "SEN units and resourced provision", "SEN units and resourced provision"),
    ("special", "Special schools", "special schools"),
    (
        "independent",
        "Independent and non-maintained special schools",
        "independent and non-maintained special schools",
    ),
    ("post16", "Post-16", "post-16 provision"),
    ("alternative", "Alternative provision", "alternative provision"),
)

FINANCE: tuple[Entry, ...] = (
    *(
        from_records(
            f"hnb-variance-{line}",
            f"High needs spend against allocation: {label}",
            f"The forecast outturn on {label} for the financial year of the period's last "
            "day, less those lines' budgets, in whole pounds: above zero is an overspend. "
            "The outturn is each budget line's actuals in the High Needs ledger for the "
            "months begun by that day, plus its run rate (its spend in the months the "
            "ledger holds, over those months) for the months left; a line with no spend yet "
            "in the year counts a twelfth of its budget for each month left. Which of the "
            f"ledger's categories are {label}: docs/money.md, "
            '"Forecast outturn". Computed from the ledger '
            "since issue 17; the values typed in before then are kept.",
            f"Forecast full-year spend on {label} less its budget",
            "",
            records="the High Needs ledger (`sufficiency.Actual`, `sufficiency.Budget`)",
            unit="pounds",
            higher_is_better=False,
            owner=FINANCE_LEAD,
            area="finance",
        )
        for line, label in HNB_LINES
    ),
    from_records(
        "hnb-deficit-in-year",
        "High needs deficit this year",
        "The forecast outturn of all the High Needs ledger's lines for the financial year "
        "of the period's last day (actuals to date plus each line's run rate for the months "
        "left, as for hnb-variance-placements) less the year's High Needs allocation (its "
        "total budget where no allocation is recorded), in whole pounds; above zero is a "
        "deficit. Computed from the ledger since issue 17; the values typed in before then "
        "are kept.",
        "Forecast full-year high needs spend less the high needs block allocation",
        "",
        records="the High Needs ledger (`sufficiency.Actual`, `sufficiency.Budget`) and "
        "allocations (`sufficiency.Allocation`)",
        unit="pounds",
        higher_is_better=False,
        owner=FINANCE_LEAD,
        area="finance",
    ),
    from_records(
        "hnb-spend-per-plan",
        "High needs spend per EHC plan",
        "The High Needs ledger's spend in the twelve months up to the period's last day (the "
        "months that began by then) over the EHC plans the area maintained that day, in "
        "whole pounds. Computed from the ledger the finance officer imports.",
        "High Needs spend in the twelve months to the period's end, per plan maintained",
        "",
        records="the High Needs ledger (`sufficiency.Actual`) and plans (`casework.Plan`)",
        unit="pounds",
        higher_is_better=False,
        owner=FINANCE_LEAD,
        area="finance",
    ),
    *(
        from_records(
            f"hnb-spend-per-plan-{suffix}",
            f"High needs spend per EHC plan: {label}",
            f"Spend on the High Needs ledger's budget lines for {phrase} (their "
            "section 251 category) in the financial year whose January census is the "
            "latest on or before the period's last day (for a period ending in 2026: "
            "2025-26, April 2025 to March 2026, and the census of January 2026), counting "
            "the months that began by that day, over the children with an EHC plan whose "
            f"main placement (rank 1) on census day was in {phrase}, in whole pounds; "
            "no figure (0) with nobody placed. From April on it is the unit cost /money/ "
            "shows for that financial year. The cases of the children placed are listed; "
            "a figure resting on fewer children than the suppression threshold is not shown "
            "where it leaves the service.",
            f"High Needs spend on {phrase} in the financial year, per child placed "
            "there at its January census",
            "",
            records="the High Needs ledger (`sufficiency.Actual`), plans (`casework.Plan`) "
            "and placements (`casework.Placement`)",
            unit="pounds",
            higher_is_better=False,
            owner=FINANCE_LEAD,
            area="finance",
        )
        for suffix, label, phrase in PLACEMENT_TYPES
    ),
    from_records(
        "hnb-deficit-cumulative",
        "Cumulative high needs deficit",
        "The Dedicated Schools Grant deficit on the high needs block built up in the ledger: "
        "from April of its first year with an allocation (or a budget), each month's "
        "actuals less a twelfth of its year's High Needs allocation (its total budget where "
        "no allocation is recorded), to the ledger's latest month begun by the period's last "
        "day, in whole pounds; above zero is a deficit. A deficit carried in from before "
        "the ledger and any write-off are not counted (the deficit projection takes both).",
        "High Needs spend less allocation, from the ledger's first year to the period's end",
        "",
        records="the High Needs ledger (`sufficiency.Actual`) and allocations "
        "(`sufficiency.Allocation`)",
        unit="pounds",
        higher_is_better=False,
        owner=FINANCE_LEAD,
        area="finance",
    ),
)

ENTRIES: tuple[Entry, ...] = (
    *QUALITY,
    *WORKFORCE_ENTRIES,
    *FAMILIES,
    *PATHWAYS,
    *ADULTHOOD,
    *SOCIAL_CARE_ENTRIES,
    *SUFFICIENCY,
    *FINANCE,
)

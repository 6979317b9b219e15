"""The portal's KPIs: computed by ``senda tick`` from the portal's records (review reports,
support contacts, escalations, feedback) and the plans' advice records, not from the
clock's rows. Each one's counting is ``senda.portal.measures``; its definition here names
the measure (``FromRecords``). Targets are the seed improvement plans' (``seen``): the local
area sets its own as the KPI's trajectory, and the baseline a "25% down" target is judged
against is the trajectory's baseline.

``advice-6w`` (casework) already gives advice within 6 weeks by discipline (health, social
care, education) from the clock's advice rows, so the portal adds no second definition.
"""

from __future__ import annotations

from typing import Any

from senda.performance.catalogue.entry import Entry, from_records

SERVICE_MANAGER = "Head of SEND (service manager)"
TEAM_MANAGER = "SEND team manager"
REG_20_7 = "SEND Regulations 2014 reg 20(7)"
PARTICIPATION = "Participation and co-production lead"


def _portal(
    id: str,
    name: str,
    definition: str,
    numerator: str,
    denominator: str,
    *,
    records: str,
    owner: str = TEAM_MANAGER,
    area: str = "reviews",
    **more: Any,
) -> Entry:
    """A KPI ``senda tick`` computes from records (``senda.portal.measures``), for the
    whole area only (no case dimensions)."""
    return from_records(
        id,
        name,
        definition,
        numerator,
        denominator,
        records=records,
        owner=owner,
        area=area,
        **more,
    )


ENTRIES: tuple[Entry, ...] = (
    _portal(
        "portal-settings-onboarded",
        "Settings onboarded to the portal",
        "Schools and colleges with at least one pupil holding a current EHC plan that have "
        "at least one active member of staff in the portal (setting staff not removed, or "
        "the SENCo named for the setting), taken on the period's last day (or today while "
        "it runs). The pupil's setting is the current one.",
        "Settings with a pupil with a current plan that have an active portal member",
        "Settings with at least one pupil with a current plan",
        records="setting staff (`people.SettingMember`), SENCos' memberships, plans",
        owner=SERVICE_MANAGER,
        statute="Local standard, not statutory",
        seen="target 100% by March 2026 (city improvement plan)",
    ),
    _portal(
        "portal-reports-on-time",
        "Review reports sent through the portal on time",
        "Review reports sent to the council through the portal within 2 weeks of the "
        "review meeting, of the reports whose meeting was in the period. A report not "
        "sent whose 2 weeks have not passed is left out until it is sent or falls due. "
        "Counted by the meeting's date; compare `setting-returns-on-time`, counted from "
        "the clock's rows by the due date.",
        "Reports whose meeting was in the period, sent within 2 weeks of it",
        "Reports whose meeting was in the period, sent (on time or late) or still missing "
        "after 2 weeks",
        records="review reports (`portal.ReviewReport`: meeting and submission dates)",
        statute=REG_20_7,
        seen="target 70% or more by December 2026 or July 2027",
    ),
    _portal(
        "portal-late-submissions",
        "Late review reports",
        "Review reports whose meeting was in the period that were sent more than 2 weeks "
        "after it, or were still missing more than 2 weeks after it. Judged against the "
        "baseline set in the KPI's trajectory.",
        "Reports whose meeting was in the period sent late or still missing after 2 weeks",
        "",
        records="review reports (`portal.ReviewReport`: meeting and submission dates)",
        unit="count",
        higher_is_better=False,
        statute=REG_20_7,
        seen="target 25% down on the baseline",
    ),
    _portal(
        "portal-late-settings-supported",
        "Late-returning settings given support",
        "Settings identified as returning reports late (more than the share "
        "SENDA_LATE_SETTING_SHARE, 30% by default, of their reports due in the 12 months "
        "to the period's last day sent late or missing) that had at least one recorded "
        "support contact (call, visit, training, email or letter) in the period.",
        "Settings identified as late with a support contact in the period",
        "Settings identified as late on the period's last day (or today while it runs)",
        records="the clock's `review-report` rows (as the returns page counts them), support "
        "contacts (`portal.SupportContact`)",
        owner=SERVICE_MANAGER,
        statute="Local standard, not statutory",
        seen="target 100%",
    ),
    _portal(
        "portal-cases-escalated",
        "Cases escalated for persistent delay",
        "Cases named in an escalation of a setting's persistent late returns opened in "
        "the period, as a share of the cases with an annual review due in the period.",
        "Cases named in escalations opened in the period",
        "Cases with an annual review due in the period (the clock's review rows)",
        records="escalations (`portal.Escalation`), the clock's review deadline rows",
        higher_is_better=False,
        owner=SERVICE_MANAGER,
        statute="Local standard, not statutory",
        seen="target 5% or less",
    ),
    _portal(
        "review-advice-incorporated",
        "Review reports with health and social care advice",
        "Review reports sent to the council in the period whose setting said both health "
        "advice and social care advice were provided for the review, of all reports sent "
        "in the period. Counted from the reports themselves (the audit-sample figure is "
        "`multiagency-advice-in-review`).",
        "Reports sent in the period with both health and social care advice provided",
        "Reports sent in the period",
        records="review reports (`portal.ReviewReport`: health and social care advice)",
        owner="Designated Clinical Officer with the social care lead",
        statute="SEND Regulations 2014 reg 20(1)",
        seen="target 80% or more by July 2027",
    ),
    _portal(
        "amended-plans-advice-incorporated",
        "Amended plans incorporating health or social care advice",
        "Amended EHC plans issued in the period into which health or social care advice "
        "was incorporated, as the officer recorded when issuing them, of all amended "
        "plans issued in the period.",
        "Amended plans issued in the period incorporating health or social care advice",
        "Amended plans issued in the period",
        records="advice incorporated at issue (`casework.IncorporatedAdvice`, amended)",
        owner="Designated Clinical Officer with the social care lead",
        statute="SEND Regulations 2014 reg 22",
        seen="target 40% or more by December 2026",
    ),
    _portal(
        "portal-easy-to-use",
        "People who find the portal easy to use",
        "Answers in the period to “the portal was easy to use”, asked of setting staff "
        "and advice-givers after they send a report or advice, and of families in the "
        "survey after a review or a plan being issued (“Senda was easy to use”), that "
        "agree or strongly agree, of all answers in the period. Answers are never listed "
        "by person. `portal-ease` is the recorded figure from a separate families' survey.",
        "Answers in the period that agree or strongly agree",
        "Answers in the period",
        records="feedback answers (`portal.PortalFeedback`), families' survey answers "
        "(`portal.SurveyResponse.easy_to_use`)",
        owner=SERVICE_MANAGER,
        statute="Local standard, not statutory",
        seen="target 75% or more",
    ),
    _portal(
        "parent-satisfaction-clarity",
        "Families satisfied that information was clear",
        "Families' survey answers in the period (after a review or a plan being issued) "
        "to “the information I was given was clear” that agree or strongly agree "
        "(satisfied: 4 or 5 on the 5-point scale), of all answers to that question in the "
        "period, by the day they answered. Answers are never listed by person.",
        "Answers in the period that agree or strongly agree",
        "Answers to the question in the period",
        records="families' survey answers (`portal.SurveyResponse.clarity`)",
        owner=PARTICIPATION,
        area="families",
        statute="Local standard, not statutory",
        seen="target 80% or more",
    ),
    _portal(
        "parent-satisfaction-timeliness",
        "Families satisfied that things were done on time",
        "Families' survey answers in the period (after a review or a plan being issued) "
        "to “things were done on time” that agree or strongly agree (satisfied: 4 or 5 on "
        "the 5-point scale), of all answers to that question in the period, by the day "
        "they answered. Answers are never listed by person.",
        "Answers in the period that agree or strongly agree",
        "Answers to the question in the period",
        records="families' survey answers (`portal.SurveyResponse.timeliness`)",
        owner=PARTICIPATION,
        area="families",
        statute="Local standard, not statutory",
        seen="target 80% or more",
    ),
    _portal(
        "feedback-reported-termly",
        "Termly feedback summaries produced in Senda",
        "Terms ending in the period (autumn 1 September – 31 December, spring 1 January – "
        "30 April, summer 1 May – 31 August) whose feedback summary was produced in Senda "
        "by the period's last day (or today while it runs), of the terms ending in the "
        "period. A quarter in which no term ends has no figure. `feedback-summary-produced` "
        "is the recorded figure for summaries produced elsewhere.",
        "Terms ending in the period with a summary produced",
        "Terms ending in the period",
        records="feedback summaries (`portal.FeedbackSummary`)",
        owner=PARTICIPATION,
        area="families",
        statute="Local standard, not statutory",
        seen="target 100%",
    ),
)

"""The quality assurance KPIs: computed by ``senda tick`` from the QA records
(``senda.quality.measures``), never typed in, for the whole area. Each one's definition
names its measure (``FromRecords``); ``docs/quality/measures.md`` says how they are read.

Those that were recorded by hand before Senda held the QA records keep their ids (so
trajectories and improvement actions that name them keep working; values typed in before
are no longer shown) and say so in their definition. ``warm-audits`` stays recorded
(``catalogue/partnership.py``): Senda holds no record of an in-depth audit with the family.
"""

from __future__ import annotations

from typing import Any

from senda.performance.catalogue.entry import Entry, from_records

QA_LEAD = "Quality assurance lead"
LOCAL = "Local standard, not statutory"
CODE = "SEND Code of Practice 2015 (9.61 to 9.69, 9.166); SEND Regulations 2014 reg 12"
BEFORE = " It was typed in each period before Senda held the QA records."

AUDITS = "plan audits (`quality.Audit` of kind plan: submitted, grades, review, auditors)"
ROUNDS = (
    "moderation rounds (`quality.Round`, `RoundPlan`) and their gradings (`Audit` of kind "
    "moderation)"
)
ACTIONS = "audit actions (`quality.AuditAction`: due, completed, cancelled)"
ADVICE = "advice moderation (`quality.AdviceModeration`)"
PANELS = "decision panels (`quality.Panel`, `PanelItem`: decided, family told; `PanelLearning`)"
SUMMARIES = "learning summaries (`quality.LearningSummary`: published)"
REPORTS = "termly QA reports (`quality.QAReport`, `QARecommendation`)"


def _from_records(
    id: str,
    name: str,
    definition: str,
    numerator: str,
    denominator: str,
    *,
    records: str,
    statute: str = LOCAL,
    **more: Any,
) -> Entry:
    """A quality KPI ``senda tick`` computes from the QA records."""
    return from_records(
        id,
        name,
        definition,
        numerator,
        denominator,
        records=records,
        owner=QA_LEAD,
        area="quality",
        statute=statute,
        **more,
    )


ENTRIES: tuple[Entry, ...] = (
    _from_records(
        "plans-good-outstanding",
        "Audited plans rated Good or Outstanding",
        "Plan audits submitted in the period whose overall grade (computed from the "
        "criteria, or an override made with a reason) is Good or Outstanding." + BEFORE,
        "Plan audits submitted in the period graded Good or Outstanding overall",
        "Plan audits submitted in the period with an overall grade",
        records=AUDITS,
        statute=CODE,
        seen="city: 75% or more by July 2027",
    ),
    _from_records(
        "plans-outcomes-good-outstanding",
        "Audited plans with Good or Outstanding outcomes",
        "Plan audits submitted in the period whose outcome quality grade (section E) is "
        "Good or Outstanding.",
        "Plan audits submitted in the period with outcomes graded Good or Outstanding",
        "Plan audits submitted in the period with an outcome grade",
        records=AUDITS,
        statute=CODE,
        seen="city: 75% or more by July 2027",
    ),
    _from_records(
        "new-plans-level-2",
        "New plans Good or better in every domain",
        "Plan audits submitted in the period of a new plan (the plan version read is a new "
        "plan) with every domain graded Good or Outstanding: the county's \u201clevel 2 or "
        "above in every domain\u201d read on Senda's four-grade scale. An audit with no "
        "domain grades is left out." + BEFORE,
        "Audits of new plans in the period with every domain Good or Outstanding",
        "Audits of new plans submitted in the period",
        records=AUDITS,
        seen="county: 90% or more",
    ),
    _from_records(
        "audit-coverage",
        "Plans audited in the last 12 months",
        "EHC plans with a plan audit submitted in the 12 months to the end of the period "
        "(or to today while it runs), as a share of plans maintained that day; a plan "
        "audited twice counts once." + BEFORE,
        "Plans audited in the 12 months to the end of the period",
        "Plans maintained at the end of the period",
        records=AUDITS + ", plans maintained (`casework.Plan`)",
        seen="city: 5% of plans a year",
    ),
    _from_records(
        "audit-sample-with-review",
        "Audits that include an annual review",
        "Plan audits submitted in the period that included the plan's latest annual review."
        + BEFORE,
        "Plan audits in the period including an annual review",
        "Plan audits submitted in the period",
        records=AUDITS,
        seen="city: 50% or more of the sample",
    ),
    _from_records(
        "reviews-meet-standard",
        "Reviews meeting the quality standard",
        "Plan audits submitted in the period that included an annual review, where the "
        "auditor judged the review met the quality standard. One not yet judged is left out.",
        "Audited reviews meeting the standard",
        "Audited reviews judged in the period",
        records=AUDITS,
        statute="SEND Regulations 2014 regs 18 to 22; Code of Practice 9.166 to 9.185",
        seen="city: 75% or more",
    ),
    _from_records(
        "audits-completed",
        "Plan audits completed",
        "Plan audits submitted in the month." + BEFORE,
        "Plan audits submitted in the month",
        "",
        records=AUDITS,
        unit="count",
        period="month",
        seen="county: 8 or more every 2 months",
    ),
    _from_records(
        "audit-cross-agency",
        "Audits with cross-agency representation",
        "Plan audits submitted in the period with education (the council's SEND service or "
        "a school), health and social care all among their auditors." + BEFORE,
        "Plan audits with education, health and social care represented",
        "Plan audits submitted in the period",
        records=AUDITS,
        seen="city: 95%",
    ),
    _from_records(
        "moderation-rounds",
        "Moderation rounds held this year",
        "Moderation rounds whose meeting was held in the financial year to the end of the "
        "period." + BEFORE,
        "Moderation rounds held in the financial year so far",
        "",
        records=ROUNDS,
        unit="count",
        seen="city: three rounds a year (February, May, November)",
    ),
    _from_records(
        "moderation-agreement",
        "Agreement between auditors in moderation",
        "Plans moderated in rounds held in the period on whose overall grade every auditor "
        "agreed, from the grades each gave independently before the meeting (percentage "
        "agreement per plan; plans graded by fewer than two auditors are left out). Before, "
        "it was typed in as the moderator's agreement with the auditor; the round page shows "
        "Cohen's or Fleiss' kappa beside it.",
        "Moderated plans on which every auditor gave the same overall grade",
        "Plans graded by two or more auditors in rounds held in the period",
        records=ROUNDS,
        seen="city: 90% or more; county: 80% same score",
    ),
    _from_records(
        "audit-actions-on-time",
        "Audit actions completed on time",
        "Actions raised by audits and due in the period that were completed by their due "
        "date. One not done whose date has not passed is left out, as is one cancelled." + BEFORE,
        "Audit actions due in the period completed by their date",
        "Audit actions due in the period (not cancelled)",
        records=ACTIONS,
        seen="city: 100%",
    ),
    _from_records(
        "advice-moderated",
        "Advice moderated with feedback",
        "Advice sampled for moderation in the period that was moderated and had written "
        "feedback sent to its author. While the period runs, advice not yet done is left "
        "out." + BEFORE,
        "Sampled advice moderated with feedback sent",
        "Advice sampled for moderation in the period",
        records=ADVICE,
        seen="city: 100% by December 2026",
    ),
    _from_records(
        "advice-quality",
        "Advice meeting the quality criteria",
        "Advice moderated in the period that the moderator judged to meet the quality "
        "criteria of its discipline." + BEFORE,
        "Moderated advice meeting the quality criteria",
        "Advice moderated in the period",
        records=ADVICE,
        seen="city: 80% or more",
    ),
    _from_records(
        "learning-summaries",
        "Learning summaries published this year",
        "Learning summaries from advice moderation published to partners in the financial "
        "year to the end of the period.",
        "Learning summaries published in the financial year so far",
        "",
        records=SUMMARIES,
        unit="count",
        seen="city: two a year",
    ),
    _from_records(
        "qa-reports-on-time",
        "Termly QA reports published on time",
        "Termly QA reports due in the period (30 days after the term ends) published by "
        "their due date. One not published whose date has not passed is left out.",
        "Termly QA reports due in the period published by their due date",
        "Termly QA reports due in the period",
        records=REPORTS,
        seen="city: termly, 100% on time",
    ),
    _from_records(
        "qa-recommendations-implemented",
        "QA report recommendations implemented",
        "Recommendations of the termly QA reports due in the period that were implemented. "
        "One not implemented whose date has not passed is left out.",
        "Recommendations due in the period implemented",
        "Recommendations due in the period",
        records=REPORTS,
        seen="city: 90% or more",
    ),
    _from_records(
        "advice-improved-after-feedback",
        "Advice improved after feedback",
        "Repeat sampling: advice moderated again in the period from a team whose earlier "
        "advice was graded below Good and given feedback, now graded Good or Outstanding.",
        "Resampled advice now Good or Outstanding",
        "Advice resampled in the period after feedback on advice below Good",
        records=ADVICE,
        seen="city: 80% or more improve after feedback",
    ),
    _from_records(
        "panel-decisions-shared",
        "Panel decisions shared with the family",
        "Decisions made by the multi-agency decision panels in the period that the family has "
        "been told.",
        "Panel decisions in the period the family has been told",
        "Panel decisions in the period",
        records=PANELS,
        seen="city: 100% of panel decisions shared",
    ),
    _from_records(
        "panel-learning-acted-on",
        "Learning from panels acted on",
        "Learning from decision panels held in the period, shared with the partner it names "
        "and marked acted on.",
        "Panel learning shared and acted on",
        "Learning recorded from panels held in the period",
        records=PANELS,
        seen="city: 100% acted upon",
    ),
)

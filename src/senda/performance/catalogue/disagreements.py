"""The KPIs of complaints, mediation and appeals to the SEND Tribunal: computed by
``senda tick`` from the records (``senda.casework.scrutiny``), never typed in, for the whole
area. Each one's definition names its measure (``FromRecords``); ``docs/disagreements.md``
("Figures for scrutiny") says how they are read.

``review-timeliness-complaints`` was recorded by hand (the seed improvement plans' "down
50% by 2027"); Senda now holds the complaints with their subject, so it is computed here,
under the same id (its trajectory is kept; values typed in before are no longer shown),
and counts plan-update complaints too, as the plans' wording does ("complaints about
review timeliness and plan updates"). The baseline the target is judged against is the
KPI trajectory's.
"""

from __future__ import annotations

from typing import Any

from senda.performance.catalogue.entry import Entry, from_records

SERVICE_MANAGER = "Head of SEND (service manager)"
TRIBUNAL_LEAD = "SEND tribunal and mediation lead"
COMPLAINTS_LEAD = "Complaints and customer feedback manager"
LOCAL = "Local standard, not statutory"
APPEALS = "Children and Families Act 2014 s51; SEND Regulations 2014 regs 43 to 45"
MEDIATION = "Children and Families Act 2014 ss52 to 55; SEND (Mediation) Regulations 2017"
COMPLAINTS_CODE = "LGSCO Complaint Handling Code (2024)"

COMPLAINTS = "complaints (`casework.Complaint`: subject, received, stages, responses)"
APPEAL_RECORDS = "appeals (`casework.Appeal`: registration, outcome, decision dates)"
MEDIATIONS = "mediations (`casework.Mediation`: meeting, outcome, certificate), appeals"


def _from_records(
    id: str,
    name: str,
    definition: str,
    numerator: str,
    denominator: str,
    *,
    records: str,
    owner: str = TRIBUNAL_LEAD,
    area: str = "disagreements",
    statute: str = LOCAL,
    **more: Any,
) -> Entry:
    """A KPI ``senda tick`` computes from the records (``senda.casework.scrutiny``)."""
    return from_records(
        id,
        name,
        definition,
        numerator,
        denominator,
        records=records,
        owner=owner,
        area=area,
        statute=statute,
        **more,
    )


FAMILIES: tuple[Entry, ...] = (
    _from_records(
        "review-timeliness-complaints",
        "Complaints about review timeliness and plan updates",
        "Complaints received in the period whose subject is annual reviews not on time or a "
        "plan not updated, as recorded with the complaint (staff or the family online). "
        "Judged against the baseline set in the KPI's trajectory. Counted from the "
        "complaint records (it was entered by hand before Senda held them).",
        "Complaints received in the period about review timeliness or plan updates",
        "",
        records=COMPLAINTS,
        unit="count",
        higher_is_better=False,
        owner=SERVICE_MANAGER,
        area="families",
        statute="Local standard, not statutory",
        seen="down 50% by 2027",
    ),
)

ENTRIES: tuple[Entry, ...] = (
    *FAMILIES,
    _from_records(
        "complaints-stage1-on-time",
        "Complaints answered on time at stage 1",
        "Complaints whose stage 1 response fell due in the period (the statutory clock's "
        "`complaint-stage1`: the local area's stage 1 working days after receipt, 10 by "
        "default, or an agreed extension's date) that "
        "were answered by then. One not answered whose date has not passed is left out, as "
        "is one the family withdrew before it was answered.",
        "Stage 1 responses due in the period sent by the due date",
        "Stage 1 responses due in the period (sent on time, late, or still not sent)",
        records=COMPLAINTS,
        owner=COMPLAINTS_LEAD,
        statute=COMPLAINTS_CODE,
    ),
    _from_records(
        "complaints-stage2-on-time",
        "Complaints answered on time at stage 2",
        "Complaints whose stage 2 response fell due in the period (the statutory clock's "
        "`complaint-stage2`: the local area's stage 2 working days after the family asked "
        "for it, 20 by default) that were answered by then. One not answered whose date has "
        "not passed is left out.",
        "Stage 2 responses due in the period sent by the due date",
        "Stage 2 responses due in the period (sent on time, late, or still not sent)",
        records=COMPLAINTS,
        owner=COMPLAINTS_LEAD,
        statute=COMPLAINTS_CODE,
    ),
    _from_records(
        "appeals-registered",
        "Appeals registered with the SEND Tribunal",
        "Appeals against the council's decisions registered by the SEND Tribunal in the "
        "period (the day it received the appeal where registration is not recorded), "
        "whatever their outcome.",
        "Appeals registered in the period",
        "",
        records=APPEAL_RECORDS,
        unit="count",
        higher_is_better=False,
        statute=APPEALS,
    ),
    _from_records(
        "appeals-per-1000-plans",
        "Appeals registered per 1,000 plans",
        "Appeals registered by the SEND Tribunal in the period per 1,000 EHC plans the "
        "council maintained on the period's last day (or today while it runs). Not DfE's "
        "appeal rate, which is of appealable decisions.",
        "Appeals registered in the period",
        "EHC plans maintained on the period's last day (the figure is per 1,000 of them)",
        records=APPEAL_RECORDS + ", plans",
        unit="number",
        higher_is_better=False,
        statute=APPEALS,
        per=1000,
    ),
    _from_records(
        "appeals-conceded",
        "Appeals conceded by the council",
        "Appeals concluded in the period that the council conceded (before its response, "
        "by consent order or at the hearing), of all appeals concluded in the period "
        "(decided, conceded, withdrawn or struck out).",
        "Appeals concluded in the period that the council conceded",
        "Appeals concluded in the period",
        records=APPEAL_RECORDS,
        higher_is_better=False,
        statute=APPEALS,
    ),
    _from_records(
        "appeals-withdrawn",
        "Appeals withdrawn by the family",
        "Appeals concluded in the period that the family withdrew, of all appeals concluded "
        "in the period.",
        "Appeals concluded in the period that the family withdrew",
        "Appeals concluded in the period",
        records=APPEAL_RECORDS,
        higher_is_better=False,
        statute=APPEALS,
    ),
    _from_records(
        "appeals-for-family",
        "Appeals decided for the family",
        "Appeals concluded in the period that the tribunal allowed in full or in part, of "
        "all appeals concluded in the period.",
        "Appeals concluded in the period allowed, or allowed in part",
        "Appeals concluded in the period",
        records=APPEAL_RECORDS,
        higher_is_better=False,
        statute=APPEALS,
    ),
    _from_records(
        "appeals-for-council",
        "Appeals decided for the council",
        "Appeals concluded in the period that the tribunal dismissed or struck out (the "
        "council's decision stands), of all appeals concluded in the period.",
        "Appeals concluded in the period dismissed or struck out",
        "Appeals concluded in the period",
        records=APPEAL_RECORDS,
        statute=APPEALS,
    ),
    _from_records(
        "tribunal-orders-on-time",
        "Tribunal orders complied with on time",
        "Orders of the SEND Tribunal, the council's concessions (reg 45) and recommendations "
        "on health or social care whose time limit fell in the period (the statutory "
        "clock's time limit for each kind of order), carried out by then. One not carried "
        "out whose time limit has not passed is left out.",
        "Orders and concessions due in the period carried out by their time limit",
        "Orders and concessions due in the period (done on time, late, or still not done)",
        records="orders (`casework.AppealOrder`: kind, date, concession, done), the clock's "
        "time limits (`senda.clock.disagreements`)",
        statute="SEND Regulations 2014 regs 44 and 45; First-tier Tribunal (Health, "
        "Education and Social Care) national trial regulations",
    ),
    _from_records(
        "mediations-held",
        "Mediations held",
        "Mediations (with an appeal right; not disagreement resolution) held in the period: "
        "a meeting dated in it, or, without one recorded, an outcome recorded as ending in "
        "it.",
        "Mediations held in the period",
        "",
        records=MEDIATIONS,
        unit="count",
        statute=MEDIATION,
    ),
    _from_records(
        "mediation-agreement",
        "Mediations reaching agreement",
        "Mediations held in the period that reached agreement on some or every issue, of "
        "those held whose outcome is recorded (one without an outcome yet is left out).",
        "Mediations held in the period with agreement on some or every issue",
        "Mediations held in the period with an outcome recorded",
        records=MEDIATIONS,
        statute=MEDIATION,
    ),
    _from_records(
        "mediations-to-appeal",
        "Mediations that went on to appeal",
        "Mediations held whose time to appeal ended in the period (the tribunal's "
        "deadline from the statutory clock: the later of 2 months after the decision and 1 "
        "month after the certificate) after which the family appealed about the same "
        "decision (an appeal linked to the mediation, or on the same case about a decision "
        "sent the same day). One not followed by an appeal whose time to appeal has not "
        "ended is left out.",
        "Mediations whose time to appeal ended in the period followed by an appeal",
        "Mediations held whose time to appeal ended in the period",
        records=MEDIATIONS,
        higher_is_better=False,
        statute=MEDIATION,
    ),
    _from_records(
        "tribunal-costs",
        "Tribunal costs",
        "What appeals to the SEND Tribunal cost the council in the period, every cost line "
        "(legal, counsel, experts, consultants, officer time, placements following the "
        "decision, other), by the date each cost was recorded as incurred, in whole pounds. "
        "Kept beside it: the number of children whose appeals the money was spent on, so a "
        "sum resting on few children is suppressed like a small count.",
        "Costs dated in the period, in pounds",
        "",
        records="appeal costs (`casework.AppealCost`: line, amount, date)",
        unit="pounds",
        higher_is_better=False,
        owner=SERVICE_MANAGER,
    ),
    _from_records(
        "appeal-root-cause-reviews",
        "Root-cause reviews of lost or conceded appeals",
        "Appeals the council lost (allowed in full or in part) or conceded whose root-cause "
        "review fell due in the period (4 weeks after the decision or concession, a local "
        "standard) that had a review recorded by the period's last day (or today while it "
        "runs). One not reviewed whose 4 weeks have not passed is left out.",
        "Lost or conceded appeals due a review in the period that were reviewed",
        "Lost or conceded appeals due a review in the period",
        records="appeals and their root-cause reviews (`casework.RootCauseReview`)",
        owner=SERVICE_MANAGER,
    ),
)

"""The KPIs of complaints, mediation and appeals: each counted from hand-built records
(``senda.casework.scrutiny``), its period's boundaries, the cases behind it, ``senda tick``
writing it, the rate per 1,000 plans, and the board's small-number suppression."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from senda.casework import disagreements, scrutiny
from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    Case,
    Complaint,
    Mediation,
    Plan,
    RootCauseReview,
)
from senda.people.models import LocalAuthority
from senda.performance import behind, board, catalogue, kpi_figures, records, tick
from senda.performance.definitions import CountFromRecords, FromRecords
from senda.performance.periods import parse
from tests.factories import make_case, make_la, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
Q2 = parse("2026-27-q2")  # 1 July to 30 September 2026: over on TODAY
Q3 = parse("2026-27-q3")  # 1 October to 31 December 2026: running on TODAY
KPIS = tuple(scrutiny.MEASURES)


def d(text: str) -> date:
    return date.fromisoformat(text)


class Area:
    """A local area with an officer, and helpers that write its records."""

    def __init__(self) -> None:
        self.la: LocalAuthority = make_la()
        self.officer = make_user("case_officer", self.la)

    def case(self) -> Case:
        return make_case(la=self.la)

    def complaint(self, received: str, **fields: Any) -> Complaint:
        fields.setdefault("case", self.case())
        for key, value in list(fields.items()):
            if key.endswith("_on") or key == "extended_to":
                fields[key] = d(value) if value else None
        return Complaint.objects.create(received_on=d(received), recorded_by=self.officer, **fields)

    def appeal(self, decision: str = "2026-05-01", **fields: Any) -> Appeal:
        fields.setdefault("case", self.case())
        for key, value in list(fields.items()):
            if key.endswith("_on"):
                fields[key] = d(value) if value else None
        return Appeal.objects.create(decision_on=d(decision), recorded_by=self.officer, **fields)

    def mediation(self, decision: str = "2026-05-01", **fields: Any) -> Mediation:
        fields.setdefault("case", self.case())
        for key, value in list(fields.items()):
            if key.endswith("_on"):
                fields[key] = d(value) if value else None
        return Mediation.objects.create(decision_on=d(decision), recorded_by=self.officer, **fields)

    def cost(self, appeal: Appeal, amount: str, on: str, line: str = "legal") -> AppealCost:
        return AppealCost.objects.create(
            appeal=appeal, line=line, amount=Decimal(amount), on=d(on), recorded_by=self.officer
        )

    def plans(self, count: int, issued: str = "2025-01-10") -> None:
        for _ in range(count):
            Plan.objects.create(case=self.case(), issued_on=d(issued))


def count(name: str, area: Area, quarter=Q3, as_of: date = TODAY) -> scrutiny.Found:
    return scrutiny.count(name, area.la, quarter.start, quarter.end, as_of)


# --- the catalogue ---------------------------------------------------------------------------


def test_every_disagreement_kpi_is_a_computed_entry_with_its_measure() -> None:
    for kpi_id in KPIS:
        entry = catalogue.get(kpi_id)
        assert entry.source == "computed", kpi_id
        assert isinstance(entry.computed_by, FromRecords), kpi_id
        assert entry.computed_by.measure == kpi_id
        assert entry.computed_by.records and entry.definition and entry.numerator, kpi_id
        counts = entry.unit in ("count", "pounds")
        assert isinstance(entry.computed_by, CountFromRecords) == counts, kpi_id
        assert kpi_id in records.names()
    assert catalogue.get("appeals-per-1000-plans").per == 1000
    assert catalogue.get("tribunal-costs").unit == "pounds"


def test_complaints_about_reviews_is_defined_once_and_computed() -> None:
    """The seed plans' recorded KPI is now computed from the complaints' subjects."""
    entry = catalogue.get("review-timeliness-complaints")
    assert entry.source == "computed" and entry.unit == "count"
    assert not entry.higher_is_better
    assert "50%" in entry.seen
    about = [e.id for e in catalogue.CATALOGUE.values() if "complaint" in e.id]
    assert sorted(about) == [
        "complaints-stage1-on-time",
        "complaints-stage2-on-time",
        "review-timeliness-complaints",
        "short-break-complaints",  # about short breaks: a different subject
    ]


# --- complaints ----------------------------------------------------------------------------


def test_complaints_about_reviews_counts_review_and_plan_update_subjects_in_the_period() -> None:
    area = Area()
    counted = [
        area.complaint("2026-10-01", category="review_timeliness"),
        area.complaint("2026-11-22", category="plan_updates"),
    ]
    area.complaint("2026-09-30", category="review_timeliness")  # the quarter before
    area.complaint("2026-11-23", category="review_timeliness")  # after the day judged
    area.complaint("2026-10-05", category="communication")  # another subject
    found = count("review-timeliness-complaints", area)
    assert found.numerator == 2 and found.denominator is None
    assert found.counted == tuple(sorted(c.case_id for c in counted))
    assert count("review-timeliness-complaints", area, Q2).numerator == 1


def test_stage1_on_time_is_counted_by_the_due_date() -> None:
    """10 working days after receipt (Friday 2 Oct 2026 → Friday 16 Oct), or the extension."""
    area = Area()
    on_time = area.complaint("2026-10-02", stage1_responded_on="2026-10-16")
    late = area.complaint("2026-10-02", stage1_responded_on="2026-10-19")
    extended = area.complaint(
        "2026-10-02", extended_to="2026-10-30", stage1_responded_on="2026-10-29"
    )
    not_sent = area.complaint("2026-10-02")
    open_ = area.complaint("2026-11-20")  # due 4 December: not due yet
    area.complaint("2026-10-02", outcome="withdrawn", closed_on="2026-10-05")  # left out
    area.complaint("2026-09-01", stage1_responded_on="2026-09-30")  # due in Q2
    found = count("complaints-stage1-on-time", area)
    assert found.counted == tuple(sorted([on_time.case_id, extended.case_id]))
    assert found.missed == tuple(sorted([late.case_id, not_sent.case_id]))
    assert found.open == (open_.case_id,)
    assert (found.numerator, found.denominator) == (2, 4)
    assert disagreements.stage1_due(on_time) == d("2026-10-16")
    assert disagreements.stage1_due(extended) == d("2026-10-30")  # the agreed extension


def test_stage1_uses_the_local_areas_working_days() -> None:
    area = Area()
    area.la.complaint_stage1_days = 5
    area.la.save()
    complaint = area.complaint("2026-10-02", stage1_responded_on="2026-10-12")
    assert disagreements.stage1_due(complaint) == d("2026-10-09")
    assert count("complaints-stage1-on-time", area).missed == (complaint.case_id,)


def test_stage2_on_time_runs_from_the_familys_request() -> None:
    """20 working days after 1 Oct 2026 is 29 Oct 2026."""
    area = Area()
    on_time = area.complaint(
        "2026-09-01", escalated_on="2026-10-01", stage2_responded_on="2026-10-29"
    )
    late = area.complaint("2026-09-01", escalated_on="2026-10-01", stage2_responded_on="2026-11-02")
    area.complaint("2026-09-01")  # never escalated: not in stage 2's figure
    found = count("complaints-stage2-on-time", area)
    assert (found.counted, found.missed) == ((on_time.case_id,), (late.case_id,))
    # As it stood on 29 October (the due day), the late one was still open.
    early = count("complaints-stage2-on-time", area, as_of=d("2026-10-29"))
    assert (early.counted, early.missed, early.open) == ((on_time.case_id,), (), (late.case_id,))


# --- appeals ----------------------------------------------------------------------------------


def test_appeals_registered_counts_registration_or_receipt_in_the_period() -> None:
    area = Area()
    area.appeal(registered_on="2026-10-01")
    area.appeal(lodged_on="2026-10-20")  # registration not recorded: its receipt
    area.appeal(lodged_on="2026-09-20", registered_on="2026-10-02")
    area.appeal(registered_on="2026-09-30")  # Q2
    area.appeal()  # not with the tribunal
    assert count("appeals-registered", area).numerator == 3
    assert count("appeals-registered", area, Q2).numerator == 1


def test_appeals_per_1000_plans_divides_by_the_plans_maintained() -> None:
    area = Area()
    area.plans(400)
    Plan.objects.create(case=area.case(), issued_on=d("2025-01-01"), ceased_on=d("2026-06-01"))
    area.appeal(registered_on="2026-10-01")
    area.appeal(registered_on="2026-10-02")
    found = count("appeals-per-1000-plans", area)
    assert (found.numerator, found.denominator) == (2, 400)
    assert kpi_figures.rate(2, 400, 1000) == Decimal("5.0")
    tick.run(area.la, [TODAY], today=TODAY)
    figure = kpi_figures.value(area.la, "appeals-per-1000-plans", Q3)
    assert figure is not None and figure.value == Decimal("5.0")


def test_appeal_outcomes_are_shares_of_the_appeals_concluded_in_the_period() -> None:
    area = Area()
    outcomes = ["conceded", "withdrawn", "allowed", "allowed_in_part", "dismissed", "struck_out"]
    for outcome in outcomes:
        area.appeal(outcome=outcome, decided_on="2026-10-15")
    area.appeal(outcome="dismissed", decided_on="2026-09-15")  # Q2
    area.appeal(registered_on="2026-10-01")  # not concluded
    names = ("appeals-conceded", "appeals-withdrawn", "appeals-for-family", "appeals-for-council")
    shares = {name: (count(name, area).numerator, count(name, area).denominator) for name in names}
    assert shares == {
        "appeals-conceded": (1, 6),
        "appeals-withdrawn": (1, 6),
        "appeals-for-family": (2, 6),
        "appeals-for-council": (2, 6),
    }


def test_root_cause_reviews_are_due_4_weeks_after_a_lost_or_conceded_appeal() -> None:
    area = Area()
    reviewed = area.appeal(outcome="allowed", decided_on="2026-09-20")  # due 18 October
    not_reviewed = area.appeal(outcome="conceded", decided_on="2026-10-01")  # due 29 Oct
    open_ = area.appeal(outcome="allowed_in_part", decided_on="2026-11-10")  # due 8 Dec
    area.appeal(outcome="dismissed", decided_on="2026-10-01")  # won: no review owed
    RootCauseReview.objects.create(
        appeal=reviewed,
        reviewed_on=d("2026-10-10"),
        themes=["advice_quality"],
        what_happened="Advice was late.",
        reviewed_by=area.officer,
    )
    found = count("appeal-root-cause-reviews", area)
    assert found.counted == (reviewed.case_id,)
    assert found.missed == (not_reviewed.case_id,)
    assert found.open == (open_.case_id,)


def test_tribunal_costs_sum_every_line_in_whole_pounds() -> None:
    area = Area()
    appeal = area.appeal()
    area.cost(appeal, "1200.50", "2026-10-01")
    area.cost(appeal, "300.25", "2026-11-01", line="experts")
    area.cost(area.appeal(), "999.00", "2026-09-30")  # Q2
    area.cost(appeal, "50.00", "2026-11-30")  # after the day judged
    found = count("tribunal-costs", area)
    assert found.numerator == 1501 and found.denominator == 1  # spent on 1 child's appeals
    assert found.counted == (appeal.case_id,)
    tick.run(area.la, [TODAY], today=TODAY)
    figure = kpi_figures.value(area.la, "tribunal-costs", Q3)
    assert figure is not None and figure.value == 1501
    assert board.is_small(figure, 5, "pounds")  # £1,501 on one child's appeal: hidden
    for _ in range(5):
        area.cost(area.appeal(), "10", "2026-10-02")
    tick.run(area.la, [TODAY], today=TODAY)
    figure = kpi_figures.value(area.la, "tribunal-costs", Q3)
    assert figure is not None and figure.value == 1551
    assert not board.is_small(figure, 5, "pounds")


def test_orders_on_time_use_the_clocks_time_limits() -> None:
    area = Area()
    appeal = area.appeal(outcome="allowed", decided_on="2026-09-01")
    due = disagreements.order_due(
        AppealOrder(appeal=appeal, kind="amend_contents", made_on=d("2026-10-01"))
    )
    assert due is not None and d("2026-10-01") < due <= d("2026-11-10")
    AppealOrder.objects.create(appeal=appeal, kind="amend_contents", made_on=d("2026-10-01"))
    done = AppealOrder.objects.create(
        appeal=area.appeal(outcome="allowed", decided_on="2026-09-01"),
        kind="amend_contents",
        made_on=d("2026-10-01"),
        done_on=d("2026-10-05"),
    )
    found = count("tribunal-orders-on-time", area)
    assert found.counted == (done.appeal.case_id,)
    assert found.missed == (appeal.case_id,)


# --- mediation --------------------------------------------------------------------------------


def test_mediations_held_agreement_and_appeals_after() -> None:
    area = Area()
    full = area.mediation(meeting_on="2026-10-05", outcome="full")
    partial = area.mediation(meeting_on="2026-10-06", outcome="partial")
    none = area.mediation(meeting_on="2026-10-07", outcome="none")
    waiting = area.mediation(meeting_on="2026-11-20")  # no outcome yet
    area.mediation(choice="decline", certificate="declined", certificate_on="2026-10-01")
    area.mediation(kind="disagreement", meeting_on="2026-10-05", outcome="full")
    area.mediation(meeting_on="2026-09-05", outcome="full")  # Q2
    held = count("mediations-held", area)
    assert held.numerator == 4
    agreed = count("mediation-agreement", area)
    assert agreed.counted == tuple(sorted([full.case_id, partial.case_id]))
    assert agreed.missed == (none.case_id,) and agreed.open == (waiting.case_id,)


def test_mediations_to_appeal_are_judged_when_the_time_to_appeal_ends() -> None:
    """Certificates on 12 October: the time to appeal ends on 12 November 2026 (1 month
    after, later than 2 months after the decision of 1 May)."""
    area = Area()

    def held(**fields: Any) -> Mediation:
        fields.setdefault("certificate_on", "2026-10-12")
        return area.mediation(meeting_on="2026-10-05", outcome="none", **fields)

    linked, same_decision, no_appeal, other_decision = held(), held(), held(), held()
    area.appeal(case=linked.case, mediation=linked, lodged_on="2026-10-20")
    area.appeal(case=same_decision.case, lodged_on="2026-11-01")  # decision of 1 May
    area.appeal(case=other_decision.case, decision="2026-06-01", lodged_on="2026-11-01")
    later = held(certificate_on="2026-11-20")  # time to appeal ends 21 December: open
    assert disagreements.appeal_by(linked) == d("2026-11-12")

    found = count("mediations-to-appeal", area)
    assert found.counted == tuple(sorted([linked.case_id, same_decision.case_id]))
    assert found.missed == tuple(sorted([no_appeal.case_id, other_decision.case_id]))
    assert found.open == (later.case_id,)
    # On 25 October only the linked appeal had reached the tribunal; the rest were open.
    early = count("mediations-to-appeal", area, as_of=d("2026-10-25"))
    assert early.counted == (linked.case_id,) and not early.missed


# --- tick, behind, suppression ----------------------------------------------------------------


def test_tick_writes_the_figures_the_board_suppresses_when_small() -> None:
    area = Area()
    for _ in range(6):
        area.complaint("2026-10-05", category="review_timeliness")
    area.appeal(registered_on="2026-10-01")
    tick.run(area.la, [TODAY], today=TODAY)
    complaints = kpi_figures.value(area.la, "review-timeliness-complaints", Q3)
    appeals = kpi_figures.value(area.la, "appeals-registered", Q3)
    assert complaints is not None and complaints.value == 6
    assert appeals is not None and appeals.value == 1
    assert not board.is_small(complaints, 5, "count")
    assert board.is_small(appeals, 5, "count")


def test_behind_lists_the_cases_by_reference() -> None:
    area = Area()
    appeal = area.appeal(registered_on="2026-10-01")
    found = behind.behind(area.la, catalogue.get("appeals-registered"), Q3, TODAY)
    assert found is not None and found.listed
    assert found.parts[0].items == [(appeal.case_id, f"R-{appeal.case_id}")]

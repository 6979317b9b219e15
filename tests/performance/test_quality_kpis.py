"""The quality KPIs in the catalogue are computed from the QA records
(``senda.quality.measures``): each is an entry with its measure, ``senda tick`` stores its
figure, the board shows it, and the KPI page lists the records behind it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.performance import behind, board, catalogue, kpi_figures, records, tick
from senda.performance.catalogue import quality
from senda.performance.definitions import CountFromRecords, FromRecords
from senda.performance.periods import parse
from senda.quality import measures
from senda.quality.models import Round
from tests.factories import make_la
from tests.quality.factories import make_audit, make_round

TODAY = date(2026, 11, 22)
Q3 = parse("2026-27-q3")

pytestmark = pytest.mark.django_db

#: Typed in before Senda held the QA records; now computed under the same id.
KEPT = (
    "plans-good-outstanding",
    "new-plans-level-2",
    "audit-coverage",
    "audit-sample-with-review",
    "audits-completed",
    "moderation-rounds",
    "moderation-agreement",
    "audit-actions-on-time",
    "advice-moderated",
    "advice-quality",
    "audit-cross-agency",
)
NEW = (
    "plans-outcomes-good-outstanding",
    "reviews-meet-standard",
    "learning-summaries",
    "qa-reports-on-time",
    "qa-recommendations-implemented",
    "advice-improved-after-feedback",
    "panel-decisions-shared",
    "panel-learning-acted-on",
)


@pytest.mark.django_db(False)
def test_every_quality_kpi_is_computed_from_its_measure() -> None:
    assert {e.id for e in quality.ENTRIES} == set(KEPT + NEW)
    # QA records behind a KPI of another improvement area (social care: issue 18, area 5)
    elsewhere = {"social-care-advice-quality"}
    assert set(KEPT + NEW) | elsewhere == set(measures.MEASURES)
    assert catalogue.get("social-care-advice-quality").area == "social-care"
    for entry in quality.ENTRIES:
        assert catalogue.get(entry.id) is entry
        assert entry.source == "computed" and entry.area == "quality"
        assert isinstance(entry.computed_by, FromRecords)
        assert entry.computed_by.measure == entry.id in records.names()
        counted = isinstance(entry.computed_by, CountFromRecords)
        assert counted == (entry.unit == "count")
    for kpi in KEPT:
        assert "typed in" in catalogue.get(kpi).definition or kpi == "moderation-agreement"
    assert catalogue.get("warm-audits").source == "recorded"  # no records of it in Senda


def test_tick_stores_the_figures_and_the_board_shows_them() -> None:
    la = make_la()
    for grade in (4,) * 4 + (3,) * 10 + (2,) * 4 + (1,) * 2:
        make_audit(la, submitted_on=date(2026, 10, 20), computed_grade=grade, outcome_grade=2)
    round_ = make_round(la)
    Round.objects.filter(pk=round_.pk).update(held_on=date(2026, 5, 20))
    before = board.board(la, Q3, TODAY)
    row = next(r for g in before for r in g.rows if r.entry.id == "plans-good-outstanding")
    assert row.this is None
    tick.run(la, [TODAY], today=TODAY)
    figure = kpi_figures.value(la, "plans-good-outstanding", Q3)
    assert figure is not None and figure.value == Decimal(70)
    outcomes = kpi_figures.value(la, "plans-outcomes-good-outstanding", Q3)
    assert outcomes is not None and outcomes.value == 0
    rounds = kpi_figures.value(la, "moderation-rounds", Q3)
    assert rounds is not None and rounds.value == 1
    groups = board.board(la, Q3, TODAY)
    rows = {r.entry.id: r for g in groups for r in g.rows}
    shown = rows["plans-good-outstanding"].this
    assert shown is not None and shown.value == Decimal(70)  # 14 of 20: not suppressed
    assert rows["moderation-rounds"].hidden("this")  # one round: a small number, hidden
    unsuppressed = board.board(la, Q3, TODAY, suppress=False, kpi_ids=["moderation-rounds"])
    held = unsuppressed[0].rows[0].this
    assert held is not None and held.value == 1


def test_behind_lists_cases_and_rounds() -> None:
    la = make_la()
    audit = make_audit(la, submitted_on=date(2026, 10, 20), computed_grade=4)
    found = behind.behind(la, catalogue.get("plans-good-outstanding"), Q3, TODAY)
    assert found is not None and found.of == "case"
    assert found.parts[0].items == [(audit.case_id, f"R-{audit.case_id}")]
    round_ = make_round(la)
    Round.objects.filter(pk=round_.pk).update(held_on=date(2026, 10, 2))
    held = behind.behind(la, catalogue.get("moderation-rounds"), Q3, TODAY)
    assert held is not None and held.of == "round"
    assert held.parts[0].items == [(round_.pk, f"Moderation round {round_.pk}")]

"""The KPI catalogue covers the shared KPI list, and its generated reference is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from senda.clock.rules import RULES
from senda.performance import catalogue
from senda.performance.catalogue import AREAS, CATALOGUE, DIMENSIONS, docs

ROOT = Path(__file__).resolve().parents[2]
KPIS_MD = ROOT.parent / "shared" / "domain" / "kpis.md"

#: The casework ids of the shared list (its first table), kept here so the test runs where
#: the shared folder is absent; the test below checks the list against it when present.
CASEWORK_IDS = (
    "final-plan-20w",
    "assess-decision-6w",
    "advice-6w",
    "annual-review-on-time",
    "review-decision-4w",
    "review-to-final-12w",
    "review-logged-5wd",
    "overdue-reviews",
    "setting-returns-on-time",
    "caseload-at-target",
    "multiagency-advice-in-review",
    "phase-transfer-on-time",
    "pfa-outcomes-in-plans",
    "old-template-plans",
)


def test_it_covers_every_casework_id_of_the_shared_list() -> None:
    assert set(CASEWORK_IDS) <= set(CATALOGUE)


def test_it_keeps_its_copy_of_the_shared_ids_current() -> None:
    if not KPIS_MD.exists():
        pytest.skip("shared/domain/kpis.md is not beside the repository")
    table = KPIS_MD.read_text(encoding="utf-8").split("## Quality KPIs")[0]
    assert set(re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.MULTILINE)) == set(CASEWORK_IDS)


def test_it_computes_every_casework_kpi_the_clock_has_a_rule_for() -> None:
    from senda.performance.weekly.dashboard import KPIS

    for kpi_id in KPIS:
        assert CATALOGUE[kpi_id].source == "computed", kpi_id
    assert CATALOGUE["phase-transfer-on-time"].source == "computed"


def test_it_records_the_casework_kpis_senda_holds_no_data_for() -> None:
    for kpi_id in ("multiagency-advice-in-review", "old-template-plans"):
        assert CATALOGUE[kpi_id].source == "recorded"
    # Computed from the reviews from Year 9 since issue 18 (its recorded history kept).
    assert CATALOGUE["pfa-outcomes-in-plans"].source == "computed"


def test_it_gives_every_computed_kpi_a_casework_counterpart_or_clock_rule() -> None:
    from senda.clock.model import EVENT_TYPES
    from senda.performance.definitions import FromRecords
    from senda.performance.records import names
    from senda.performance.weekly.dashboard import KPIS

    for entry in catalogue.computed():
        if isinstance(entry.computed_by, FromRecords):
            # Counted from records (the portal's, disagreements'): its measure, no clock rule.
            assert entry.computed_by.measure in names(), entry.id
            assert entry.computed_by.records, entry.id
            continue
        assert entry.casework_kpi or entry.clock_rule or entry.corrected_steps, entry.id
        assert set(entry.corrected_steps) <= set(EVENT_TYPES), entry.id
        if entry.casework_kpi:
            assert entry.casework_kpi in KPIS, entry.id
        if entry.clock_rule:
            assert entry.clock_rule in RULES, entry.id


def test_it_links_recorded_kpis_to_no_casework() -> None:
    for entry in catalogue.recorded():
        assert not entry.casework_kpi and not entry.clock_rule, entry.id
        assert not entry.corrected_steps, entry.id
        assert not entry.dimensions and not entry.with_exceptions, entry.id


def test_it_breaks_computed_case_kpis_down_by_the_case_dimensions() -> None:
    for entry in catalogue.computed():
        assert set(entry.dimensions) <= set(DIMENSIONS), entry.id
        records = entry in catalogue.from_records()  # the portal's: whole area only
        if entry.id != "caseload-at-target" and not records:
            assert {"phase", "need", "setting_type", "locality", "officer"} <= set(
                entry.dimensions
            ), entry.id
    assert "discipline" in CATALOGUE["advice-6w"].dimensions
    assert "band" in CATALOGUE["overdue-reviews"].dimensions


def test_it_shows_the_dfe_variant_of_20_week_timeliness() -> None:
    entry = catalogue.get("final-plan-20w")
    assert entry.with_exceptions
    assert entry.dfe
    assert entry.benchmark == "timeliness-20w-ex"
    assert catalogue.get("review-decision-4w").benchmark == "review-decision-4w"


def test_it_computes_the_re_assessment_and_transfer_in_limits_from_the_clocks_rules() -> None:
    """Issue 12's KPIs: each reads its clock rule (on the weekly dashboard), cites the
    regulation, and only the plan after a re-assessment leaves exception cases out."""
    from senda.performance.definitions import OnTimeByDone, OnTimeByDue

    expected = {
        "reassess-decision-15d": ("reassess-decision", OnTimeByDone, False, "reg 25(1)"),
        "reassessment-plan-14w": ("reassessment-plan", OnTimeByDone, True, "reg 27(2)"),
        "transfer-in-notice-6w": ("transfer-in-notice", OnTimeByDue, False, "reg 15(4)"),
    }
    for kpi_id, (rule, kind, exceptions, cited) in expected.items():
        entry = catalogue.get(kpi_id)
        assert entry.computed_by is not None and entry.weekly is not None, kpi_id
        assert entry.computed_by.rules == (rule,), kpi_id
        assert type(entry.computed_by) is kind, kpi_id
        assert entry.with_exceptions == exceptions, kpi_id
        assert entry.unit == "percent" and entry.higher_is_better, kpi_id
        assert cited in entry.statute and rule in RULES, kpi_id
    assert "reg 27(3)" in catalogue.get("reassessment-plan-14w").statute
    assert "guidance" in catalogue.get("reassess-decision-15d").statute


def test_it_counts_overdue_reviews_lower_is_better() -> None:
    entry = catalogue.get("overdue-reviews")
    assert entry.unit == "count"
    assert not entry.higher_is_better


def test_it_has_every_field_filled_in() -> None:
    for entry in CATALOGUE.values():
        assert entry.name and entry.definition and entry.numerator and entry.owner, entry.id
        assert entry.area in AREAS, entry.id
        if entry.is_rate:
            assert entry.denominator, entry.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.id), entry.id
        assert len(entry.id) <= 60, entry.id  # the models' kpi column


def test_it_has_a_kpi_in_every_area_grouped_in_area_order() -> None:
    assert 6 <= len(AREAS) <= 12
    order = list(AREAS)
    ranks = [order.index(entry.area) for entry in CATALOGUE.values()]
    assert ranks == sorted(ranks)
    for area_id in AREAS:
        assert catalogue.in_area(area_id), area_id


def test_it_covers_every_kind_of_recorded_kpi() -> None:
    areas = {entry.area for entry in catalogue.recorded()}
    expected = {"quality", "families"}
    # Sufficiency's KPIs are all computed (places-vs-forecast the last), and the finance
    # ones too since issue 17 (the year's forecast outturn).
    assert expected | {"social-care"} <= areas
    assert "finance" not in areas
    for kpi_id in ("parent-satisfaction", "warm-audits"):
        assert catalogue.get(kpi_id).source == "recorded"
    # The workforce's are computed from the training register (senda.people.workforce).
    for kpi_id in ("staff-trained", "training-confidence", "posts-filled"):
        assert catalogue.get(kpi_id).source == "computed"


def test_it_splits_into_computed_and_recorded() -> None:
    computed = {entry.id for entry in catalogue.computed()}
    recorded = {entry.id for entry in catalogue.recorded()}
    assert computed.isdisjoint(recorded)
    assert computed | recorded == set(CATALOGUE)
    assert len(computed) == 15 + len(catalogue.from_records())
    # the portal 8, feedback 3, disagreements 15, quality 19, data quality 11, sufficiency 8
    # and spend per plan by placement type 6 and the forecast outturn's 6,
    # the ND waiting list 6 (waits, interim support, rejections), specialist support 1, the ND
    # needs profiles 3, reviews from Year 9 1, transition to adult services 3, the disabled
    # children's register, social care offers and social care advice quality 7, the
    # participation extracts 3, the workforce 11
    assert len(catalogue.from_records()) == (
        11 + 15 + 19 + 11 + 8 + 6 + 6 + 6 + 1 + 3 + 1 + 3 + 7 + 3 + 11
    )


def test_it_says_keyerror_for_an_unknown_id() -> None:
    with pytest.raises(KeyError):
        catalogue.get("no-such-kpi")


def test_it_keeps_the_generated_reference_current() -> None:
    assert (ROOT / "docs" / "kpis.md").read_text(encoding="utf-8") == docs.render()


def test_it_lists_every_kpi_in_the_reference() -> None:
    text = docs.render()
    for entry in CATALOGUE.values():
        assert f"### `{entry.id}` — {entry.name}" in text


def test_it_checks_the_reference_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "kpis.md"
    assert docs.main([str(path)]) == 0
    assert docs.main(["--check", str(path)]) == 0
    path.write_text("stale", encoding="utf-8")
    assert docs.main(["--check", str(path)]) == 1
    assert docs.main([]) == 2


def test_it_agrees_with_the_tally_on_what_is_computed() -> None:
    """``tally`` computes every computed KPI but ``caseload-at-target`` (today only, in
    ``tick``), with the catalogue's dimensions and exception rule."""
    from senda.performance import tally

    computed = {entry.id: entry for entry in catalogue.computed()}
    # The portal's KPIs are counted from records by tick, not by the tally.
    records = {e.id for e in catalogue.from_records()}
    assert set(tally.KPIS) == set(computed) - {"caseload-at-target"} - records
    for kpi_id, definition in tally.KPIS.items():
        extra = (definition.by,) if definition.by else ()
        assert computed[kpi_id].dimensions == (*tally.CASE_DIMENSIONS, *extra), kpi_id
    with_exceptions = {kpi for kpi, d in tally.KPIS.items() if d.exceptions}
    assert with_exceptions == {e.id for e in computed.values() if e.with_exceptions}
    counts = {e.id for e in computed.values() if not e.is_rate and e.id not in records}
    assert {kpi for kpi, d in tally.KPIS.items() if d.kind == "count"} == counts


def test_it_links_only_to_docs_that_exist() -> None:
    for text in (docs.render(), (ROOT / "docs" / "adding-a-kpi.md").read_text(encoding="utf-8")):
        for target in re.findall(r"\]\(([a-z0-9-]+\.md)\)", text):
            assert (ROOT / "docs" / target).exists(), target

"""The demo's preparing for adulthood (``senda.demo.adulthood``): reviews from Year 9 with
their PfA outcomes and transition records, and the KPIs ``senda tick`` computes from them."""

from __future__ import annotations

from senda.casework.models import AdulthoodOutcomes
from senda.demo.build import Built
from senda.pathways import transition
from senda.pathways.models import TransitionRecord
from senda.performance.models import KpiFact
from tests.demo.conftest import TODAY


def test_it_has_pfa_outcomes_transition_records_and_their_kpis(area: Built) -> None:
    assert AdulthoodOutcomes.objects.filter(case__la=area.la).count() > 20
    kinds = set(TransitionRecord.objects.of_area(area.la.pk).values_list("kind", flat=True))
    assert kinds == {"rating", "allocated", "plan", "travel", "health_check", "health_plan"}
    young = transition.approaching_18(area.la.pk, TODAY)
    assert young and any(y.missing(TODAY) for y in young)
    for kpi in ("pfa-outcomes-in-plans", "transition-plans-by-17-6m", "annual-health-checks"):
        facts = KpiFact.objects.filter(la=area.la, kpi=kpi, dimension="all")
        assert any(f.numerator > 0 and f.denominator for f in facts), kpi

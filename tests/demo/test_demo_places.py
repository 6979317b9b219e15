"""The demo's places (issue 17): places at Seaview's special schools, AP and units, a few
children waiting for a place, and a capital programme (docs/places.md, "The demo")."""

from __future__ import annotations

from senda.demo.build import Built
from senda.people.school_year import academic_year_start
from senda.sufficiency import capacity, placed
from senda.sufficiency.models import CapitalProject, CommissionedPlaces
from tests.demo.conftest import TODAY


def test_the_main_area_has_places_children_waiting_and_projects(area: Built) -> None:
    year = academic_year_start(TODAY)
    kinds = set(
        CommissionedPlaces.objects.of_area(area.la.pk)
        .filter(year=year)
        .values_list("provision", flat=True)
    )
    assert kinds == {"special", "ap", "specialist_base"}
    assert CommissionedPlaces.objects.of_area(area.la.pk).filter(year=year - 1).exists()
    lines, _ = capacity.register(area.la, year, TODAY)
    assert all(line.places is not None for line in lines if line.provision == "special")
    waiting = placed.waiting(area.la, TODAY)
    assert 1 <= len(waiting) <= 6 and all(w.code == "NIEO" and w.days > 0 for w in waiting)
    statuses = set(CapitalProject.objects.filter(la=area.la).values_list("status", flat=True))
    assert statuses == {"open", "in_progress", "proposed"}
    assert not CommissionedPlaces.objects.of_area(area.other_la.pk).exists()

"""Scenarios on pages: a service manager defines one and its changes (every field checked,
a form error never a 500), makes a forecast under it, and its places reach demand against
capacity (by locality, as a new setting's); forecasts are compared side by side with their
breakdowns and differences. Who may open each page is tests/web/test_role_matrix.py's;
every page is audited (tests/web/page_audit.py)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.sufficiency.localities import (
    HOME_LOCALITY,
    LOCALITY,
    LOCALITY_PROVISION,
    NEW_SETTING,
    NOT_KNOWN,
    NOT_PLACED,
    OUT_OF_AREA,
    group,
)
from senda.sufficiency.models import ForecastRun, ScenarioChange, StoredScenario
from senda.sufficiency.scenarios import Capacity
from tests.factories import make_la
from tests.sufficiency.runs import figure, make_forecast_run
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 12, 3)  # the last census was January 2026: changes from 2027 to 2031
COMPARE = reverse("web:forecast-compare")


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def _text(response) -> str:
    return text_of(audit_page(response))


def _define(client, personas) -> StoredScenario:
    client.force_login(personas.service_manager)
    response = client.post(reverse("web:scenario-new"), {"title": "Two new bases"})
    scenario = StoredScenario.objects.get(la=personas.la)
    assert response.url == reverse("web:scenario-change-new", args=[scenario.pk])
    return scenario


def test_a_service_manager_defines_a_scenario_and_its_changes(client, personas) -> None:
    scenario = _define(client, personas)
    data = {
        "what": "placements",
        "from_year": "2028",
        "percent": "50",
        "provision": "independent",
        "transfer_to": "specialist_base",
    }
    url = reverse("web:scenario-change-new", args=[scenario.pk])
    assert _text(client.get(url)).count("2027/28 (the forecast for January 2028)") == 1
    assert client.post(url, data).url == reverse("web:scenario", args=[scenario.pk])
    client.post(
        url, {"what": "capacity", "from_year": "2029", "provision": "special", "places": "−12"}
    )
    page = _text(client.get(reverse("web:scenario", args=[scenario.pk])))
    assert (
        "Placements in independent or non-maintained special school at 50% of today's rate, "
        "the rest in SEN unit or resourced provision, from 2027/28"  # its abbreviation kept
    ) in page
    assert "12 special school places removed, from 2028/29" in page
    assert "Make a forecast under this scenario" in page
    assert AuditEntry.objects.filter(verb="write", summary__startswith="scenario").count() == 3
    listed = _text(client.get(reverse("web:scenarios")))
    assert "Two new bases" in listed and "Half as many new placements" in listed


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"what": "joiners", "from_year": "2027", "percent": "-5"}, "must be 0 or more"),
        ({"what": "joiners", "from_year": "2027", "percent": "1e9"}, "must be a whole number"),
        ({"what": "joiners", "from_year": "2027", "percent": "9" * 40}, "must be 500 or less"),
        ({"what": "joiners", "from_year": "2027"}, "Enter a percentage from 0 to 500"),
        ({"what": "joiners", "from_year": "2026", "percent": "90"}, "Choose from the list"),
        ({"what": "joiners", "from_year": "x" * 9000, "percent": "90"}, "Choose from the list"),
        ({"what": "lunch", "from_year": "2027", "percent": "90"}, "Choose from the list"),
        (
            {"what": "placements", "from_year": "2027", "percent": "90"},
            "Choose a kind of provision",
        ),
        ({"what": "capacity", "from_year": "2027", "provision": "special"}, "Enter the places"),
        (
            {"what": "capacity", "from_year": "2027", "provision": "special", "places": "99999"},
            "must be 5,000 or less",
        ),
        (
            {"what": "capacity", "from_year": "2027", "provision": "mainstream", "places": "9"},
            "Choose a kind of place",
        ),
    ],
)
def test_a_change_it_cannot_make_is_a_form_error(client, personas, data, error) -> None:
    scenario = _define(client, personas)
    response = client.post(reverse("web:scenario-change-new", args=[scenario.pk]), data)
    assert response.status_code == 200
    page = _text(response)
    assert error in page and response.context["form"].errors
    assert not ScenarioChange.objects.exists()


def test_a_forecast_under_a_scenario_keeps_its_changes_and_reaches_the_places_page(
    client, personas
) -> None:
    scenario = _define(client, personas)
    client.post(
        reverse("web:scenario-change-new", args=[scenario.pk]),
        {"what": "capacity", "from_year": "2027", "provision": "special", "places": "20"},
    )
    response = client.post(reverse("web:forecast-make"), {"scenario": scenario.name})
    run = ForecastRun.objects.get(scenario=scenario.name)
    assert response.url == reverse("web:forecast-run", args=[run.pk])
    assert run.spec().capacity == (Capacity("special", 20, 2027),)
    client.post(reverse("web:scenario-change-remove", args=[scenario.changes.get().pk]))
    shown = _text(client.get(reverse("web:forecast-run", args=[run.pk])))
    assert "20 special school places added, from 2026/27" in shown  # its frozen copy
    # As the queue leaves it: done, with plans in special schools.
    run.status, run.figures = (
        ForecastRun.Status.DONE,
        [
            asdict(figure(2027, "provision", "special", 25)),
            asdict(figure(2027, LOCALITY_PROVISION, group("special", "Northshore"), 25)),
        ],
    )
    run.save()
    home = _text(client.get(reverse("web:forecast"), {"scenario": scenario.name}))
    assert "Two new bases" in home and "January 2027 Forecast" not in home  # no total figure
    page = _text(client.get(reverse("web:places-demand"), {"scenario": scenario.name}))
    assert "Places the scenario adds or removes" in page
    assert (
        "January 2027 Special school (maintained or academy) 25 30 None recorded 0 +20 "
        "5 short 10 short" in page
    )
    # By locality, the scenario's places have none: they count as a new setting's.
    assert (
        f"{NEW_SETTING} January 2027 Special school (maintained or academy) 0 0 None recorded "
        "0 +20 20 spare 20 spare" in page
    )


def _by_locality(run: ForecastRun, medians: dict[str, float]) -> None:
    """``run``'s January 2028 by locality, as the queue keeps it since localities were."""
    run.figures += [asdict(figure(2028, LOCALITY, name, m)) for name, m in medians.items()]
    run.save()


@pytest.mark.once
def test_it_compares_forecasts_with_their_breakdowns_and_differences(client, personas) -> None:
    baseline = make_forecast_run(personas.la)
    other = make_forecast_run(personas.la, "fewer-independent")
    _by_locality(baseline, {OUT_OF_AREA: 3, "Northshore": 90, "Eastbay": 47, NOT_PLACED: 12})
    _by_locality(other, {"Northshore": 86, OUT_OF_AREA: 3, "Eastbay": 41.6})
    client.force_login(personas.board_member)
    page = _text(client.get(COMPARE, {"runs": [str(other.pk), str(baseline.pk)]}))
    # By locality: the area's localities by name, then out of area and not placed; the
    # other's difference from the baseline, a small median suppressed with its difference,
    # a locality one forecast has not "–" there.
    assert "EHC plans by locality, January 2028" in page
    assert (
        "Eastbay 47 (42 to 52) 42 (37 to 47) −5 "  # 41.6: just beyond 42 to 52
        "Northshore 90 (85 to 95) 86 (81 to 91) −4 (within the spread) "
        f"{OUT_OF_AREA} Suppressed Suppressed Suppressed {NOT_PLACED} 12 (7 to 17) – −12"
    ) in page
    assert "made before localities were kept" not in page
    # The baseline first; the other's difference from it.
    # A difference within the runs' spread (either median inside the other's interval) is
    # flagged as not a clear one; one beyond it is not.
    assert "January 2027 130 (125 to 135) 125 (120 to 130) −5 (within the spread)" in page
    assert "EHC plans by need, January 2028" in page
    assert "Autistic spectrum disorder 137 (132 to 142) 127 (122 to 132) −10 " in page
    assert "A difference marked “within the spread” is not a clear difference" in page
    assert "Social, emotional and mental health Suppressed Suppressed Suppressed" in page
    assert "EHC plans by provision" not in page  # no figures: no table
    assert "Fewer independent, 3 December 2026, 12pm: difference" in page
    assert "EHC plans by age band, January 2028" in page and "5 to 10 140 (135 to 145)" in page
    chosen = _text(client.get(COMPARE, {"runs": [str(baseline.pk), str(other.pk)], "year": "2027"}))
    assert "EHC plans by need, January 2027" in chosen
    assert "EHC plans by locality" not in chosen  # no locality figure that year


@pytest.mark.once
def test_a_forecast_made_before_localities_were_kept_is_compared_without_them(
    client, personas
) -> None:
    baseline = make_forecast_run(personas.la)
    older = make_forecast_run(personas.la, "early-help")  # made before localities were kept
    client.force_login(personas.service_manager)
    neither = _text(client.get(COMPARE, {"runs": [str(baseline.pk), str(older.pk)]}))
    assert "EHC plans by locality" not in neither
    assert "These forecasts were made before localities were kept" in neither
    _by_locality(baseline, {"Northshore": 90})
    one = _text(client.get(COMPARE, {"runs": [str(baseline.pk), str(older.pk)]}))
    assert "Northshore 90 (85 to 95) Not kept –" in one
    assert (
        "Made before localities were kept, so not broken down by locality (“Not kept” in the "
        "table): Early help, 3 December 2026, 12pm."
    ) in one


@pytest.mark.once
def test_forecasts_are_compared_by_where_children_live(client, personas) -> None:
    baseline = make_forecast_run(personas.la)
    other = make_forecast_run(personas.la, "fewer-independent")
    older = make_forecast_run(personas.la, "early-help")  # made before homes were counted
    lived = {NOT_KNOWN: 20, "Westcliff": 60, "Northshore": 70}
    baseline.figures += [asdict(figure(2028, HOME_LOCALITY, n, m)) for n, m in lived.items()]
    baseline.save()
    other.figures += [asdict(figure(2028, HOME_LOCALITY, "Northshore", 66))]
    other.save()
    client.force_login(personas.board_member)
    runs = [str(baseline.pk), str(other.pk), str(older.pk)]
    page = _text(client.get(COMPARE, {"runs": runs}))
    assert "EHC plans by home locality, January 2028" in page
    # The localities by name, then children whose locality is not known.
    assert (
        "Northshore 70 (65 to 75) 66 (61 to 71) Not kept −4 (within the spread) – "
        f"Westcliff 60 (55 to 65) – Not kept −60 – {NOT_KNOWN} 20 (15 to 25) – Not kept −20 –"
    ) in page
    assert "Not counted by where children live (“Not kept” in the table): Early help" in page
    plain = make_forecast_run(personas.la)
    neither = _text(client.get(COMPARE, {"runs": [str(older.pk), str(plain.pk)]}))
    assert "EHC plans by home locality" not in neither
    assert "None of these forecasts counts children by where they live" in neither


@pytest.mark.once
def test_comparing_needs_two_of_the_areas_forecasts(client, personas) -> None:
    own = make_forecast_run(personas.la)
    make_forecast_run(personas.la)
    theirs = make_forecast_run(make_la())
    client.force_login(personas.service_manager)
    one = client.get(COMPARE, {"runs": [str(own.pk)]})
    assert "Choose two or more forecasts to compare" in _text(one)
    response = client.get(COMPARE, {"runs": [str(own.pk), str(theirs.pk)], "year": "x"})
    assert response.status_code == 200
    assert "Choose forecasts from the list" in _text(response)

"""The demand forecast's pages: a service manager sees the latest forecast of a scenario
(censuses, forecast years with their interval, a breakdown with small numbers suppressed,
the backtest), compares two scenarios, makes a new one (queued, then shown) and sees the
forecasts made; a board member sees the same without the button; anyone else is refused
(tests/web/test_role_matrix.py). Every page is audited (tests/web/page_audit.py)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest
from django.urls import reverse

from senda.sufficiency.backtest import Score
from senda.sufficiency.models import ForecastRun
from senda.web.tables import forecast as tables
from tests.sufficiency.runs import make_forecast_run
from tests.web.page_audit import audit_page, text_of
from tests.web.svg_charts import SVG, charts_of, drawn_values

TODAY = date(2026, 12, 3)
HOME = reverse("web:forecast")


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def _text(response) -> str:
    return text_of(audit_page(response))


def test_it_shows_the_latest_forecast_with_its_interval_and_backtest(client, personas):
    make_forecast_run(personas.la)
    client.force_login(personas.service_manager)
    response = client.get(HOME)
    assert response.status_code == 200
    page = _text(response)
    assert "Baseline: current rates and trend continue" in page
    assert "January 2024 Census 100" in page
    assert "January 2028 Forecast 140 135 to 145" in page
    assert "Interval: 5th to 95th percentile" in page
    assert "How well this forecast did before" in page
    assert "2024 2026 120 112 (100 to 125) Yes −6.7% −1.7% 8.0% 11.0%" in page
    assert "age on 31 August before the school year" in page
    assert "Make a new forecast" in page
    assert "Forecasts made, newest first" in page


def test_a_board_member_sees_the_forecast_without_the_button(client, personas):
    make_forecast_run(personas.la)
    client.force_login(personas.board_member)
    page = _text(client.get(HOME))
    assert "January 2028 Forecast 140" in page
    assert "Make a new forecast" not in page


def test_it_suppresses_small_numbers_in_a_breakdown(client, personas):
    make_forecast_run(personas.la)
    client.force_login(personas.service_manager)
    page = _text(client.get(HOME, {"breakdown": "need"}))
    # SEMH's 4 plans are hidden, and ASD's 116 with them (120 less 116 would give 4 away).
    assert "Social, emotional and mental health Suppressed Suppressed Suppressed" in page
    assert "Autistic spectrum disorder Suppressed 127 (122 to 132)" in page


def _scored(origin: int, year: int, actual: int, median: float, naive: float, spread: float):
    return Score(origin, year, year - origin, actual, median, median - spread, median + spread,
                 naive, 0.1, 0.1, 1, 2)  # fmt: skip


def test_it_says_plainly_when_the_naive_forecast_did_better_and_the_interval_rarely_held(
    client, personas
):
    """As on the demo: the naive forecast nearer every time, the interval holding 1 of 6."""
    run = make_forecast_run(personas.la)
    scores = [
        _scored(2023, 2024, 2891, 2745, 2767, 33),
        _scored(2023, 2025, 3233, 2921, 3000, 58),
        _scored(2023, 2026, 3635, 3094, 3253, 86),
        _scored(2024, 2025, 3233, 3140, 3275, 40),
        _scored(2024, 2026, 3635, 3378, 3708, 62),
        _scored(2025, 2026, 3635, 3774, 3617, 244),
    ]
    ForecastRun.objects.filter(pk=run.pk).update(backtest=[asdict(s) for s in scores])
    client.force_login(personas.service_manager)
    page = _text(client.get(HOME))
    assert (
        "Warning The model did worse than the naive forecast (last year's growth, continued) "
        "in every comparison (all 6): the naive forecast was nearer what happened." in page
    )
    assert "The interval held the actual number of plans in 1 of 6 comparisons" in page
    assert "so the real uncertainty is wider than the interval shows" in page
    assert "This rests on forecasts from 3 earlier censuses only: that is little history" in page


def test_it_says_when_the_model_did_better_than_the_naive_forecast(client, personas):
    run = make_forecast_run(personas.la)
    scores = [_scored(2020 + i, 2021 + i, 100, 100, 90, 5) for i in range(4)]
    scores.append(_scored(2024, 2026, 100, 80, 90, 5))
    ForecastRun.objects.filter(pk=run.pk).update(backtest=[asdict(s) for s in scores])
    client.force_login(personas.service_manager)
    page = _text(client.get(HOME))
    assert (
        "The model was nearer what happened than the naive forecast in 4 of 5 comparisons, "
        "and further off in 1." in page
    )
    assert "Warning" not in page.split("How well this forecast did before")[1]
    assert "The interval held the actual number of plans in 4 of 5 comparisons." in page
    assert "This rests on forecasts from 5 earlier censuses." in page


def test_it_says_when_history_is_too_short_for_a_backtest(client, personas):
    run = make_forecast_run(personas.la)
    ForecastRun.objects.filter(pk=run.pk).update(backtest=[], history={"2026": 120})
    client.force_login(personas.service_manager)
    page = _text(client.get(HOME))
    assert "too little history for a backtest" in page
    assert "this forecast has 1" in page


def test_it_compares_two_scenarios_side_by_side(client, personas):
    make_forecast_run(personas.la)
    make_forecast_run(personas.la, "fewer-independent")
    client.force_login(personas.board_member)
    page = _text(client.get(HOME, {"compare": "fewer-independent"}))
    assert "The two scenarios side by side" in page
    # Beyond the spread in 2028; within it in 2027 (each median inside the other's
    # interval): not a clear difference.
    assert "January 2028 140 (135 to 145) 130 (125 to 135) −10 " in page
    assert "January 2027 130 (125 to 135) 125 (120 to 130) −5 (within the spread)" in page
    assert "A difference marked “within the spread” is not a clear difference" in page
    missing = _text(client.get(HOME, {"compare": "early-help"}))
    assert "No forecast under “An early-help programme" in missing


def test_a_hostile_choice_is_a_form_error_not_a_crash(client, personas):
    client.force_login(personas.service_manager)
    response = client.get(HOME, {"scenario": "<script>x</script>", "breakdown": "99"})
    page = audit_page(response)
    assert text_of(page.find(".//title")).startswith("Error: Demand forecast")
    assert "<script>x" not in response.content.decode()
    assert "No forecast has been made for your area under this scenario yet" in text_of(page)


def test_a_service_manager_makes_a_forecast_and_sees_it_queued(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.service_manager)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(reverse("web:forecast-make"), {"scenario": "early-help"})
    run = ForecastRun.objects.get()
    assert (run.la, run.scenario, run.status) == (personas.la, "early-help", "queued")
    assert run.requested_by == personas.service_manager
    assert len(queued) == 1
    assert response["Location"] == reverse("web:forecast-run", args=[run.pk])
    page = _text(client.get(response["Location"]))
    assert "This forecast is queued" in page and "Refresh this page" in page
    home = _text(client.get(HOME, {"scenario": "early-help"}))
    assert "is queued" in home and "Make a new forecast" not in home
    again = client.post(reverse("web:forecast-make"), {"scenario": "early-help"}, follow=True)
    assert "already queued" in text_of(audit_page(again))
    assert ForecastRun.objects.count() == 1


def test_a_board_member_cannot_make_a_forecast(client, personas):
    client.force_login(personas.board_member)
    response = client.post(reverse("web:forecast-make"), {"scenario": "baseline"})
    assert response.status_code == 403
    assert not ForecastRun.objects.exists()


def test_a_failed_forecast_says_why(client, personas):
    run = make_forecast_run(personas.la, status="failed", error="ValueError: no censuses")
    client.force_login(personas.service_manager)
    page = _text(client.get(reverse("web:forecast-run", args=[run.pk])))
    assert "could not be made" in page and "ValueError: no censuses" in page


def test_a_forecast_made_shows_its_breakdown(client, personas):
    run = make_forecast_run(personas.la, simulations=200)
    client.force_login(personas.board_member)
    url = reverse("web:forecast-run", args=[run.pk])
    page = _text(client.get(url, {"breakdown": "age-band"}))
    assert "By age band" in page and "5 to 10 120" in page
    assert "200 simulations, fewer than the usual 1,000" in page


def test_forecasts_asked_for_together_have_their_own_titles_and_times_in_govuk_style(
    client, personas
):
    """The demo asks for its forecasts in the same minute: each page's <title> is still its
    own (its number and scenario, no child), and times read 6:40pm, never 18:40."""
    from datetime import datetime

    from senda.kernel import LONDON

    at = datetime(2026, 12, 3, 18, 40, tzinfo=LONDON)
    runs = [make_forecast_run(personas.la), make_forecast_run(personas.la, "fewer-independent")]
    ForecastRun.objects.update(requested_at=at, finished_at=at)
    client.force_login(personas.service_manager)
    titles = set()
    for run in runs:
        page = audit_page(client.get(reverse("web:forecast-run", args=[run.pk])))
        title = text_of(page.find(".//title"))
        titles.add(title)
        assert title.startswith(f"Forecast {run.pk}: ")
        assert "3 December 2026, 6:40pm" in title
        assert "Made on 3 December 2026, 6:40pm" in text_of(page)
        assert "18:40" not in text_of(page)
    assert len(titles) == 2
    assert f"Forecast {runs[1].pk}: Fewer independent, asked for on 3 December 2026, 6:40pm" in {
        t.split(" – ")[0] for t in titles
    }
    home = _text(client.get(HOME))
    assert "18:40" not in home and "6:40pm" in home


def test_another_areas_forecast_is_not_found(client, personas):
    from tests.factories import make_la

    run = make_forecast_run(make_la())
    client.force_login(personas.service_manager)
    assert client.get(reverse("web:forecast-run", args=[run.pk])).status_code == 404


def test_the_menu_links_the_forecast_for_service_managers_and_board_members(client, personas):
    for persona, shown in (
        ("service_manager", True),
        ("board_member", True),
        ("case_officer", False),
    ):
        client.force_login(getattr(personas, persona))
        assert (HOME in client.get(reverse("web:home")).content.decode()) is shown, persona


def test_group_labels_read_as_people_say_them():
    assert tables.group_label("provision", "specialist_base") == "SEN unit or resourced provision"
    assert tables.group_label("need", "NONE") == "No need recorded"
    assert [tables.group_label("year group", y) for y in ("-1", "0", "13", "14")] == [
        "Early years (year group -1)",
        "Reception",
        "Year 13",
        "Year 14",
    ]


def test_a_difference_of_nothing_reads_no_change_not_plus_nought():
    from senda.sufficiency.summary import Figure
    from senda.web.tables.forecast_compare import _cells

    same = Figure(2027, "total", "", 120.2, 110, 130, 120)
    more = Figure(2027, "total", "", 160, 150, 170, 160)
    assert [cell["text"] for cell in _cells([same, same, more], None)][3:] == [
        "no change (within the spread)",
        "+40",
    ]
    assert tables.signed(-1200) == "−1,200"


def test_a_hostile_breakdown_on_a_forecast_made_is_a_form_error(client, personas):
    run = make_forecast_run(personas.la)
    client.force_login(personas.service_manager)
    url = reverse("web:forecast-run", args=[run.pk])
    page = audit_page(client.get(url, {"breakdown": "<b>"}))
    assert text_of(page.find(".//title")).startswith(
        f"Error: Forecast {run.pk}: Baseline, asked for"
    )
    assert "By age band" in text_of(page)


def test_it_shows_the_area_beside_englands_published_caseload(client, personas):
    from decimal import Decimal

    from senda.performance.models import PublishedArea, PublishedFigure, PublishedRelease

    make_forecast_run(personas.la)
    client.force_login(personas.service_manager)
    assert "have not been imported" in _text(client.get(HOME))
    release = PublishedRelease.objects.create(
        name="ehcp-2025.zip", year=2025, sha256="0", licence="OGL"
    )
    england = PublishedArea.objects.create(code="E92000001", name="England", level="national")
    for period, plans in (("202324", 576474), ("202425", 638745)):
        PublishedFigure.objects.create(
            release=release, measure="caseload", time_period=period, area=england,
            raw=str(plans), value=Decimal(plans), source="caseload.csv:ehcplans",
        )  # fmt: skip
    page = _text(client.get(HOME))
    assert "Beside England" in page
    assert "January 2025 110 +10.0% 638,745 +10.8%" in page
    assert "January 2026 120 +9.1% – –" in page


def test_it_shows_what_the_forecast_costs_when_it_was_priced(client, personas):
    from dataclasses import asdict

    from senda.sufficiency.summary import ALL_PRICED, COST
    from tests.sufficiency.runs import figure

    run = make_forecast_run(personas.la)
    client.force_login(personas.service_manager)
    assert "This forecast has no cost" in _text(client.get(HOME))
    run.figures = [
        *run.figures,
        asdict(figure(2027, COST, "Special schools", 4_000_000, 500_000)),
        asdict(figure(2027, COST, ALL_PRICED, 9_250_000, 1_000_000)),
    ]
    run.save()
    page = _text(client.get(HOME))
    assert "What it costs" in page
    assert "January 2027 £9.2m £8.2m to £10.2m £4.0m" in page


@pytest.mark.once
def test_the_charts_draw_the_figures_in_the_tables_beside_them(client, personas):
    make_forecast_run(personas.la)
    client.force_login(personas.board_member)
    charts = charts_of(client.get(HOME))
    plans = charts["EHC plans by year: the censuses and the forecast with its interval"]
    assert plans.get("role") == "img" and plans.get("width") == "100%"
    assert plans.get("aria-labelledby").split()[0] == plans.find(f"{SVG}title").get("id")
    assert "2028 140 (135 to 145)" in plans.findtext(f"{SVG}desc")
    lines = {p.get("data-name"): p.get("points") for p in plans.iter(f"{SVG}polyline")}
    drawn = drawn_values(plans, lines["Census: plans counted"]) + drawn_values(
        plans, lines["Forecast: the median"]
    )
    expected = [("2024", 100), ("2025", 110), ("2026", 120)]
    expected += [("2026", 120), ("2027", 130), ("2028", 140)]
    assert [year for year, _ in drawn] == [year for year, _ in expected]
    assert [v for _, v in drawn] == pytest.approx([v for _, v in expected], abs=0.5)
    band = drawn_values(plans, plans.find(f"{SVG}polygon").get("points"))
    assert [v for _, v in band] == pytest.approx([120, 135, 145, 135, 125, 120], abs=0.5)
    backtest = charts["Forecasts from earlier censuses against the plans counted"]
    lines = {p.get("data-name"): p.get("points") for p in backtest.iter(f"{SVG}polyline")}
    assert drawn_values(backtest, lines["Forecast from 2024"]) == [
        ("2024", pytest.approx(100, abs=0.5)),
        ("2026", pytest.approx(112, abs=0.5)),
    ]


@pytest.mark.once
def test_it_breaks_the_forecast_down_by_locality(client, personas):
    from dataclasses import asdict

    from senda.sufficiency import localities
    from tests.sufficiency.runs import figure

    run = make_forecast_run(personas.la)
    client.force_login(personas.service_manager)
    url = reverse("web:forecast-run", args=[run.pk])
    assert "made before it was broken down by locality" in _text(
        client.get(url, {"breakdown": "locality"})
    )
    run.actuals = [
        *run.actuals,
        asdict(figure(2026, "locality", "North", 90, 0)),
        asdict(figure(2026, "locality", localities.OUT_OF_AREA, 30, 0)),
    ]
    run.figures = [
        *run.figures,
        asdict(figure(2027, "locality", "North", 97.4)),
        asdict(figure(2027, "locality", localities.OUT_OF_AREA, 32.6)),
    ]
    run.save()
    page = _text(client.get(url, {"breakdown": "locality"}))
    assert "By locality" in page and "children with no setting" in page
    assert "North 90 97 (92 to 102)" in page
    assert "Out of area 30 33 (28 to 38)" in page


def test_it_breaks_the_forecast_down_by_where_children_live(client, personas):
    from dataclasses import asdict

    from senda.sufficiency import localities
    from tests.sufficiency.runs import figure

    run = make_forecast_run(personas.la)
    client.force_login(personas.service_manager)
    url = reverse("web:forecast-run", args=[run.pk])
    assert "does not count children by where they live" in _text(
        client.get(url, {"breakdown": "home-locality"})
    )
    run.actuals = [
        *run.actuals,
        asdict(figure(2026, localities.HOME_LOCALITY, "North", 100, 0)),
        asdict(figure(2026, localities.HOME_LOCALITY, localities.NOT_KNOWN, 20, 0)),
    ]
    run.figures = [
        *run.figures,
        asdict(figure(2027, localities.HOME_LOCALITY, "North", 108.3)),
        asdict(figure(2027, localities.HOME_LOCALITY, localities.NOT_KNOWN, 21.7)),
    ]
    run.save()
    page = _text(client.get(url, {"breakdown": "home-locality"}))
    assert "By home locality" in page and "Counted by where children live" in page
    assert "North 100 108 (103 to 113)" in page
    assert "Locality not known 20 22 (17 to 27)" in page
    assert "Counted by where children are placed" in _text(
        client.get(url, {"breakdown": "locality"})
    )

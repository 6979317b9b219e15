"""The places pages: the register (exact counts for service managers, small counts hidden
from board members), recording and changing places, the waiting list (audited, no
names), demand against capacity and the capital programme. (Who may open each URL:
tests/web/test_role_matrix.py.)"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.people.models import Setting
from senda.sufficiency.models import CapitalPhase, CapitalProject, CommissionedPlaces
from senda.web.views import places as views
from tests.factories import make_setting
from tests.sufficiency.places_factories import (
    make_phase,
    make_places,
    make_plan_case,
    make_project,
    place,
    special_school,
)
from tests.sufficiency.runs import figure, make_forecast_run
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 3, 20)


def page_text(response: Any) -> str:
    assert response.status_code == 200
    return text_of(audit_page(response))


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


@pytest.fixture
def manager(client: Any, personas: Any) -> Any:
    client.force_login(personas.service_manager)
    return client


@pytest.fixture
def board(client: Any, personas: Any) -> Any:
    client.force_login(personas.board_member)
    return client


@pytest.fixture
def school(personas: Any) -> Setting:
    school = special_school(personas.la, locality="Northshore")
    make_places(school, personas.service_manager, 20)
    for _ in range(3):
        place(make_plan_case(personas.la), school, date(2025, 9, 3))
    return school


def test_a_service_manager_sees_places_children_and_vacancies(manager, school) -> None:
    response = manager.get(reverse("web:places"))
    assert response.status_code == 200
    page = page_text(response)
    assert "Harbour Special School" in page and "Northshore" in page
    assert "17" in page  # vacancies: 20 places, 3 children
    assert "Record places" in page


def test_a_board_member_sees_small_counts_hidden_and_no_forms(board, school) -> None:
    page = page_text(board.get(reverse("web:places")))
    assert "Fewer than 5" in page and "Not shown" in page
    assert "Record places" not in page and "Change" not in page
    assert "Children waiting" not in page


def test_a_board_member_cannot_work_a_small_count_out_by_subtraction(
    board, personas, school
) -> None:
    """Harbour's 3 beside Bay's 9 in one locality: the locality's 12 less Bay's 9 would give
    Harbour's 3, so Bay's count is not shown either (its vacancies neither)."""
    bay = special_school(personas.la, name="Bay Special School", locality="Northshore")
    make_places(bay, personas.service_manager, 20)
    for _ in range(9):
        place(make_plan_case(personas.la), bay, date(2025, 9, 3))
    page = page_text(board.get(reverse("web:places")))
    bay_row = page.split("Bay Special School", 1)[1].split("Harbour Special School")[0]
    assert "Not shown Not shown" in bay_row and "11" not in bay_row  # 20 places − 9
    assert "12" in page  # the locality's and the kind's total are still shown


def test_a_service_manager_records_places_and_a_change_keeps_the_old(
    manager, personas, school
) -> None:
    data = {"setting": school.pk, "provision": "special", "year": "2025", "places": "24"}
    response = manager.post(reverse("web:places-record"), data)
    assert response.status_code == 302
    old = CommissionedPlaces.objects.get(places=20)
    assert old.superseded_on == TODAY
    new = CommissionedPlaces.objects.current().get()
    assert new.places == 24 and new.recorded_by == personas.service_manager
    page = page_text(manager.get(reverse("web:places-change", args=[new.pk])))
    assert "Change places" in page
    assert AuditEntry.objects.filter(verb="write", summary__startswith="places:").count() == 1


def test_a_refused_figure_is_shown_on_its_field(manager, personas) -> None:
    data = {"setting": personas.setting.pk, "provision": "special", "year": "2025", "places": "4"}
    response = manager.post(reverse("web:places-record"), data)
    assert response.status_code == 200
    assert "has no places of this kind" in page_text(response)
    assert not CommissionedPlaces.objects.exists()


def test_the_waiting_list_names_cases_not_children_and_is_audited(manager, personas) -> None:
    plan = make_plan_case(personas.la)
    place(plan, None, date(2025, 11, 3), setting_code="NIEO")
    response = manager.get(reverse("web:places-waiting"))
    page = page_text(response)
    assert f"Case {plan.case_id}" in page and "137" in page
    assert plan.case.child.family_name not in page
    entry = AuditEntry.objects.get(verb="read")
    assert entry.summary.startswith("places waiting:") and entry.la_id == personas.la.pk


def test_demand_against_capacity_shows_shortfalls(manager, personas, school, monkeypatch):
    seen = []

    def demand(la, scenario):
        seen.append(scenario)
        return views.capacity.Wanted({2027: {"special": (25.0, 21.0, 30.0)}}, {}, None)

    monkeypatch.setattr(views.capacity, "wanted", demand)
    make_project(personas.la, personas.service_manager, provision="special", places_planned=2,
                 opens_on=date(2026, 9, 1))  # fmt: skip
    page = page_text(manager.get(reverse("web:places-demand") + "?scenario=early-help"))
    assert "January 2027" in page and "3 short" in page and "8 short" in page
    assert seen == ["early-help"]


def test_a_shortfall_adds_up_as_the_row_reads_and_none_is_0(manager, personas, school, monkeypatch):
    """Rounded once: a median of 22.5 shows as 22 plans, and against 21 places (20 and one
    to come) that is 1 short, not 2 (round(1.5)); demand equal to places is "0", not
    "None"."""
    wanted = {2027: {"special": (22.5, 21.0, 25.0)}, 2028: {"special": (21.0, 19.0, 21.4)}}
    monkeypatch.setattr(
        views.capacity, "wanted", lambda la, scenario: views.capacity.Wanted(wanted, {}, None)
    )
    make_project(personas.la, personas.service_manager, provision="special", places_planned=1,
                 opens_on=date(2026, 9, 1))  # fmt: skip
    page = page_text(manager.get(reverse("web:places-demand")))
    assert "January 2027 Special school (maintained or academy) 22 25 20 1 1 short 4 short" in page
    assert (
        "January 2028 Special school (maintained or academy) 21 21 20 1 "
        "0: none short or spare 0: none short or spare"
    ) in page
    assert "None" not in page


def test_demand_against_capacity_from_the_stored_forecast(manager, personas, school) -> None:
    page = page_text(manager.get(reverse("web:places-demand")))
    assert "No forecast has been made for this scenario yet" in page
    run = make_forecast_run(personas.la)
    run.figures = [*run.figures, asdict(figure(2027, "provision", "special", 25.0, 4))]
    run.save()
    page = page_text(manager.get(reverse("web:places-demand")))
    assert "January 2027" in page and "Special school" in page


def test_a_service_manager_adds_a_project_and_its_phases(manager, personas) -> None:
    data = {
        "name": "Bay specialist base",
        "provision": "specialist_base",
        "needs": ["ASD", "SLCN"],
        "setting": str(personas.setting.pk),
        "places_planned": "16",
        "places_delivered": "0",
        "cost": "850000",
        "funding_source": "hnpca",
        "opens_on-day": "1",
        "opens_on-month": "9",
        "opens_on-year": "2026",
        "status": "approved",
    }
    response = manager.post(reverse("web:capital-new"), data)
    project = CapitalProject.objects.get()
    assert response["Location"] == reverse("web:capital-project", args=[project.pk])
    assert project.needs == ["ASD", "SLCN"] and project.cost == 850000
    phase = {
        "name": "Build",
        "planned_start-day": "1", "planned_start-month": "4", "planned_start-year": "2026",
        "planned_end-day": "31", "planned_end-month": "8", "planned_end-year": "2026",
        "status": "not_started",
    }  # fmt: skip
    manager.post(reverse("web:capital-phase-new", args=[project.pk]), phase)
    saved = CapitalPhase.objects.get()
    response = manager.post(
        reverse("web:capital-phase-edit", args=[saved.pk]), {**phase, "status": "delayed"}
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.status == "delayed"
    page = page_text(manager.get(reverse("web:capital-project", args=[project.pk])))
    assert "£850,000" in page and "Delayed" in page
    assert "Bay specialist base" in page_text(manager.get(reverse("web:capital")))


def test_a_board_member_sees_the_programme_but_cannot_change_it(board, personas) -> None:
    project = make_project(personas.la, personas.service_manager, name="Harbour expansion")
    make_phase(project)
    page = page_text(board.get(reverse("web:capital-project", args=[project.pk])))
    assert "Harbour expansion" in page and "Design" in page
    assert "Change" not in page and "Add a phase" not in page
    assert board.post(reverse("web:capital-edit", args=[project.pk]), {}).status_code == 403


def test_hostile_input_is_a_form_error_not_a_500(manager, personas) -> None:
    for url, data in (
        (reverse("web:places-record"), {"setting": "x", "year": "1e3", "places": "-1"}),
        (reverse("web:capital-new"), {"needs": ["<b>"], "cost": "٣", "setting": "999999"}),
        (reverse("web:places") + "?year=abc", None),
    ):
        response = manager.post(url, data) if data is not None else manager.get(url)
        assert response.status_code == 200
    assert make_setting(personas.la)  # the database is still usable


@pytest.mark.once
def test_demand_against_capacity_by_locality(manager, personas, school) -> None:
    from senda.sufficiency import localities

    run = make_forecast_run(personas.la)
    run.figures = [*run.figures, asdict(figure(2027, "provision", "special", 25.0, 4))]
    run.save()
    assert "made before forecasts were broken down by locality" in page_text(
        manager.get(reverse("web:places-demand"))
    )
    make_project(personas.la, personas.service_manager, provision="special", places_planned=4,
                 opens_on=date(2026, 9, 1))  # fmt: skip
    north = localities.group("special", "Northshore")
    away = localities.group("special", localities.OUT_OF_AREA)
    run.figures = [
        *run.figures,
        asdict(figure(2027, localities.LOCALITY_PROVISION, north, 22.0, 3)),
        asdict(figure(2027, localities.LOCALITY_PROVISION, away, 3.0, 1)),
    ]
    run.save()
    page = page_text(manager.get(reverse("web:places-demand")))
    assert "Demand against capacity by locality" in page
    # Northshore's special school has 20 places: 22 forecast is 2 short (5 at the 95th).
    assert (
        "Northshore January 2027 Special school (maintained or academy) 22 25 20 0 2 short 5 short"
        in page
    )
    assert (
        "Out of area January 2027 Special school (maintained or academy) 3 4 None recorded 0"
        in page
    )
    assert "A new setting (no locality yet) January 2027" in page
    # Both tables right-align the same six figure columns' headings.
    html = manager.get(reverse("web:places-demand")).content.decode()
    assert (
        html.count('<th scope="col" class="govuk-table__header govuk-table__header--numeric') == 12
    )


def test_demand_by_locality_uses_where_children_live_when_the_forecast_has_it(
    manager, personas, school
) -> None:
    from senda.sufficiency import localities

    run = make_forecast_run(personas.la)
    lived = localities.group("special", "Northshore")
    placed_at = localities.group("special", localities.OUT_OF_AREA)
    unknown = localities.group("special", localities.NOT_KNOWN)
    run.figures = [
        *run.figures,
        asdict(figure(2027, "provision", "special", 25.0, 4)),
        asdict(figure(2027, localities.LOCALITY_PROVISION, placed_at, 25.0, 4)),
        asdict(figure(2027, localities.HOME_LOCALITY_PROVISION, lived, 21.0, 3)),
        asdict(figure(2027, localities.HOME_LOCALITY_PROVISION, unknown, 4.0, 1)),
    ]
    run.save()
    page = page_text(manager.get(reverse("web:places-demand")))
    assert "Counted by where children live." in page
    assert (
        "Northshore January 2027 Special school (maintained or academy) 21 24 20 0 1 short" in page
    )
    assert "Locality not known January 2027" in page and "Out of area January" not in page
    placed = page_text(manager.get(reverse("web:places-demand"), {"by": "placed"}))
    assert "Counted by where children are placed." in placed
    assert "Out of area January 2027" in placed and "Locality not known January" not in placed
    assert "Count by where children live instead" in placed
    # A board member reads the same, with no link to a page they may not open.
    html = manager.get(reverse("web:places-demand")).content.decode()
    assert reverse("web:places-localities") in html
    manager.force_login(personas.board_member)
    html = manager.get(reverse("web:places-demand")).content.decode()
    assert "Counted by where children live." in html
    assert reverse("web:places-localities") not in html


def test_a_service_manager_lists_which_locality_each_postcode_district_is_in(
    manager, personas, school
) -> None:
    from senda.sufficiency.models import PostcodeLocality

    url = reverse("web:places-localities")
    page = page_text(manager.get(url))
    assert "No postcode district has been given a locality yet" in page
    assert "Northshore" in page  # the settings' localities, as a hint
    plan = make_plan_case(personas.la)
    plan.case.child.postcode = "NG7 1AB"
    plan.case.child.save(update_fields=["postcode"])
    response = manager.post(url, {"prefix": "ng7", "locality": "Northshore"})
    assert response.status_code == 302
    page = page_text(manager.get(url))
    assert "NG7 Northshore Remove NG7" in page
    assert "Northshore 1" in page  # children with a plan by home locality
    row = PostcodeLocality.objects.get()
    assert AuditEntry.objects.filter(summary="postcode locality: NG7 = Northshore").exists()
    remove = reverse("web:places-locality-remove", kwargs={"postcode_id": row.pk})
    assert "Remove NG7 from the list?" in page_text(manager.get(remove))
    assert manager.post(remove).status_code == 302
    assert not PostcodeLocality.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"prefix": "NG7 1AB", "locality": "North"}, "not a whole postcode"),
        ({"prefix": "", "locality": "North"}, "Enter a postcode district"),
        ({"prefix": "NG7", "locality": ""}, "Enter the locality"),
        ({"prefix": "NG7", "locality": "x" * 101}, "100 characters or fewer"),
        ({"prefix": "<script>", "locality": "North"}, "Enter a postcode district"),
    ],
)
def test_a_bad_district_is_a_form_error(manager, data, error) -> None:
    response = manager.post(reverse("web:places-localities"), data)
    assert response.status_code == 200
    page = text_of(audit_page(response))
    assert "There is a problem" in page and error in page


def test_a_service_manager_imports_the_map_all_or_nothing(manager, personas) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from senda.sufficiency.models import PostcodeLocality

    url = reverse("web:places-localities-import")
    assert "Import postcode districts" in page_text(manager.get(url))
    bad = SimpleUploadedFile("map.csv", b"District,Locality\nNG7,North\nNG7 1AB,North\n")
    page = page_text(manager.post(url, {"file": bad}))
    assert "Row 3, column A (District)" in page
    assert not PostcodeLocality.objects.exists()
    good = SimpleUploadedFile("map.csv", b"District,Locality\nNG7,North\nNG8,South\n")
    assert manager.post(url, {"file": good}).status_code == 302
    assert PostcodeLocality.objects.as_map(personas.la.pk) == {"NG7": "North", "NG8": "South"}
    wrong = SimpleUploadedFile("map.txt", b"hello")
    assert "must be a CSV or XLSX" in page_text(manager.post(url, {"file": wrong}))

"""Where children live: the area's map of postcode districts and sectors to localities,
its writes and import, and the forecast counted by home locality (docs/forecast.md,
"Home locality")."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
import time_machine

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.sheets import ImportFailed
from senda.sufficiency import localities
from senda.sufficiency.census import home_counts, homes, read
from senda.sufficiency.forecast import make
from senda.sufficiency.home_actions import (
    import_postcode_map,
    read_postcode_map,
    remove_postcode_locality,
    set_postcode_locality,
)
from senda.sufficiency.models import PostcodeLocality
from senda.sufficiency.space import Space
from tests.factories import make_la, make_setting, make_user
from tests.sufficiency.places_factories import make_plan_case, make_postcode_locality, place

pytestmark = pytest.mark.django_db
SPACE = Space()
MAP = {"NG7": "West", "NG7 1": "North", "SW1A": "Centre"}


@pytest.mark.parametrize(
    ("postcode", "locality"),
    [
        ("NG7 2RD", "West"),  # the district's
        ("ng7 1ab", "North"),  # the sector's, before the district's
        ("NG71AB", "North"),
        ("SW1A 1AA", "Centre"),
        ("NG8 1AB", localities.NOT_KNOWN),  # a district not mapped
        ("", localities.NOT_KNOWN),
        ("NG7", localities.NOT_KNOWN),  # not a whole postcode
    ],
)
def test_a_home_postcode_gives_its_sector_or_districts_locality(postcode, locality) -> None:
    assert localities.home(postcode, MAP) == locality


@pytest.mark.parametrize(
    ("text", "kept", "good"),
    [
        (" ng7 ", "NG7", True),
        ("ng7  1", "NG7 1", True),
        ("SW1A", "SW1A", True),
        ("B33 8", "B33 8", True),
        ("NG7 1AB", "NG7 1AB", False),  # a whole postcode
        ("7NG", "7NG", False),
        ("", "", False),
        ("NG7 X", "NG7 X", False),
        ("ＮＧ7", "ＮＧ7", False),
    ],
)
def test_a_prefix_is_a_district_or_a_sector(text, kept, good) -> None:
    assert localities.prefix(text) == kept
    assert (localities.prefix_problem(kept) is None) is good


def test_unknown_homes_are_a_group_of_their_own_not_dropped() -> None:
    census = {1: SPACE.index(5, "ASD", "special"), 2: SPACE.index(5, "ASD", "special")}
    names, share = localities.shares(SPACE, census, {1: "West"}, localities.NOT_KNOWN)
    assert names == ["West", localities.NOT_KNOWN]
    special = SPACE.provisions.index("special")
    assert np.allclose(share[special], [0.5, 0.5])
    counted = localities.actuals({2026: census}, {2026: {1: "West"}}, localities.HOME_LOCALITY)
    assert [(f.group, f.median) for f in counted] == [("West", 1.0), (localities.NOT_KNOWN, 1.0)]
    assert {f.breakdown for f in counted} == {localities.HOME_LOCALITY}


@pytest.fixture
def la():
    return make_la()


@pytest.fixture
def manager(la):
    return make_user("service_manager", la)


def test_a_manager_sets_changes_and_removes_a_districts_locality(la, manager) -> None:
    row = set_postcode_locality(la=la, prefix=" ng7 ", locality="  West  End ", by=manager)
    assert (row.prefix, row.locality) == ("NG7", "West End")
    set_postcode_locality(la=la, prefix="NG7", locality="North", by=manager)
    assert PostcodeLocality.objects.as_map(la.pk) == {"NG7": "North"}
    with pytest.raises(ActionError) as same:
        set_postcode_locality(la=la, prefix="NG7", locality="North", by=manager)
    assert same.value.field == "locality"
    remove_postcode_locality(row=PostcodeLocality.objects.get(), by=manager)
    assert not PostcodeLocality.objects.exists()
    summaries = list(
        AuditEntry.objects.filter(la_id=la.pk, verb="write")
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    assert summaries == [
        "postcode locality: NG7 = West End",
        "postcode locality: NG7 = North (was West End)",
        "postcode locality removed: NG7 (was North)",
    ]


@pytest.mark.parametrize(
    ("prefix", "locality", "field"),
    [
        ("NG7 1AB", "North", "prefix"),
        ("", "North", "prefix"),
        ("NG7", "", "locality"),
        ("NG7", "x" * 101, "locality"),
        ("NG7", localities.NOT_KNOWN, "locality"),
    ],
)
def test_it_refuses_a_bad_prefix_or_locality(la, manager, prefix, locality, field) -> None:
    with pytest.raises(ActionError) as refused:
        set_postcode_locality(la=la, prefix=prefix, locality=locality, by=manager)
    assert refused.value.field == field
    assert not PostcodeLocality.objects.exists()


def test_only_a_manager_of_the_area_writes_the_map(la) -> None:
    for user in (make_user("caseworker", la), make_user("service_manager", make_la())):
        with pytest.raises(ActionError):
            set_postcode_locality(la=la, prefix="NG7", locality="North", by=user)
    row = make_postcode_locality(la)
    with pytest.raises(ActionError):
        remove_postcode_locality(row=row, by=make_user("board_member", la))
    with pytest.raises(ActionError):
        import_postcode_map(
            la=la, rows=[("NG8", "X")], filename="m.csv", by=make_user("caseworker", la)
        )
    assert PostcodeLocality.objects.as_map(la.pk) == {"NG7": "North"}


def test_an_import_reads_a_csv_and_replaces_the_whole_map(la, manager) -> None:
    make_postcode_locality(la, "NG9", "Old")
    data = b"Locality,Postcode district\nNorth,ng7\nNorth, NG7 1 \n,\nSouth,NG8\n"
    rows = read_postcode_map(data, "map.csv")
    assert rows == [("NG7", "North"), ("NG7 1", "North"), ("NG8", "South")]
    assert import_postcode_map(la=la, rows=rows, filename="map.csv", by=manager) == 3
    assert PostcodeLocality.objects.as_map(la.pk) == {
        "NG7": "North",
        "NG7 1": "North",
        "NG8": "South",
    }
    entry = AuditEntry.objects.filter(la_id=la.pk).latest("pk")
    assert entry.summary == "postcode localities imported from map.csv: 3 (replacing 1)"


def test_an_import_with_any_problem_lists_every_one_with_row_and_column() -> None:
    data = b"District,Locality\nNG7,North\nNG7 1AB,North\nNG8,\nng7,South\n"
    with pytest.raises(ImportFailed) as failed:
        read_postcode_map(data, "map.csv")
    assert [str(p) for p in failed.value.problems] == [
        "Row 3, column A (District): Enter a postcode district, like NG7, or sector, like "
        "NG7 1 (not a whole postcode)",
        "Row 4, column B (Locality): Enter the locality",
        "Row 5, column A (District): NG7 is given twice (first in row 2)",
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"Postcode,Name\nNG7,North\n", "No column for the locality: head one 'locality'."),
        (b"Town,Locality\nX,North\n", "No column for the postcode district or sector"),
        (b"District,Locality\n", "The file has no districts or sectors."),
    ],
)
def test_an_import_names_a_missing_column_or_an_empty_map(data, problem) -> None:
    with pytest.raises(ImportFailed) as failed:
        read_postcode_map(data, "map.csv")
    assert problem in str(failed.value)


def test_an_import_writes_nothing_when_a_row_is_bad(la, manager) -> None:
    make_postcode_locality(la, "NG9", "Old")
    with pytest.raises(ActionError):
        import_postcode_map(la=la, rows=[("NG7", "North"), ("bad", "X")], filename="m", by=manager)
    assert PostcodeLocality.objects.as_map(la.pk) == {"NG9": "Old"}


def _child_at(la, postcode: str, setting) -> int:
    plan = make_plan_case(la, date(2014, 3, 3), issued_on=date(2020, 1, 1))
    plan.case.child.postcode = postcode
    plan.case.child.save(update_fields=["postcode"])
    place(plan, setting, date(2020, 1, 1))
    return plan.case.child_id


def test_each_child_in_a_census_has_their_home_locality_and_none_is_dropped(la) -> None:
    north = make_setting(la, locality="North")
    west = _child_at(la, "NG7 2RD", north)
    sector = _child_at(la, "NG7 1AB", north)
    unmapped = _child_at(la, "LE1 1AA", north)
    blank = _child_at(la, "", north)
    states, placed = read(la, [2024, 2025], SPACE)
    assert homes(la, states) == {}  # no map: no home localities at all
    make_postcode_locality(la, "NG7", "West")
    make_postcode_locality(la, "NG7 1", "North")
    found = homes(la, states)
    assert (
        found[2024]
        == found[2025]
        == {
            west: "West",
            sector: "North",
            unmapped: localities.NOT_KNOWN,
            blank: localities.NOT_KNOWN,
        }
    )
    assert set(placed[2025].values()) == {"North"}  # where placed is kept as it was
    assert home_counts(la, date(2025, 3, 1)) == {"North": 1, "West": 1, localities.NOT_KNOWN: 2}


@time_machine.travel(date(2026, 3, 1), tick=False)
def test_the_forecast_counts_children_by_home_locality_beside_where_placed(la) -> None:
    school = make_setting(la, locality="North")
    for n in range(30):
        _child_at(la, "NG7 2RD" if n % 3 else "LE1 1AA", school)
    plain = make(la, today=date(2026, 3, 1), simulations=20, with_backtest=False)
    assert not [f for f in plain.figures if f.breakdown in localities.HOME_BREAKDOWNS]
    make_postcode_locality(la, "NG7", "West")
    forecast = make(la, today=date(2026, 3, 1), simulations=20, with_backtest=False)
    lived = [f for f in forecast.figures if f.breakdown == localities.HOME_LOCALITY]
    assert {f.group for f in lived} == {"West", localities.NOT_KNOWN}
    start = [f for f in forecast.actuals if f.breakdown == localities.HOME_LOCALITY]
    assert {(f.year, f.group): f.median for f in start if f.year == 2026} == {
        (2026, "West"): 20.0,
        (2026, localities.NOT_KNOWN): 10.0,
    }
    placed = {f.group for f in forecast.figures if f.breakdown == localities.LOCALITY}
    assert placed == {"North"}  # where placed is still counted, as before
    within = {
        f.group for f in forecast.figures if f.breakdown == localities.HOME_LOCALITY_PROVISION
    }
    assert "mainstream|West" in within

"""The participation extract: reading, matching, re-importing, and the destinations KPIs."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from senda.audit.models import AuditEntry
from senda.pathways import activities, destinations
from senda.pathways.models import Participation
from senda.pathways.participation_import import import_participation
from senda.sheets import ImportFailed
from tests.factories import make_child, make_la, make_user

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "participation-extract.csv"
TODAY = date(2026, 12, 3)
OCTOBER = date(2026, 10, 1)
HEADER = EXAMPLE.read_text().splitlines()[0]


def test_cohorts_and_academic_ages() -> None:
    assert activities.cohort(date(2009, 10, 12)) == 2026
    assert activities.cohort(date(2010, 3, 2)) == 2026
    assert activities.academic_age(2026, OCTOBER) == 16
    assert activities.academic_age(2026, date(2027, 8, 1)) == 16
    assert activities.academic_age(2026, date(2027, 9, 1)) == 17
    assert [activities.group(c) for c in ("130", "250", "540", "620", "710", "810")] == [
        "eet",
        "eet",
        "neet",
        "neet",
        "other",
        "unknown",
    ]


@pytest.fixture
def area():
    la = make_la()
    children = [
        make_child(la, upn="C936202500011", date_of_birth=date(2009, 10, 12)),
        make_child(la, upn="Q936202500021", date_of_birth=date(2010, 3, 2)),
        make_child(la, given_name="Cara", family_name="Example", date_of_birth=date(2008, 11, 20)),
        make_child(la, upn="V936202100051", date_of_birth=date(2005, 6, 1)),
    ]
    return la, make_user("service_manager", la), children


def run(area, data: bytes, month: date = OCTOBER, name: str = "extract.csv"):
    la, manager, _ = area
    return import_participation(data, filename=name, la=la, by=manager, month=month, today=TODAY)


def extract(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode()


def test_the_example_imports_matched_and_keeps_only_send(area):
    _, _, children = area
    result = run(area, EXAMPLE.read_bytes())
    assert (result.rows, result.kept, result.added, result.changed) == (6, 5, 5, 0)
    got = {p.person_ref: p for p in Participation.objects.all()}
    assert set(got) == {"YP0001", "YP0002", "YP0003", "YP0004", "YP0005"}
    assert got["YP0001"].child == children[0] and got["YP0001"].cohort == 2026
    assert got["YP0003"].child == children[2]  # by name and date of birth
    assert got["YP0004"].child is None and got["YP0004"].send == "sen_support"
    assert AuditEntry.objects.filter(summary__startswith="participation import").count() == 1


def test_a_reimport_adds_nothing_and_a_changed_activity_supersedes(area):
    run(area, EXAMPLE.read_bytes())
    again = run(area, EXAMPLE.read_bytes())
    assert (again.added, again.changed) == (0, 0)
    changed = EXAMPLE.read_text().replace("EHCP,540,01/09/2026", "EHCP,130,01/11/2026")
    shorter = "\n".join(changed.splitlines()[:3]).encode()  # a shorter file withdraws nothing
    third = run(area, shorter)
    assert (third.added, third.changed) == (0, 1)
    assert Participation.objects.count() == 6
    current = Participation.objects.current().get(person_ref="YP0002")
    assert current.activity == "130" and current.replaces.activity == "540"
    assert Participation.objects.current().count() == 5


def test_every_problem_by_row_and_column_and_nothing_written(area):
    with pytest.raises(ImportFailed) as failed:
        run(
            area,
            extract(
                "YP1,C936202500011,A,B,13/10/2009,EHCP,130,",  # UPN's child born another day
                "YP2,C936202500012,A,B,12/10/2009,EHCP,130,",  # bad check letter
                "YP3,,Nobody,Known,12/10/2009,EHCP,130,",  # a plan but no match
                "YP4,,X,Y,12/10/2009,Maybe,13,",  # SEND word, activity code
                "YP4,,X,Y,,SEN support,130,",  # repeated reference, no birth date
            ),
        )
    where = [(p.row, p.column) for p in failed.value.problems]
    assert where == [(2, "E"), (3, "B"), (4, "D"), (5, "F"), (5, "G"), (6, "A"), (6, "E")]
    assert "another date of birth" in failed.value.problems[0].message
    assert Participation.objects.count() == 0


def test_only_managers_import(area):
    la, _, _ = area
    with pytest.raises(PermissionDenied):
        import_participation(
            EXAMPLE.read_bytes(),
            filename="x.csv",
            la=la,
            by=make_user("case_officer", la),
            month=OCTOBER,
            today=TODAY,
        )


def test_the_command_imports_a_month(area, tmp_path):
    la, manager, _ = area
    path = tmp_path / "october.csv"
    path.write_bytes(EXAMPLE.read_bytes())
    out = StringIO()
    call_command(
        "import", "participation", str(path), "--la", la.code, "--month", "2026-10",
        "--user", manager.username, "--today", "2026-12-03", stdout=out,
    )  # fmt: skip
    assert "October 2026" in out.getvalue()
    with pytest.raises(CommandError):  # a month not started
        call_command(
            "import", "participation", str(path), "--la", la.code, "--month", "2027-01",
            "--user", manager.username, "--today", "2026-12-03", stderr=StringIO(),
        )  # fmt: skip


def _lines(*rows: tuple[str, date, int, str]) -> list[destinations.Line]:
    return [
        destinations.Line(n, month, person, None, cohort, "ehcp", code)
        for n, (person, month, cohort, code) in enumerate(rows, start=1)
    ]


def test_sustained_needs_six_months_of_eet() -> None:
    months = [date(2026, m, 1) for m in (9, 10, 11, 12)] + [date(2027, 1, 1), date(2027, 2, 1)]
    steady = [("a", m, 2026, "130") for m in months]
    dropped = [("b", m, 2026, "540" if m.month == 12 else "130") for m in months]
    gap = [("c", m, 2026, "130") for m in months[:5]]
    found = _lines(*steady, *dropped, *gap)
    yes, no = destinations.sustained(found, 2026)
    assert yes == [6] and no == [12, 17]


def test_starts_are_new_internships_and_apprenticeships() -> None:
    found = _lines(
        ("a", date(2026, 9, 1), 2026, "210"),
        ("a", date(2026, 10, 1), 2026, "210"),  # continuing: not a start
        ("b", date(2026, 10, 1), 2025, "250"),
        ("c", date(2026, 10, 1), 2025, "130"),
    )
    assert destinations.starts(found, date(2026, 10, 1), date(2026, 12, 31)) == [3]
    assert destinations.starts(found, date(2026, 7, 1), date(2026, 9, 30)) == [1]


def test_the_kpis_computed_from_the_extract(area):
    la, _, _ = area
    run(area, EXAMPLE.read_bytes())
    neet = destinations.count("neet", la, OCTOBER, date(2026, 10, 31), TODAY)
    # aged 16–17 with a plan: YP0001 (EET), YP0002 (NEET), YP0003 (apprenticeship, 17)
    assert (neet.numerator, neet.denominator, neet.of) == (1, 3, "participation")
    found = destinations.count(
        "internships-apprenticeships", la, OCTOBER, date(2026, 12, 31), TODAY
    )
    assert found.numerator == 2 and found.denominator is None


def test_the_demo_writes_a_year_of_extracts(area):
    from senda.casework.models import Plan
    from senda.demo.destinations import write_destinations
    from tests.factories import make_case

    la, manager, children = area
    Plan.objects.create(case=make_case(children[0]), issued_on=date(2024, 1, 8))
    written = write_destinations(seed=1, la=la, today=TODAY, by=manager)
    months = Participation.objects.filter(child=children[0]).values_list("month", flat=True)
    # academic age 16 from September 2026: three months of the last twelve
    assert sorted(months) == [date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)]
    assert written == Participation.objects.count()
    assert Participation.objects.get(month=date(2026, 11, 1), child=children[0]).send == "ehcp"


def test_sustained_eet_waits_for_six_imported_months() -> None:
    """A cohort's sustained EET is judged once its February has come and every month from
    September has an extract (issue 18's walk: the demo's 2025 cohort showed "0 of 186"
    because its extracts began in December)."""
    six = destinations.sustained_months(2026)
    assert six == [date(2026, m, 1) for m in (9, 10, 11, 12)] + [date(2027, m, 1) for m in (1, 2)]
    assert destinations.judgeable(2026, set(six), date(2027, 2, 1))
    assert not destinations.judgeable(2026, set(six), date(2027, 1, 1))  # February not come
    assert not destinations.judgeable(2026, set(six[1:]), date(2027, 3, 1))  # no September
    found = _lines(*(("a", m, 2026, "130") for m in six[3:]))
    [cohort] = destinations.by_cohort(found, date(2027, 2, 1), set(six[3:]))
    assert cohort.sustained is None  # not "0 of 1"
    [cohort] = destinations.by_cohort(found, date(2027, 2, 1), set(six))
    assert cohort.sustained == ([], [3])


def test_the_sustained_kpi_leaves_out_a_cohort_without_six_months(area):
    la, manager, _ = area
    later = date(2027, 3, 10)

    def month(on: date) -> None:
        import_participation(
            EXAMPLE.read_bytes(), filename=f"{on}.csv", la=la, by=manager, month=on, today=later
        )

    for on in destinations.sustained_months(2026)[1:]:
        month(on)
    quarter = (date(2027, 1, 1), date(2027, 3, 31))
    found = destinations.count("eet-sustained", la, *quarter, later)
    assert (found.numerator, found.denominator) == (0, 0)  # left out: no figure
    month(date(2026, 9, 1))
    found = destinations.count("eet-sustained", la, *quarter, later)
    assert found.denominator and found.numerator  # YP0001, in EET all six months

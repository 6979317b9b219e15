from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from senda.audit.models import AuditEntry
from senda.pathways import waits
from senda.pathways.extract_import import import_extract
from senda.pathways.models import Referral, ReferralStep
from senda.sheets import ImportFailed
from tests.factories import make_la, make_user
from tests.pathways.factories import EXAMPLE, example_children

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)
HEADER = EXAMPLE.read_text().splitlines()[0]


@pytest.fixture
def area():
    la = make_la()
    children = example_children(la)
    return la, make_user("service_manager", la), children


def extract(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode()


def test_the_example_extract_imports(area):
    la, manager, children = area
    result = import_extract(
        EXAMPLE.read_bytes(), filename=EXAMPLE.name, la=la, by=manager, today=TODAY
    )
    assert (result.rows, result.created) == (8, 8)
    got = Referral.objects.get(provider_ref="NDP-1002")
    assert (got.child, got.pathway, got.status, got.outcome) == (
        children[1],
        "autism",
        "done",
        "diagnosed",
    )
    assert got.setting.urn == "100001"
    assert got.steps.count() == 4
    assert Referral.objects.get(provider_ref="NDP-1004").reject_reason == "insufficient"
    assert Referral.objects.get(provider_ref="NDP-1005").status == "closed"
    assert AuditEntry.objects.filter(summary__startswith="nd extract import").count() == 1


def test_importing_again_changes_nothing_and_a_changed_date_is_a_correction(area):
    la, manager, _ = area
    import_extract(EXAMPLE.read_bytes(), filename="a.csv", la=la, by=manager, today=TODAY)
    again = import_extract(EXAMPLE.read_bytes(), filename="b.csv", la=la, by=manager, today=TODAY)
    assert (again.created, again.steps) == (0, 0)
    changed = EXAMPLE.read_text().replace(
        "NDP-1001,9990079196,14/03/2016,ASD,03/02/2025,School,100001,Accepted,17/02/2025,,,",
        "NDP-1001,9990079196,14/03/2016,ASD,03/02/2025,School,100001,Accepted,18/02/2025,,20/02/2026,",
    )
    kept = {line.id: line for line in waits.area_lines(la.pk)}  # as the page keeps them
    result = import_extract(changed.encode(), filename="c.csv", la=la, by=manager, today=TODAY)
    assert (result.created, result.steps) == (0, 2)
    got = Referral.objects.get(provider_ref="NDP-1001")
    assert kept[got.pk].assessed_on is None
    assert {line.id: line for line in waits.area_lines(la.pk)}[got.pk].assessed_on == date(
        2026, 2, 20
    )  # the import shows at once
    assert (got.accepted_on, got.assessed_on) == (date(2025, 2, 18), date(2026, 2, 20))
    first = ReferralStep.objects.get(referral=got, type="accepted", replaces=None)
    assert first.on == date(2025, 2, 17)  # kept as first recorded
    assert first.replaced_by.why == "Changed in the NHS extract c.csv"


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_written(area):
    la, manager, _ = area
    data = extract(
        "X1,9990079195,14/03/2016,ASD,03/02/2025,School,,,,,,,,,",  # check digit wrong
        "X2,9990158398,03/09/2014,ASD,12/06/2024,GP,,,,,,,,,",  # date of birth differs
        "X3,4010232137,01/01/2015,ASD,12/06/2024,GP,,,,,,,,,",  # no such child
        "X4,9990237573,21/11/2018,Dyslexia,05/01/2026,Parent,,,,,,,,,",  # no such pathway
        "X5,9990316767,30/05/2012,ADHD,18/10/2024,School,,Accepted,,,,,,,",  # no triage date
        "X6,9990475148,17/07/2015,ASD,08/08/2023,School,,Accepted,01/08/2023,,,,,,",  # before
        "X7,9990554331,04/04/2013,ADHD,15/05/2027,GP,,,,,,,,,",  # in the future
        "X8,9990633525,25/12/2016,SALT,02/06/2025,Parent,999999,,,,,,,,",  # unknown URN
    )
    with pytest.raises(ImportFailed) as failed:
        import_extract(data, filename="bad.csv", la=la, by=manager, today=TODAY)
    where = [(p.row, p.column) for p in failed.value.problems]
    assert where == [
        (2, "B"),
        (3, "C"),
        (4, "B"),
        (5, "D"),
        (6, "I"),
        (7, "I"),
        (8, "E"),
        (9, "G"),
    ]
    text = [str(p) for p in failed.value.problems]
    assert text[0].startswith("Row 2, column B (NHS Number): ")
    assert "another date of birth" in text[1]
    assert Referral.objects.count() == 0


def test_a_missing_column_and_a_hostile_file_are_refused(area):
    la, manager, _ = area
    with pytest.raises(ImportFailed, match="No column for NHS number"):
        import_extract(
            b"Pathway,Referral Date\nASD,01/01/2025\n", filename="x.csv", la=la, by=manager
        )
    with pytest.raises(ImportFailed, match="old Excel"):
        import_extract(b"\xd0\xcf\x11\xe0", filename="x.xls", la=la, by=manager)
    with pytest.raises(ImportFailed, match="not a readable spreadsheet"):
        import_extract(b"PK\x03\x04 not a zip", filename="x.xlsx", la=la, by=manager)
    with pytest.raises(ImportFailed, match="formula"):
        import_extract(
            extract("=cmd(),9990079196,14/03/2016,ASD,03/02/2025,School,,,,,,,,,"),
            filename="x.csv",
            la=la,
            by=manager,
            today=TODAY,
        )


def test_only_team_and_service_managers_of_the_area_import(area):
    la, _, _ = area
    for user in (make_user("case_officer", la), make_user("service_manager", make_la())):
        with pytest.raises(PermissionDenied):
            import_extract(EXAMPLE.read_bytes(), filename="x.csv", la=la, by=user)


def test_the_command_exits_0_1_or_2(area, tmp_path):
    la, _, _ = area
    out = StringIO()
    call_command(
        "import", "nd-waits", str(EXAMPLE), "--la", la.code, "--today", "2026-03-02", stdout=out
    )
    assert "8 new" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(extract("X1,9990079195,14/03/2016,ASD,03/02/2025,School,,,,,,,,,"))
    err = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import", "nd-waits", str(bad), "--la", la.code, stderr=err)
    assert failed.value.returncode == 1
    assert "bad.csv: Row 2, column B (NHS Number)" in err.getvalue()
    with pytest.raises(CommandError) as failed:
        call_command("import", "nd-waits", str(tmp_path / "none.csv"), "--la", la.code)
    assert failed.value.returncode == 2

"""``senda sen2 import PATH --la CODE [--as USERNAME]``: what it prints and its exit status
(0 imported, 1 problems, 2 unreadable or a usage error)."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senda.casework.models import CaseEvent
from senda.interchange.models import Sen2Run
from senda.people.models import Child
from tests.factories import make_child, make_la, make_setting, make_user
from tests.interchange.sen2 import blade, returns
from tests.interchange.sen2.returns import header

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(tmp_path):
    la = make_la()
    urns = [make_setting(la).urn, make_setting(la).urn]
    manager = make_user("service_manager", la, username="b-manager")
    folder = tmp_path / "export"
    blade.write(folder, header(la.code), returns.every_kind(la.code, urns))
    return la, manager, folder, urns


def sen2_import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("sen2", "import", *args, "--today", "2026-02-02", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        sen2_import_err(err, *args)
    return caught.value, err.getvalue()


def sen2_import_err(err: io.StringIO, *args: str) -> None:
    call_command("sen2", "import", *args, "--today", "2026-02-02", stdout=io.StringIO(), stderr=err)


def test_it_imports_and_shows_what_it_created_and_matched(area):
    la, manager, folder, _ = area
    make_child(la, upn=returns.upn(la.code, 2))
    out, _ = sen2_import(str(folder), "--la", la.code)
    assert "Imported 6 persons:" in out
    assert "New child: 5 (persons 1, 3, 4, 5, 6)" in out
    assert "Matched by UPN: 1 (persons 2)" in out
    assert f"(as {manager.username})" in out
    assert Child.objects.filter(la=la).count() == 6
    assert {e.recorded_by for e in CaseEvent.objects.all()} == {manager}
    out, _ = sen2_import(str(folder), "--la", la.code)
    assert "Imported before: 6" in out and "Nothing new was written." in out


def test_it_records_the_steps_as_the_user_named(area):
    la, _, folder, _ = area
    other = make_user("service_manager", la, username="a-other")
    make_user("service_manager", la, username="c-third")
    sen2_import(str(folder), "--la", la.code, "--as", "c-third")
    assert {e.recorded_by.username for e in CaseEvent.objects.all()} == {"c-third"}
    assert other.pk  # the first by username is the default, not used here


def test_it_lists_every_problem_and_exits_1(area, tmp_path):
    la, _, _, urns = area
    people = returns.every_kind(la.code, urns)
    people[1] = replace(people[1], birth_date=None)
    people[4] = replace(people[4], sex="X")
    folder = tmp_path / "bad"
    blade.write(folder, header(la.code), people)
    error, err = failing(str(folder), "--la", la.code)
    assert error.returncode == 1
    assert f"bad: Person 2 (UPN {people[1].upn}): PersonBirthDate:" in err
    assert f"bad: Person 5 (UPN {people[4].upn}): Sex:" in err
    assert "Nothing was imported:" in str(error) and "(listed above)" in str(error)
    assert not Child.objects.exists() and not Sen2Run.objects.exists()


def test_a_case_officer_may_not_import(area):
    la, _, folder, _ = area
    make_user("case_officer", la, username="officer")
    error, _ = failing(str(folder), "--la", la.code, "--as", "officer")
    assert error.returncode == 1 and "Only a service manager" in str(error)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--la", "000"], "No local authority with code '000'"),
        (["--as", "nobody"], "No active user 'nobody'"),
    ],
)
def test_usage_errors_exit_2(area, args, says):
    la, _, folder, _ = area
    if "--la" not in args:
        args = [*args, "--la", la.code]
    error, _ = failing(str(folder), *args)
    assert error.returncode == 2 and says in str(error)


def test_a_missing_file_or_another_areas_return_exits_2(area, tmp_path):
    la, _, folder, _ = area
    error, _ = failing(str(tmp_path / "gone.xml"), "--la", la.code)
    assert error.returncode == 2 and "No such file or folder" in str(error)
    other = make_la()
    make_user("service_manager", other)
    error, _ = failing(str(folder), "--la", other.code)
    assert error.returncode == 2 and f"for local authority '{la.code}'" in str(error)


def test_an_area_with_no_service_manager_needs_as(tmp_path):
    la = make_la()
    blade.write(tmp_path, header(la.code), [])
    error, _ = failing(str(tmp_path), "--la", la.code)
    assert error.returncode == 2 and "--as USERNAME" in str(error)

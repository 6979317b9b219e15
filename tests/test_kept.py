"""Kept rows (tests/kept.py): built once, the same for every test that asks, gone after."""

from __future__ import annotations

import pytest

from senda.people.models import LocalAuthority
from tests import kept
from tests.factories import make_la

BUILDS: list[int] = []


def _build() -> LocalAuthority:
    BUILDS.append(1)
    return make_la(code="777", name="Keptshire")


kept_la = kept.kept_fixture("kept_la", _build)


def test_a_test_finds_the_kept_rows(kept_la: LocalAuthority) -> None:
    assert LocalAuthority.objects.get(code="777") == kept_la
    make_la(code="778")
    kept_la.name = "Changed in memory"


def test_the_next_finds_them_as_built_not_as_the_last_test_left_them(
    kept_la: LocalAuthority,
) -> None:
    assert BUILDS == [1]
    assert kept_la.name == "Keptshire"
    assert list(LocalAuthority.objects.values_list("code", flat=True)) == ["777"]


def test_release_rolls_them_back(django_db_setup: None, django_db_blocker) -> None:
    assert kept.kept_name() is None  # this test does not ask for them: released before it
    made = kept.keep("kept_here", lambda: make_la(code="779").pk, django_db_blocker)
    assert kept.keep("kept_here", pytest.fail, django_db_blocker) == made  # not built again
    assert kept.kept_name() == "kept_here"
    kept.release()
    assert kept.kept_name() is None
    with django_db_blocker.unblock():
        assert not LocalAuthority.objects.filter(pk=made).exists()


@pytest.mark.django_db
def test_a_database_test_is_a_database_test(request: pytest.FixtureRequest) -> None:
    from tests.conftest import uses_database

    assert uses_database(request.node)
    assert not LocalAuthority.objects.filter(code__in=["777", "778", "779"]).exists()


def test_a_test_without_the_database_is_not(request: pytest.FixtureRequest) -> None:
    from tests.conftest import uses_database

    assert not uses_database(request.node)

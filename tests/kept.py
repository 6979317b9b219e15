"""Rows built once and kept while the tests that read them run: the demo area, say.

A fixture made with :func:`kept_fixture` builds its rows (``kept_rows``) in a transaction of its
own, outside any test's, and keeps that transaction open. Each test that asks for the fixture
then runs in a savepoint inside it, as every database test does (pytest-django's ``db``), so
what a test
writes is undone after it and the next test finds the rows as they were built. The first
test that does not ask for the fixture rolls the rows back before it starts (the hook in
tests/conftest.py), so no other test ever sees them; ``pytest_collection_modifyitems`` there
runs the tests that ask for the same kept rows one after the other, so they are built once.

On SQLite in memory and on PostgreSQL alike: it is only a transaction.

    area = kept_fixture("area", lambda: build_area(seed=7, today=TODAY, cases=300))

A test asks for it by name (``def test_x(area): ...``) and gets the database as ``db`` does,
and its own copy of the objects ``build`` returned (``copy.deepcopy``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from django.db import connection, transaction

T = TypeVar("T")


@dataclass
class _Open:
    name: str
    value: Any
    atomic: transaction.Atomic
    blocker: Any


_open: list[_Open] = []  # at most one
#: Each kept fixture's name and what builds its rows.
BUILDERS: dict[str, Callable[[], Any]] = {}


def kept_fixture(name: str, build: Callable[[], T]) -> Any:
    """A test fixture ``name`` giving ``build()``'s result, built once and kept (see above).
    Assign it to a module-level name of a conftest.py or test module."""
    BUILDERS[name] = build

    @pytest.fixture(name=name)
    def _fixture(kept_rows: T, db: None) -> T:  # kept_rows first: outside the test's savepoint
        return copy.deepcopy(kept_rows)  # what a test changes in memory stays in that test

    return _fixture


@pytest.fixture
def kept_rows(request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any) -> Any:
    """The rows of the kept fixture the test asks for (one at most), built or kept."""
    (name,) = (name for name in BUILDERS if name in request.fixturenames)
    return keep(name, BUILDERS[name], django_db_blocker)


def keep(name: str, build: Callable[[], T], blocker: Any) -> T:
    if _open and _open[0].name == name:
        return _open[0].value
    release()
    with blocker.unblock():
        if connection.in_atomic_block:
            raise RuntimeError(f"kept rows {name!r} must be built before the test's transaction")
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            value = build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    _open.append(_Open(name, value, atomic, blocker))
    return value


def kept_name() -> str | None:
    return _open[0].name if _open else None


def release() -> None:
    """Roll the kept rows back, if any are open."""
    if not _open:
        return
    kept = _open.pop()
    with kept.blocker.unblock():
        transaction.set_rollback(True)
        kept.atomic.__exit__(None, None, None)

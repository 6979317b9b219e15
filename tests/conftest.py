"""Shared fixtures. Factories live in tests/factories.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest

from senda.kernel import LONDON
from tests.factories import Personas, make_personas


@pytest.fixture
def personas(db: None) -> Personas:
    """See :class:`tests.factories.Personas`."""
    return make_personas()


@pytest.fixture
def today_is(time_machine) -> Callable[[date], None]:
    """Fix today, the one way tests do: ``today_is(date(2026, 6, 15))`` stops the clock at
    noon that day in Europe/London (``senda.kernel.today()`` answers it, and so does every
    other clock) until the test ends."""

    def move(day: date) -> None:
        time_machine.move_to(datetime.combine(day, time(12), tzinfo=LONDON), tick=False)

    return move


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Personas sign in with a password; a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Cached pages key on the area's latest audited write; tests that write rows directly
    (no audit) and reuse ids after a rollback must not see another test's cached page."""
    from django.core.cache import cache

    from senda.web.memo import clear_all

    cache.clear()
    clear_all()

"""Shared fixtures. Factories live in tests/factories.py."""

from __future__ import annotations

import pytest

from tests.factories import Personas, make_personas


@pytest.fixture
def personas(db: None) -> Personas:
    """See :class:`tests.factories.Personas`."""
    return make_personas()


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

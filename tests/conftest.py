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

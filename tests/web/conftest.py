"""Fixtures for the web tests (personas come from tests/conftest.py once it exists)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from page_audit import AuditingClient

PASSWORD = "correct horse battery staple"


@pytest.fixture
def client() -> AuditingClient:
    """Every page a web test fetches is audited (see page_audit.py)."""
    return AuditingClient()


@pytest.fixture
def plain_user(db):
    return get_user_model().objects.create_user("ada", password=PASSWORD)

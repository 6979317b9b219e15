"""Web-test fixtures: every page a web test fetches is audited (see page_audit.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD
from tests.web.page_audit import AuditingClient


@pytest.fixture
def client() -> AuditingClient:
    return AuditingClient()


@pytest.fixture
def plain_user(db):
    """A user with no membership: signed in, but no local area or role."""
    return get_user_model().objects.create_user("ada", password=PASSWORD)

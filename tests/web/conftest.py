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


@pytest.fixture
def quick_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDF downloads answer a stub instead of a WeasyPrint document (3 s each), for tests
    that check who may download a PDF, not the PDF: the report's and the board pack's own
    tests render them."""
    from senda.web.views import performance_report, plan_outputs

    monkeypatch.setattr(performance_report, "pdf_bytes", lambda html: b"%PDF-1.7\n")
    monkeypatch.setattr(plan_outputs, "pdf_bytes", lambda html: b"%PDF-1.7\n")
    from senda.web.views import qa_advice

    monkeypatch.setattr(qa_advice, "pdf_bytes", lambda html: b"%PDF-1.7\n")
    from senda.web.views import public_money

    monkeypatch.setattr(public_money, "pdf_bytes", lambda html: b"%PDF-1.7\n")

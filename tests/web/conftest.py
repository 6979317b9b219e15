"""Web-test fixtures: every page a web test fetches is audited (see page_audit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD
from tests.web.page_audit import AuditingClient

HERE = Path(__file__).resolve().parent

#: The web tests the PostgreSQL run keeps besides the role matrix's rendering cells: lists
#: that search, filter, sort or count in the database, and the query-count checks.
ON_BOTH_DATABASES = {
    "test_role_matrix.py",
    "test_web_cases.py",
    "test_web_caseload.py",
    "test_web_audit_log.py",
    "test_web_list_audit.py",
    "test_admin_scope.py",
    "test_family_page_queries.py",
    "test_one_count.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The other web tests are ``once`` (tests/run-suites.sh leaves them out of the
    PostgreSQL run). Views hold HTTP only: the queries behind a page are its room's, tested
    on both databases in the room's own tests, and every page is still rendered on
    PostgreSQL by the role matrix (its first persona given 200). What the rest check (forms,
    redirects, wording, templates, who may do what) is the same on any database (ADR 0021,
    "3 December 2026, late")."""
    for item in items:
        path = Path(str(item.path))
        if path.parent == HERE and path.name not in ON_BOTH_DATABASES:
            item.add_marker(pytest.mark.once)


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

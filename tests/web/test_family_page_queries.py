"""The family's pages read a bounded number of queries (``make bench-portal`` runs them
under load: docs/benchmarks.md). A page that read a row per message would grow here."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senda.portal.models import CaseMessage
from tests.portal.family_fixtures import FRIDAY

CASE_PAGES = (
    "web:family-case",
    "web:family-documents",
    "web:family-messages",
    "web:family-views",
    "web:family-draft",
)
#: The most queries a family page may take (the demo's: 7–14, on PostgreSQL, Dec 2026).
MOST = 16


@pytest.fixture
def friday(today_is):
    today_is(FRIDAY)


def urls(case) -> list[str]:
    return [reverse("web:family-home")] + [
        reverse(name, kwargs={"case_id": case.pk}) for name in CASE_PAGES
    ]


def talk(personas, n: int) -> None:
    for i in range(n):
        family = i % 2 == 0
        CaseMessage.objects.create(
            case=personas.case,
            author=personas.parent if family else personas.case_officer,
            from_family=family,
            body=f"Message {i}",
        )


def counts(client, personas) -> dict[str, int]:
    found = {}
    for url in urls(personas.case):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url] = len(queries)
    return found


def test_every_family_page_takes_a_bounded_number_of_queries(
    client, personas, friday, django_assert_max_num_queries
):
    talk(personas, 2)
    client.force_login(personas.parent)
    for url in urls(personas.case):
        with django_assert_max_num_queries(MOST):
            assert client.get(url).status_code == 200, url


def test_no_family_page_reads_a_query_per_message(client, personas, friday):
    client.force_login(personas.parent)
    talk(personas, 1)
    few = counts(client, personas)
    talk(personas, 8)
    assert counts(client, personas) == few

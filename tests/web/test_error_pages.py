"""Senda's own error pages (404, 403, 400, 500) with the GOV.UK layout, as served with
Django's debug off (tests run with DEBUG off, as ``senda serve`` and ``senda demo`` do)."""

from __future__ import annotations

import pytest
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("unreadable")


#: This module is the URLconf of the tests marked ``urls(__name__)``: Senda plus two faults.
urlpatterns = [
    path("test-error/boom/", boom),
    path("test-error/bad/", bad),
    path("", include("senda.urls")),
]


def assert_govuk_page(response: HttpResponse, status: int, heading: str) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert "govuk-template__body" in page and "govuk-service-navigation" in page
    assert "Traceback" not in page and "DEBUG" not in page
    return page


def test_it_shows_the_govuk_page_not_found(client, personas, settings) -> None:
    assert not settings.DEBUG
    client.force_login(personas.case_officer)
    page = assert_govuk_page(client.get("/no-such-page/"), 404, "Page not found")
    assert "Sign out" in page  # rendered with the request: the signed-in navigation


def test_it_shows_the_govuk_forbidden_page_with_the_reason(client, personas) -> None:
    client.force_login(personas.case_officer)
    page = assert_govuk_page(
        client.get("/audit/"), 403, "You do not have permission to see this page"
    )
    assert "Only service managers can search the audit log." in page


@pytest.mark.urls(__name__)
def test_it_shows_the_govuk_bad_request_page(client, db) -> None:
    response = client.get("/test-error/bad/")
    assert_govuk_page(response, 400, "Sorry, the service could not read your request")


@pytest.mark.urls(__name__)
def test_it_shows_the_govuk_problem_page_for_a_bug(client, personas) -> None:
    client.raise_request_exception = False
    client.force_login(personas.case_officer)
    page = assert_govuk_page(
        client.get("/test-error/boom/"), 500, "Sorry, there is a problem with the service"
    )
    assert "a bug" not in page


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("name", ["web:money-public", "web:money-public-pdf"])
def test_an_unknown_areas_public_summary_is_the_services_own_404(
    client, db, settings, debug, name
) -> None:
    """/public/999/high-needs/ (no such area): Senda's GOV.UK "Page not found", not
    Django's debug page, whether debug is off (as served) or on (``senda runserver``)."""
    from django.urls import reverse

    settings.DEBUG = debug
    response = client.get(reverse(name, args=["999"]))
    assert [t.name for t in response.templates][:1] == ["404.html"]
    page = assert_govuk_page(response, 404, "Page not found")
    assert "Using the URLconf" not in page and "senda.urls" not in page

import pytest
from django.http import HttpResponse
from django.template.loader import render_to_string

from tests.web.page_audit import PageAuditError, audit_page

GOOD_BODY = "<h1>Cases</h1><form method='post' action='/x/'><input id='a'></form>"


def page(body: str, title: str = "Cases – Senda") -> HttpResponse:
    return HttpResponse(
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head>"
        f"<body>{body}</body></html>"
    )


def test_it_passes_a_good_page():
    audit_page(page(GOOD_BODY))


@pytest.mark.parametrize(
    ("body", "title", "problem"),
    [
        ("<h1>Cases</h1><h1>More</h1>", "Cases", "exactly one <h1>"),
        ("<p>No heading</p>", "Cases", "exactly one <h1>"),
        ("<h1>Cases</h1>", "Home – Senda", "does not start with"),
        ("<h1>Cases</h1><p id='x'></p><p id='x'></p>", "Cases", "duplicate id"),
        ("<h1>Cases</h1><form action='/x/'></form>", "Cases", "no method"),
        ("<h1>Cases</h1><form method='post'></form>", "Cases", "no action"),
        ("<h1>Cases</h1></div>", "Cases", "invalid HTML"),
        (
            "<div class='govuk-error-summary'><a href='#nope'>x</a></div><h1>Cases</h1>",
            "Error: Cases",
            "points at no element",
        ),
        (
            "<div class='govuk-error-summary'></div><h1>Cases</h1>",
            "Cases",
            "does not start with 'Error: Cases'",
        ),
    ],
)
def test_it_catches_a_bad_page(body, title, problem):
    with pytest.raises(PageAuditError, match=problem):
        audit_page(page(body, title))


@pytest.mark.parametrize("template", ["403.html", "404.html", "500.html"])
def test_it_renders_the_error_pages_without_a_request(template):
    """500.html is rendered with an empty context: no request, user or CSRF token."""
    audit_page(HttpResponse(render_to_string(template)))


def test_it_claims_no_crown_copyright_in_the_footer(client, db):
    """A council's MIT-licensed service must not show the crown, the OGL or Crown copyright
    as its own (the GOV.UK footer macro always does, so the layout writes its own)."""
    from django.urls import reverse

    footer = client.get(reverse("web:sign-in")).content.decode().split("govuk-footer", 1)[1]
    assert "MIT licence" in footer
    assert "govuk-footer__crown" not in footer
    assert "Open Government Licence" not in footer
    assert "crown-copyright" not in footer

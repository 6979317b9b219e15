"""The QA home page: council QA staff see the links to every QA page and this term's
headline KPIs counted from the records, with their status; others get 403; the staff
menu has "Quality assurance"."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.quality.factories import make_audit
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def test_staff_see_the_links_and_this_terms_figures(client, personas):
    for grade in (4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1):
        make_audit(personas.la, submitted_on=date(2026, 10, 5), computed_grade=grade)
    client.force_login(personas.case_officer)
    response = client.get(reverse("web:qa-home"))
    text = page_text(response)
    html = response.content.decode()
    for href in ("/qa/samples/", "/qa/audits/", "/qa/actions/", "/qa/rounds/", "/qa/advice/"):
        assert f'href="{href}"' in html
    assert 'href="/qa/panels/"' in html and 'href="/qa/frameworks/"' in html
    assert 'href="/qa/reports/"' in html
    assert "Autumn 2026 so far" in text
    assert "Audited plans rated Good or Outstanding This term6 of 11 (54.5%)" in text
    assert "Quality assurance" in text  # in the menu too
    assert f'href="{reverse("web:qa-home")}"' in html


def test_small_figures_are_hidden(client, personas):
    make_audit(personas.la, submitted_on=date(2026, 10, 5), computed_grade=4)
    client.force_login(personas.qa_auditor)
    text = page_text(client.get(reverse("web:qa-home")))
    assert "Audited plans rated Good or Outstanding This term[c]" in text


@pytest.mark.parametrize("who", ["senco", "parent", "advice_giver", "board_member"])
def test_others_are_refused(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(reverse("web:qa-home")).status_code == 403

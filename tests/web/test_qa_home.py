"""The QA home page: council QA staff see the links to every QA page and this term's
headline KPIs counted from the records, with their status; others get 403; the staff
menu has "Quality assurance"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from senda.performance.models import Trajectory, TrajectoryPoint
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


def test_the_status_judges_the_terms_figure_against_the_trajectory(client, personas):
    # 6 of 11 (54.5%) this term; the trajectory runs from 55% on 1 Sep 2026 to 75% on
    # 31 Jul 2027, so expects 55 + 20 × 82/333 = 59.9% on 22 Nov 2026; 5.4 points behind,
    # within the tolerance of 10: "Close to trajectory".
    plan = Trajectory.objects.create(
        la=personas.la,
        kpi="plans-good-outstanding",
        baseline_value=Decimal(55),
        baseline_on=date(2026, 9, 1),
        tolerance=Decimal(10),
    )
    TrajectoryPoint.objects.create(
        trajectory=plan, on=date(2027, 7, 31), low=Decimal(75), kind="target"
    )
    # the quarter's board has no figure ("Data not yet available"): it is not shown here
    for grade in (4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1):
        make_audit(personas.la, submitted_on=date(2026, 10, 5), computed_grade=grade)
    client.force_login(personas.qa_auditor)
    text = page_text(client.get(reverse("web:qa-home")))
    assert (
        "Audited plans rated Good or Outstanding This term6 of 11 (54.5%) "
        "Status Close to trajectory Target75% by 31 Jul 2027"
    ) in text
    assert "Data not yet available" not in text.split("Audited plans rated Good")[1][:120]
    assert "In the plans" not in text and "city:" not in text
    # a KPI with no trajectory: its status says so, and no target; never the research note
    assert (
        "Audited plans with Good or Outstanding outcomes This termnone to count Status Working "
        "to establish definition and baseline TargetNo target set yet"
    ) in text


def test_small_figures_are_hidden(client, personas):
    make_audit(personas.la, submitted_on=date(2026, 10, 5), computed_grade=4)
    client.force_login(personas.qa_auditor)
    text = page_text(client.get(reverse("web:qa-home")))
    assert "Audited plans rated Good or Outstanding This term[c]" in text


@pytest.mark.parametrize("who", ["senco", "parent", "advice_giver", "board_member"])
def test_others_are_refused(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(reverse("web:qa-home")).status_code == 403

"""Preparing for adulthood's pages (issue 18): the council records a review's outcomes from
Year 9; the transition list (young people 16–17 with a plan, what is missing) for council
staff, figures alone for the board and health and social care partners; a young person's
records, recorded and withdrawn through the page; every read audited, no name in a title."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework import actions as casework
from senda.casework.models import AdulthoodOutcomes
from senda.pathways.models import TransitionRecord
from senda.people.models import AdviceTeam
from tests.factories import make_advice_team, make_case, make_child, make_la, make_user
from tests.portal.review_flows import with_plan
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def area():
    """An officer and a young person of 17 (born 1 June 2008) with a plan and a review."""
    la = make_la()
    officer = make_user("case_officer", la)
    child = make_child(la, given_name="Zebedee", date_of_birth=date(2008, 6, 1))
    case = with_plan(make_case(child, officer=officer), officer, date(2025, 3, 3))
    casework.record_review_meeting(case=case, on=date(2026, 3, 4), by=officer, today=TODAY)
    return la, officer, case


def test_the_council_records_a_reviews_adulthood_outcomes(client, area):
    _, officer, case = area
    client.force_login(officer)
    url = reverse("web:review-adulthood", args=[case.pk])
    review = case.reviews.get()
    answers = {
        "review": str(review.pk),
        "employment": "Supported internship at the hospital.",
        "independent_living": "Travels to college alone.",
        "community": "",
        "health": "Registered with an adult GP.",
    }
    refused = audit_page(client.post(url, answers))
    assert "enter the outcome agreed at the review" in text_of(refused)
    assert not AdulthoodOutcomes.objects.exists()
    done = client.post(url, {**answers, "community": "Youth club on Fridays."})
    assert done.status_code == 302
    page = audit_page(client.get(url))
    assert "Youth club on Fridays." in text_of(page)
    assert AdulthoodOutcomes.objects.get().via == "officer"
    # recorded again, the first is kept as replaced; every heading in sentence case (GOV.UK)
    assert client.post(url, {**answers, "community": "Scouts."}).status_code == 302
    page = audit_page(client.get(url))
    headings = [text_of(h) for h in page.iter() if h.tag.rsplit("}", 1)[-1] in ("h1", "h2")]
    meeting = f"Review meeting on {review.meeting_on.day} {review.meeting_on:%B %Y}"
    assert "Preparing for adulthood outcomes at reviews" in headings
    assert f"{meeting} (replaced)" in headings and meeting in headings, headings
    assert all(h[0].isupper() and not h[1:].istitle() for h in headings), headings


def test_the_transition_list_and_a_young_persons_records(client, area):
    la, _, case = area
    manager = make_user("service_manager", la)
    client.force_login(manager)
    page = audit_page(client.get(reverse("web:transition")))
    text = text_of(page)
    assert "Zebedee" in text and "Complexity rating, transition plan" in text
    assert AuditEntry.objects.filter(summary__startswith="transition to adult services").exists()

    url = reverse("web:transition-young-person", args=[case.child_id])
    record = {"action": "record", "kind": "rating", "on-day": "5", "on-month": "1",
              "on-year": "2026", "rating": "red"}  # fmt: skip
    assert client.post(url, record).status_code == 302
    missing = audit_page(client.post(url, {**record, "kind": "allocated", "rating": ""}))
    assert "name of the adult social care worker" in text_of(missing)
    made = TransitionRecord.objects.get()
    gone = client.post(url, {"action": "withdraw", "record": made.pk, "why": "Wrong person"})
    assert gone.status_code == 302
    shown = audit_page(client.get(url))
    assert "Withdrawn: Complexity rating" in text_of(shown)
    assert "Zebedee" not in shown.find(".//{*}title").text
    # the young person's case is one link away (a role that may see the page sees the case)
    links = [a.get("href") for a in shown.findall(".//{*}dd[@id='cases']/{*}a")]
    assert links == [reverse("web:case-detail", args=[case.pk])]
    assert client.get(links[0]).status_code == 200
    assert AuditEntry.objects.filter(verb="read", child=case.child).exists()
    client.force_login(make_user("service_manager", make_la()))
    assert client.get(url).status_code == 404


def test_partners_see_the_figures_alone(client, area):
    la, _, _ = area
    client.force_login(make_user("board_member", la))
    page = audit_page(client.get(reverse("web:transition")))
    assert "Zebedee" not in text_of(page) and "Fewer than 5" in text_of(page)
    social = make_user("advice_giver", la)
    make_advice_team(la, discipline=AdviceTeam.Discipline.SOCIAL_CARE).members.add(social)
    client.force_login(social)
    assert client.get(reverse("web:transition")).status_code == 200
    assert (
        client.get(reverse("web:transition-young-person", args=[area[2].child_id])).status_code
        == 403
    )
    psychologist = make_user("advice_giver", la)
    make_advice_team(la, discipline=AdviceTeam.Discipline.EDUCATION).members.add(psychologist)
    client.force_login(psychologist)
    assert client.get(reverse("web:transition")).status_code == 403

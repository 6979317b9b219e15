"""The family's survey page and "You said, we did" (web/views/family_feedback.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent
from senda.improvement.models import Feedback
from senda.portal.models import SurveyResponse
from tests.factories import Personas, make_case, make_child, make_la, make_plan, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)


def url(personas: Personas) -> str:
    return reverse("web:family-survey", args=[personas.case.pk])


def issued(personas: Personas, days_ago: int = 3, type: str = "final_plan_issued") -> CaseEvent:
    return CaseEvent.objects.create(
        case=personas.case,
        type=type,
        on=TODAY - timedelta(days=days_ago),
        recorded_by=personas.case_officer,
    )


def post(client, personas: Personas, chosen: CaseEvent, extra: dict[str, str] | None = None):
    data = {"event": str(chosen.pk), "clarity": "5", "timeliness": "4", "comment": "Thanks"}
    return client.post(url(personas), {**data, **(extra or {})})


def test_the_survey_is_offered_only_while_one_is_open(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    client.force_login(personas.parent)
    family_case = reverse("web:family-case", args=[personas.case.pk])
    assert url(personas) not in client.get(family_case).content.decode()
    issued(personas)
    assert url(personas) in client.get(family_case).content.decode()


def test_the_family_answers_the_survey_once(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    ev = issued(personas)
    client.force_login(personas.parent)
    case_page = client.get(reverse("web:family-case", args=[personas.case.pk])).content.decode()
    assert "Tell us how we are doing" in case_page and url(personas) in case_page
    page = client.get(url(personas)).content.decode()
    assert "Tell us what you think" in page and "A plan being issued on" in page
    assert personas.child.given_name not in page.split("<title>")[1].split("</title>")[0]
    assert AuditEntry.objects.filter(verb="read", object_id=personas.case.pk).exists()
    response = post(client, personas, ev)
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert (saved.clarity, saved.timeliness, saved.listened_to, saved.comment) == (
        5,
        4,
        None,
        "Thanks",
    )
    page = client.get(url(personas)).content.decode()
    assert "Thank you. We have your feedback." in page
    assert "There is nothing to tell us about at the moment." in page
    case_page = client.get(reverse("web:case-detail", args=[personas.case.pk])).content.decode()
    assert "Give feedback" not in case_page
    # A second attempt (the form posted again): a friendly message, nothing more saved.
    again = post(client, personas, ev)
    assert again.status_code == 200
    assert "You have already told us what you think about this." in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_hostile_input_is_a_form_error(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    ev = issued(personas)
    client.force_login(personas.parent)
    for extra in (
        {"clarity": "9"},
        {"event": "99999999"},
        {"event": "x" * 500},
        {"comment": "y" * 3000},
        {"clarity": "", "timeliness": "", "comment": ""},
    ):
        response = post(client, personas, ev, extra)
        assert response.status_code == 200, extra
        assert "There is a problem" in response.content.decode(), extra
    assert not SurveyResponse.objects.exists()


def test_a_closed_survey_is_not_offered(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    ev = issued(personas, days_ago=57)
    client.force_login(personas.parent)
    assert "There is nothing to tell us about" in client.get(url(personas)).content.decode()
    assert post(client, personas, ev).status_code == 200
    assert not SurveyResponse.objects.exists()


def test_another_family_and_staff_get_404(client, personas: Personas, today_is) -> None:
    today_is(TODAY)
    ev = issued(personas)
    other_parent = make_user("parent", personas.la, child=make_child(personas.la))
    for user in (other_parent, personas.case_officer, personas.senco, personas.service_manager):
        client.force_login(user)
        assert client.get(url(personas)).status_code == 404
        assert post(client, personas, ev).status_code == 404
    client.force_login(personas.parent)
    elsewhere = make_case(la=make_la())
    assert client.get(reverse("web:family-survey", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("web:family-survey", args=[999999])).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_you_said_we_did_shows_the_areas_published_entries(
    client, personas: Personas, today_is
) -> None:
    today_is(TODAY)
    plan, elsewhere = make_plan(personas.la), make_plan(make_la())
    common = {"source": "Survey", "received_on": date(2026, 9, 1), "theme": "Timeliness"}
    Feedback.objects.create(
        plan=plan,
        you_said="Replies were slow",
        we_did="We reply in 5 days",
        published_on=date(2026, 10, 1),
        **common,
    )
    Feedback.objects.create(plan=plan, you_said="Not yet published", we_did="Draft", **common)
    Feedback.objects.create(
        plan=plan,
        you_said="Coming soon",
        we_did="Later",
        published_on=TODAY + timedelta(days=1),
        **common,
    )
    Feedback.objects.create(
        plan=elsewhere,
        you_said="Another area",
        we_did="Theirs",
        published_on=date(2026, 10, 1),
        **common,
    )
    client.force_login(personas.parent)
    page = client.get(reverse("web:family-yswd")).content.decode()
    assert "Replies were slow" in page and "We reply in 5 days" in page
    for hidden in ("Not yet published", "Coming soon", "Another area"):
        assert hidden not in page
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:family-yswd")).status_code == 403


def test_the_family_pages_are_in_plain_english(client, personas: Personas, today_is) -> None:
    """A reading age of about 9 (Flesch–Kincaid grade 5 or lower) for the page's prose
    (its paragraphs: headings and answer labels are not sentences)."""
    textstat = pytest.importorskip("textstat")
    from tests.web.page_audit import audit_page, text_of

    today_is(TODAY)
    issued(personas)
    client.force_login(personas.parent)
    for address in (url(personas), reverse("web:family-yswd")):
        main = audit_page(client.get(address)).find(".//main")
        prose = " ".join(text_of(p) for p in main.iter("p"))
        assert len(prose) > 100
        assert textstat.flesch_kincaid_grade(prose) <= 5, (address, prose)


def test_the_survey_page_links_back_and_says_which_child(client, personas: Personas) -> None:
    client.force_login(personas.parent)
    html = client.get(url(personas)).content.decode()
    back = reverse("web:family-case", kwargs={"case_id": personas.case.pk})
    assert f'<a href="{back}" class="govuk-back-link">Back to where we are</a>' in html
    name = personas.case.child.given_name
    assert f"This is about {name}" in html
    title = html.split("<title>")[1].split("</title>")[0]
    assert name not in title

"""Advice request pages: a team's task list and request page (answer, decline, feedback),
the council's list of a case's requests (ask, withdraw), and who may open each."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.actions import record_request_received
from senda.casework.models import CaseEvent
from senda.portal import advice
from senda.portal.models import AdviceRequest, PortalFeedback
from tests.factories import make_advice_team, make_case, make_la, make_user
from tests.web.page_audit import audit_page, text_of

TODAY = date(2027, 1, 20)
TASKS = reverse("web:portal-advice")


@pytest.fixture
def p(personas, today_is):
    today_is(TODAY)
    personas.child.given_name, personas.child.family_name = "Zebedee", "Quartermain"
    personas.child.save()
    return personas


def ask(p, kind="review", **kwargs):
    if kind == "assessment":
        record_request_received(case=p.case, on=date(2027, 1, 4), source=2, by=p.case_officer)
    return advice.request_advice(
        case=p.case,
        team=kwargs.pop("team", p.advice_team),
        kind=kind,
        question="What support does the child need at home?",
        on=kwargs.pop("on", TODAY),
        by=p.case_officer,
        **kwargs,
    )


def page_url(request: AdviceRequest) -> str:
    return reverse("web:portal-advice-request", args=[request.pk])


def case_url(p) -> str:
    return reverse("web:case-advice-requests", args=[p.case.pk])


def withdraw_url(request: AdviceRequest) -> str:
    return reverse("web:case-advice-withdraw", args=[request.case_id, request.pk])


# --- The team's side ----------------------------------------------------------------------


def test_it_lists_the_teams_open_requests(client, p):
    request = ask(p)
    client.force_login(p.advice_giver)
    response = client.get(TASKS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zebedee Quartermain" in html and page_url(request) in html
    assert "3 Mar 2027" in html and "Annual review" in html
    title = audit_page(response).find(".//title")
    assert "Zebedee" not in text_of(title)
    entry = AuditEntry.objects.filter(user=p.advice_giver, verb="read").latest("pk")
    assert entry.summary.startswith("advice tasks")


def test_it_flags_an_overdue_request(client, p, today_is):
    ask(p)
    client.force_login(p.advice_giver)
    today_is(TODAY + timedelta(weeks=7))
    client.force_login(p.advice_giver)
    assert "Overdue" in client.get(TASKS).content.decode()


@pytest.mark.parametrize("who", ["case_officer", "senco", "parent", "board_member"])
def test_only_advice_givers_have_a_task_list(client, p, who):
    client.force_login(getattr(p, who))
    assert client.get(TASKS).status_code == 403


def test_the_request_page_shows_the_child_and_the_question(client, p):
    request = ask(p)
    client.force_login(p.advice_giver)
    response = client.get(page_url(request))
    assert response.status_code == 200
    html = response.content.decode()
    for shown in (
        "Zebedee Quartermain",
        "1 June 2015",
        p.setting.name,
        "What support does",
        "3 March 2027",
    ):
        assert shown in html
    assert "Zebedee" not in text_of(audit_page(response).find(".//title"))
    assert "Zebedee" not in page_url(request)
    assert AuditEntry.objects.filter(
        user=p.advice_giver, verb="read", object_type="portal.AdviceRequest"
    ).exists()


def test_the_advice_giver_sees_the_case_page_once_asked(client, p):
    client.force_login(p.advice_giver)
    assert client.get(reverse("web:case-detail", args=[p.case.pk])).status_code == 404
    ask(p)
    assert client.get(reverse("web:case-detail", args=[p.case.pk])).status_code == 200


def test_answering_records_advice_received_and_asks_for_feedback(client, p):
    request = ask(p, kind="assessment", on=date(2027, 1, 18))
    client.force_login(p.advice_giver)
    response = client.post(
        page_url(request), {"form": "answer", "answer": "Needs OT."}, follow=True
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == "answered" and request.answer == "Needs OT."
    event = request.received_event
    assert (event.type, event.recorded_by, event.on) == ("advice_received", p.advice_giver, TODAY)
    row = p.case.deadlines.get(rule="advice", discipline="health")
    assert row.done == TODAY
    html = response.content.decode()
    assert "Advice sent" in html and "The portal was easy to use" in html
    response = client.post(page_url(request), {"form": "feedback", "easy": "5"}, follow=True)
    feedback = PortalFeedback.objects.get()
    assert (feedback.about, feedback.answer, feedback.user) == ("advice", 5, p.advice_giver)
    assert "The portal was easy to use" not in response.content.decode()
    # Sending again changes nothing.
    client.post(page_url(request), {"form": "answer", "answer": "Again."})
    assert CaseEvent.objects.filter(type="advice_received").count() == 1


def test_an_empty_answer_is_an_error(client, p):
    request = ask(p)
    client.force_login(p.advice_giver)
    response = client.post(page_url(request), {"form": "answer", "answer": "   "})
    assert response.status_code == 200
    assert "Enter your advice, or upload it as a file" in response.content.decode()
    assert text_of(audit_page(response).find(".//title")).startswith("Error: ")
    request.refresh_from_db()
    assert request.status == "open"


def test_declining(client, p):
    request = ask(p)
    client.force_login(p.advice_giver)
    response = client.post(
        page_url(request), {"form": "decline", "reason": "still_stands", "note": ""}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined" and "still stands" in request.answer


@pytest.mark.parametrize(
    "data",
    [
        {"form": "decline", "reason": "<script>"},
        {"form": "decline"},
        {"form": "answer", "answer": "x" * (advice.ANSWER_MAX + 1)},
        {"form": "feedback", "easy": "99"},
        {"form": "feedback", "easy": "٣"},
        {"form": "nonsense"},
        {},
    ],
)
def test_hostile_replies_are_form_errors(client, p, data):
    request = ask(p)
    client.force_login(p.advice_giver)
    response = client.post(page_url(request), data)
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == "open"
    assert not PortalFeedback.objects.exists()


def test_access_ends_after_the_configured_days(client, p, today_is, settings):
    settings.SENDA_ADVICE_ACCESS_DAYS = 3
    request = ask(p)
    advice.answer_advice(request=request, answer="Advice.", by=p.advice_giver)
    client.force_login(p.advice_giver)
    today_is(TODAY + timedelta(days=3))
    client.force_login(p.advice_giver)
    assert client.get(page_url(request)).status_code == 200
    assert "Zebedee" in client.get(TASKS).content.decode()
    today_is(TODAY + timedelta(days=4))
    client.force_login(p.advice_giver)
    assert client.get(page_url(request)).status_code == 404
    assert client.get(reverse("web:case-detail", args=[p.case.pk])).status_code == 404
    assert "Zebedee" not in client.get(TASKS).content.decode()
    assert client.post(page_url(request), {"form": "feedback", "easy": "4"}).status_code == 404


def outsiders(p):
    stranger = make_user("advice_giver", p.la)
    make_advice_team(p.la).members.add(stranger)
    other_la = make_user("advice_giver", p.other_la)
    make_advice_team(p.other_la).members.add(other_la)
    return {
        "another team": stranger,
        "senco": p.senco,
        "parent": p.parent,
        "board member": p.board_member,
        "another area's officer": p.other_la_officer,
        "another area's advice-giver": other_la,
    }


def test_outsiders_get_404_and_cannot_reply(client, p):
    request = ask(p)
    for name, user in outsiders(p).items():
        client.force_login(user)
        assert client.get(page_url(request)).status_code == 404, name
        for data in (
            {"form": "answer", "answer": "Mine."},
            {"form": "decline", "reason": "not_involved"},
        ):
            assert client.post(page_url(request), data).status_code == 404, name
    request.refresh_from_db()
    assert request.status == "open"


def test_an_advice_giver_not_asked_does_not_see_the_case(client, p):
    ask(p)
    stranger = outsiders(p)["another team"]
    client.force_login(stranger)
    assert client.get(reverse("web:case-detail", args=[p.case.pk])).status_code == 404
    assert "Zebedee" not in client.get(TASKS).content.decode()


def test_council_staff_read_the_request_but_cannot_reply(client, p):
    request = ask(p)
    advice.answer_advice(request=request, answer="Speech therapy weekly.", by=p.advice_giver)
    client.force_login(p.case_officer)
    response = client.get(page_url(request))
    assert response.status_code == 200
    assert "Speech therapy weekly." in response.content.decode()
    assert client.post(page_url(request), {"form": "feedback", "easy": "4"}).status_code == 403


# --- The council's side -------------------------------------------------------------------


def form_data(p, **changes):
    data = {
        "team": str(p.advice_team.pk),
        "kind": "review",
        "question": "Advice for the review, please.",
        "on-day": "20",
        "on-month": "1",
        "on-year": "2027",
    }
    return data | changes


def test_the_case_page_links_to_the_requests(client, p):
    client.force_login(p.case_officer)
    assert case_url(p) in client.get(reverse("web:case-detail", args=[p.case.pk])).content.decode()
    client.force_login(p.senco)
    assert (
        case_url(p) not in client.get(reverse("web:case-detail", args=[p.case.pk])).content.decode()
    )


def test_the_officer_asks_a_team(client, p):
    client.force_login(p.case_officer)
    response = client.post(case_url(p), form_data(p), follow=True)
    assert response.status_code == 200
    request = AdviceRequest.objects.get()
    assert (request.team, request.kind, request.due_on) == (
        p.advice_team,
        "review",
        date(2027, 3, 3),
    )
    html = response.content.decode()
    assert "has been asked for advice" in html and "Waiting for advice" in html


def test_the_officer_asks_for_assessment_advice(client, p):
    record_request_received(case=p.case, on=date(2027, 1, 4), source=2, by=p.case_officer)
    client.force_login(p.case_officer)
    assert client.post(case_url(p), form_data(p, kind="assessment")).status_code == 302
    assert CaseEvent.objects.filter(type="advice_requested", discipline="health").count() == 1


def test_a_clock_refusal_is_a_form_error(client, p):
    client.force_login(p.case_officer)
    response = client.post(case_url(p), form_data(p, kind="assessment"))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not AdviceRequest.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"team": "999999"},
        {"team": "<script>"},
        {"kind": "holiday"},
        {"question": ""},
        {"question": "x" * (advice.QUESTION_MAX + 1)},
        {"on-day": "31", "on-month": "2"},
        {"on-year": "99999999999999999999"},
        {"on-day": "21"},  # tomorrow
        {"due_on-day": "1", "due_on-month": "1", "due_on-year": "2027"},  # before the request
        {"due_on-day": "1"},
    ],
)
def test_hostile_requests_are_form_errors(client, p, changes):
    client.force_login(p.case_officer)
    response = client.post(case_url(p), form_data(p, **changes))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not AdviceRequest.objects.exists()


def test_a_team_of_another_area_is_refused(client, p):
    client.force_login(p.case_officer)
    team = make_advice_team(p.other_la)
    response = client.post(case_url(p), form_data(p, team=str(team.pk)))
    assert "Choose one of this council" in response.content.decode()
    assert not AdviceRequest.objects.exists()


def test_a_qa_auditor_reads_but_cannot_ask(client, p):
    client.force_login(p.qa_auditor)
    response = client.get(case_url(p))
    assert response.status_code == 200 and "Ask for advice" not in response.content.decode()
    assert client.post(case_url(p), form_data(p)).status_code == 403
    assert not AdviceRequest.objects.exists()


def test_the_officer_withdraws_a_request(client, p):
    request = ask(p)
    client.force_login(p.case_officer)
    assert withdraw_url(request) in client.get(case_url(p)).content.decode()
    response = client.post(withdraw_url(request), follow=True)
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == "withdrawn" and request.grant.ends_on == TODAY
    assert "has been withdrawn" in response.content.decode()


@pytest.mark.parametrize("who", ["senco", "parent", "advice_giver", "other_la_officer"])
def test_outsiders_cannot_withdraw(client, p, who):
    request = ask(p)
    client.force_login(getattr(p, who))
    assert client.post(withdraw_url(request)).status_code in {403, 404}
    request.refresh_from_db()
    assert request.status == "open"


def test_withdrawing_another_cases_request_is_404(client, p):
    other = make_case(la=p.la)
    request = ask(p)
    client.force_login(p.case_officer)
    url = reverse("web:case-advice-withdraw", args=[other.pk, request.pk])
    assert client.post(url).status_code == 404


def test_another_areas_case_is_404(client, p):
    other = make_case(la=make_la())
    client.force_login(p.case_officer)
    assert client.get(reverse("web:case-advice-requests", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("easy", ["99", "٣", "", "<b>"])
def test_hostile_feedback_is_a_form_error(client, p, easy):
    request = ask(p)
    client.force_login(p.advice_giver)
    client.post(page_url(request), {"form": "answer", "answer": "Advice."})
    response = client.post(page_url(request), {"form": "feedback", "easy": easy})
    assert response.status_code == 200
    assert "Choose how far you agree" in response.content.decode()
    assert not PortalFeedback.objects.exists()

"""The online request pages (issue 14): the public form in plain English, its checks
against bad and hostile input, the honeypot, the confirmation with the reference and the
decision date, and the council's list and accept/reject page."""

from __future__ import annotations

import re
from datetime import date

import pytest
import textstat
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent
from senda.portal import online_requests as online
from senda.portal.models import Message, OnlineRequest
from tests.factories import make_child, make_la, make_setting, make_user
from tests.portal.online_request_factories import make_online_request
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def la(today_is):
    today_is(TODAY)
    return make_la(name="Testshire")


def answers(**changes: str) -> dict[str, str]:
    data = {
        "who": "parent",
        "requester_name": "Mo Parent",
        "relationship": "mother",
        "given_name": "Sam",
        "family_name": "Example",
        "date_of_birth-day": "4",
        "date_of_birth-month": "5",
        "date_of_birth-year": "2016",
        "school": "Hill Primary",
        "needs": "Sam finds reading hard.",
        "tried": "Extra help in class.",
        "email": "mo@example.org",
        "phone": "01632 960 001",
        "consent_to_share": "yes",
        "wants_account": "yes",
        "website": "",
    }
    return data | changes


def form_url(la) -> str:
    return reverse("web:family-request", args=[la.code])


def words_of(response) -> str:
    main = response.content.decode().split("<main")[1].split("</main>")[0]
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", " ".join(paragraphs)))


def test_a_parent_asks_without_signing_in_and_sees_the_reference_and_date(client, la):
    response = client.post(form_url(la), answers())
    sent = reverse("web:family-request-sent", args=[la.code])
    assert response.status_code == 302 and response["Location"] == sent
    found = OnlineRequest.objects.get()
    assert (found.given_name, found.school, found.consent_to_share) == ("Sam", "Hill Primary", True)
    assert found.wants_account and found.date_of_birth == date(2016, 5, 4)
    page = client.get(sent)
    text = text_of(audit_page(page))
    assert found.reference in text
    assert "13 April 2026" in text  # 6 weeks from 2 March 2026, the clock's rule
    assert "SEND Regulations 2014 reg 5(1)" in text
    title = re.search(r"<title>(.*?)</title>", page.content.decode(), re.S).group(1)
    assert "Sam" not in title and "Sam" not in sent and "Example" not in title
    assert Message.objects.get().template == "online_request_received"


def test_the_start_page_links_to_each_area(client, la):
    response = client.get(reverse("web:family-request-start"))
    assert form_url(la) in response.content.decode()


@pytest.mark.parametrize("name", ["start", "form", "sent"])
def test_the_family_pages_read_at_grade_five_or_below(client, la, name):
    if name == "start":
        response = client.get(reverse("web:family-request-start"))
    elif name == "form":
        response = client.get(form_url(la))
    else:
        client.post(form_url(la), answers())
        response = client.get(reverse("web:family-request-sent", args=[la.code]))
    words = words_of(response)
    assert textstat.flesch_kincaid_grade(words) <= 5, words


def test_a_robot_filling_the_hidden_field_is_not_kept(client, la):
    response = client.post(form_url(la), answers(website="http://spam.example"))
    assert response.status_code == 302
    assert not OnlineRequest.objects.exists() and not Message.objects.exists()
    page = client.get(response["Location"])
    assert "No request found" in page.content.decode()


def test_the_hidden_field_is_hidden(client, la):
    html = client.get(form_url(la)).content.decode()
    assert re.search(r'<div hidden>\s*<div class="govuk-form-group">', html)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_of_birth-day": "31", "date_of_birth-month": "2"}, "must be a real date"),
        ({"date_of_birth-year": "99999"}, "Year must include 4 numbers"),
        ({"date_of_birth-year": "2027"}, "Date of birth must be today or in the past"),
        ({"date_of_birth-day": "٣"}, "must be a real date"),
        ({"email": "mo@"}, "Enter an email address like name@example.com"),
        ({"email": "x" * 300 + "@example.org"}, "254 characters or fewer"),
        ({"needs": "x" * 100_000}, "5000 characters or fewer"),
        ({"needs": ""}, "Tell us why you are asking"),
        ({"requester_name": "\x00" * 10}, "Enter your full name"),
        ({"phone": "<script>"}, "Enter a phone number"),
        ({"who": "young_person"}, "You can ask for yourself from"),
        ({"who": "mayor"}, "Say who is asking"),
        ({"consent_to_share": ""}, "Say if we can share what you tell us"),
    ],
)
def test_bad_and_hostile_answers_are_errors_not_failures(client, la, changes, message):
    response = client.post(form_url(la), answers(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html and "govuk-error-summary" in html
    assert message in html
    assert not OnlineRequest.objects.exists()


def test_an_unknown_area_is_not_found(client, la):
    assert client.get(reverse("web:family-request", args=["xyz"])).status_code == 404


def test_too_many_from_one_place_is_refused(client, la):
    for _ in range(online.PER_SENDER_PER_DAY):
        assert client.post(form_url(la), answers()).status_code == 302
    response = client.post(form_url(la), answers())
    assert response.status_code == 200 and "try again tomorrow" in response.content.decode()
    assert OnlineRequest.objects.count() == online.PER_SENDER_PER_DAY


# --- The council's side -----------------------------------------------------------------


def test_the_officer_sees_waiting_requests_with_days_waiting(client, la):
    officer = make_user("case_officer", la)
    make_online_request(la, received_on=date(2026, 2, 20))
    make_online_request(make_la(), given_name="Elsewhere")
    client.force_login(officer)
    response = client.get(reverse("web:online-requests"))
    text = text_of(audit_page(response))
    assert "Sam Example" in text and "Elsewhere" not in text
    assert "20 Feb 2026" in text and "3 Apr 2026" in text  # received; decision due
    row = re.search(
        r"<tr[^>]*>(?:(?!</tr>).)*Sam Example(?:(?!</tr>).)*</tr>", text_html(response), re.S
    )
    assert row is not None and ">10<" in row.group(0)  # days waiting
    assert AuditEntry.objects.filter(verb="read", summary__startswith="online requests").exists()


def text_html(response) -> str:
    return response.content.decode()


def test_the_officer_accepts_and_the_request_goes_on_a_case(client, la):
    officer = make_user("case_officer", la)
    found = make_online_request(la, received_on=date(2026, 2, 23), wants_account=True)
    match = make_child(la, given_name="Sam", family_name="Other", date_of_birth=date(2016, 5, 4))
    client.force_login(officer)
    url = reverse("web:online-request", args=[found.pk])
    page = client.get(url)
    assert f"child record {match.pk}" in page.content.decode()  # a possible match
    assert AuditEntry.objects.filter(verb="read", object_id=str(found.pk)).exists()
    refused = client.post(url, {"answer": "accept", "child": "new"})
    assert refused.status_code == 200 and "Confirm that you have checked" in text_html(refused)
    response = client.post(url, {"answer": "accept", "child": "new", "checked": "on"})
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.status == "accepted" and found.child != match
    event = CaseEvent.objects.get(case=found.case)
    assert (event.type, event.on) == ("request_received", date(2026, 2, 23))
    assert found.invitation is not None
    after = client.get(url)
    assert "invitation to a family account" in text_html(after)


def test_the_accept_page_matches_the_school_and_says_who_holds_the_case(client, la):
    """Walk 10 and 15: the typed school preselected as the setting; no "which child"
    question when no child matches; the page says whether the case will be theirs."""
    officer = make_user("case_officer", la)
    seaview = make_setting(la, name="Seaview Primary School")
    make_setting(la, name="Harbour Academy")
    found = make_online_request(la, school="seaview primary school", wants_account=False)
    client.force_login(officer)
    url = reverse("web:online-request", args=[found.pk])
    page = client.get(url)
    html = text_html(page)
    text = " ".join(text_of(audit_page(page)).split())
    assert "Which child is this?" not in text and "None of these" not in text
    assert "a new child record will be added" in text
    assert "A new case will be yours" in text
    assert f'<option value="{seaview.pk}" selected>Seaview Primary School</option>' in html
    data = {"answer": "accept", "child": "new", "checked": "on", "setting": str(seaview.pk)}
    assert client.post(url, data).status_code == 302
    found.refresh_from_db()
    assert found.child.setting == seaview and found.case.officer == officer
    bad = make_online_request(la, given_name="Al", wants_account=False)
    data = {"answer": "accept", "child": "new", "checked": "on", "setting": "99999999999999"}
    response = client.post(reverse("web:online-request", args=[bad.pk]), data)
    assert "Choose the setting from the list" in text_html(response)


def test_a_manager_is_told_the_new_case_waits_for_allocation(client, la):
    manager = make_user("team_manager", la)
    found = make_online_request(la, wants_account=False)
    client.force_login(manager)
    url = reverse("web:online-request", args=[found.pk])
    text = " ".join(text_of(audit_page(client.get(url))).split())
    assert "A new case will not have an officer: it waits for a manager to allocate it" in text
    response = client.post(url, {"answer": "accept", "child": "new", "checked": "on"}, follow=True)
    assert "The case has no officer yet: it waits for allocation." in text_html(response)
    found.refresh_from_db()
    assert found.case.officer is None


def test_the_officer_rejects_with_a_reason(client, la):
    officer = make_user("team_manager", la)
    found = make_online_request(la)
    client.force_login(officer)
    url = reverse("web:online-request", args=[found.pk])
    missing = client.post(url, {"answer": "reject", "reason": "other"})
    assert missing.status_code == 200 and "Say what the reason is" in text_html(missing)
    response = client.post(url, {"answer": "reject", "reason": "area"})
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.status == "rejected" and found.reason == "area"
    assert Message.objects.get().template == "online_request_rejected"


def test_another_areas_request_is_not_found(client, la):
    found = make_online_request(make_la())
    client.force_login(make_user("case_officer", la))
    url = reverse("web:online-request", args=[found.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "reject", "reason": "area"}).status_code == 404
    found.refresh_from_db()
    assert found.status == "received" and not AuditEntry.objects.exists()

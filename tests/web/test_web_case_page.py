"""The case page: who the child is (per role), the plan, deadlines, timeline and next step."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senda.casework import actions
from senda.casework.models import CaseEvent
from senda.people.models import FamilyContact
from tests.casework.flows import with_plan
from tests.factories import make_user
from tests.web.page_audit import audit_page, text_of

LA_STAFF = ["case_officer", "team_manager", "qa_auditor", "service_manager"]
WRITERS = ["case_officer", "team_manager", "service_manager"]


def case_url(case):
    return reverse("web:case-detail", args=[case.pk])


def main_text(client, user, case):
    client.force_login(user)
    response = client.get(case_url(case))
    assert response.status_code == 200
    return text_of(audit_page(response).find(".//main"))


def family_text(client, user, case):
    """What a family member sees on opening the staff case page: they are sent to their
    own page of the record ("Where we are"), which is returned."""
    client.force_login(user)
    response = client.get(case_url(case), follow=True)
    family_url = reverse("web:family-case", args=[case.pk])
    assert response.redirect_chain == [(family_url, 302)]
    assert response.status_code == 200
    return text_of(audit_page(response).find(".//main"))


@pytest.fixture
def family(personas):
    """The child's identifiers, the parent persona's own contact details and another
    contact (a second parent) whose details only LA staff may see."""
    child = personas.child
    child.upn, child.nhs_number, child.sex = "A123456789012", "9434765919", "F"
    child.save()
    FamilyContact.objects.filter(user=personas.parent).update(
        email="own@example.org", phone="07700 900001"
    )
    FamilyContact.objects.create(
        child=child,
        name="Other Parent",
        relationship="father",
        email="other@example.org",
        phone="07700 900002",
    )
    return personas


@pytest.mark.parametrize("role", LA_STAFF)
def test_it_shows_la_staff_identifiers_and_every_contact(client, family, role):
    main = main_text(client, getattr(family, role), family.case)
    assert "9434765919" in main
    assert "A123456789012" in main
    assert "Female" in main
    assert "Other Parent" in main
    assert "other@example.org" in main
    assert "own@example.org" in main


def test_it_hides_family_contacts_and_identifiers_from_a_senco(client, family):
    with_plan(family.case, family.case_officer)
    main = main_text(client, family.senco, family.case)
    assert "Other Parent" not in main
    assert "other@example.org" not in main
    assert "07700" not in main
    assert "own@example.org" not in main
    assert "9434765919" not in main
    assert "Family contacts" not in main
    assert "3 Mar 2025" in main  # the plan was issued
    assert "Annual review meeting" in main  # and its deadlines


def test_it_sends_a_parent_to_their_family_page_which_shows_no_other_contact(client, family):
    main = family_text(client, family.parent, family.case)
    assert "other@example.org" not in main
    assert "07700 900002" not in main
    assert "Other Parent" not in main
    assert "9434765919" not in main


def test_it_shows_who_recorded_each_step_to_staff_only(client, personas):
    manager = personas.team_manager
    manager.first_name, manager.last_name = "Tess", "Manager"
    manager.save()
    with_plan(personas.case, manager)
    assert "Tess Manager" in main_text(client, personas.qa_auditor, personas.case)
    assert "Tess Manager" not in main_text(client, personas.senco, personas.case)
    assert "Tess Manager" not in family_text(client, personas.parent, personas.case)


def test_it_shows_the_plan_the_timeline_newest_first_and_deadlines(client, personas):
    with_plan(personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    response = client.get(case_url(personas.case))
    page = audit_page(response)
    main = text_of(page.find(".//main"))
    assert "Current" in main
    assert "Issued 3 Mar 2025" in main
    assert "Young person or parent" in main  # who made the request
    captions = [text_of(c) for c in page.iter("caption")]
    assert captions == ["Open deadlines", "Past deadlines", "Timeline", "Who can see this record"]
    timeline = next(t for t in page.iter("table") if text_of(t.find("caption")) == "Timeline")
    steps = [text_of(row.findall("td")[1]) for row in timeline.find("tbody").iter("tr")]
    assert steps == [
        "Final EHC plan",
        "Draft plan",
        "Decision whether to assess",
        "Request for assessment",
    ]
    assert "SEND Regulations 2014 reg 13(2)" in main  # the final plan's citation
    assert "Met" in main


def test_it_shows_the_next_step_with_a_button_to_record_it(client, personas):
    with_plan(personas.case, personas.case_officer)
    client.force_login(personas.case_officer)
    page = audit_page(client.get(case_url(personas.case)))
    main = text_of(page.find(".//main"))
    assert "Review meeting, due 3 March 2026 Overdue" in main
    hrefs = {text_of(a): a.get("href") for a in page.iter("a")}
    assert hrefs["Record review meeting"] == reverse(
        "web:record-step", args=[personas.case.pk, "review-meeting"]
    )
    assert hrefs["Record another step"] == reverse(
        "web:record-step-choose", args=[personas.case.pk]
    )


@pytest.mark.parametrize("role", WRITERS)
def test_it_offers_the_record_button_to_casework_roles(client, personas, role):
    assert "Record another step" in main_text(client, getattr(personas, role), personas.case)


@pytest.mark.parametrize("role", ["qa_auditor", "senco"])
def test_it_offers_no_record_button_to_read_only_roles(client, personas, role):
    main = main_text(client, getattr(personas, role), personas.case)
    assert "Request for assessment" in main  # the next step is still shown
    assert "Record" not in main


def test_a_parent_is_offered_no_officers_step_on_their_family_page(client, personas):
    main = family_text(client, personas.parent, personas.case)
    assert "Record another step" not in main
    assert "Request for assessment" not in main  # no officer's step name


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("team_manager", True),
        ("service_manager", True),
        ("case_officer", False),
        ("qa_auditor", False),
        ("senco", False),
    ],
)
def test_it_offers_managers_a_link_to_move_the_case(client, personas, role, offered):
    client.force_login(getattr(personas, role))
    page = audit_page(client.get(case_url(personas.case)))
    hrefs = {text_of(a): a.get("href") for a in page.iter("a")}
    link = hrefs.get("Move this case to another officer")
    assert link == (reverse("web:team-case", args=[personas.case.pk]) if offered else None)


def test_it_offers_no_steps_on_a_closed_case(client, personas):
    actions.close_case(case=personas.case, by=personas.case_officer)
    main = main_text(client, personas.case_officer, personas.case)
    assert "This case is closed" in main
    assert "Record" not in main


def test_it_answers_with_the_clock_as_of_today(client, personas):
    """A stored row last refreshed long ago says pending; the page says overdue."""
    with_plan(personas.case, personas.case_officer)  # rows refreshed as of 3 March 2025
    main = main_text(client, personas.case_officer, personas.case)
    assert "Overdue" in main


def _review(case, by, on):
    CaseEvent.objects.create(case=case, type="review_meeting", on=on, recorded_by=by)


def test_it_reads_the_page_in_a_constant_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    case = personas.case
    with_plan(case, personas.case_officer)
    client.force_login(personas.case_officer)
    client.get(case_url(case))  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(case_url(case))
    recorders = [make_user("case_officer", personas.la) for _ in range(5)]
    for n in range(30):
        _review(case, recorders[n % 5], date(2025, 4, 1) + timedelta(days=n))
    FamilyContact.objects.create(child=personas.child, name="Carer", relationship="carer")
    with django_assert_max_num_queries(len(few)):
        response = client.get(case_url(case))
    assert len(response.context["events"]) == 34

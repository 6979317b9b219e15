from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent, DeadlineRow
from senda.casework.summary import resummarise
from tests.factories import make_case, make_child, make_setting, make_user
from tests.web.page_audit import audit_page, text_of

LA_STAFF = ["case_officer", "team_manager", "qa_auditor", "service_manager"]


def case_url(case):
    return reverse("web:case-detail", args=[case.pk])


def listed_case_ids(response):
    return {case.pk for case in response.context["page_obj"].object_list}


def add_deadline(case, rule="final-plan", due=date(2026, 3, 2), status="pending", **fields):
    fields.setdefault("citation", "reg 13(2)")
    row = DeadlineRow.objects.create(
        case=case, rule=rule, due=due, status=status, evaluated_for=date(2026, 2, 1), **fields
    )
    resummarise(case)
    return row


@pytest.mark.parametrize("role", LA_STAFF)
def test_it_lists_the_las_cases_for_la_staff(client, personas, role):
    other_case = make_case(la=personas.other_la)
    client.force_login(getattr(personas, role))
    response = client.get(reverse("web:case-list"))
    assert response.status_code == 200
    assert listed_case_ids(response) == {personas.case.pk}
    assert other_case.pk not in listed_case_ids(response)


def test_it_lists_only_the_sencos_setting(client, personas):
    elsewhere = make_case(make_child(personas.la, setting=make_setting(personas.la)))
    client.force_login(personas.senco)
    response = client.get(reverse("web:case-list"))
    assert listed_case_ids(response) == {personas.case.pk}
    assert elsewhere.pk not in listed_case_ids(response)


def test_it_sends_a_parent_from_the_case_list_to_their_own_pages(client, personas):
    other = make_case(la=personas.la)
    client.force_login(personas.parent)
    response = client.get(reverse("web:case-list"))
    assert response.status_code == 302
    assert response.url == reverse("web:family-home")
    page = client.get(response.url, follow=True).content.decode()
    assert reverse("web:family-case", args=[other.pk]) not in page
    assert reverse("web:case-list") not in page


def test_it_refuses_the_case_list_to_a_board_member(client, personas):
    client.force_login(personas.board_member)
    response = client.get(reverse("web:case-list"))
    assert response.status_code == 403
    assert "permission" in text_of(audit_page(response).find(".//h1"))


def test_it_shows_the_next_open_deadline(client, personas):
    add_deadline(personas.case, rule="assess-decision", due=date(2026, 1, 9), status="met")
    add_deadline(personas.case, rule="final-plan", due=date(2026, 5, 1))
    add_deadline(personas.case, rule="no-issue-notice", due=date(2026, 3, 2), status="overdue")
    client.force_login(personas.case_officer)
    [case] = client.get(reverse("web:case-list")).context["page_obj"].object_list
    assert (case.next_rule, case.next_due, case.next_status) == (
        "no-issue-notice",
        date(2026, 3, 2),
        "overdue",
    )


def test_it_paginates_the_case_list(client, personas):
    for _ in range(50):
        make_case(la=personas.la)
    client.force_login(personas.case_officer)
    first = client.get(reverse("web:case-list"))
    second = client.get(reverse("web:case-list"), {"page": 2})
    assert len(first.context["page_obj"].object_list) == 50
    assert len(second.context["page_obj"].object_list) == 1


def test_it_lists_cases_in_a_constant_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    client.force_login(personas.case_officer)
    with CaptureQueriesContext(connection) as one_case:
        client.get(reverse("web:case-list"))
    for _ in range(20):
        add_deadline(make_case(la=personas.la, officer=personas.case_officer))
    with django_assert_max_num_queries(len(one_case)):
        response = client.get(reverse("web:case-list"))
    assert len(response.context["page_obj"].object_list) == 21


def test_it_shows_the_case_page(client, personas):
    case = personas.case
    CaseEvent.objects.create(
        case=case, type="request_received", on=date(2026, 1, 5), recorded_by=personas.case_officer
    )
    add_deadline(case, rule="assess-decision", due=date(2026, 3, 2), citation="reg 5(1)")
    client.force_login(personas.case_officer)
    response = client.get(case_url(case))
    assert response.status_code == 200
    main = text_of(audit_page(response).find(".//main"))
    assert str(personas.child) in main
    assert "1 June 2015" in main
    assert personas.setting.name in main
    assert "Autistic spectrum disorder" in main
    assert "Request for assessment" in main
    assert "reg 5(1)" in main
    assert "Overdue" in main  # the case page asks the clock as of today


@pytest.mark.parametrize("role", [*LA_STAFF, "senco"])
def test_it_shows_the_case_page_to_those_who_may_see_it(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(case_url(personas.case)).status_code == 200


def test_it_sends_a_parent_to_their_own_page_of_the_record(client, personas):
    client.force_login(personas.parent)
    response = client.get(case_url(personas.case))
    assert response.status_code == 302
    assert response.url == reverse("web:family-case", args=[personas.case.pk])


def test_it_hides_the_case_from_another_las_officer(client, personas):
    client.force_login(personas.other_la_officer)
    assert client.get(case_url(personas.case)).status_code == 404


def test_it_hides_the_case_from_a_senco_of_another_setting(client, personas):
    client.force_login(make_user("senco", personas.la, setting=make_setting(personas.la)))
    assert client.get(case_url(personas.case)).status_code == 404


def test_it_hides_the_case_from_a_parent_of_another_child(client, personas):
    client.force_login(make_user("parent", personas.la, child=make_child(personas.la)))
    assert client.get(case_url(personas.case)).status_code == 404


def test_it_hides_the_case_from_a_board_member(client, personas):
    client.force_login(personas.board_member)
    assert client.get(case_url(personas.case)).status_code == 404


def test_it_hides_the_case_from_a_user_without_a_membership(client, plain_user, personas):
    client.force_login(plain_user)
    assert client.get(case_url(personas.case)).status_code == 404


def test_it_answers_404_for_a_case_that_does_not_exist(client, personas):
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:case-detail", args=[999_999])).status_code == 404


def test_it_audits_every_read_of_the_case_page(client, personas):
    client.force_login(personas.senco)
    client.get(case_url(personas.case))
    entry = AuditEntry.objects.get()
    assert entry.verb == "read"
    assert entry.user == personas.senco
    assert (entry.object_type, entry.object_id) == ("casework.Case", str(personas.case.pk))
    assert entry.child == personas.child
    assert entry.la == personas.la


def test_it_does_not_audit_a_refused_read(client, personas):
    client.force_login(personas.other_la_officer)
    client.get(case_url(personas.case))
    assert not AuditEntry.objects.exists()


def test_it_says_who_you_are_and_your_role(client, personas):
    client.force_login(personas.senco)
    main = text_of(audit_page(client.get(reverse("web:home"))).find(".//main"))
    assert personas.senco.username in main
    assert "SENCo" in main
    assert personas.la.name in main


# ---- closed cases on a SENCo's list (a parent is sent to their family pages) ---------------


def closed_case(personas, **child_fields):
    """A closed case of a pupil at the SENCo's setting (the persona child by default)."""
    child = personas.child if not child_fields else make_child(personas.la, **child_fields)
    return make_case(child, status="closed", opened_on=date(2020, 9, 1))


def case_column(response) -> list[str]:
    """What the "Case" column says on each row."""
    document = audit_page(response)
    head = [text_of(th) for th in document.find(".//thead").iter("th")]
    column = head.index("Case")
    return [text_of(list(row)[column]) for row in document.find(".//tbody").iter("tr")]


@pytest.mark.parametrize("role", ["senco"])
def test_it_says_which_cases_are_closed(client, personas, role):
    old = closed_case(personas)
    client.force_login(getattr(personas, role))
    response = client.get(reverse("web:case-list"))
    assert listed_case_ids(response) == {personas.case.pk, old.pk}
    shown = sorted(case_column(response))
    assert [value.split()[-1] for value in shown] == ["Closed", "Open"]


@pytest.mark.parametrize(("role", "choice"), [("senco", "open"), ("senco", "closed")])
def test_it_lists_open_or_closed_cases_as_chosen(client, personas, role, choice):
    old = closed_case(personas)
    client.force_login(getattr(personas, role))
    response = client.get(reverse("web:case-list"), {"case_status": choice})
    expected = {"open": personas.case.pk, "closed": old.pk}[choice]
    assert listed_case_ids(response) == {expected}
    entry = AuditEntry.objects.filter(user=getattr(personas, role)).latest("at")
    assert f"case_status={choice}" in entry.summary


def test_it_says_when_none_of_the_cases_is_closed(client, personas):
    client.force_login(personas.senco)
    response = client.get(reverse("web:case-list"), {"case_status": "closed"})
    assert "None of your cases is closed." in text_of(audit_page(response).find(".//main"))


def test_it_refuses_an_unknown_choice_with_a_govuk_error(client, personas):
    client.force_login(personas.senco)
    response = client.get(reverse("web:case-list"), {"case_status": "deleted"})
    document = audit_page(response)
    assert text_of(document.find(".//title")).startswith("Error: Cases")
    summary = document.find(".//div[@class='govuk-error-summary']")
    assert "Choose open, closed, or open and closed cases" in text_of(summary)
    assert listed_case_ids(response) == set()


def test_it_keeps_la_staff_on_open_cases_without_the_column(client, personas):
    closed_case(personas)
    client.force_login(personas.case_officer)
    response = client.get(reverse("web:case-list"))
    assert listed_case_ids(response) == {personas.case.pk}
    head = [text_of(th) for th in audit_page(response).find(".//thead").iter("th")]
    assert "Case" not in head

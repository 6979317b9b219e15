"""Team view: caseloads per officer for managers, and reassigning cases from it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.casework.models import Case, DeadlineRow
from senda.kernel import ActionError
from senda.people.models import LocalAuthority
from tests.factories import make_case, make_user
from tests.web.page_audit import audit_page, has_class, text_of

TEAM = reverse("web:team")
REASSIGN = reverse("web:team-reassign")
UNALLOCATED = reverse("web:team-unallocated")


def officer_url(user):
    return reverse("web:team-officer", args=[user.pk])


def case_url(case):
    return reverse("web:team-case", args=[case.pk])


MANAGERS = ["team_manager", "service_manager"]


def overdue(case, rule="annual-review"):
    today = timezone.localdate()
    return DeadlineRow.objects.create(
        case=case,
        rule=rule,
        due=today - timedelta(days=10),
        status="overdue",
        citation="s44",
        evaluated_for=today,
    )


@pytest.fixture
def team(personas):
    """The personas' officer holds 3 cases (target 2); a second officer holds 1."""
    LocalAuthority.objects.filter(pk=personas.la.pk).update(caseload_target=2)
    busy = personas.case_officer
    cases = [personas.case, *(make_case(la=personas.la, officer=busy) for _ in "ab")]
    overdue(cases[0])
    roomy = make_user("case_officer", personas.la, first_name="Rosa", last_name="Room")
    make_case(la=personas.la, officer=roomy)
    return cases, roomy


def rows_of(response):
    table = audit_page(response).find(".//table")
    return [[text_of(cell) for cell in row] for row in table.iter("tr")]


@pytest.mark.parametrize("role", MANAGERS)
def test_it_shows_each_officers_caseload_to_managers(client, personas, team, role):
    _, roomy = team
    make_user("case_officer", personas.la, first_name="Ida", last_name="Idle")
    make_case(la=personas.la)  # unallocated
    client.force_login(getattr(personas, role))
    response = client.get(TEAM)
    assert response.status_code == 200
    rows = rows_of(response)
    assert rows[0] == [
        "Case officer", "Open cases", "Target", "Difference", "Overdue deadlines",
        "Of which annual reviews",
    ]  # fmt: skip
    busy = personas.case_officer.get_username()
    assert [busy, "3", "2", "1 over", "1", "1"] in rows
    assert ["Ida Idle", "0", "2", "2 under", "0", "0"] in rows
    assert ["Rosa Room", "1", "2", "1 under", "0", "0"] in rows
    assert rows[-1] == ["Total (3 officers)", "4", "6", "-2", "1", "1"]
    text = text_of(audit_page(response).find(".//main"))
    assert "2 of 3 case officers (67%) are at or under their caseload target" in text
    assert "1 open case is not allocated to an officer" in text
    assert "1 annual review deadline is overdue today" in text
    assert f'href="{UNALLOCATED}"' in response.content.decode()
    assert f'href="{officer_url(roomy)}"' in response.content.decode()


@pytest.mark.parametrize("role", ["case_officer", "qa_auditor", "senco", "parent", "board_member"])
def test_it_refuses_the_team_view_to_everyone_else(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(TEAM).status_code == 403
    assert client.get(officer_url(personas.case_officer)).status_code == 403
    assert client.get(UNALLOCATED).status_code == 403
    assert client.post(REASSIGN, {"from": personas.case_officer.pk}).status_code == 403
    assert client.get(REASSIGN).status_code == 403


def test_it_shows_team_in_the_navigation_to_managers_only(client, personas):
    client.force_login(personas.team_manager)
    assert f'href="{TEAM}"' in client.get(reverse("web:home")).content.decode()
    client.force_login(personas.case_officer)
    assert f'href="{TEAM}"' not in client.get(reverse("web:home")).content.decode()


def test_it_shows_only_the_managers_area(client, personas, team):
    make_user("team_manager", personas.other_la)
    client.force_login(personas.team_manager)
    text = text_of(audit_page(client.get(TEAM)).find(".//main"))
    assert personas.other_la_officer.get_username() not in text


def test_it_asks_a_fixed_number_of_queries(client, personas, django_assert_max_num_queries):
    for _ in range(8):
        officer = make_user("case_officer", personas.la)
        overdue(make_case(la=personas.la, officer=officer))
    client.force_login(personas.team_manager)
    # session, user, membership, LA; caseloads, open and unallocated cases, the area's
    # overdue review deadlines
    with django_assert_max_num_queries(7):
        response = client.get(TEAM)
    assert len(rows_of(response)) == 1 + 9 + 1


def test_it_lists_an_officers_cases_with_the_suggestion_chosen(client, personas, team):
    cases, roomy = team
    client.force_login(personas.team_manager)
    response = client.get(officer_url(personas.case_officer))
    assert response.status_code == 200
    form = response.context["form"]
    assert [v for v, _ in form.fields["cases"].choices] == sorted(
        (c.pk for c in cases), key=lambda pk: Case.objects.get(pk=pk).child.family_name
    )
    assert form.initial["officer"] == roomy.pk
    assert [v for v, _ in form.fields["officer"].choices] == ["", roomy.pk]  # not the holder
    text = text_of(audit_page(response).find(".//main"))
    assert "Suggested: Rosa Room has the most room: 1 under their target of 2" in text
    assert "(1 overdue deadline)" in text


def test_it_moves_the_chosen_cases_and_says_so(client, personas, team):
    cases, roomy = team
    client.force_login(personas.team_manager)
    data = {"from": personas.case_officer.pk, "cases": [cases[0].pk, cases[1].pk]}
    response = client.post(REASSIGN, {**data, "officer": roomy.pk}, follow=True)
    assert response.redirect_chain == [(TEAM, 302)]
    banner = audit_page(response).find(
        ".//div[@class='govuk-notification-banner govuk-notification-banner--success']"
    )
    busy = personas.case_officer.get_username()
    assert f"2 cases moved from {busy} to Rosa Room" in text_of(banner)
    assert set(Case.objects.filter(officer=roomy).values_list("pk", flat=True)) >= {
        cases[0].pk,
        cases[1].pk,
    }
    assert Case.objects.get(pk=cases[2].pk).officer == personas.case_officer
    writes = AuditEntry.objects.filter(verb="write", user=personas.team_manager)
    assert sorted(writes.values_list("object_id", flat=True)) == sorted(
        [str(cases[0].pk), str(cases[1].pk)]
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"officer": "ROOMY"}, "cases", "Select the cases to move"),
        ({"cases": ["CASE"]}, "officer", "Select the officer to move the cases to"),
        ({"cases": ["CASE"], "officer": "OTHER"}, "officer", "Select a case officer of your"),
        ({"cases": ["FOREIGN"], "officer": "ROOMY"}, "cases", "no longer on this list"),
    ],
)  # fmt: skip
def test_it_shows_errors_in_the_error_summary(client, personas, team, data, field, message):
    cases, roomy = team
    foreign = make_case(la=personas.other_la)
    values = {
        "ROOMY": roomy.pk,
        "CASE": cases[0].pk,
        "OTHER": personas.other_la_officer.pk,
        "FOREIGN": foreign.pk,
    }
    posted = {
        k: [values[x] for x in v] if isinstance(v, list) else values[v] for k, v in data.items()
    }
    client.force_login(personas.team_manager)
    response = client.post(REASSIGN, {"from": personas.case_officer.pk, **posted})
    assert response.status_code == 200
    document = audit_page(response)
    assert text_of(document.find(".//title")).startswith("Error: ")
    assert message in " ".join(response.context["form"].errors[field])
    summary = next(e for e in document.iter() if has_class(e, "govuk-error-summary"))
    assert message in text_of(summary)
    assert Case.objects.filter(officer=roomy).count() == 1
    assert not AuditEntry.objects.filter(verb="write").exists()


@pytest.mark.parametrize(("field", "shown_on"), [("officer", "officer"), ("__all__", "__all__")])
def test_it_shows_an_action_error_on_its_field(
    client, personas, team, monkeypatch, field, shown_on
):
    cases, roomy = team

    def refuse(**kwargs):
        raise ActionError(field, "Something changed meanwhile")

    monkeypatch.setattr("senda.web.views.team.reassign_cases", refuse)
    client.force_login(personas.team_manager)
    data = {"case": cases[1].pk, "cases": [cases[1].pk], "officer": roomy.pk}
    response = client.post(REASSIGN, data)
    assert response.status_code == 200
    assert response.context["form"].errors[shown_on] == ["Something changed meanwhile"]
    assert "Something changed meanwhile" in text_of(audit_page(response).find(".//main"))


def test_it_moves_a_single_case_from_its_link(client, personas, team):
    cases, roomy = team
    client.force_login(personas.service_manager)
    response = client.get(case_url(cases[1]))
    assert response.status_code == 200
    assert response.context["form"].initial["cases"] == [cases[1].pk]
    assert AuditEntry.objects.filter(verb="read", object_id=str(cases[1].pk)).exists()
    data = {"case": cases[1].pk, "cases": [cases[1].pk], "officer": roomy.pk}
    response = client.post(REASSIGN, data, follow=True)
    assert "1 case moved from" in response.content.decode()
    assert Case.objects.get(pk=cases[1].pk).officer == roomy


def test_it_allocates_unallocated_cases(client, personas, team):
    _, roomy = team
    loose = make_case(la=personas.la)
    client.force_login(personas.team_manager)
    response = client.get(UNALLOCATED)
    assert [v for v, _ in response.context["form"].fields["cases"].choices] == [loose.pk]
    data = {"from": "unallocated", "cases": [loose.pk], "officer": roomy.pk}
    response = client.post(REASSIGN, data, follow=True)
    assert "1 case allocated to Rosa Room" in response.content.decode()


@pytest.mark.parametrize("param", ["from", "case"])
def test_it_hides_another_areas_officers_and_cases(client, personas, param):
    foreign = make_case(la=personas.other_la, officer=personas.other_la_officer)
    value = personas.other_la_officer.pk if param == "from" else foreign.pk
    client.force_login(personas.team_manager)
    url = officer_url(personas.other_la_officer) if param == "from" else case_url(foreign)
    assert client.get(url).status_code == 404
    assert client.post(REASSIGN, {param: value, "cases": [foreign.pk]}).status_code == 404


def test_it_needs_somewhere_to_move_from(client, personas):
    client.force_login(personas.team_manager)
    assert client.get(REASSIGN).status_code == 405
    assert client.post(REASSIGN).status_code == 404
    assert client.get(officer_url(personas.qa_auditor)).status_code == 404
    closed = make_case(la=personas.la, status=Case.Status.CLOSED)
    assert client.get(case_url(closed)).status_code == 404


def test_it_pages_an_officers_cases_keeping_the_officer(
    client, personas, django_assert_max_num_queries
):
    for _ in range(55):
        make_case(la=personas.la, officer=personas.case_officer)
    client.force_login(personas.team_manager)
    # session, user, membership, the holder, LA, caseloads, count and page of cases, audit
    with django_assert_max_num_queries(9):
        response = client.get(officer_url(personas.case_officer))
    assert len(response.context["form"].fields["cases"].choices) == 50
    assert f'href="{officer_url(personas.case_officer)}?page=2"' in response.content.decode()
    second = client.get(officer_url(personas.case_officer), {"page": 2})
    assert len(second.context["form"].fields["cases"].choices) == 6

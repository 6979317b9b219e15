"""My caseload (/caseload/), its CSV export and the all-cases list (/cases/)."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.casework.models import Case, CaseEvent, DeadlineRow
from senda.casework.summary import resummarise
from senda.people.models import Setting
from tests.factories import make_case, make_child, make_setting, make_user
from tests.web.page_audit import audit_page, text_of

CASELOAD = reverse("web:caseload")
CSV = reverse("web:caseload-csv")
CASES = reverse("web:case-list")


def today():
    return timezone.localdate()


def add_deadline(case, rule="annual-review", days=30, status=None, **fields):
    """An open deadline row due ``days`` from today (negative: overdue)."""
    due = today() + timedelta(days=days)
    status = status or ("overdue" if days < 0 else "pending")
    fields.setdefault("citation", "reg 18")
    row = DeadlineRow.objects.create(
        case=case, rule=rule, due=due, status=status, evaluated_for=today(), **fields
    )
    resummarise(case)
    return row


def add_event(case, type, days_ago=100, **fields):
    event = CaseEvent.objects.create(
        case=case,
        type=type,
        on=today() - timedelta(days=days_ago),
        recorded_by=case.officer or make_user("case_officer", case.la),
        **fields,
    )
    resummarise(case)
    return event


def held(personas, **child_fields):
    """A new open case held by the personas' case officer."""
    child = make_child(personas.la, **child_fields)
    return make_case(child, officer=personas.case_officer)


def ids(response):
    return [case.pk for case in response.context["page_obj"].object_list]


def main_text(response):
    return text_of(audit_page(response).find(".//main"))


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def born_in_year(year):
    """A date of birth that puts a child in national curriculum ``year`` today."""
    start = today().year if today().month >= 9 else today().year - 1
    return date(start - year - 5, 12, 1)


# ---- who sees what ---------------------------------------------------------------------------


def test_it_lists_every_open_case_the_officer_holds_and_nothing_else(client, personas):
    mine = held(personas)
    closed = held(personas)
    closed.status = Case.Status.CLOSED
    closed.save()
    colleague = make_case(la=personas.la, officer=make_user("case_officer", personas.la))
    elsewhere = make_case(la=personas.other_la, officer=personas.other_la_officer)
    client.force_login(personas.case_officer)
    response = client.get(CASELOAD)
    assert response.status_code == 200
    assert set(ids(response)) == {personas.case.pk, mine.pk}
    assert not {closed.pk, colleague.pk, elsewhere.pk} & set(ids(response))
    assert "2 cases" in main_text(response)


def test_it_shows_an_officer_of_another_la_nothing_of_this_one(client, personas):
    client.force_login(personas.other_la_officer)
    response = client.get(CASELOAD, {"officer": personas.case_officer.pk})
    assert ids(response) == []
    response = client.get(CASES)
    assert personas.case.pk not in ids(response)


@pytest.mark.parametrize("role", ["senco", "parent", "board_member"])
def test_it_refuses_my_caseload_to_roles_outside_the_la(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(CASELOAD).status_code == 403
    assert client.get(CSV).status_code == 403
    assert not AuditEntry.objects.exists()


def test_it_lets_a_team_manager_open_an_officers_caseload(client, personas):
    client.force_login(personas.team_manager)
    response = client.get(CASELOAD, {"officer": personas.case_officer.pk})
    assert ids(response) == [personas.case.pk]
    assert audit_page(response).find(".//h1").text.startswith("Caseload of")


def test_it_refuses_an_officer_of_another_la_to_a_manager(client, personas):
    client.force_login(personas.service_manager)
    response = client.get(CASELOAD, {"officer": personas.other_la_officer.pk})
    assert ids(response) == []
    assert "Select an option from the ‘Officer’ list" in main_text(response)


def test_it_ignores_a_case_officers_choice_of_another_officer(client, personas):
    other = make_user("case_officer", personas.la)
    theirs = make_case(la=personas.la, officer=other)
    client.force_login(personas.case_officer)
    response = client.get(CASELOAD, {"officer": other.pk})
    assert ids(response) == [personas.case.pk]
    assert theirs.pk not in ids(response)


def test_it_shows_my_caseload_in_the_navigation_of_case_holders_only(client, personas):
    client.force_login(personas.case_officer)
    assert "My caseload" in text_of(audit_page(client.get(reverse("web:home"))).find(".//header"))
    client.force_login(personas.senco)
    assert "My caseload" not in text_of(
        audit_page(client.get(reverse("web:home"))).find(".//header")
    )


# ---- what a row shows ------------------------------------------------------------------------


def test_it_shows_child_setting_year_stage_and_next_deadline(client, personas):
    case = personas.case
    personas.child.date_of_birth = born_in_year(4)
    personas.child.save()
    add_event(case, "request_received", days_ago=60)
    add_event(case, "assess_decision", days_ago=20, outcome="assess")
    add_deadline(case, rule="final-plan", days=-3)
    add_deadline(case, rule="advice", days=10)
    client.force_login(personas.case_officer)
    text = main_text(client.get(CASELOAD))
    for expected in [str(personas.child), personas.setting.name, "Year 4", "Assessing"]:
        assert expected in text
    assert "Final EHC plan issued" in text
    assert "Overdue" in text


@pytest.mark.parametrize(
    ("events", "stage"),
    [
        ([], "requested"),
        ([("request_received", "")], "requested"),
        ([("request_received", ""), ("assess_decision", "refuse")], "requested"),
        ([("request_received", ""), ("assess_decision", "assess")], "assessing"),
        ([("assess_decision", "assess"), ("draft_plan_issued", "")], "draft"),
        ([("draft_plan_issued", ""), ("final_plan_issued", "")], "plan"),
        ([("final_plan_issued", ""), ("review_meeting", "")], "plan"),
        ([("transferred_in", "")], "plan"),
        ([("final_plan_issued", ""), ("plan_ceased", "")], "ceased"),
    ],
)
def test_it_derives_the_stage_from_the_latest_milestone(client, personas, events, stage):
    for n, (type, outcome) in enumerate(events):
        add_event(personas.case, type, days_ago=100 - n, outcome=outcome)
    client.force_login(personas.case_officer)
    [case] = client.get(CASELOAD).context["page_obj"].object_list
    assert case.stage == stage


# ---- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "days"),
    [("overdue", -1), ("due-soon", 0), ("due-soon", 14), ("on-track", 15), ("none", None)],
)
def test_it_filters_by_status(client, personas, status, days):
    others = {"overdue": -5, "due-soon": 7, "on-track": 90, "none": None}
    made = {}
    for name, offset in others.items():
        case = held(personas)
        if offset is not None:
            add_deadline(case, days=offset)
        made[name] = case
    if days is not None:
        add_deadline(personas.case, days=days)
    client.force_login(personas.case_officer)
    listed = ids(client.get(CASELOAD, {"status": status}))
    assert set(listed) == {personas.case.pk, made[status].pk}


def test_it_reads_overdue_from_the_due_date_not_a_stale_status(client, personas):
    add_deadline(personas.case, days=-2, status="pending")  # evaluated before it fell due
    client.force_login(personas.case_officer)
    assert ids(client.get(CASELOAD, {"status": "overdue"})) == [personas.case.pk]


def test_it_ignores_met_and_excepted_deadlines(client, personas):
    add_deadline(personas.case, days=-9, status="met", done=today())
    add_deadline(personas.case, days=-9, status="excepted")
    client.force_login(personas.case_officer)
    assert ids(client.get(CASELOAD, {"status": "none"})) == [personas.case.pk]


def test_it_filters_by_setting_phase_need_and_year(client, personas):
    secondary = make_setting(personas.la, phase=Setting.Phase.SECONDARY)
    match = held(personas, setting=secondary, primary_need="SEMH", date_of_birth=born_in_year(8))
    held(personas, setting=secondary, primary_need="SEMH", date_of_birth=born_in_year(9))
    held(personas, setting=secondary, primary_need="ASD", date_of_birth=born_in_year(8))
    client.force_login(personas.case_officer)
    assert set(ids(client.get(CASELOAD, {"setting": secondary.pk}))) == set(
        Case.objects.filter(child__setting=secondary).values_list("pk", flat=True)
    )
    assert personas.case.pk not in ids(client.get(CASELOAD, {"phase": "secondary"}))
    assert ids(client.get(CASELOAD, {"phase": "primary"})) == [personas.case.pk]
    filters = {"setting": secondary.pk, "need": "SEMH", "year": "8"}
    assert ids(client.get(CASELOAD, filters)) == [match.pk]


@pytest.mark.parametrize(
    ("year", "dob_year", "listed"),
    [("0", 0, True), ("0", 1, False), ("early", -1, True), ("post19", 14, True), ("13", 14, False)],
)
def test_it_filters_by_year_group_at_its_edges(client, personas, year, dob_year, listed):
    personas.child.date_of_birth = born_in_year(dob_year)
    personas.child.save()
    client.force_login(personas.case_officer)
    assert (ids(client.get(CASELOAD, {"year": year})) == [personas.case.pk]) is listed


def test_it_filters_by_stage(client, personas):
    drafting = held(personas)
    add_event(drafting, "draft_plan_issued")
    client.force_login(personas.case_officer)
    assert ids(client.get(CASELOAD, {"stage": "draft"})) == [drafting.pk]
    assert ids(client.get(CASELOAD, {"stage": "requested"})) == [personas.case.pk]


def test_it_shows_an_invalid_filter_as_an_error(client, personas):
    client.force_login(personas.case_officer)
    response = client.get(CASELOAD, {"status": "sometime", "need": "ASD"})
    assert response.status_code == 200
    # the page audit checks the "Error: " title
    assert "Select an option from the ‘Status’ list" in main_text(response)
    assert ids(response) == []  # no rows rather than rows the user did not ask for
    assert "0 cases" in main_text(response)


# ---- sorting and paging ----------------------------------------------------------------------


def test_it_puts_overdue_first_then_the_next_due(client, personas):
    later, soon, overdue, none = (held(personas) for _ in range(4))
    add_deadline(later, days=60)
    add_deadline(soon, days=3)
    add_deadline(overdue, days=-40)
    add_deadline(personas.case, days=-2)
    client.force_login(personas.case_officer)
    expected = [overdue.pk, personas.case.pk, soon.pk, later.pk, none.pk]
    assert ids(client.get(CASELOAD)) == expected
    assert ids(client.get(CASELOAD, {"sort": "due"})) == expected


def test_it_sorts_by_child_setting_and_status(client, personas):
    zed = held(personas, family_name="Zed", setting=make_setting(personas.la, name="Aardvark"))
    abe = held(personas, family_name="Abe", setting=make_setting(personas.la, name="Zebra"))
    add_deadline(zed, days=-1)
    add_deadline(abe, days=100)
    personas.child.family_name = "Middle"
    personas.child.save()
    client.force_login(personas.case_officer)
    assert ids(client.get(CASELOAD, {"sort": "child"})) == [abe.pk, personas.case.pk, zed.pk]
    setting_order = ids(client.get(CASELOAD, {"sort": "setting"}))
    assert setting_order.index(zed.pk) < setting_order.index(abe.pk)
    assert ids(client.get(CASELOAD, {"sort": "status"})) == [zed.pk, abe.pk, personas.case.pk]


def test_it_pages_fifty_at_a_time_and_keeps_the_filters(client, personas):
    for _ in range(55):
        add_deadline(held(personas), days=-1)
    client.force_login(personas.case_officer)
    first = client.get(CASELOAD, {"status": "overdue"})
    assert len(ids(first)) == 50
    assert "55 cases" in main_text(first)
    next_link = audit_page(first).find(".//a[@rel='next']")
    assert next_link.get("href") == "?status=overdue&page=2"
    second = client.get(CASELOAD, {"status": "overdue", "page": 2})
    assert len(ids(second)) == 5
    assert personas.case.pk not in ids(first) + ids(second)


def test_it_lists_a_caseload_in_a_constant_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    client.force_login(personas.case_officer)
    with CaptureQueriesContext(connection) as one_case:
        client.get(CASELOAD)
    for n in range(30):
        case = held(personas, setting=make_setting(personas.la))
        add_deadline(case, days=n - 10)
        add_event(case, "final_plan_issued")
    with django_assert_max_num_queries(len(one_case)):
        response = client.get(CASELOAD)
    assert len(ids(response)) == 31


# ---- CSV export ------------------------------------------------------------------------------


def test_it_exports_exactly_the_filtered_rows(client, personas):
    for _ in range(60):
        add_deadline(held(personas), days=-1)
    add_deadline(held(personas), days=40)
    client.force_login(personas.case_officer)
    response = client.get(CSV, {"status": "overdue"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    head, *rows = csv_rows(response)
    assert head[:3] == ["Case ID", "Child", "Setting"]
    overdue = Case.objects.filter(deadlines__due__lt=today(), officer=personas.case_officer)
    assert sorted(int(row[0]) for row in rows) == sorted(overdue.values_list("pk", flat=True))
    assert len(rows) == 60
    assert {row[7] for row in rows} == {"Overdue"}


def test_it_writes_one_export_audit_entry_without_personal_data(client, personas):
    add_deadline(personas.case, days=-1)
    client.force_login(personas.case_officer)
    response = client.get(CSV, {"status": "overdue", "need": "ASD"})
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.user, entry.la) == ("export", personas.case_officer, personas.la)
    assert entry.summary == (
        f"caseload csv: officer={personas.case_officer.pk} need=ASD status=overdue rows=1"
    )
    assert personas.child.family_name not in entry.summary
    disposition = response["Content-Disposition"]
    assert f"caseload-officer-{personas.case_officer.pk}-" in disposition
    assert personas.child.family_name not in disposition
    assert personas.case_officer.username not in disposition


def test_it_keeps_a_spreadsheet_from_running_a_cell_as_a_formula(client, personas):
    personas.child.given_name = "=HYPERLINK"
    personas.child.family_name = '("http://bad.example")'
    personas.child.save()
    personas.setting.name = "@SUM(1)"
    personas.setting.save()
    client.force_login(personas.case_officer)
    [_, row] = csv_rows(client.get(CSV))
    assert row[1] == '\'=HYPERLINK ("http://bad.example")'
    assert row[2] == "'@SUM(1)"


def test_it_starts_the_csv_with_a_bom_so_excel_reads_utf8(client, personas):
    personas.child.given_name = "Zoë"
    personas.child.save()
    client.force_login(personas.case_officer)
    content = client.get(CSV).content
    assert content.startswith(b"\xef\xbb\xbfCase ID,")
    assert "Zoë".encode() in content


def test_it_exports_in_a_constant_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    client.force_login(personas.case_officer)
    with CaptureQueriesContext(connection) as one_case:
        client.get(CSV)
    for n in range(20):
        add_deadline(held(personas, setting=make_setting(personas.la)), days=n)
    with django_assert_max_num_queries(len(one_case)):
        assert len(csv_rows(client.get(CSV))) == 22


# ---- the all-cases list ----------------------------------------------------------------------


def test_it_filters_the_all_cases_list_by_officer(client, personas):
    other = make_user("case_officer", personas.la)
    theirs = make_case(la=personas.la, officer=other)
    client.force_login(personas.qa_auditor)
    assert set(ids(client.get(CASES))) == {personas.case.pk, theirs.pk}
    assert ids(client.get(CASES, {"officer": other.pk})) == [theirs.pk]
    refused = client.get(CASES, {"officer": personas.other_la_officer.pk})
    assert ids(refused) == []
    assert "Select an option from the ‘Officer’ list" in main_text(refused)


def test_it_applies_the_caseload_filters_to_the_all_cases_list(client, personas):
    overdue = make_case(la=personas.la)
    add_deadline(overdue, days=-3)
    client.force_login(personas.team_manager)
    assert ids(client.get(CASES, {"status": "overdue"})) == [overdue.pk]
    assert ids(client.get(CASES, {"status": "none"})) == [personas.case.pk]


def test_it_keeps_the_sencos_scope_on_the_all_cases_list(client, personas):
    make_case(make_child(personas.la, setting=make_setting(personas.la)))
    client.force_login(personas.senco)
    response = client.get(CASES, {"officer": personas.case_officer.pk, "status": "overdue"})
    assert ids(response) == [personas.case.pk]
    assert response.context["form"] is None

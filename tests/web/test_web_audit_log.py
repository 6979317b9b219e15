"""The audit log page: service managers of one local area search its entries; nobody edits."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from senda import audit
from senda.audit.models import AuditEntry
from tests.factories import make_case, make_user
from tests.web.page_audit import audit_page, text_of

URL = reverse("web:audit-log")
NOT_ALLOWED = [
    "case_officer",
    "team_manager",
    "qa_auditor",
    "senco",
    "parent",
    "board_member",
    "other_la_officer",
]


def entry(user, obj, verb="read", at=None, **fields):
    made = audit.record(user=user, verb=verb, obj=obj, **fields)
    if at is not None:
        set_column(made, "at", at)
    return made


def set_column(made, column, value):
    """Entries refuse ORM updates (they are immutable); tests back-date them in SQL."""
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(AuditEntry._meta.db_table)
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, made.pk])


def shown(response):
    return [e.pk for e in response.context["page_obj"].object_list]


@pytest.fixture
def manager(client, personas):
    client.force_login(personas.service_manager)
    return personas.service_manager


def test_it_lists_the_areas_entries_newest_first(client, personas, manager):
    older = entry(personas.case_officer, personas.case, at=timezone.now() - timedelta(days=2))
    newer = entry(personas.case_officer, personas.case, child=personas.child)
    response = client.get(URL)
    assert response.status_code == 200
    assert shown(response) == [newer.pk, older.pk]


def test_it_shows_who_what_when_and_from_where(client, personas, manager):
    set_column(entry(personas.case_officer, personas.case), "ip_address", "192.0.2.7")
    main = text_of(audit_page(client.get(URL)).find(".//main"))
    for expected in [
        personas.case_officer.username,
        "Read",
        f"Case {personas.case.pk}",
        "192.0.2.7",
    ]:
        assert expected in main


def test_it_hides_other_areas_entries(client, personas, manager):
    elsewhere = make_case(la=personas.other_la)
    entry(personas.other_la_officer, elsewhere)
    assert shown(client.get(URL)) == []


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_it_refuses_everyone_but_service_managers(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(URL).status_code == 403


def test_it_refuses_a_service_manager_of_another_area_their_entries(client, personas):
    other_manager = make_user("service_manager", personas.other_la)
    entry(personas.case_officer, personas.case)
    client.force_login(other_manager)
    assert shown(client.get(URL)) == []


@pytest.mark.parametrize("param", ["user", "verb", "object_type", "case", "child"], ids=lambda p: p)
def test_it_filters_by_identifiers(client, personas, manager, param):
    other_case = make_case(la=personas.la)
    wanted = entry(personas.case_officer, personas.case, verb="write", child=personas.child)
    entry(personas.team_manager, other_case, child=other_case.child)
    entry(personas.team_manager, personas.la)
    value = {
        "user": personas.case_officer.pk,
        "verb": "write",
        "object_type": "casework.Case",
        "case": personas.case.pk,
        "child": personas.child.pk,
    }[param]
    ids = shown(client.get(URL, {param: value}))
    assert wanted.pk in ids
    if param != "object_type":
        assert ids == [wanted.pk]


def test_it_finds_writes_about_a_case_by_their_summary(client, personas, manager):
    event_entry = entry(
        personas.case_officer, personas.child, summary=f"case {personas.case.pk}: recorded x"
    )
    entry(personas.case_officer, personas.child, summary=f"case {personas.case.pk}0: recorded x")
    assert shown(client.get(URL, {"case": personas.case.pk})) == [event_entry.pk]


def test_it_filters_by_date_range(client, personas, manager):
    day = timezone.make_aware(datetime(2026, 3, 10, 12))
    inside = entry(personas.case_officer, personas.case, at=day)
    entry(personas.case_officer, personas.case, at=day - timedelta(days=1))
    entry(personas.case_officer, personas.case, at=day + timedelta(days=1))
    query = {
        "since-day": "10",
        "since-month": "3",
        "since-year": "2026",
        "until-day": "10",
        "until-month": "3",
        "until-year": "2026",
    }
    assert shown(client.get(URL, query)) == [inside.pk]


def test_it_explains_a_bad_search(client, personas, manager):
    entry(personas.case_officer, personas.case)
    response = client.get(
        URL, {"case": "abc", "since-day": "31", "since-month": "2", "since-year": "2026"}
    )
    document = audit_page(response)
    assert text_of(document.find(".//title")).startswith("Error: Audit log")
    assert shown(response) == []


def test_it_refuses_a_range_that_ends_before_it_starts(client, personas, manager):
    query = {
        "since-day": "10",
        "since-month": "3",
        "since-year": "2026",
        "until-day": "9",
        "until-month": "3",
        "until-year": "2026",
    }
    response = client.get(URL, query)
    summary = audit_page(response).find(".//div[@class='govuk-error-summary']")
    assert "Latest date must be the same as or after the earliest date" in text_of(summary)


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        (("31", "2", "2026"), "Earliest date must be a real date"),
        (("", "", "2026"), "Earliest date must include a day and a month"),
        (("1", "1", "9999"), "Earliest date must be between 1 January 1900 and 31 December 2200"),
        (("x", "1", "2026"), "Earliest date must be a real date"),
        (("1", "1", "26"), "Year must include 4 numbers"),
        (("1", "1", "9" * 5000), "Year must include 4 numbers"),
    ],
)
def test_it_refuses_a_date_that_is_not_one_with_a_govuk_error(
    client, personas, manager, boxes, message
):
    entry(personas.case_officer, personas.case)
    query = dict(zip(("since-day", "since-month", "since-year"), boxes, strict=True))
    response = client.get(URL, query)
    assert response.status_code == 200
    summary = audit_page(response).find(".//div[@class='govuk-error-summary']")
    assert message in text_of(summary)
    assert [a.get("href") for a in summary.iter("a")] == ["#id_since-day"]
    assert shown(response) == []  # not the whole log, as if no date had been given


def test_it_names_record_types_as_people_do(client, personas, manager):
    entry(personas.case_officer, personas.case)
    document = audit_page(client.get(URL))
    options = {o.get("value"): text_of(o) for o in document.iter("option")}
    assert options["casework.Case"] == "Case"
    assert options["people.FamilyContact"] == "Family contact"
    assert "casework." not in text_of(document.find(".//main"))


def test_it_records_each_search_in_the_log(client, personas, manager):
    client.get(URL, {"case": personas.case.pk, "verb": "read"}, REMOTE_ADDR="192.0.2.9")
    searched = AuditEntry.objects.get(user=manager)
    assert searched.object_type == "people.LocalAuthority"
    assert searched.la_id == personas.la.pk
    assert searched.summary == f"audit log search: verb=read case={personas.case.pk}"
    assert searched.ip_address == "192.0.2.9"


def test_it_offers_no_way_to_change_entries(client, personas, manager):
    entry(personas.case_officer, personas.case)
    document = audit_page(client.get(URL))
    forms = [f for f in document.iter("form") if f.get("class") != "senda-sign-out"]
    assert [f.get("method") for f in forms] == ["get"]


def test_it_pages_and_keeps_the_search(client, personas, manager):
    for _ in range(55):
        entry(personas.case_officer, personas.case, verb="write")
    response = client.get(URL, {"verb": "write"})
    assert len(shown(response)) == 50
    links = [a.get("href") for a in audit_page(response).iter("a")]
    queries = [parse_qs(urlsplit(href).query) for href in links if href and "?" in href]
    assert {"page": ["2"], "verb": ["write"]} in queries
    assert len(shown(client.get(URL, {"verb": "write", "page": 2}))) == 5


def test_it_uses_the_same_queries_however_many_entries(
    client, personas, manager, django_assert_max_num_queries
):
    entry(personas.case_officer, personas.case)
    client.get(URL)
    with django_assert_max_num_queries(10) as few:
        client.get(URL)
    for _ in range(40):
        entry(personas.team_manager, personas.case)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_it_shows_the_audit_log_in_the_menu_of_service_managers_only(client, personas, manager):
    hrefs = [a.get("href") for a in audit_page(client.get(reverse("web:home"))).iter("a")]
    assert URL in hrefs
    client.force_login(personas.team_manager)
    hrefs = [a.get("href") for a in audit_page(client.get(reverse("web:home"))).iter("a")]
    assert URL not in hrefs

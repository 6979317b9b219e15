"""The SEN2 return pages: service managers only; the census chosen from a list (hostile
input is a form error); making the return records a run and shows its results; the
results read is audited and names people by position and UPN only, each linked to where
it is fixed; the download is made on demand, audited and CSRF-protected."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import AssessmentRequest
from senda.interchange import fix_links
from senda.interchange.models import Sen2Run
from senda.people.identifiers import upn_check_letter
from tests.factories import make_case, make_child
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 12, 3)
CENSUS = date(2027, 1, 21)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def _run(la, **fields):
    """A run as a command or an earlier page left it (the run page reads runs, whoever made
    them)."""
    fields.setdefault("kind", Sen2Run.Kind.EXPORT)
    fields.setdefault("census_date", CENSUS)
    return Sen2Run.objects.create(la=la, **fields)


def _finding(position, upn, rule="1530", level="error", element="Person/UPN"):
    return {
        "rule": rule,
        "level": level,
        "position": position,
        "upn": upn,
        "element": element,
        "message": f"Fix rule {rule} for person {position}.",
    }


def test_the_page_offers_the_next_census_and_earlier_januaries(client, personas):
    client.force_login(personas.service_manager)
    response = client.get(reverse("web:sen2"))
    assert response.status_code == 200
    page = audit_page(response)
    options = [o.get("value") for o in page.iter("option")]
    assert options[0] == CENSUS.isoformat()
    assert "2026-01-15" in options and len(options) == 10
    assert all(date.fromisoformat(value).month == 1 for value in options)
    hidden = page.find(".//form[@method='post']/input[@name='census']")
    assert hidden.get("value") == CENSUS.isoformat()
    assert "No return has been made" in text_of(page)


@pytest.mark.parametrize(
    "census", ["99999-01-01", "<script>alert(1)</script>", "2026-02-30", "2026-06-15", ""]
)
def test_a_hostile_census_is_a_form_error_not_a_crash(client, personas, census):
    client.force_login(personas.service_manager)
    response = client.get(reverse("web:sen2"), {"census": census})
    assert response.status_code == 200
    page = audit_page(response)
    assert text_of(page.find(".//title")).startswith("Error: SEN2 return")
    assert "Choose a census date from the list" in text_of(page)
    assert "<script>alert" not in response.content.decode()
    # The page falls back to the next census.
    hidden = page.find(".//form[@method='post']/input[@name='census']")
    assert hidden.get("value") == CENSUS.isoformat()


def test_a_hostile_census_posted_makes_nothing(client, personas):
    client.force_login(personas.service_manager)
    response = client.post(reverse("web:sen2-make"), {"census": "99999-01-01"})
    assert response.status_code == 200
    assert "Choose a census date from the list" in response.content.decode()
    assert not Sen2Run.objects.exists()


def test_choosing_another_january_sets_the_return_made(client, personas):
    client.force_login(personas.service_manager)
    page = audit_page(client.get(reverse("web:sen2"), {"census": "2026-01-15"}))
    hidden = page.find(".//form[@method='post']/input[@name='census']")
    assert hidden.get("value") == "2026-01-15"
    assert "The return for the census on 15 January 2026" in text_of(page)


def test_making_the_return_records_a_run_and_shows_its_results(client, personas):
    la = personas.la
    make_case(make_child(la, upn="", upn_unknown=""), officer=personas.case_officer)
    client.force_login(personas.service_manager)
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    response = client.post(reverse("web:sen2-make"), {"census": CENSUS.isoformat()})
    run = Sen2Run.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:sen2-run", args=[run.pk])
    assert run.la == la and run.census_date == CENSUS and run.made_by == personas.service_manager
    assert run.kind == Sen2Run.Kind.EXPORT
    exported = AuditEntry.objects.exclude(pk__in=before).filter(verb="export")
    assert exported.count() == 1
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = text_of(audit_page(page))
    assert f"{run.persons} person" in text
    assert f"{run.errors} error" in text
    assert "How the return compares" in text
    # Its counts, and the consistency table with the KPIs and DfE's figures.
    assert "The return's counts" in text and "Why they differ" in text
    history = audit_page(client.get(reverse("web:sen2")))
    links = [a.get("href") for a in history.iter("a")]
    assert reverse("web:sen2-run", args=[run.pk]) in links


def _requested(child):
    """A case of ``child`` with a request for assessment received in the return's year."""
    case = make_case(child)
    AssessmentRequest.objects.create(case=case, received_on=date(2026, 3, 12), source=1)
    return case


def test_a_return_made_links_each_finding_to_where_it_is_fixed(client, personas):
    """The real return: a child with a UPN and one with neither UPN nor reason, each with a
    request in the year. Each finding of the first links to their details; the second's
    (no UPN) to the data-quality page, which lists them."""
    body = "931000000421"
    upn = upn_check_letter(body) + body
    known = _requested(make_child(personas.la, upn=upn, given_name="Wilhelmina")).child
    _requested(make_child(personas.la, upn="", upn_unknown="", given_name="Ottoline"))
    client.force_login(personas.service_manager)
    response = client.post(reverse("web:sen2-make"), {"census": CENSUS.isoformat()}, follow=True)
    run = Sen2Run.objects.get()
    assert run.persons == 2 and run.counts["requests"] == 2
    findings = run.findings
    assert {f["upn"] for f in findings} == {upn, ""}, findings
    page = audit_page(response)
    html = response.content.decode()
    assert "Wilhelmina" not in html and "Ottoline" not in html
    rows = [r for t in page.iter("table") if "Each finding" in text_of(t) for r in t.iter("tr")]
    body_rows = rows[1:]
    assert len(body_rows) == len(findings)
    case_id = known.cases.get().pk

    def fixed_at(element: str) -> str:
        page = fix_links.fix_page(element)
        if page == "child-details":
            return reverse("web:child-details", args=[known.pk])
        return reverse(f"web:{page}", args=[case_id])

    for row, finding in zip(body_rows, findings, strict=True):
        hrefs = [a.get("href") for a in row.iter("a")]
        assert f"Person {finding['position']}" in text_of(row)
        assert finding["message"] in text_of(row)
        expected = fixed_at(finding["element"]) if finding["upn"] else reverse("web:data-quality")
        assert hrefs == [expected], (finding, hrefs)
    by_rule = next(text_of(t) for t in page.iter("table") if "Findings by rule" in text_of(t))
    for rule, level in {(f["rule"], f["level"]) for f in findings}:
        assert rule in by_rule and level.capitalize() in by_rule


def test_the_results_list_every_finding_by_position_and_upn_linked_to_the_child(client, personas):
    la = personas.la
    held = make_child(la, upn="A123456789012", given_name="Wilhelmina")
    elsewhere = make_child(personas.other_la, upn="B123456789012")
    findings = [
        _finding(1, "A123456789012"),
        _finding(2, "", rule="1550", level="query", element="Person/UPNunknown"),
        _finding(3, "B123456789012", rule="1530"),
    ]
    run = _run(la, persons=3, errors=2, queries=1, findings=findings, counts={"requests": 4})
    client.force_login(personas.service_manager)
    response = client.get(reverse("web:sen2-run", args=[run.pk]))
    html = response.content.decode()
    page = audit_page(response)
    text = text_of(page)
    assert "Wilhelmina" not in html and held.family_name not in html
    assert "Person 1" in text and "A123456789012" in text and "Person 2" in text
    assert "Fix rule 1550 for person 2." in text
    child_link = reverse("web:child-details", args=[held.pk])
    assert html.count(f'href="{child_link}"') == 1
    # Another area's child with the UPN is not linked: that person goes to data quality.
    assert reverse("web:child-details", args=[elsewhere.pk]) not in html
    in_main = [a.get("href") for a in page.find(".//main").iter("a")]
    assert in_main.count(reverse("web:data-quality")) == 2
    by_rule = next(text_of(t) for t in page.iter("table") if "Findings by rule" in text_of(t))
    assert "1530 Error 2" in by_rule and "1550 Query 1" in by_rule
    assert held.given_name not in text_of(page.find(".//title"))


def test_a_finding_links_to_the_page_where_its_element_is_put_right(client, personas):
    la = personas.la
    held = make_child(la, upn="A123456789012")
    case = make_case(held)
    findings = [
        _finding(
            1, "A123456789012", element="Requests[1]/ActivePlans/PlacementDetail[1]/EntryDate"
        ),
        _finding(1, "A123456789012", element="Requests[1]/Assessment/NamedPlan/PlanDetail[1]"),
        _finding(1, "A123456789012", element="Requests[1]/Assessment/NamedPlan/CeaseReason"),
        _finding(1, "A123456789012", element="UPN"),
    ]
    run = _run(la, persons=1, errors=4, findings=findings, counts={"requests": 1})
    client.force_login(personas.service_manager)
    html = client.get(reverse("web:sen2-run", args=[run.pk])).content.decode()
    for name, args in (
        ("web:placements", [case.pk]),
        ("web:plan-settings", [case.pk]),
        ("web:case-detail", [case.pk]),
        ("web:child-details", [held.pk]),
    ):
        assert f'href="{reverse(name, args=args)}"' in html, name


def test_the_results_page_read_is_audited(client, personas):
    run = _run(personas.la, findings=[_finding(1, "A123456789012")])
    client.force_login(personas.service_manager)
    before = AuditEntry.objects.count()
    client.get(reverse("web:sen2-run", args=[run.pk]), {"page": "1"})
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("pk").last()
    assert entry.verb == "read" and entry.user == personas.service_manager
    assert entry.la_id == personas.la.pk
    assert entry.object_type == "interchange.Sen2Run" and entry.object_id == str(run.pk)
    assert entry.summary == f"sen2 return: census={CENSUS.isoformat()} run={run.pk} page=1"


def test_the_findings_are_paginated_and_a_bad_page_is_the_last(client, personas):
    findings = [_finding(n, f"X{n:012d}") for n in range(1, 121)]
    run = _run(personas.la, persons=120, errors=120, findings=findings)
    client.force_login(personas.service_manager)
    url = reverse("web:sen2-run", args=[run.pk])
    first = text_of(audit_page(client.get(url)))
    assert "Showing 1 to 50 of 120 findings" in first
    assert "Person 51 " not in first
    last = text_of(audit_page(client.get(url, {"page": "99999"})))
    assert "Showing 101 to 120 of 120 findings" in last
    hostile = client.get(url, {"page": "<script>"})
    assert hostile.status_code == 200


def test_it_says_when_only_the_first_findings_were_kept(client, personas):
    run = _run(personas.la, errors=900, queries=100, findings=[_finding(1, "")] * 500)
    client.force_login(personas.service_manager)
    text = text_of(audit_page(client.get(reverse("web:sen2-run", args=[run.pk]))))
    assert "the first 500 of the 1000 findings" in text


def test_the_download_is_made_on_demand_named_and_audited(client, personas):
    run = _run(personas.la)
    client.force_login(personas.service_manager)
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    response = client.post(reverse("web:sen2-download", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    made = Sen2Run.objects.exclude(pk=run.pk).get()
    assert made.census_date == CENSUS and made.made_by == personas.service_manager
    assert response["Content-Disposition"] == f'attachment; filename="{made.file_name}"'
    assert made.file_name and personas.child.family_name not in made.file_name
    assert response.content.lstrip().startswith(b"<")
    assert "no-store" in response["Cache-Control"]
    new = AuditEntry.objects.exclude(pk__in=before)
    assert new.filter(verb="export", user=personas.service_manager).count() == 1


def test_the_download_and_making_need_the_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.service_manager)
    run = _run(personas.la)
    assert client.post(reverse("web:sen2-download", args=[run.pk])).status_code == 403
    made = client.post(reverse("web:sen2-make"), {"census": CENSUS.isoformat()})
    assert made.status_code == 403
    assert Sen2Run.objects.count() == 1


def test_a_get_of_the_download_or_make_is_refused(client, personas):
    run = _run(personas.la)
    client.force_login(personas.service_manager)
    assert client.get(reverse("web:sen2-download", args=[run.pk])).status_code == 405
    assert client.get(reverse("web:sen2-make")).status_code == 405
    assert Sen2Run.objects.count() == 1


@pytest.mark.parametrize("role", ["case_officer", "team_manager", "qa_auditor", "board_member"])
def test_only_service_managers_make_the_return(client, personas, role):
    run = _run(personas.la)
    client.force_login(getattr(personas, role))
    assert client.get(reverse("web:sen2")).status_code == 403
    assert client.get(reverse("web:sen2-run", args=[run.pk])).status_code == 403
    assert client.post(reverse("web:sen2-make"), {"census": CENSUS.isoformat()}).status_code == 403
    assert client.post(reverse("web:sen2-download", args=[run.pk])).status_code == 403
    assert Sen2Run.objects.count() == 1


def test_another_areas_return_is_not_found(client, personas):
    run = _run(personas.other_la)
    client.force_login(personas.service_manager)
    assert client.get(reverse("web:sen2-run", args=[run.pk])).status_code == 404
    assert client.post(reverse("web:sen2-download", args=[run.pk])).status_code == 404
    assert Sen2Run.objects.count() == 1

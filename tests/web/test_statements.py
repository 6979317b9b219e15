"""The accessibility statement and the privacy notice (ADR 0038): public, the council's
own, linked from every page's footer."""

from __future__ import annotations

import json
from datetime import date

from django.urls import reverse

from senda.people.models import PublicNotices
from senda.web import accessibility
from tests.factories import make_la, make_user


def test_it_shows_the_only_councils_statement_to_anyone_with_its_contact(client, db):
    la = make_la()
    PublicNotices.objects.create(
        la=la,
        controller="Example Borough Council",
        accessibility_email="access@example.gov.uk",
        accessibility_phone="01632 960000",
        reply_days=7,
        reviewed_on=date(2026, 11, 30),
    )
    page = client.get("/accessibility/").content.decode()
    assert "This website is run by Example Borough Council" in page
    assert 'href="mailto:access@example.gov.uk"' in page and "call 01632 960000" in page
    assert "get back to you in 7 working days" in page
    assert "Equality Advisory and Support Service" in page
    assert "partially compliant with the" in page  # known issues: not all tested yet
    assert "What we have not tested yet" in page
    assert "It was last reviewed on 30 November 2026" in page
    facts = accessibility.facts()
    assert f"open {len(facts.pages)} pages in Chromium" in page


def test_it_asks_which_council_where_there_are_several(client, db):
    first, second = make_la(), make_la()
    page = client.get("/privacy/").content.decode()
    assert reverse("web:privacy-council", kwargs={"la_code": second.code}) in page
    client.force_login(make_user("case_officer", first))
    assert f"{first.name}</span>" in client.get("/privacy/").content.decode()
    assert client.get("/public/999/privacy/").status_code == 404


def test_the_privacy_notice_names_the_controller_dpo_bases_and_retention(client, db):
    la = make_la()
    PublicNotices.objects.create(
        la=la,
        ico_registration="Z1234567",
        dpo_email="dpo@example.gov.uk",
        retention_url="https://example.gov.uk/retention",
    )
    page = client.get(reverse("web:privacy-council", kwargs={"la_code": la.code})).content.decode()
    assert f"{la.name} is the data controller" in page
    assert "registered with the Information Commissioner's Office as Z1234567" in page
    assert 'href="mailto:dpo@example.gov.uk"' in page
    assert 'href="https://example.gov.uk/retention"' in page
    for basis in (
        "Article 6(1)(e)",
        "Article 9(2)(g)",
        "Article 9(2)(h)",
        "Children and Families Act 2014",
    ):
        assert basis in page


def test_every_page_links_to_both_in_its_footer(client, db):
    page = client.get("/sign-in/").content.decode()
    assert 'href="/accessibility/">Accessibility statement</a>' in page
    assert 'href="/privacy/">Privacy notice</a>' in page


def write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_finding_makes_the_site_partially_compliant_and_must_be_explained(tmp_path):
    found = {"rule": "color-contrast", "help": "Text must contrast", "impact": "serious"}
    results = write(
        tmp_path / "r.json", {"pages": {"/b/": {"violations": [found]}, "/a/": {"violations": []}}}
    )
    known = write(tmp_path / "k.json", {"issues": [{"summary": "Uploads", "kind": "out-of-scope"}]})
    facts = accessibility.facts(results, known)
    assert (facts.status, facts.pages) == ("partially", ("/a/", "/b/"))
    assert facts.findings == (
        accessibility.Finding("/b/", "color-contrast", "Text must contrast", "serious"),
    )
    data = json.loads(results.read_text())
    assert accessibility.unexplained(data, accessibility.load_issues(known)) == [
        "/b/: color-contrast"
    ]
    clean = write(tmp_path / "c.json", {"pages": {"/a/": {"violations": []}}})
    assert accessibility.facts(clean, known).status == "fully"  # out of scope is no failing


def test_it_checks_the_committed_results_are_canonical_and_explained(tmp_path, capsys):
    assert accessibility.main(["--check", str(accessibility.RESULTS)]) == 0
    messy = write(
        tmp_path / "r.json", {"pages": {"/b/": {"violations": []}, "/a/": {"violations": []}}}
    )
    assert accessibility.main(["--check", str(messy)]) == 1
    assert accessibility.main([str(messy)]) == 0  # rewritten canonical
    assert accessibility.main(["--check", str(messy)]) == 0

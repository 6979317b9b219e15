"""The data-quality page: each check's count and its cases (by reference, never a name)
for the user's own area only, a link to each check's KPI, and an audited read."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.interchange.quality_checks import CHECKS
from senda.people.names import display_name
from tests.factories import make_case, make_child
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def test_it_lists_each_check_with_its_count_and_cases(client, personas):
    la = personas.la
    # The personas' child: ASD, no UPN and no reason, flags not recorded, officer held.
    orphan = make_case(
        make_child(
            la,
            given_name="Wilhelmina",
            upn_unknown="UN1",
            elective_home_education=False,
            missing_education=False,
        )
    )
    elsewhere = make_case(make_child(personas.other_la, given_name="Elsewhere"))
    client.force_login(personas.team_manager)
    before = AuditEntry.objects.count()
    response = client.get(reverse("web:data-quality"))
    assert response.status_code == 200
    html = response.content.decode()
    text = " ".join(text_of(audit_page(response)).split())
    assert "Open cases with no officer: 1" in text
    assert "No UPN and no reason recorded: 1" in text
    assert "Elective home education not recorded: 1" in text
    assert "Children missing education not recorded: 1" in text
    assert "UPN fails its check letter: 0" in text
    assert f'href="{reverse("web:case-detail", args=[orphan.pk])}">R-{orphan.pk}<' in html
    assert f">R-{personas.case.pk}<" in html
    assert f"R-{elsewhere.pk}<" not in html
    assert "Wilhelmina" not in html and personas.child.given_name not in html
    for check in CHECKS:
        assert reverse("web:kpi", args=[check.id]) in html
    entry = AuditEntry.objects.order_by("pk").last()
    assert AuditEntry.objects.count() == before + 1
    assert entry.verb == "read" and entry.user == personas.team_manager
    assert entry.la_id == la.pk
    assert entry.summary.startswith("data quality")


def test_a_case_officer_may_not_see_it(client, personas):
    client.force_login(personas.case_officer)
    assert client.get(reverse("web:data-quality")).status_code == 403


def test_each_checks_kpi_page_opens(client, personas):
    client.force_login(personas.service_manager)
    for check in CHECKS:
        response = client.get(reverse("web:kpi", args=[check.id]))
        assert response.status_code == 200, check.id
        assert check.title in response.content.decode()


def _owner_form(page, check_id):
    section = page.find(f".//section[@id='check-{check_id}']")
    return section, section.find(".//form")


def test_a_manager_assigns_an_owner_shown_on_the_page(client, personas):
    from senda.interchange.models import CheckOwner

    client.force_login(personas.team_manager)
    page = audit_page(client.get(reverse("web:data-quality")))
    section, form = _owner_form(page, "dq-missing-upn")
    assert form is not None and form.get("method") == "post"
    options = [text_of(o) for o in form.iter("option")]
    assert options[0] == "No owner"
    officer = display_name(personas.case_officer)
    assert f"{officer} (case officer)" in options
    # Only the area's SEND staff are offered.
    assert display_name(personas.senco) not in " ".join(options)
    assert display_name(personas.other_la_officer) not in " ".join(options)
    assert "Owner: nobody yet" in text_of(section)
    response = client.post(
        reverse("web:data-quality"),
        {"check": "dq-missing-upn", "owner": personas.case_officer.pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("#check-dq-missing-upn")
    row = CheckOwner.objects.get(la=personas.la, check_id="dq-missing-upn")
    assert row.owner == personas.case_officer and row.assigned_by == personas.team_manager
    section, _ = _owner_form(audit_page(response), "dq-missing-upn")
    assert f"Owner: {officer}" in text_of(section)


@pytest.mark.parametrize(
    "posted",
    [
        {"check": "dq-missing-upn", "owner": "999999"},
        {"check": "dq-missing-upn", "owner": "<script>"},
        {"check": "<script>", "owner": "1"},
        {"check": "dq-missing-upn", "owner": "senco"},
    ],
)
def test_a_bad_owner_is_a_form_error(client, personas, posted):
    from senda.interchange.models import CheckOwner

    if posted["owner"] == "senco":
        posted = {**posted, "owner": personas.senco.pk}
    client.force_login(personas.service_manager)
    response = client.post(reverse("web:data-quality"), posted)
    assert response.status_code == 200
    page = audit_page(response)
    assert text_of(page.find(".//title")).startswith("Error: Data quality")
    assert "<script>" not in response.content.decode()
    assert not CheckOwner.objects.exists()


def test_a_qa_auditor_sees_owners_but_may_not_assign(client, personas):
    from senda.interchange import owners
    from senda.interchange.models import CheckOwner

    owners.assign_owner(
        la=personas.la,
        check_id="dq-no-officer",
        owner=personas.qa_auditor,
        by=personas.team_manager,
    )
    client.force_login(personas.qa_auditor)
    page = audit_page(client.get(reverse("web:data-quality")))
    section, form = _owner_form(page, "dq-no-officer")
    assert form is None
    assert f"Owner: {display_name(personas.qa_auditor)}" in text_of(section)
    posted = {"check": "dq-no-officer", "owner": personas.case_officer.pk}
    assert client.post(reverse("web:data-quality"), posted).status_code == 403
    assert CheckOwner.objects.get().owner == personas.qa_auditor


def test_the_owner_post_needs_the_csrf_token(personas):
    from django.test import Client

    from senda.interchange.models import CheckOwner

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.team_manager)
    posted = {"check": "dq-no-officer", "owner": personas.case_officer.pk}
    assert client.post(reverse("web:data-quality"), posted).status_code == 403
    assert not CheckOwner.objects.exists()


def test_each_case_links_to_where_it_is_fixed(client, personas):
    """Identifiers and flags: the child's details (for managers); no officer: the case."""
    la = personas.la
    unflagged = make_case(make_child(la), officer=personas.case_officer)  # EHE/CME unknown
    client.force_login(personas.team_manager)
    page = audit_page(client.get(reverse("web:data-quality")))
    ehe = page.find(".//section[@id='check-dq-home-education-not-recorded']")
    hrefs = [a.get("href") for a in ehe.iter("a")]
    assert reverse("web:child-details", args=[unflagged.child_id]) in hrefs
    officerless = make_case(make_child(la, elective_home_education=False, missing_education=False))
    page = audit_page(client.get(reverse("web:data-quality")))
    none = page.find(".//section[@id='check-dq-no-officer']")
    assert reverse("web:case-detail", args=[officerless.pk]) in [
        a.get("href") for a in none.iter("a")
    ]
    # A QA auditor cannot change a child's details: the case page instead.
    client.force_login(personas.qa_auditor)
    page = audit_page(client.get(reverse("web:data-quality")))
    ehe = page.find(".//section[@id='check-dq-home-education-not-recorded']")
    hrefs = [a.get("href") for a in ehe.iter("a")]
    assert reverse("web:case-detail", args=[unflagged.pk]) in hrefs
    assert reverse("web:child-details", args=[unflagged.child_id]) not in hrefs


def test_each_check_shows_its_trend_from_the_nightly_counts(client, personas, today_is):
    from datetime import timedelta

    from senda.performance import tick

    la = personas.la
    first = TODAY - timedelta(weeks=2)
    today_is(first)
    tick.run(la, [first], today=first)
    make_case(make_child(la))  # a second case with no officer
    make_case(make_child(la))  # and a third
    today_is(TODAY)
    tick.run(la, [TODAY], today=TODAY)
    client.force_login(personas.team_manager)
    page = audit_page(client.get(reverse("web:data-quality")))
    section = page.find(".//section[@id='check-dq-no-officer']")
    table = section.find(".//table")
    assert table is not None
    rows = [[text_of(c) for c in tr] for tr in table.find("tbody").iter("tr")]
    before = [r for r in rows if r[0].endswith("19 Nov 2026")]
    now = [r for r in rows if r[0].endswith("3 Dec 2026")]
    assert before and now
    assert int(now[0][1].split()[-1]) == int(before[0][1].split()[-1]) + 2
    assert "Up 2 since 19 Nov 2026." in text_of(section)
    # A check with no count kept says so.
    blank = page.find(".//section[@id='check-dq-invalid-uln']")
    assert "No change since 19 Nov 2026." in text_of(blank)

"""The destinations pages (/destinations/): figures by cohort with the young people behind
them for council staff (every list audited), figures alone, small numbers suppressed, for
board members; the post-19 view; the extract's upload and the register of opportunities."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import Plan
from senda.pathways.models import Opportunity, Participation
from senda.pathways.participation_import import import_participation
from tests.factories import make_case, make_child, make_la, make_user
from tests.web.page_audit import audit_page

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "participation-extract.csv"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("senda.kernel.today", lambda: TODAY)


@pytest.fixture
def area():
    la = make_la()
    make_child(la, upn="C936202500011", date_of_birth=date(2009, 10, 12))
    make_child(la, upn="Q936202500021", date_of_birth=date(2010, 3, 2))
    make_child(la, given_name="Cara", family_name="Example", date_of_birth=date(2008, 11, 20))
    older = make_child(la, upn="V936202100051", given_name="Ezra", date_of_birth=date(2005, 6, 1))
    Plan.objects.create(case=make_case(older), issued_on=date(2020, 1, 6))
    manager = make_user("service_manager", la)
    import_participation(
        EXAMPLE.read_bytes(), filename="x.csv", la=la, by=manager, month=date(2026, 10, 1)
    )
    return la, manager


def test_staff_see_the_figures_and_the_young_people_behind_them(client, area):
    la, manager = area
    client.force_login(manager)
    response = client.get(reverse("web:destinations"))
    audit_page(response)
    html = response.content.decode()
    assert "2026 (age 16)" in html and "2021 (age 21)" in html
    assert "destinations/children/?send=ehcp" in html
    # One month imported: no cohort's six months September to February are all there, so
    # none is judged (issue 18's walk: "0 of 186 (0%)"), and the page says why.
    assert "Not enough months yet" in html and "None recorded" not in html
    listed = client.get(
        reverse("web:destinations-children"),
        {"send": "ehcp", "which": "neet", "cohort": "2026", "month": "2026-10"},
    )
    audit_page(listed)
    assert "YP0002" in listed.content.decode() and "YP0001" not in listed.content.decode()
    post19 = client.get(reverse("web:destinations-post-19"))
    audit_page(post19)
    assert "Ezra" in post19.content.decode() and "Supported internship" in post19.content.decode()
    pages = AuditEntry.objects.filter(verb="read").values_list("summary", flat=True)
    assert sum("destinations" in s for s in pages) == 2
    kpi = client.get(reverse("web:kpi", args=["neet"]), {"quarter": "2026-27-q3"})
    # The young people behind the figure, each linked to their case (issue 18's walk: the
    # records were listed as plain "Participation record N").
    html = kpi.content.decode()
    # young people Senda holds no case for (YP0002: matched to a child with no case): their
    # own page, by the council's reference
    unknown = Participation.objects.get(la=la, person_ref="YP0002")
    page = reverse("web:destinations-young-person", args=[unknown.pk])
    assert f'href="{page}">Young person {unknown.person_ref}</a>' in html
    assert "Participation record" not in html
    # One it holds a case for is listed as that case, linked (issue 18's walk: every
    # record was plain "Participation record N").
    from senda.performance.behind import _young_peoples_cases

    ezra = Participation.objects.get(la=la, child__given_name="Ezra")
    others = list(
        Participation.objects.filter(la=la).exclude(pk=ezra.pk).values_list("pk", flat=True)
    )
    case = Plan.objects.get(case__child=ezra.child).case_id
    assert _young_peoples_cases(la, [ezra.pk, *others]) == {ezra.pk: case}


def test_board_members_see_suppressed_figures_alone(client, area):
    la, _ = area
    client.force_login(make_user("board_member", la))
    html = client.get(reverse("web:destinations")).content.decode()
    assert "Fewer than" in html and "destinations/children/" not in html
    assert client.get(reverse("web:destinations-children")).status_code == 403
    assert client.get(reverse("web:destinations-post-19")).status_code == 403


def test_managers_upload_an_extract_and_record_opportunities(client, area):
    _, manager = area
    client.force_login(manager)
    bad = SimpleUploadedFile("nov.csv", b"Young person ID,Date of birth\nYP1,2009-01-01\n")
    response = client.post(reverse("web:destinations-import"), {"file": bad, "month": "2026-11"})
    assert response.status_code == 200 and "No column for SEND status" in response.content.decode()
    good = SimpleUploadedFile("nov.csv", EXAMPLE.read_bytes())
    response = client.post(reverse("web:destinations-import"), {"file": good, "month": "2026-11"})
    assert response.status_code == 302
    assert Participation.objects.filter(month=date(2026, 11, 1)).count() == 5
    posted = {"kind": "internship", "change": "add", "year": "2026", "places": "12",
              "provider": "City Hospital"}  # fmt: skip
    assert client.post(reverse("web:destinations-opportunities"), posted).status_code == 302
    taken = {**posted, "change": "remove", "places": "20"}
    response = client.post(reverse("web:destinations-opportunities"), taken)
    assert "Only 12 places" in response.content.decode()
    assert Opportunity.objects.get().places == 12
    html = client.get(reverse("web:destinations")).content.decode()
    assert "2026/27" in html and "Supported internship" in html


def test_a_young_person_unknown_to_senda_has_a_page_of_their_own(client, area):
    """Issue 18's walk: a young person Senda holds no case for was "Participation record
    N" behind a KPI, with nowhere to go."""
    la, manager = area
    client.force_login(manager)
    first = Participation.objects.filter(la=la, child__isnull=True).order_by("pk").first()
    import_participation(  # the next month: the same young person, another record
        EXAMPLE.read_bytes(), filename="y.csv", la=la, by=manager, month=date(2026, 11, 1)
    )
    url = reverse("web:destinations-young-person", args=[first.pk])
    assert str(first.pk) in url and first.person_ref not in url
    response = client.get(url)
    audit_page(response)
    html = response.content.decode()
    assert f"<title>Destinations: young person {first.person_ref}" in html
    assert "October 2026" in html and "November 2026" in html  # both months
    assert "Not known to Senda" in html and f"{first.cohort}" in html
    entry = AuditEntry.objects.filter(verb="read", summary__startswith="destinations: partic").get()
    assert entry.object_type == "pathways.Participation" and "(2 records)" in entry.summary
    # the list behind a figure links each young person to their page
    listed = client.get(
        reverse("web:destinations-children"),
        {"send": "sen_support", "which": "young_people", "month": "2026-10"},
    )
    assert f'href="{url}">{first.person_ref}</a>' in listed.content.decode()
    # another area's staff: 404; board members: 403
    other = make_la()
    client.force_login(make_user("case_officer", other))
    assert client.get(url).status_code == 404
    client.force_login(make_user("board_member", la))
    assert client.get(url).status_code == 403

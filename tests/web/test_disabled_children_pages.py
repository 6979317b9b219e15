"""The disabled children's register's pages (/disabled-children/) and the social care
assessment offered on a case: the service manager and the area's social care staff list,
view and record; a SENCo, an advice-giver of another discipline, a board member and a
parent get 404 on every page; every read is audited; no child's name in a title; the KPI
page lists the register entries behind a figure only to those who may see the register."""

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent, SocialCareOffer
from senda.kernel import ActionError
from senda.pathways.disabled import actions
from senda.pathways.disabled.models import RegisterRecord
from senda.people.models import AdviceTeam
from tests.factories import (
    make_advice_team,
    make_case,
    make_child,
    make_la,
    make_setting,
    make_user,
)
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("senda.kernel.today", lambda: TODAY)


@pytest.fixture
def area():
    la = make_la()
    team = make_advice_team(la, discipline=AdviceTeam.Discipline.SOCIAL_CARE)
    worker = make_user("advice_giver", la)
    team.members.add(worker)
    school = make_setting(la)
    child = make_child(la, given_name="Zebedee", setting=school, nhs_number="9434765919")
    entry = actions.add_child(
        child=child, referred_on=date(2026, 4, 1), decision="accepted",
        decided_on=date(2026, 4, 8), by=worker,
    )  # fmt: skip
    short = actions.record(
        entry=entry, kind="short_break", route="assessed", break_type="overnight",
        starts_on=date(2026, 5, 1), by=worker,
    )  # fmt: skip
    actions.record(entry=entry, kind="status", status="cin", starts_on=date(2026, 4, 8),
                   by=worker)  # fmt: skip
    return la, worker, school, child, entry, short


def urls(entry, short):
    return [
        reverse("web:dc-register"),
        reverse("web:dc-add"),
        reverse("web:dc-child", args=[entry.pk]),
        reverse("web:dc-record", args=[entry.pk]) + "?kind=status",
        reverse("web:dc-correct", args=[short.pk]),
    ]


def test_a_senco_an_advice_giver_the_board_and_a_parent_cannot_see_the_register(client, area):
    la, _, school, child, entry, short = area
    health = make_advice_team(la)
    clinician = make_user("advice_giver", la)
    health.members.add(clinician)
    make_case(child)  # the child has an EHC case the SENCo's setting and parent see
    for user in (
        make_user("senco", la, setting=school),
        clinician,
        make_user("board_member", la),
        make_user("parent", la, child=child),
        make_user("case_officer", la),
    ):
        client.force_login(user)
        for url in urls(entry, short):
            assert client.get(url).status_code == 404, (user.membership.role, url)
        assert client.post(urls(entry, short)[3], {"starts_on-day": "1"}).status_code == 404
    assert RegisterRecord.objects.count() == 3  # nothing written


def test_social_care_staff_list_view_and_record_and_every_read_is_audited(client, area):
    la, worker, _, child, entry, short = area
    client.force_login(worker)
    home = client.get(reverse("web:home")).content.decode()
    assert reverse("web:dc-register") in home  # their home page links to the register
    reads = AuditEntry.objects.filter(verb="read")
    before = reads.count()
    page = audit_page(client.get(reverse("web:dc-register") + "?status=cin"))
    assert "Zebedee" in text_of(page) and "Zebedee" not in page.find(".//{*}title").text
    page = audit_page(client.get(reverse("web:dc-child", args=[entry.pk])))
    assert "Zebedee" not in page.find(".//{*}title").text
    assert "Overnight stay" in text_of(page) and "Child in need" in text_of(page)
    assert reads.count() == before + 2
    assert reads.filter(child_id=child.pk).exists()
    response = client.post(
        reverse("web:dc-record", args=[entry.pk]) + "?kind=complaint",
        {"starts_on-day": "2", "starts_on-month": "6", "starts_on-year": "2026", "note": ""},
    )
    assert response.status_code == 302, text_of(audit_page(response))[:3000]
    assert RegisterRecord.objects.filter(kind="complaint", entry=entry).exists()
    response = client.post(
        reverse("web:dc-correct", args=[short.pk]),
        {"what": "withdraw", "why": "Recorded on the wrong child"},
    )
    assert response.status_code == 302, text_of(audit_page(response))[:3000]
    assert not RegisterRecord.objects.current().filter(pk=short.pk).exists()
    other = make_child(la, nhs_number="4010232137")
    response = client.post(
        reverse("web:dc-add"),
        {"identifier": "401 023 2137", "date_of_birth-day": "1", "date_of_birth-month": "6",
         "date_of_birth-year": "2015", "referred_on-day": "3", "referred_on-month": "6",
         "referred_on-year": "2026", "decision": ""},
    )  # fmt: skip
    assert response.status_code == 302, text_of(audit_page(response))[:3000]
    assert RegisterRecord.objects.filter(entry__child=other, kind="referral").exists()


def test_the_kpi_page_lists_register_entries_only_to_those_who_may_see_them(client, area):
    la, *_ = area
    url = reverse("web:kpi", args=["short-breaks-assessed"])
    client.force_login(make_user("case_officer", la))
    assert "Register entry" not in text_of(audit_page(client.get(url)))
    client.force_login(make_user("service_manager", la))
    assert "Register entry" in text_of(audit_page(client.get(url)))


def test_the_case_page_shows_the_social_care_assessment_offered(client, area):
    la, *_ = area
    officer = make_user("case_officer", la)
    case = make_case(la=la, officer=officer)
    plan = CaseEvent.objects.create(
        case=case, type="final_plan_issued", on=date(2026, 4, 20), recorded_by=officer
    )
    client.force_login(officer)
    response = client.post(
        reverse("web:case-social-care", args=[case.pk]),
        {"event": str(plan.pk), "answer": "accepted", "offered_on-day": "20",
         "offered_on-month": "4", "offered_on-year": "2026", "answered_on-day": "1",
         "answered_on-month": "5", "answered_on-year": "2026"},
    )  # fmt: skip
    assert response.status_code == 302, text_of(audit_page(response))[:3000]
    assert SocialCareOffer.objects.get().answer == "accepted"
    page = audit_page(client.get(reverse("web:case-detail", args=[case.pk])))
    assert "Accepted: offered 20 Apr 2026" in text_of(page)


def test_the_short_break_form_reports_every_mistake_at_once(client, area):
    """A short break with its route and kind left out and a first day in the future: all
    three are in the one error summary (not the form's two, then the date after they are
    put right), each linking to its field; the route's question is in plain words."""
    _la, worker, _, _child, entry, _short = area
    client.force_login(worker)
    url = reverse("web:dc-record", args=[entry.pk]) + "?kind=short_break"
    assert "How the short break was arranged" in text_of(audit_page(client.get(url)))
    response = client.post(
        url, {"starts_on-day": "5", "starts_on-month": "7", "starts_on-year": "2026"}
    )
    assert response.status_code == 200
    page = audit_page(response)
    summary = next(e for e in page.iter() if e.get("class") == "govuk-error-summary")
    items = {a.get("href"): "".join(a.itertext()) for a in summary.findall(".//{*}a")}
    assert items == {
        "#id_route": "Choose how the short break was arranged",
        "#id_break_type": "Choose the kind of break",
        "#id_starts_on-day": "First day of the break must be today or in the past",
    }
    # the action itself refuses once with every field, for a caller without the form
    with pytest.raises(ActionError) as refused:
        actions.record(entry=entry, kind="short_break", starts_on=date(2026, 7, 5), by=worker)
    assert {f for f, _ in refused.value.errors} == {"starts_on", "route", "break_type"}

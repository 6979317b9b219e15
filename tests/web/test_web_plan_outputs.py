"""A plan's timeline, board packs (HTML and PDF) and XLSX export, per persona."""

from __future__ import annotations

import re
import zlib
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from senda.audit.models import AuditEntry
from senda.improvement.models import BoardPack, Milestone, Rating, Risk
from tests.factories import (
    make_action,
    make_area,
    make_board_pack,
    make_plan,
    make_plan_member,
)
from tests.governance.factories import make_body, make_decision, make_meeting
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def plan(personas):
    plan = make_plan(personas.la, title="Local area SEND plan")
    area = make_area(plan, title="Timeliness")
    action = make_action(area, what="Recruit officers", kpi_ids=["final-plan-20w", "made-up"])
    Milestone.objects.create(action=action, title="Posts filled", due_on=date(2026, 2, 1))
    make_action(
        area,
        what="Fix the forms",
        starts_on=None,
        ends_on=None,
        timescale="When funding allows",
        timescale_resolved=False,
    )
    Rating.objects.create(action=action, value="green", rated_on=date(2026, 1, 2), rationale="ok")
    Rating.objects.create(
        action=action,
        value="red",
        rated_on=date(2026, 2, 20),
        rationale="Recruitment stalled",
        author=personas.service_manager,
    )
    Risk.objects.create(
        plan=plan,
        description="Officers leave",
        raised_on=date(2026, 1, 1),
        owner="Head of SEND",
        severity_before=4,
        severity_after=3,
    )
    return plan


def url(name, plan, **kw):
    return reverse(f"web:{name}", kwargs={"plan_id": plan.pk, **kw})


# --- Timeline ---------------------------------------------------------------------------


def test_it_draws_the_timeline_as_svg_with_a_table_equivalent(client, personas, plan):
    client.force_login(personas.board_member)
    response = client.get(url("plan-timeline", plan))
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="gantt-title gantt-desc"' in svg
    assert "senda-gantt__bar--red" in svg  # coloured by the current rating
    assert "senda-gantt__milestone" in svg and "senda-gantt__today" in svg
    assert "style=" not in html
    assert "Actions and milestones by date" in html and "Posts filled (1 Feb 2026)" in html
    assert "Actions without dates" in html and "When funding allows" in html
    assert svg.count("senda-gantt__bar ") == 1  # the undated action is not drawn


def test_it_shows_a_partner_member_the_timeline(client, plan):
    member = make_plan_member(plan, access="view")
    client.force_login(member.user)
    assert client.get(url("plan-timeline", plan)).status_code == 200


@pytest.mark.parametrize("who", ["senco", "parent", "other_la_officer"])
def test_it_hides_the_plans_outputs_from_those_who_may_not_see_it(client, personas, plan, who):
    client.force_login(getattr(personas, who))
    pack = make_board_pack(plan)
    for name, kw in [
        ("plan-timeline", {}),
        ("plan-board-pack", {}),
        ("plan-board-pack-view", {"pack_id": pack.pk}),
        ("plan-board-pack-pdf", {"pack_id": pack.pk}),
        ("plan-export", {}),
    ]:
        assert client.get(url(name, plan, **kw)).status_code == 404
    assert not AuditEntry.objects.filter(verb="export").exists()


def test_it_draws_the_timeline_in_a_fixed_number_of_queries(
    client, personas, plan, django_assert_max_num_queries
):
    client.force_login(personas.service_manager)
    area = plan.areas.first()
    for _ in range(15):
        Milestone.objects.create(action=make_action(area), title="M", due_on=date(2026, 5, 1))
    with django_assert_max_num_queries(12):
        assert client.get(url("plan-timeline", plan)).status_code == 200


# --- Board packs ------------------------------------------------------------------------


def test_it_lets_an_editor_create_a_board_pack_for_a_meeting(client, personas, plan):
    client.force_login(personas.service_manager)
    data = {
        "meeting_on-day": "4",
        "meeting_on-month": "3",
        "meeting_on-year": "2026",
        "title": "SEND Partnership Board",
    }
    response = client.post(url("plan-board-pack", plan), data)
    pack = BoardPack.objects.get(plan=plan)
    assert response.status_code == 302
    assert response["Location"] == url("plan-board-pack-view", plan, pack_id=pack.pk)
    assert (pack.meeting_on, pack.title) == (date(2026, 3, 4), "SEND Partnership Board")
    assert AuditEntry.objects.filter(verb="write", object_id=str(plan.pk)).exists()
    listing = client.get(url("plan-board-pack", plan)).content.decode()
    assert "Board pack for 4 March 2026" in listing


def test_it_confirms_a_new_board_pack_in_a_success_banner(client, personas, plan):
    client.force_login(personas.service_manager)
    data = {"meeting_on-day": "4", "meeting_on-month": "3", "meeting_on-year": "2026"}
    response = client.post(url("plan-board-pack", plan), data, follow=True)
    banner = audit_page(response).find(
        ".//div[@class='govuk-notification-banner govuk-notification-banner--success']"
    )
    assert "Board pack added for 4 March 2026" in text_of(banner)


def test_it_shows_errors_for_a_missing_or_repeated_meeting_date(client, personas, plan):
    client.force_login(personas.team_manager)
    response = client.post(url("plan-board-pack", plan), {"meeting_on-day": "4"})
    assert response.status_code == 200
    assert "Date of the board meeting must include a month and a year" in response.content.decode()
    make_board_pack(plan, meeting_on=date(2026, 3, 4))
    data = {"meeting_on-day": "4", "meeting_on-month": "3", "meeting_on-year": "2026"}
    response = client.post(url("plan-board-pack", plan), data)
    assert "There is already a board pack for that meeting date" in response.content.decode()
    assert BoardPack.objects.count() == 1


@pytest.mark.parametrize("who", ["board_member", "qa_auditor", "case_officer"])
def test_it_refuses_a_board_pack_from_a_viewer(client, personas, plan, who):
    client.force_login(getattr(personas, who))
    page = client.get(url("plan-board-pack", plan)).content.decode()
    assert "Create board pack" not in page
    data = {"meeting_on-day": "4", "meeting_on-month": "3", "meeting_on-year": "2026"}
    assert client.post(url("plan-board-pack", plan), data).status_code == 403
    assert not BoardPack.objects.exists()


def test_it_lets_an_editing_partner_create_a_board_pack(client, plan):
    member = make_plan_member(plan, access="edit")
    client.force_login(member.user)
    data = {"meeting_on-day": "4", "meeting_on-month": "3", "meeting_on-year": "2026"}
    assert client.post(url("plan-board-pack", plan), data).status_code == 302
    assert BoardPack.objects.filter(plan=plan).exists()


SECTIONS = (
    "Actions by rating",
    "Ratings changed",
    "Milestones that slipped",
    "Risks by severity",
    "Key performance indicators",
    "You said, we did",
)


def test_it_shows_what_changed_since_the_last_pack(client, personas, plan):
    make_board_pack(plan, meeting_on=date(2026, 1, 14))
    pack = make_board_pack(plan, meeting_on=date(2026, 3, 4))
    client.force_login(personas.board_member)
    response = client.get(url("plan-board-pack-view", plan, pack_id=pack.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for section in SECTIONS:
        assert section in html
    assert "since the last board pack, for the meeting on 14 January 2026" in html
    assert "Recruitment stalled" in html and "Green" in html  # from green to red
    assert "Posts filled" in html  # slipped
    assert "Officers leave" in html
    assert "not yet measured" in html  # "made-up" is no catalogue KPI
    assert "Not a KPI of the area" in html
    kpis = words_after(html, 'id="kpis"')
    assert "Working to establish definition and baseline" in kpis  # final-plan-20w: no trajectory
    assert "Q4 2025-26" in kpis
    assert "Download this board pack as a PDF" in html


def words_after(html: str, marker: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.split(marker, 1)[1]).split())


def test_it_hides_another_plans_pack(client, personas, plan):
    other = make_board_pack(make_plan(personas.la))
    client.force_login(personas.service_manager)
    assert client.get(url("plan-board-pack-view", plan, pack_id=other.pk)).status_code == 404
    assert client.get(url("plan-board-pack-pdf", plan, pack_id=other.pk)).status_code == 404


def test_it_downloads_the_board_pack_as_a_pdf_and_audits_it(client, personas, plan):
    pack = make_board_pack(plan, meeting_on=date(2026, 3, 4))
    client.force_login(personas.board_member)
    response = client.get(url("plan-board-pack-pdf", plan, pack_id=pack.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="board-pack-2026-03-04.pdf"'
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert 1 <= page_count(pdf) <= 10
    entry = AuditEntry.objects.get(verb="export")
    assert (entry.user, entry.object_id, entry.la_id) == (
        personas.board_member,
        str(plan.pk),
        plan.la_id,
    )
    assert f"board pack {pack.pk} pdf" == entry.summary


def page_count(pdf: bytes) -> int:
    """``/Type /Page`` objects, looked for in the file and in its compressed streams."""
    texts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            texts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page\b", text)) for text in texts)


# --- Export -----------------------------------------------------------------------------


def test_it_exports_the_plan_as_xlsx_and_audits_it(client, personas, plan):
    client.force_login(personas.qa_auditor)
    response = client.get(url("plan-export", plan))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="improvement-plan-' in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet.title == "1. Timeliness"
    assert [c.value for c in sheet[1]][-5:] == [
        "Rating", "Stage", "Impact rating", "Impact evidence", "Milestones"
    ]  # fmt: skip
    assert sheet.max_row == 3
    entry = AuditEntry.objects.get(verb="export")
    assert (entry.object_id, entry.summary) == (str(plan.pk), f"plan {plan.pk} xlsx areas")


def test_it_exports_the_milestones_layout_on_request_and_refuses_unknown_ones(
    client, personas, plan
):
    client.force_login(personas.service_manager)
    response = client.get(url("plan-export", plan) + "?layout=milestones")
    header = [c.value for c in load_workbook(BytesIO(response.content)).worksheets[0][1]]
    assert "Action & completion date" in header
    assert client.get(url("plan-export", plan) + "?layout=nope").status_code == 404


def test_it_exports_in_the_layout_the_plan_was_imported_from(client, personas, plan):
    plan.source_layout = "milestones"
    plan.save(update_fields=["source_layout"])
    client.force_login(personas.service_manager)
    response = client.get(url("plan-export", plan))
    header = [c.value for c in load_workbook(BytesIO(response.content)).worksheets[0][1]]
    assert "Action & completion date" in header
    entry = AuditEntry.objects.get(verb="export")
    assert entry.summary == f"plan {plan.pk} xlsx milestones"


# --- Exception report -------------------------------------------------------------------


def test_it_shows_the_exception_report_and_takes_a_proposal(client, personas, plan):
    client.force_login(personas.service_manager)
    response = client.get(url("plan-exceptions", plan))
    page = " ".join(text_of(audit_page(response)).split())
    assert "Action rated red" in page and "Recruit officers" in page
    assert "Milestone slipped" in page and "Posts filled" in page
    assert "Risk above appetite" in page and "Officers leave" in page  # high > medium
    action = plan.areas.get().actions.get(what="Recruit officers")
    subject = f"action:{action.pk}"
    propose = url("plan-exception-proposal", plan)
    form = client.get(propose, {"subject": subject})
    assert "Write a proposal" in text_of(audit_page(form))
    refused = client.post(propose, {"subject": subject, "text": "  "})
    assert "Enter what you propose" in text_of(audit_page(refused))
    saved = client.post(propose, {"subject": subject, "text": "Agency cover until April"})
    assert saved.status_code == 302
    page = " ".join(text_of(audit_page(client.get(url("plan-exceptions", plan)))).split())
    assert "Agency cover until April" in page
    assert client.post(propose, {"subject": "action:999999", "text": "x"}).status_code == 404


def test_a_manager_sets_the_risk_appetite_on_the_exception_report(client, personas, plan):
    client.force_login(personas.service_manager)
    page = url("plan-exceptions", plan)
    assert "Officers leave" in text_of(audit_page(client.get(page)))  # high: above medium
    assert "Choose a risk appetite" in text_of(audit_page(client.post(page, {"appetite": "x"})))
    assert client.post(page, {"appetite": "3"}).status_code == 302
    assert "Officers leave" not in text_of(audit_page(client.get(page)))
    client.force_login(personas.board_member)
    assert client.post(page, {"appetite": "1"}).status_code == 403


def test_the_board_pack_carries_the_exception_report(client, personas, plan):
    pack = make_board_pack(plan, meeting_on=date(2026, 3, 4))
    client.force_login(personas.board_member)
    html = client.get(url("plan-board-pack-view", plan, pack_id=pack.pk)).content.decode()
    section = words_after(html, 'id="exceptions"').split("Actions by rating")[0]
    assert "Action rated red" in section and "Risk above appetite" in section
    assert "Write a proposal" not in section


def test_the_board_pack_lists_next_quarters_key_actions(client, personas, plan):
    """A pack for a March meeting lists what falls due April to June, by priority, as the
    quarterly report's key actions would; nothing due in the meeting's own quarter."""
    area = plan.areas.get()
    soon = make_action(area, what="Open the new hub", ends_on=date(2026, 5, 29))
    Milestone.objects.create(action=soon, title="Staff the hub", due_on=date(2026, 4, 15))
    Milestone.objects.create(action=soon, title="Sign the lease", due_on=date(2026, 3, 20))
    pack = make_board_pack(plan, meeting_on=date(2026, 3, 4))
    client.force_login(personas.board_member)
    html = client.get(url("plan-board-pack-view", plan, pack_id=pack.pk)).content.decode()
    section = words_after(html, 'id="key-actions"').split("What meetings decided")[0]
    assert section.startswith(">Key actions for Q1 2026-27 (April to June 2026)")
    assert "1. Timeliness" in section and "Open the new hub (by 29 May 2026" in section
    assert f"Staff the hub (action {soon.reference})" in section
    assert "Sign the lease" not in section and "Recruit officers" not in section
    assert "not yet reviewed" in section


def test_the_board_pack_shows_what_its_meetings_decided_to_those_who_see_them(
    client, personas, plan
):
    pack = make_board_pack(plan, meeting_on=date(2026, 3, 4))
    meeting = make_meeting(make_body(personas.la), held_on=date(2026, 3, 9), board_pack=pack)
    first = make_decision(meeting, text="Recruitment to go to the board.")
    make_decision(
        meeting,
        text="Recruitment to go to the partnership board in April.",
        supersedes=first,
        correction_reason="the month was missing",
    )
    make_decision(make_meeting(make_body(personas.la, "Other group")), text="Not about this pack")
    page_url = url("plan-board-pack-view", plan, pack_id=pack.pk)
    client.force_login(personas.board_member)
    section = words_after(client.get(page_url).content.decode(), 'id="decisions"')
    assert "SEND delivery group, 9 March 2026" in section
    assert "Recruitment to go to the partnership board in April." in section
    assert "(corrected: the month was missing)" in section
    assert "Recruitment to go to the board." not in section and "Not about" not in section
    partner = make_plan_member(plan, access="view")  # sees the plan, sits on no body
    client.force_login(partner.user)
    section = words_after(client.get(page_url).content.decode(), 'id="decisions"')
    assert "No meeting has recorded considering this pack yet." in section

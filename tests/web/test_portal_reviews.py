"""The setting's review pages: reviews due, the task list, the meeting, each section, check
and send, and the feedback question. Every page fetched is audited (tests/web/page_audit)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent, DeadlineRow
from senda.people.models import AccessGrant, SettingMember
from senda.portal import report_actions
from senda.portal.models import PortalFeedback, ReviewReport
from tests.factories import PASSWORD, make_case, make_child, make_la, make_setting, make_user
from tests.portal.review_flows import TODAY, add_outcomes, complete_answers, planned_case
from tests.web.page_audit import AuditingClient

MEETING = date(2026, 2, 5)


@pytest.fixture
def on_today(today_is):
    today_is(TODAY)


def url(name: str, case, **kwargs) -> str:
    return reverse(f"web:{name}", kwargs={"case_id": case.pk, **kwargs})


def sign_in(client, user) -> AuditingClient:
    client.force_login(user)
    return client


def date_boxes(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def test_it_lists_the_settings_reviews_overdue_first(client, personas, on_today) -> None:
    soon = planned_case(personas)
    late = planned_case(personas, issued=date(2025, 1, 20))
    planned_case(personas, setting=make_setting(personas.la))  # another school's
    response = sign_in(client, personas.senco).get(reverse("web:portal-home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(str(late.child)) < html.index(str(soon.child))
    assert html.index("Overdue") < html.index("Due this term and next")
    assert "Meeting date set: not yet started" in html
    assert url("portal-review", soon) in html
    entry = AuditEntry.objects.get(verb="read", object_type="casework.Case", object_id="")
    assert entry.user == personas.senco


def test_setting_staff_without_a_council_role_see_the_list(client, personas, on_today) -> None:
    case = planned_case(personas)
    head = User.objects.create_user("head", password=PASSWORD)
    SettingMember.objects.create(
        user=head, setting=personas.setting, position="head", added_on=date(2025, 9, 1)
    )
    response = sign_in(client, head).get(reverse("web:portal-home"))
    assert response.status_code == 200
    assert str(case.child) in response.content.decode()
    assert sign_in(client, head).get(url("portal-review", case)).status_code == 200


def test_the_home_page_links_a_senco_to_the_reviews(client, personas) -> None:
    html = sign_in(client, personas.senco).get(reverse("web:home")).content.decode()
    link = f'href="{reverse("web:portal-home")}"'
    assert link in html
    html = sign_in(client, personas.case_officer).get(reverse("web:home")).content.decode()
    assert link not in html


def test_the_review_is_a_task_list(client, personas, on_today) -> None:
    case = planned_case(personas)
    response = sign_in(client, personas.senco).get(url("portal-review", case))
    html = response.content.decode()
    assert "<title>Annual review – Senda</title>" in html
    assert str(case.child) not in html.split("</title>")[0]
    assert "govuk-task-list" in html
    assert "Not yet started" in html and "Cannot start yet" in html
    assert url("portal-review-section", case, section="child-views") in html
    assert "Preparing for adulthood" not in html  # Year 6
    assert AuditEntry.objects.filter(verb="read", object_id=str(case.pk)).exists()


def test_the_review_links_its_files_once_the_report_is_started(client, personas, on_today) -> None:
    case = planned_case(personas)
    html = sign_in(client, personas.senco).get(url("portal-review", case)).content.decode()
    assert "You can add files once you have started the report." in html
    report = report_actions.start_report(case=case, by=personas.senco)
    html = sign_in(client, personas.senco).get(url("portal-review", case)).content.decode()
    assert reverse("web:portal-report-files", args=[report.pk]) in html


def test_a_draft_survives_a_new_session(client, personas, on_today) -> None:
    case = planned_case(personas)
    section = url("portal-review-section", case, section="parent-views")
    response = sign_in(client, personas.senco).post(
        section, {"views": "We are pleased with reading.", "done": "no"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("portal-review", case)
    other = sign_in(AuditingClient(), personas.senco)
    html = other.get(section).content.decode()
    assert "We are pleased with reading." in html
    task_list = other.get(url("portal-review", case)).content.decode()
    assert "Incomplete" in task_list


def test_completing_a_section_needs_its_required_answers(client, personas, on_today) -> None:
    case = planned_case(personas)
    section = url("portal-review-section", case, section="needs")
    response = sign_in(client, personas.senco).post(section, {"changed": "yes", "done": "yes"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>") and "<title>Error: " in html
    assert "What has changed, and what is the evidence?: enter an answer" in html
    assert not ReviewReport.objects.exists()
    response = client.post(section, {"changed": "yes", "details": "New report", "done": "yes"})
    assert response.status_code == 302
    assert ReviewReport.objects.get().completed_sections == ["needs"]


@pytest.mark.parametrize(
    "data",
    [
        {"review_type": "party", "done": "no"},
        {"review_type": "annual", "done": "maybe"},
        {"review_type": "annual", "done": "no", "previous_review_on-day": "31",
         "previous_review_on-month": "2", "previous_review_on-year": "2025"},
        {"review_type": "annual", "done": "no", "previous_review_on-day": "٣",
         "previous_review_on-month": "2", "previous_review_on-year": "2025"},
        {"review_type": "annual", "done": "no", "previous_review_on-day": "1",
         "previous_review_on-month": "1", "previous_review_on-year": "99999"},
        {"review_type": "annual\x00", "done": "no"},
    ],
)  # fmt: skip
def test_hostile_input_is_a_form_error(client, personas, on_today, data) -> None:
    case = planned_case(personas)
    response = sign_in(client, personas.senco).post(
        url("portal-review-section", case, section="review-details"), data
    )
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert not ReviewReport.objects.exists()


def test_too_long_an_answer_is_a_form_error(client, personas, on_today) -> None:
    case = planned_case(personas)
    response = sign_in(client, personas.senco).post(
        url("portal-review-section", case, section="child-views"),
        {"views": "x" * 10_001, "done": "no"},
    )
    assert response.status_code == 200
    assert "10,000 characters or fewer" in response.content.decode()


def test_progress_asks_about_each_outcome(client, personas, on_today) -> None:
    case = planned_case(personas)
    [outcome] = add_outcomes(case, "Reads a chapter book on their own")
    html = (
        sign_in(client, personas.senco)
        .get(url("portal-review-section", case, section="progress"))
        .content.decode()
    )
    assert "Reads a chapter book on their own" in html
    assert f'name="o{outcome.pk}_still_right"' in html


def test_preparing_for_adulthood_only_from_year_9(client, personas, on_today) -> None:
    young = planned_case(personas)
    older = planned_case(personas, date_of_birth=date(2012, 3, 1))
    sign_in(client, personas.senco)
    assert client.get(url("portal-review-section", young, section="adulthood")).status_code == 404
    assert client.get(url("portal-review-section", older, section="adulthood")).status_code == 200
    assert "Preparing for adulthood" in client.get(url("portal-review", older)).content.decode()


def test_the_meeting_and_invitations(client, personas, on_today) -> None:
    case = planned_case(personas)
    meeting = url("portal-review-meeting", case)
    sign_in(client, personas.senco)
    response = client.post(
        meeting, {"form": "meeting", **date_boxes("meeting-on", date(2026, 2, 20))}
    )
    assert response.status_code == 302
    assert ReviewReport.objects.get().meeting_on == date(2026, 2, 20)
    response = client.post(
        meeting, {"form": "invitations", **date_boxes("invitations-on", date(2026, 3, 1))}
    )
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    response = client.post(
        meeting, {"form": "invitations", **date_boxes("invitations-on", date(2026, 2, 9))}
    )
    assert response.status_code == 302
    event = CaseEvent.objects.get(type="review_invitations_sent")
    assert event.recorded_by == personas.senco
    html = client.get(url("portal-review", case)).content.decode()
    assert "less than 2 weeks" in html


def test_invitations_before_a_meeting_date_is_a_form_error(client, personas, on_today) -> None:
    case = planned_case(personas)
    response = sign_in(client, personas.senco).post(
        url("portal-review-meeting", case),
        {"form": "invitations", **date_boxes("invitations-on", date(2026, 2, 9))},
    )
    assert response.status_code == 200
    assert "Set the date of the review meeting first" in response.content.decode()
    assert not CaseEvent.objects.filter(type="review_invitations_sent").exists()


def test_a_case_without_a_plan_has_no_review_to_write(client, personas, on_today) -> None:
    sign_in(client, personas.senco)
    html = client.get(url("portal-review", personas.case)).content.decode()
    assert "no current EHC plan" in html
    response = client.post(
        url("portal-review-section", personas.case, section="parent-views"),
        {"views": "Fine", "done": "no"},
    )
    assert response.status_code == 200
    assert "no current EHC plan" in response.content.decode()
    response = client.post(
        url("portal-review-meeting", personas.case),
        {"form": "meeting", **date_boxes("meeting-on", MEETING)},
    )
    assert response.status_code == 200
    assert "no current EHC plan" in response.content.decode()
    assert not ReviewReport.objects.exists()


def test_the_list_costs_the_same_queries_for_more_pupils(
    client, personas, on_today, django_assert_max_num_queries
) -> None:
    sign_in(client, personas.senco)
    planned_case(personas)
    client.get(reverse("web:portal-home"))
    for _ in range(6):
        planned_case(personas)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("web:portal-home"))
    assert response.content.decode().count("senda-review-list__item") == 7


def fill_in(client, case) -> None:
    client.post(
        url("portal-review-meeting", case), {"form": "meeting", **date_boxes("meeting-on", MEETING)}
    )
    for slug, answers in complete_answers(case).items():
        response = client.post(
            url("portal-review-section", case, section=slug), {**answers, "done": "yes"}
        )
        assert response.status_code == 302, (slug, response.content.decode()[:3000])


def test_check_answers_then_send(client, personas, on_today) -> None:
    case = planned_case(personas)
    sign_in(client, personas.senco)
    fill_in(client, case)
    html = client.get(url("portal-review-check", case)).content.decode()
    assert "Not provided" in html  # the optional answers left blank
    assert "Send review report to the council" in html
    assert url("portal-review-section", case, section="needs") in html
    response = client.post(url("portal-review-check", case))
    assert response.status_code == 302
    assert response["Location"] == url("portal-review-sent", case)
    events = CaseEvent.objects.filter(case=case)
    meeting, received = events.get(type="review_meeting"), events.get(type="review_report_received")
    assert meeting.recorded_by == received.recorded_by == personas.senco
    assert (meeting.on, received.on) == (MEETING, TODAY)
    decision = DeadlineRow.objects.get(case=case, rule="review-decision")
    assert (decision.due, decision.status) == (date(2026, 3, 5), "pending")
    count = CaseEvent.objects.count()
    assert client.post(url("portal-review-check", case)).status_code in (200, 302)
    assert CaseEvent.objects.count() == count
    section = url("portal-review-section", case, section="needs")
    assert client.get(section)["Location"] == url("portal-review", case)
    assert client.post(section, {"changed": "yes", "done": "no"}).status_code == 302
    assert ReviewReport.objects.get().answers["needs"] == {"changed": "no"}
    assert "Completed" in client.get(url("portal-review", case)).content.decode()
    sent = client.get(url("portal-review-sent", case))
    assert sent.status_code == 200
    assert f"R-{case.pk}" in sent.content.decode()
    response = client.post(url("portal-review-sent", case), {"answer": "4"})
    assert response.status_code == 302
    assert PortalFeedback.objects.get().answer == 4


def test_an_incomplete_report_is_not_sent(client, personas, on_today) -> None:
    case = planned_case(personas)
    sign_in(client, personas.senco)
    client.post(
        url("portal-review-section", case, section="needs"), {"changed": "no", "done": "yes"}
    )
    response = client.post(url("portal-review-check", case))
    assert response.status_code == 200
    assert "Complete every section before sending" in response.content.decode()
    assert not CaseEvent.objects.filter(type="review_meeting").exists()


def test_the_clocks_refusal_shows_on_the_form(client, personas, on_today) -> None:
    from senda.casework import actions as casework

    case = planned_case(personas)
    sign_in(client, personas.senco)
    fill_in(client, case)
    casework.record_review_meeting(case=case, on=date(2026, 1, 29), by=personas.case_officer)
    response = client.post(url("portal-review-check", case))
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert ReviewReport.objects.get().status == "draft"


REVIEW_URLS = [
    ("portal-review", {}),
    ("portal-review-meeting", {}),
    ("portal-review-section", {"section": "child-views"}),
    ("portal-review-check", {}),
    ("portal-review-sent", {}),
]


def outsider(personas, who: str, case) -> User:
    if who == "other_senco":
        return make_user("senco", personas.la, setting=make_setting(personas.la))
    if who == "granted_advice_giver":
        AccessGrant.objects.create(
            child=case.child, team=personas.advice_team, reason="Advice", starts_on=TODAY
        )
        return personas.advice_giver
    if who == "other_area_senco":
        la = make_la()
        return make_user("senco", la, setting=make_setting(la))
    if who == "parent":
        return make_user("parent", personas.la, child=case.child)
    return getattr(personas, who)


@pytest.mark.parametrize(
    "who",
    ["other_senco", "advice_giver", "granted_advice_giver", "parent", "other_la_officer",
     "other_area_senco"],
)  # fmt: skip
def test_outsiders_get_404_and_write_nothing(client, personas, on_today, who) -> None:
    case = planned_case(personas)
    report = report_actions.start_report(case=case, by=personas.senco)
    report_actions.set_meeting_date(report=report, on=MEETING, by=personas.senco)
    for slug, answers in complete_answers(case).items():
        report_actions.save_section(
            report=report, section=slug, answers=answers, done=True, by=personas.senco
        )
    sign_in(client, outsider(personas, who, case))
    before = (CaseEvent.objects.count(), ReviewReport.objects.get().answers)
    for name, kwargs in REVIEW_URLS:
        address = url(name, case, **kwargs)
        assert client.get(address).status_code == 404, (who, name)
        assert client.post(address, {"done": "yes", "views": "x", "answer": "5"}).status_code == 404
    assert (CaseEvent.objects.count(), ReviewReport.objects.get().answers) == before
    assert ReviewReport.objects.get().status == "draft"
    assert not PortalFeedback.objects.exists()


def test_a_child_who_left_the_setting_is_no_longer_its_review(client, personas, on_today) -> None:
    case = planned_case(personas)
    case.child.setting = make_setting(personas.la)
    case.child.save()
    assert sign_in(client, personas.senco).get(url("portal-review", case)).status_code == 404


def test_council_staff_are_sent_away(client, personas, on_today) -> None:
    case = planned_case(personas)
    assert sign_in(client, personas.case_officer).get(url("portal-review", case)).status_code == 403
    other = make_case(make_child(personas.la, setting=personas.setting))
    assert client.get(url("portal-review", other)).status_code == 403

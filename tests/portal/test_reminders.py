"""Reminders and chasers: each once per task and stage, stopped when the task is done, and
never a word about who the child is (portal.reminders)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from senda.casework.models import DeadlineRow, Plan
from senda.people.models import AccessGrant, SettingMember
from senda.portal import reminders
from senda.portal.models import AdviceRequest, Message, ReviewReport
from tests.factories import Personas, make_setting, make_user

TODAY = date(2026, 11, 16)


@pytest.fixture
def people(personas: Personas) -> Personas:
    """The personas with email addresses, and a head teacher of the child's setting."""
    for user in (personas.senco, personas.advice_giver):
        user.email = f"{user.username}@example.org"
        user.first_name, user.last_name = "Robin", "Reader"
        user.save()
    head = make_user("case_officer", personas.other_la, email="head@school.example")
    SettingMember.objects.create(
        user=head, setting=personas.setting, position="head", added_on=date(2026, 1, 1)
    )
    gone = make_user("case_officer", personas.other_la, email="gone@school.example")
    SettingMember.objects.create(
        user=gone,
        setting=personas.setting,
        position="admin",
        added_on=date(2026, 1, 1),
        removed_on=date(2026, 6, 1),
    )
    elsewhere = make_user("senco", personas.la, setting=make_setting(personas.la))
    elsewhere.email = "other@school.example"
    elsewhere.save()
    return personas


def _review_row(personas: Personas, due: date) -> DeadlineRow:
    return DeadlineRow.objects.create(
        case=personas.case,
        rule="annual-review",
        due=due,
        status="pending",
        citation="CFA 2014 s44(1)",
        evaluated_for=TODAY,
    )


def _report(personas: Personas, meeting: date) -> ReviewReport:
    plan = Plan.objects.create(case=personas.case, issued_on=date(2025, 12, 1))
    return ReviewReport.objects.create(
        case=personas.case,
        plan=plan,
        setting=personas.setting,
        due_on=date(2026, 12, 1),
        meeting_on=meeting,
        created_by=personas.senco,
    )


def _advice(personas: Personas, due: date) -> AdviceRequest:
    grant = AccessGrant.objects.create(
        child=personas.child, team=personas.advice_team, reason="advice", starts_on=TODAY
    )
    return AdviceRequest.objects.create(
        case=personas.case,
        team=personas.advice_team,
        kind="review",
        question="What does the child need?",
        requested_on=TODAY - timedelta(weeks=5),
        due_on=due,
        grant=grant,
        requested_by=personas.case_officer,
    )


def _sent(template: str) -> list[tuple[str, str]]:
    rows = Message.objects.filter(template=template).order_by("to", "dedupe_key")
    return list(rows.values_list("to", "dedupe_key"))


def test_it_reminds_the_settings_staff_of_a_review_coming_up(people: Personas) -> None:
    _review_row(people, TODAY + timedelta(weeks=8))
    assert reminders.run(today=TODAY - timedelta(days=1)) == 0
    assert reminders.run(today=TODAY) == 2
    assert reminders.run(today=TODAY) == 0
    assert reminders.run(today=TODAY + timedelta(weeks=1)) == 0
    assert [to for to, _ in _sent("review_coming_up")] == [
        "head@school.example",
        people.senco.email,
    ]
    message = Message.objects.get(to=people.senco.email)
    assert message.case == people.case
    assert message.user == people.senco
    assert message.personalisation == {
        "name": "Robin Reader",
        "due": "11 January 2027",
        "reference": f"R-{people.case.pk}",
        "link": f"http://127.0.0.1:8000/cases/{people.case.pk}/",
    }


def test_it_reads_the_weeks_from_the_settings(people: Personas, settings) -> None:
    settings.SENDA_REVIEW_REMINDER_WEEKS = 4
    _review_row(people, TODAY + timedelta(weeks=5))
    assert reminders.run(today=TODAY) == 0
    assert reminders.run(today=TODAY + timedelta(weeks=1)) == 2


def test_it_stops_reminding_once_the_review_is_held(people: Personas) -> None:
    row = _review_row(people, TODAY + timedelta(weeks=6))
    row.done, row.status = TODAY, "met"
    row.save()
    assert reminders.run(today=TODAY) == 0


def test_it_reminds_then_chases_a_report_three_times_at_most(people: Personas) -> None:
    meeting = TODAY
    due = meeting + timedelta(days=14)
    _report(people, meeting)
    days = {
        due - timedelta(days=4): 0,
        due - timedelta(days=3): 2,
        due: 0,
        due + timedelta(days=1): 2,
        due + timedelta(days=5): 0,
        due + timedelta(days=8): 2,
        due + timedelta(days=15): 2,
        due + timedelta(days=22): 0,
        due + timedelta(days=60): 0,
    }
    for day, expected in days.items():
        assert reminders.run(today=day) == expected, day
    assert len(_sent("report_due")) == 2
    keys = sorted({key.rsplit(":", 1)[0] for _, key in _sent("report_chaser")})
    assert [k.split(":")[-1] for k in keys] == ["chaser-1", "chaser-2", "chaser-3"]
    chaser = Message.objects.filter(template="report_chaser").first()
    assert chaser is not None
    assert chaser.personalisation["meeting"] == "16 November 2026"
    assert chaser.personalisation["due"] == "30 November 2026"


def test_it_stops_chasing_a_report_once_it_is_sent(people: Personas) -> None:
    report = _report(people, TODAY)
    due = TODAY + timedelta(days=14)
    assert reminders.run(today=due + timedelta(days=1)) == 2
    report.status = ReviewReport.Status.SUBMITTED
    report.save()
    assert reminders.run(today=due + timedelta(days=8)) == 0


def test_it_sends_nothing_for_a_report_without_a_meeting(people: Personas) -> None:
    _report(people, TODAY).__class__.objects.update(meeting_on=None)
    assert reminders.run(today=TODAY + timedelta(days=20)) == 0


def test_it_reminds_and_chases_the_advice_team(people: Personas) -> None:
    request = _advice(people, TODAY + timedelta(days=7))
    assert reminders.run(today=TODAY - timedelta(days=1)) == 0
    assert reminders.run(today=TODAY) == 1
    assert reminders.run(today=TODAY + timedelta(days=3)) == 0
    assert reminders.run(today=TODAY + timedelta(days=8)) == 1
    assert reminders.run(today=TODAY + timedelta(days=9)) == 0
    assert _sent("advice_reminder")[0][0] == people.advice_giver.email
    [chaser] = Message.objects.filter(template="advice_chaser")
    assert chaser.personalisation["team"] == people.advice_team.name
    request.status = AdviceRequest.Status.ANSWERED
    request.save()
    assert reminders.run(today=TODAY + timedelta(days=15)) == 0


def test_it_never_puts_who_the_child_is_in_a_message(people: Personas) -> None:
    _review_row(people, TODAY + timedelta(weeks=2))
    _report(people, TODAY - timedelta(days=15))
    _advice(people, TODAY - timedelta(days=2))
    assert reminders.run(today=TODAY) == 5
    child = people.child
    secrets = [
        child.family_name,
        f"{child.given_name} {child.family_name}",
        people.setting.name,
        people.setting.urn,
        child.date_of_birth.isoformat(),
        "1 June 2015",
    ]
    for message in Message.objects.all():
        text = json.dumps([message.personalisation, message.reference, message.dedupe_key])
        assert not [s for s in secrets if s in text], message.template
        assert message.reference.startswith("S-")


def test_it_skips_staff_without_an_email_address(people: Personas) -> None:
    people.senco.email = ""
    people.senco.save()
    _review_row(people, TODAY + timedelta(weeks=1))
    assert reminders.run(today=TODAY) == 1

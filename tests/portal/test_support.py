"""Support and challenge for settings: contacts, escalations of late cases, and the
figures the KPIs read (identified, supported settings; escalated cases) by date."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.kernel import ActionError
from senda.portal.models import Escalation, SupportContact
from senda.portal.support import (
    escalate,
    escalated_cases,
    late_cases,
    late_settings,
    record_support_contact,
    resolve_escalation,
    supported_settings,
)
from tests.casework.flows import with_plan
from tests.factories import make_case, make_child, make_la, make_setting, make_user

MEETING = date(2026, 3, 4)  # the report is due 18 March
START, END = date(2025, 6, 1), date(2026, 6, 1)
TODAY = date(2026, 6, 1)


def reviewed(personas, setting, received):
    """A case at ``setting`` reviewed on MEETING, its report received on ``received``
    (None: never)."""
    case = make_case(make_child(personas.la, setting=setting), officer=personas.case_officer)
    by = personas.case_officer
    with_plan(case, by)
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    if received is not None:
        actions.record_review_report(case=case, on=received, by=by, today=TODAY)
    return case


@pytest.fixture
def area(personas):
    """Setting A: one late, one missing, one on time (2 of 3 late); setting B: on time."""
    a, b = personas.setting, make_setting(personas.la)
    late = reviewed(personas, a, date(2026, 3, 30))
    missing = reviewed(personas, a, None)
    on_time = reviewed(personas, a, date(2026, 3, 10))
    reviewed(personas, b, date(2026, 3, 18))
    personas.on_time = on_time
    return a, b, late, missing


def test_it_identifies_settings_with_too_many_late_reports(personas, area, settings) -> None:
    a, _b, *_ = area
    assert late_settings(personas.la, START, END) == {a.pk}
    settings.SENDA_LATE_SETTING_SHARE = 0.7
    assert late_settings(personas.la, START, END) == set()
    settings.SENDA_LATE_SETTING_SHARE = 0.3
    # Before the reports were due nothing was late.
    assert late_settings(personas.la, START, date(2026, 3, 17)) == set()
    assert late_settings(make_la(), START, END) == set()


def test_it_lists_the_settings_late_cases(personas, area) -> None:
    a, b, late, missing = area
    assert list(late_cases(personas.la, a, START, END)) == [late, missing]
    assert list(late_cases(personas.la, b, START, END)) == []


def test_it_records_support_contacts_and_counts_supported_settings(personas, area) -> None:
    a, _b, *_ = area
    contact = record_support_contact(
        setting=a, kind="visit", on=date(2026, 4, 2), note="Agreed a plan", by=personas.case_officer
    )
    assert (contact.la, contact.recorded_by) == (personas.la, personas.case_officer)
    assert AuditEntry.objects.filter(summary__contains=f"support contact {contact.pk}").exists()
    assert supported_settings(personas.la, START, END) == {a.pk}
    assert supported_settings(personas.la, date(2026, 4, 3), END) == set()
    assert supported_settings(make_la(), START, END) == set()


def test_it_refuses_contacts_from_others_and_bad_values(personas, area) -> None:
    a, *_ = area
    for user in (personas.senco, personas.qa_auditor, personas.parent, personas.advice_giver):
        with pytest.raises(ActionError):
            record_support_contact(setting=a, kind="call", on=MEETING, note="", by=user)
    with pytest.raises(ActionError):
        record_support_contact(
            setting=a, kind="call", on=MEETING, note="", by=personas.other_la_officer
        )
    with pytest.raises(ActionError) as error:
        record_support_contact(setting=a, kind="fax", on=MEETING, note="", by=personas.case_officer)
    assert error.value.field == "kind"
    with pytest.raises(ActionError) as error:
        record_support_contact(
            setting=a, kind="call", on=date(2099, 1, 1), note="", by=personas.case_officer
        )
    assert error.value.field == "on"
    assert not SupportContact.objects.exists()


def test_it_escalates_late_cases_and_counts_them(personas, area) -> None:
    a, _b, late, missing = area
    escalation = escalate(
        setting=a,
        level="team_manager",
        reason="Three late reports this year",
        cases=[late, missing],
        on=date(2026, 4, 10),
        by=personas.case_officer,
        today=TODAY,
    )
    assert set(escalation.cases.all()) == {late, missing}
    assert escalated_cases(personas.la, START, END) == {late.pk, missing.pk}
    assert escalated_cases(personas.la, date(2026, 4, 11), END) == set()


def test_it_refuses_escalating_cases_that_were_not_late(personas, area) -> None:
    a, _b, late, _missing = area
    on_time = personas.on_time
    for cases, field in (([], "cases"), ([on_time], "cases"), ([late], "level")):
        with pytest.raises(ActionError) as error:
            escalate(
                setting=a,
                level="partnership" if field != "level" else "head",
                reason="Late",
                cases=cases,
                on=date(2026, 4, 10),
                by=personas.case_officer,
                today=TODAY,
            )
        assert error.value.field == field
    with pytest.raises(ActionError):
        escalate(
            setting=a,
            level="partnership",
            reason="",
            cases=[late],
            on=date(2026, 4, 10),
            by=personas.case_officer,
            today=TODAY,
        )
    assert not Escalation.objects.exists()


def test_only_managers_resolve_an_escalation(personas, area) -> None:
    a, _b, late, _missing = area
    escalation = escalate(
        setting=a,
        level="team_manager",
        reason="Late",
        cases=[late],
        on=date(2026, 4, 10),
        by=personas.case_officer,
        today=TODAY,
    )
    other_manager = make_user("team_manager", make_la())
    for user in (personas.case_officer, personas.qa_auditor, personas.senco, other_manager):
        with pytest.raises(ActionError):
            resolve_escalation(escalation=escalation, on=date(2026, 5, 1), by=user, today=TODAY)
    with pytest.raises(ActionError) as error:
        resolve_escalation(
            escalation=escalation, on=date(2026, 4, 1), by=personas.team_manager, today=TODAY
        )
    assert error.value.field == "on"
    resolve_escalation(
        escalation=escalation, on=date(2026, 5, 1), by=personas.team_manager, today=TODAY
    )
    escalation.refresh_from_db()
    assert escalation.resolved_on == date(2026, 5, 1)
    with pytest.raises(ActionError):
        resolve_escalation(
            escalation=escalation, on=date(2026, 5, 2), by=personas.service_manager, today=TODAY
        )

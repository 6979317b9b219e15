"""Support and challenge for settings: the council's contacts with a setting and its
escalations of persistent late returns, and the figures the KPIs count from them.

A setting is **identified** (late) when the share of its review reports that came late or
not at all — the clock's ``review-report`` rows (2 weeks after the meeting, reg 20(7)),
as the returns pages count them — is above ``SENDA_LATE_SETTING_SHARE`` (default 0.3).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet

from senda import audit, kernel
from senda.casework.models import Case
from senda.casework.returns import late_or_missing, report_rows, returns_report
from senda.kernel import (
    WHOLE_FORM,
    ActionError,
    check_choice,
    check_not_future,
    check_permission,
    required_date,
    required_text,
)
from senda.people.models import LocalAuthority, Membership, Role
from senda.people.models import Setting as School
from senda.portal.models import Escalation, SupportContact

__all__ = [
    "NOTE_MAX",
    "escalate",
    "escalated_cases",
    "late_cases",
    "late_settings",
    "late_share",
    "record_support_contact",
    "resolve_escalation",
    "supported_settings",
]

#: The longest note or reason (plain text, kept with the record).
NOTE_MAX = 2000
#: Escalations name the cases late in the year before.
LOOK_BACK = timedelta(days=365)
MANAGERS = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


def late_share() -> float:
    return float(getattr(settings, "SENDA_LATE_SETTING_SHARE", 0.3))


def late_settings(la: LocalAuthority, start: date, end: date) -> set[int]:
    """Ids of ``la``'s settings whose share of late or missing review reports due from
    ``start`` to ``end`` (counted as of ``end``) is above the threshold."""
    share = late_share()
    report = returns_report(la, start, end, today=end)
    return {
        row.setting_id
        for row in report.settings
        if row.setting_id is not None
        and row.due_so_far
        and row.late_or_missing / row.due_so_far > share
    }


def supported_settings(la: LocalAuthority, start: date, end: date) -> set[int]:
    """Ids of settings ``la`` recorded a support contact with from ``start`` to ``end``."""
    contacts = SupportContact.objects.filter(la=la, on__gte=start, on__lte=end)
    return set(contacts.values_list("setting_id", flat=True))


def escalated_cases(la: LocalAuthority, start: date, end: date) -> set[int]:
    """Ids of ``la``'s cases named in an escalation made from ``start`` to ``end``."""
    escalations = Escalation.objects.filter(la=la, on__gte=start, on__lte=end)
    return set(escalations.values_list("cases__id", flat=True).exclude(cases__id=None))


def late_cases(la: LocalAuthority, setting: School, start: date, end: date) -> QuerySet[Case]:
    """The setting's cases with a review report due from ``start`` to ``end`` that came
    late or has not come (as of ``end``): what an escalation may name."""
    rows = late_or_missing(report_rows(la, start, end), end).filter(case__child__setting=setting)
    return Case.objects.filter(pk__in=rows.values("case_id")).select_related("child").order_by("pk")


def _staff(by: User) -> Membership:
    """The acting user's membership: a case officer, team or service manager."""
    membership = Membership.objects.select_related("la").filter(user_id=by.pk).first()
    check_permission(
        membership is not None and membership.can_write_casework(membership.la_id),
        "Only the council's casework staff can record support and challenge.",
    )
    assert membership is not None
    return membership


def _check_setting(setting: School, la: LocalAuthority) -> None:
    ours = setting.la_id == la.pk or setting.children.filter(la=la).exists()
    check_permission(ours, "This setting is not one of your area's.", "setting")


def _note(value: str, field: str, missing: str | None) -> str:
    text = required_text(value, field, missing) if missing else (value or "").strip()
    if len(text) > NOTE_MAX:
        raise ActionError(field, f"The text must be {NOTE_MAX} characters or fewer")
    return text


@transaction.atomic
def record_support_contact(
    *,
    setting: School,
    kind: str,
    on: date,
    note: str,
    by: User,
    today: date | None = None,
) -> SupportContact:
    """The council contacted ``setting`` (a call, visit, training, email) on ``on``."""
    la = _staff(by).la
    _check_setting(setting, la)
    check_choice(kind, SupportContact.Kind.values, "kind", "the kind of contact")
    required_date(on, "on", "Enter the date of the contact")
    check_not_future(on, today or kernel.today())
    text = _note(note, "note", None)
    contact = SupportContact.objects.create(
        la=la, setting=setting, kind=kind, on=on, note=text, recorded_by=by
    )
    audit.record(
        user=by,
        verb="write",
        obj=contact,
        summary=f"setting {setting.pk}: support contact {contact.pk} ({kind})",
        la_id=la.pk,
    )
    return contact


@transaction.atomic
def escalate(
    *,
    setting: School,
    level: str,
    reason: str,
    cases: list[Case],
    on: date,
    by: User,
    today: date | None = None,
) -> Escalation:
    """Escalate ``setting``'s persistent late returns to ``level`` with ``reason``, naming
    ``cases``: its cases with a late or missing report in the 12 months to ``on``."""
    la = _staff(by).la
    _check_setting(setting, la)
    check_choice(level, Escalation.Level.values, "level", "who to escalate to")
    required_date(on, "on", "Enter the date of the escalation")
    check_not_future(on, today or kernel.today())
    text = _note(reason, "reason", "Enter why you are escalating")
    late = set(late_cases(la, setting, on - LOOK_BACK, on).values_list("pk", flat=True))
    ids = {case.pk for case in cases}
    if not ids:
        raise ActionError("cases", "Choose at least one case with a late or missing report")
    if not ids <= late:
        raise ActionError("cases", "Choose only this setting's cases with a late report")
    escalation = Escalation.objects.create(
        la=la, setting=setting, level=level, reason=text, on=on, recorded_by=by
    )
    escalation.cases.set(sorted(ids))
    audit.record(
        user=by,
        verb="write",
        obj=escalation,
        summary=f"setting {setting.pk}: escalation {escalation.pk} ({level}) "
        f"cases {','.join(str(i) for i in sorted(ids))}",
        la_id=la.pk,
    )
    return escalation


@transaction.atomic
def resolve_escalation(
    *, escalation: Escalation, on: date, by: User, today: date | None = None
) -> Escalation:
    """A team or service manager of the area closes ``escalation`` as resolved on ``on``."""
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    membership = _staff(by)
    check_permission(
        membership.la_id == escalation.la_id and membership.role in MANAGERS,
        "Only a team manager or service manager can resolve an escalation.",
    )
    if escalation.resolved_on is not None:
        raise ActionError(WHOLE_FORM, "This escalation is already resolved.")
    required_date(on, "on", "Enter the date it was resolved")
    check_not_future(on, today or kernel.today())
    if on < escalation.on:
        raise ActionError("on", "The date must be on or after the escalation")
    escalation.resolved_on = on
    escalation.save(update_fields=["resolved_on"])
    audit.record(
        user=by,
        verb="write",
        obj=escalation,
        summary=f"setting {escalation.setting_id}: escalation {escalation.pk} resolved",
        la_id=escalation.la_id,
    )
    return escalation

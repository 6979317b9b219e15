"""Summary lists of a case's page: the child, their latest plan and request, a contact."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda.clock.ceasing import appeal_deadline
from senda.clock.state import CaseState
from senda.people.names import display_name
from senda.web.formats import day, humanise, year_group_label


def _summary(pairs: Iterable[tuple[str, str]]) -> SafeString:
    rows = [{"key": {"text": key}, "value": {"text": value}} for key, value in pairs]
    return GovUKSummaryList(rows=rows).render()  # type: ignore[arg-type]


def child_summary(case: Any, sees: Any, year_group: int | None) -> SafeString:
    """Who the child is; ``sees.identifiers`` adds sex, UPN, ULN and NHS number."""
    child = case.child
    pairs = [
        ("Date of birth", date_format(child.date_of_birth, "j F Y") if child.date_of_birth else ""),
        ("Year group", year_group_label(year_group)),
        ("Primary need", child.get_primary_need_display()),
        ("Setting", _setting(child.setting)),
        ("Case officer", display_name(case.officer, "")),
        ("Case status", case.get_status_display()),
    ]
    if sees.identifiers:
        pairs[1:1] = [
            ("Sex", child.get_sex_display()),
            ("UPN", child.upn),
            ("ULN", child.uln),
            ("NHS number", child.nhs_number),
        ]
    return _summary((key, value or "Not recorded") for key, value in pairs)


def _setting(setting: Any) -> str:
    if setting is None:
        return ""
    reference = f"URN {setting.urn}" if setting.urn else f"UKPRN {setting.ukprn}"
    return f"{setting.name} ({setting.get_phase_display()}, {reference})"


def plan_summary(plan: Any, request: Any, state: CaseState | None = None) -> SafeString:
    """The latest EHC plan and the latest request for an assessment, when there are any;
    given the case's ``state`` (``senda.clock.case_state`` as of today), when a decision to
    cease ends the plan."""
    pairs: list[tuple[str, str]] = []
    if plan is not None:
        current = plan.live_on()
        pairs += [
            ("EHC plan", "Current" if current else "Ceased"),
            ("Issued", day(plan.issued_on) if plan.issued_on else ""),
            ("Transferred in", day(plan.transferred_in_on)),
            ("Last amended", day(plan.amended_on)),
            ("Ceased", "" if current else _ceased(plan)),
        ]
        if state is not None:
            pairs.append(("Decision to cease", plan_ending(state)))
    else:
        pairs.append(("EHC plan", "No plan issued"))
    if request is not None:
        pairs += [
            ("Latest request for assessment", day(request.received_on)),
            ("Request made by", request.get_source_display()),
            ("Decision to assess", _decision(request.assess_outcome, request.assess_decided_on)),
            ("Decision to issue", _decision(request.issue_outcome, request.issue_decided_on, "")),
        ]
    return _summary((key, value) for key, value in pairs if value)


def plan_ending(state: CaseState) -> str:
    """When a decision to cease ends the current plan, in words; "" when none does."""
    if state.cease_decided is None:
        return ""
    if state.cease_appealed:
        return (
            "The plan stays while an appeal against the decision to cease it is under way "
            f"(decided {day(state.cease_decided)})"
        )
    if state.plan_ends is None:
        return ""
    if state.plan_ends == appeal_deadline(state.cease_decided) + timedelta(days=1):
        return f"The plan ends on {day(state.plan_ends)} unless an appeal is brought"
    return f"The plan ends on {day(state.plan_ends)}: the appeal upheld the decision to cease"


def _ceased(plan: Any) -> str:
    if not plan.ceased_on:
        return ""
    reason = plan.get_cease_reason_display() if plan.cease_reason else ""
    return f"{day(plan.ceased_on)}: {reason}" if reason else day(plan.ceased_on)


def _decision(outcome: str, on: date | None, missing: str = "Not yet decided") -> str:
    return f"{humanise(outcome.replace('-', ' '))}, {day(on)}" if outcome else missing


def contact_summary(contact: Any) -> SafeString:
    """One family contact: relationship, email and phone."""
    pairs = [
        ("Relationship", contact.relationship),
        ("Email", contact.email or "Not recorded"),
        ("Phone", contact.phone or "Not recorded"),
    ]
    return _summary(pairs)

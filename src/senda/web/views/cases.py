"""The case page (read-only): what each role may see of a child's case, and its next step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString

from senda import audit, kernel
from senda.casework.actions.corrections import closing_step, correction_of, needs_manager
from senda.casework.caseloads import CASELOAD_MANAGER_ROLES
from senda.casework.deadlines import live_deadlines
from senda.casework.disagreements import CaseDisagreements, case_disagreements
from senda.casework.models import Case, CaseEvent, EventCorrection
from senda.casework.next_step import case_state, next_step
from senda.casework.social_care import steps_and_offers
from senda.clock import OPEN
from senda.people.access import access_list
from senda.people.families import transfer_date
from senda.people.models import ContactChange, FamilyContact, Role
from senda.portal import family_voice, surveys
from senda.web import tags
from senda.web.access import (
    FAMILY_ROLES,
    LA_WIDE_ROLES,
    can_record,
    get_case_for_user,
    membership_for,
)
from senda.web.components import tag
from senda.web.forms.early_review import EarlyReviewHeldForm
from senda.web.tables.messages import case_messages_table
from senda.web.tables.portal_accounts import access_table


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """Who the child is (as far as this viewer may see), the plan, the timeline, every
    deadline as the clock answers today, and the next step with a button to record it."""
    case = get_case_for_user(request.user, case_id)  # 404 first: another family's case
    if _is_family(request.user):
        # A parent or young person has their own page of the record, in plain English.
        return redirect("web:family-case", case_id=case.pk)
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    today = kernel.today()
    sees = visibility_for(request.user)
    events = list(
        case.events.select_related("recorded_by", "correction__by").order_by(
            "-on", "-recorded_at", "-id"
        )
    )
    can_change = can_record(request.user, case)
    closed = None if case.is_open else closing_step(case)
    current = timeline(events, request.user, today, can_change, closed=closed, is_open=case.is_open)
    deadlines = live_deadlines(case, current, today)
    plans = list(case.plans.all())
    live_plan = any(plan.is_live for plan in plans)
    context = {
        "case": case,
        "sees": sees,
        "year_group": case.child.year_group(today),
        "plan": plans[0] if plans else None,
        "assessment": next(iter(case.requests.all()), None),
        "contacts": visible_contacts(request.user, case, sees),
        "events": events,
        "open_deadlines": [d for d in deadlines if d.status in OPEN],
        "past_deadlines": [d for d in reversed(deadlines) if d.status not in OPEN],
        "state": case_state(current, live_plan=live_plan, today=today),
        "next": next_step(
            current, deadlines, is_open=case.is_open, live_plan=live_plan, today=today
        ),
        "can_record": case.is_open and can_change,
        "can_change": can_change,
        "can_correct": can_change and (case.is_open or closed is not None),
        "can_undo_closing": any(getattr(e, "may_change", False) for e in current)
        and not case.is_open,
        "can_reassign": case.is_open and _manages_caseloads(request.user),
        "messages_table": _messages(request.user, case),
        "access": _access(request.user, case, today),
        "family_panel": _family_panel(case) if can_change else None,
        # A family member with a survey open is asked for feedback (none for anyone else).
        "surveys": surveys.open_events(request.user, case, today),
        "family": _family_voice(request.user, case, today),
        "disagreements": _disagreements(request.user, case, today),
        "early_review": _early_review(request.user, case, today),
        # The social care assessment offered with each plan and review (council staff).
        "social_care": steps_and_offers(case) if _la_staff(request.user) else None,
    }
    return render(request, "web/cases/detail.html", context)


def _la_staff(user: Any) -> bool:
    return getattr(membership_for(user), "role", None) in LA_WIDE_ROLES


def _is_family(user: Any) -> bool:
    return getattr(membership_for(user), "role", None) in FAMILY_ROLES


def _family_panel(case: Case) -> dict[str, Any]:
    """For staff who record casework: the family's changes of details waiting, and the
    day the rights pass to the young person (docs/families.md)."""
    waiting = ContactChange.objects.filter(
        contact__child_id=case.child_id, status=ContactChange.Status.PENDING
    )
    return {"changes": waiting.count(), "passes": transfer_date(case.child)}


def _family_voice(user: Any, case: Case, today: date) -> dict[str, Any] | None:
    """The family's views (the latest of each kind), their comments on the latest draft and
    their messages (council staff only)."""
    membership = membership_for(user)
    if membership is None or membership.role not in LA_WIDE_ROLES:
        return None
    return {
        "window": family_voice.comment_window(case, today),
        "representations": list(family_voice.representations(case)),
        "views": [
            (views, family_voice.answer_rows(views))
            for views in family_voice.latest_views(case).values()
        ],
        "waiting": family_voice.message_thread(case)
        .filter(from_family=True, replied_at__isnull=True)
        .count(),
    }


def _early_review(user: Any, case: Case, today: date) -> dict[str, Any] | None:
    """The plan's reviews brought forward and not yet held (an audit action, a panel),
    each with an "Overdue" tag once its date has passed, and the form that records one
    held: shown to council staff, who may record it (``record_early_review_held``)."""
    membership = membership_for(user)
    if membership is None or membership.role not in LA_WIDE_ROLES:
        return None
    waiting = list(case.early_reviews.filter(held_on__isnull=True).order_by("review_by", "id"))
    if not waiting:
        return None
    overdue = tag("Overdue", tags.RED)
    return {
        "waiting": [(early, overdue if early.review_by < today else "") for early in waiting],
        "form": EarlyReviewHeldForm(waiting=waiting),
    }


def _disagreements(user: Any, case: Case, today: date) -> CaseDisagreements | None:
    """The case's complaints, mediation and appeals: shown to council staff."""
    membership = membership_for(user)
    if membership is None or membership.role not in LA_WIDE_ROLES:
        return None
    return case_disagreements(case, today)


def _access(user: Any, case: Case, today: date) -> SafeString | None:
    """Who can see the child's record and why: shown to council staff (families next)."""
    membership = membership_for(user)
    if membership is None or membership.role not in LA_WIDE_ROLES:
        return None
    return access_table(access_list(case.child, today))


def timeline(
    events: list[CaseEvent],
    user: Any,
    today: date,
    can_change: bool,
    *,
    is_open: bool = True,
    closed: CaseEvent | None = None,
) -> list[CaseEvent]:
    """Mark each event for the timeline: ``struck`` (its correction or withdrawal, if it is
    no longer current) and ``may_change`` (whether ``user`` may correct or withdraw it
    today; on a closed case only the step that ``closed`` it, if any); return the current
    ones, which everything else on the page reads."""
    by_replacement: dict[int, EventCorrection] = {}
    for event in events:
        event.struck = correction_of(event)  # type: ignore[attr-defined]
        if event.struck is not None and event.struck.replacement_id:  # type: ignore[attr-defined]
            by_replacement[event.struck.replacement_id] = event.struck  # type: ignore[attr-defined]
    manager = can_change and _manages_caseloads(user)
    current = [event for event in events if event.struck is None]  # type: ignore[attr-defined]
    for event in current:
        changeable = can_change and (is_open or (closed is not None and event.pk == closed.pk))
        event.may_change = changeable and (  # type: ignore[attr-defined]
            manager or not needs_manager(event, by_replacement, today)
        )
    return current


def _messages(user: Any, case: Case) -> SafeString | None:
    """Messages sent about the case (council staff only; none names the child)."""
    membership = membership_for(user)
    if membership is None or membership.role not in LA_WIDE_ROLES:
        return None
    messages = list(case.messages.all()[:50])
    return case_messages_table(messages) if messages else None


def _manages_caseloads(user: Any) -> bool:
    membership = membership_for(user)
    return membership is not None and membership.role in CASELOAD_MANAGER_ROLES


@dataclass(frozen=True, slots=True)
class Visibility:
    """What of a child's record a role sees on the case page (docs/recording-steps.md)."""

    identifiers: bool  # sex, UPN, ULN, NHS number
    contacts: str  # "all", "own" (a parent: their own entry) or "none"
    recorded_by: bool  # which member of staff recorded each step


STAFF_VIEW = Visibility(identifiers=True, contacts="all", recorded_by=True)
NOTHING = Visibility(identifiers=False, contacts="none", recorded_by=False)
VIEWS = {
    Role.SENCO: NOTHING,  # their pupil's plan, timeline and deadlines; no family contacts
    Role.PARENT: Visibility(identifiers=False, contacts="own", recorded_by=False),
    Role.YOUNG_PERSON: Visibility(identifiers=False, contacts="own", recorded_by=False),
}


def visibility_for(user: Any) -> Visibility:
    membership = membership_for(user)
    role = membership.role if membership else None
    return STAFF_VIEW if role in LA_WIDE_ROLES else VIEWS.get(role, NOTHING)


def visible_contacts(user: Any, case: Case, sees: Visibility) -> list[FamilyContact]:
    if sees.contacts == "none":
        return []
    contacts = list(case.child.contacts.all())
    return contacts if sees.contacts == "all" else [c for c in contacts if c.user_id == user.pk]

"""The EHC needs assessment: request, decision to assess, decision whether to issue."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, write_event
from senda.casework.models import AssessmentRequest, Case, CaseEvent
from senda.clock.model import OUTCOMES
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_not_before, check_not_future


def request_on(case: Case, on: date) -> AssessmentRequest:
    """The request whose assessment a step dated ``on`` belongs to: the latest received on or
    before it (the ordering rules have checked there is one)."""
    request = case.requests.filter(received_on__lte=on).order_by("received_on", "id").last()
    if request is None:
        raise ActionError(WHOLE_FORM, "Record the request for an EHC needs assessment first.")
    return request


@transaction.atomic
def record_request_received(
    *, case: Case, on: date, source: int, by: User, today: date | None = None
) -> CaseEvent:
    """A request for an EHC needs assessment reached the LA: the 20-week clock starts."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    check_choice(source, AssessmentRequest.Source.values, "source", "who made the request")
    if case.child.date_of_birth:
        check_not_before(on, case.child.date_of_birth, "the child's date of birth")
    AssessmentRequest.objects.create(case=case, received_on=on, source=source)
    return write_event(case, by, today, "request_received", on, source=source)


@transaction.atomic
def record_assess_decision(
    *, case: Case, on: date, outcome: str, by: User, today: date | None = None
) -> CaseEvent:
    """The LA decided whether to assess (``assess`` or ``refuse``) and told the family."""
    return _decide(case, on, outcome, by, today, "assess")


@transaction.atomic
def record_issue_decision(
    *, case: Case, on: date, outcome: str, by: User, today: date | None = None
) -> CaseEvent:
    """After assessing, the LA decided whether to issue a plan (``issue`` or ``not-issue``)."""
    return _decide(case, on, outcome, by, today, "issue")


def _decide(
    case: Case, on: date, outcome: str, by: User, today: date | None, decision: str
) -> CaseEvent:
    """Record the ``assess`` or ``issue`` decision as an event and on the request it
    answers (``<decision>_outcome``, ``<decision>_decided_on``)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    event_type = f"{decision}_decision"
    check_choice(outcome, OUTCOMES[event_type], "outcome", "the decision")
    event = write_event(case, by, today, event_type, on, outcome=outcome)
    request = request_on(case, on)
    setattr(request, f"{decision}_outcome", outcome)
    setattr(request, f"{decision}_decided_on", on)
    request.save(update_fields=[f"{decision}_outcome", f"{decision}_decided_on"])
    return event

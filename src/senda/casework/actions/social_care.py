"""Recording the social care assessment offered with a plan or at a review (issue 18):

    record_social_care_offer(case=case, event=final_plan_event, offered_on=day,
                             answer="accepted", answered_on=day, by=officer)

A second call for the same step replaces the row before (kept): the family's answer
arriving later, or a correction. Checks the user may write to the case, that the step is
the case's current plan-issued or review-meeting step, and the dates; audits.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit
from senda.casework.actions.base import begin
from senda.casework.models import OCCASIONS, Case, CaseEvent, SocialCareOffer
from senda.kernel import ActionError, check_choice, check_not_before, check_not_future

Answer = SocialCareOffer.Answer


@transaction.atomic
def record_social_care_offer(
    *,
    case: Case,
    event: CaseEvent,
    offered_on: date | None,
    answer: str,
    answered_on: date | None = None,
    why: str = "",
    by: User,
    today: date | None = None,
) -> SocialCareOffer:
    case, today = begin(case, by, today, may_be_closed=True)
    step = case.events.current().filter(pk=event.pk, type__in=list(OCCASIONS)).first()
    if step is None:
        raise ActionError("event", "Choose a plan issued or a review meeting of this case.")
    check_choice(answer, Answer.values, "answer", "what happened")
    if answer == Answer.NOT_OFFERED:
        offered_on = answered_on = None
    else:
        if offered_on is None:
            raise ActionError("offered_on", "Enter the date the assessment was offered.")
        check_not_future(offered_on, today, "offered_on")
        if answer == Answer.AWAITED:
            answered_on = None
        elif answered_on is None:
            raise ActionError("answered_on", "Enter the date the family answered.")
        else:
            check_not_future(answered_on, today, "answered_on")
            check_not_before(answered_on, offered_on, "the offer", "answered_on")
    before = SocialCareOffer.objects.current().filter(event=step).first()
    row = SocialCareOffer.objects.create(
        case=case,
        event=step,
        offered_on=offered_on,
        answer=answer,
        answered_on=answered_on,
        replaces=before,
        why=(why or "").strip()[:500],
        recorded_by=by,
    )
    audit.record(
        user=by,
        verb="write",
        obj=row,
        child=case.child,
        summary=f"case {case.pk}: social care offer {row.pk} for {step.type} {step.pk}",
    )
    return row

"""Where a child is on the neurodevelopmental pathway, in plain English, for their family
(the families' portal, ``/family/assessments/``), and the support they can have now.

``family_view(referral, today, voice)`` turns a referral's current steps into a heading,
a sentence and the steps so far, written as the family's home page is (reading age about 9;
no word of the service's own: ``portal.family_status.jargon_in`` finds none, checked by
the tests). "Your child" for a parent, "you" for a young person.

**Support now**: ``support_now(child_ids, today)`` lists the interim support recorded for
the children (``pathways.Support``, recorded on the referral's page), and the page always
shows the local offer's general text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from senda.kernel import long_date
from senda.pathways.models import Outcome, Referral, Status, Support
from senda.portal.family_status import Voice, say

__all__ = ["LOCAL_OFFER", "FamilyReferral", "SupportLine", "family_view", "support_now"]

#: What the page says about the support a child can have now, whatever is recorded.
LOCAL_OFFER = (
    "{Child_has} no need to wait for a diagnosis to get help. {Childs} school or college "
    "must support {child} now. Ask them what they can do. The Local Offer lists groups, "
    "courses for parents and carers, and advice lines you can use today."
)

PATHWAY_WORDS = {
    "autism": "an autism assessment",
    "adhd": "an ADHD assessment",
    "salt": "a speech and language assessment",
    "paediatrics": "a check with a children's doctor",
    "camhs": "a mental health assessment",
}

OUTCOME_WORDS = {
    Outcome.DIAGNOSED: "The team found that {child_has} the condition they checked for.",
    Outcome.NOT_DIAGNOSED: "The team found that {child} does not have the condition they "
    "checked for. Support at school goes on.",
    Outcome.INCONCLUSIVE: "The team could not be sure yet. They will look again later.",
    Outcome.REFERRED_ON: "The team asked another service to see {child}.",
}


@dataclass(frozen=True)
class FamilyReferral:
    reference: str
    what: str
    heading: str
    text: str
    steps: list[tuple[str, str]]  # (date in words, what happened)


@dataclass(frozen=True)
class SupportLine:
    what: str
    who: str
    since: str


def _weeks(start: date, end: date) -> str:
    weeks = max((end - start).days // 7, 0)
    return "less than a week" if weeks == 0 else f"{weeks} week{'s' if weeks != 1 else ''}"


def family_view(referral: Referral, today: date, voice: Voice) -> FamilyReferral:
    """The referral as its family reads it."""
    what = PATHWAY_WORDS.get(referral.pathway, "an assessment")
    steps = [(long_date(referral.referred_on), say(f"{{Child}} was referred for {what}.", voice))]
    status = referral.status
    waited = _weeks(referral.referred_on, today)
    if referral.accepted_on:
        steps.append((long_date(referral.accepted_on), "The team read the referral and said yes."))
    if status == Status.TRIAGE:
        heading = "The team is reading the referral"
        text = say(
            f"The team will read the referral and decide if {{child}} needs {what}. "
            f"It is {waited} since the referral.",
            voice,
        )
    elif status == Status.WAITING:
        heading = f"Waiting for {what}"
        text = say(
            f"{{Child_is}} on the waiting list. It is {waited} since the referral. "
            "We will tell you when a first appointment is booked.",
            voice,
        )
    elif status == Status.REJECTED:
        assert referral.rejected_on is not None
        heading = "The team said no to this referral"
        text = say(
            "The team decided not to see {child} for now. The school can tell you why and "
            "what help there is. You can ask them to refer again if things change.",
            voice,
        )
        steps.append((long_date(referral.rejected_on), "The team said no to the referral."))
    elif status in (Status.ASSESSED, Status.DONE):
        assert referral.assessed_on is not None
        steps.append(
            (long_date(referral.assessed_on), say("{Child} had a first appointment.", voice))
        )
        if status == Status.ASSESSED:
            heading = "Assessment started"
            text = say(
                "{Child} has had a first appointment. The team will tell you what they found.",
                voice,
            )
        else:
            heading = "Assessment done"
            text = say(OUTCOME_WORDS.get(referral.outcome, "The team has finished."), voice)
            if referral.outcome_on:
                steps.append((long_date(referral.outcome_on), "The team told you what they found."))
    else:
        heading = "Off the waiting list"
        text = say(
            "{Child_is} no longer on the waiting list. Ask the school if you want a new referral.",
            voice,
        )
        if referral.closed_on:
            steps.append((long_date(referral.closed_on), "Taken off the waiting list."))
    return FamilyReferral(referral.reference, what, heading, text, steps)


def support_now(child_ids: list[int], today: date) -> list[SupportLine]:
    """The interim support running today for the children, as recorded
    (``pathways.Support``): the one place the families' page asks."""
    rows = Support.objects.running_on(today).filter(child_id__in=child_ids).order_by("starts_on")
    return [
        SupportLine(row.get_kind_display(), row.provider, long_date(row.starts_on)) for row in rows
    ]

"""Where a child is on the neurodevelopmental pathway, in plain English, for their family
(the families' portal, ``/family/assessments/``), and the support they can have now.

``family_view(referral, today, voice)`` turns a referral's current steps into a heading,
a sentence and the steps so far, written as the family's home page is (reading age about 9;
no word of the service's own: ``portal.family_status.jargon_in`` finds none, checked by
the tests). "Your child" for a parent, "you" for a young person.

**Support now**: ``support_now(children, today)`` lists the interim support recorded for
the children (``pathways.Support``, recorded on the referral's page), each line naming its
child, and the page always shows the local offer's general text (``local_offer``), "the
Local Offer" a link to the area's Local Offer website where the area has recorded its
address (``people.LocalAuthority.local_offer_url``).

A referral taken off the list says why, in the family's words (``CLOSE_WORDS``, from the
recorded reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from senda.kernel import long_date
from senda.pathways.models import CloseReason, Outcome, Referral, Status, Support
from senda.people.models import Child
from senda.portal.family_status import Voice, say

__all__ = [
    "CLOSE_WORDS",
    "LOCAL_OFFER",
    "FamilyReferral",
    "LocalOffer",
    "SupportLine",
    "family_view",
    "local_offer",
    "support_now",
]

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

#: Why a referral left the list, as its family reads it (``Referral.close_reason``).
CLOSE_WORDS = {
    CloseReason.WITHDRAWN: "The referral was stopped because your family asked for this.",
    CloseReason.MOVED: "The referral was closed because {child} moved to a new area.",
    CloseReason.DID_NOT_ATTEND: "The referral was closed because {child} did not come to the "
    "appointments the team offered.",
    CloseReason.OTHER: "The team closed the referral.",
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
    child: str  # the child's given name: the page names it when a family has more than one
    what: str
    who: str
    since: str


@dataclass(frozen=True)
class LocalOffer:
    """The local offer's text cut round the words "the Local Offer", which the page makes
    a link when ``url`` is set (plain text when it is not)."""

    before: str
    words: str
    after: str
    url: str


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
        why = CLOSE_WORDS.get(referral.close_reason, CLOSE_WORDS[CloseReason.OTHER])
        text = say(
            f"{{Child_is}} no longer on the waiting list. {why} "
            "Ask the school if you want a new referral.",
            voice,
        )
        if referral.closed_on:
            steps.append((long_date(referral.closed_on), "Taken off the waiting list."))
    return FamilyReferral(referral.reference, what, heading, text, steps)


def support_now(children: list[Child], today: date) -> list[SupportLine]:
    """The interim support running today for the children, as recorded
    (``pathways.Support``): the one place the families' page asks. Each line names its
    child; the lines come child by child (in ``children``'s order), then oldest first."""
    names = {child.pk: child.given_name for child in children}
    order = {child.pk: n for n, child in enumerate(children)}
    rows = sorted(
        Support.objects.running_on(today).filter(child_id__in=names).order_by("starts_on", "pk"),
        key=lambda row: order[row.child_id],
    )
    return [
        SupportLine(
            names[row.child_id], row.get_kind_display(), row.provider, long_date(row.starts_on)
        )
        for row in rows
    ]


def local_offer(voice: Voice, children: list[Child]) -> LocalOffer:
    """:data:`LOCAL_OFFER` in ``voice``, with the address of the children's area's Local
    Offer website ("" when it is not recorded, or the children's areas give different
    ones)."""
    before, words, after = say(LOCAL_OFFER, voice).partition("The Local Offer")
    urls = {child.la.local_offer_url for child in children}
    return LocalOffer(before, words, after, urls.pop() if len(urls) == 1 else "")

"""SEN2's mediation and tribunal flags for a case, worked out from its mediation and appeal
records: no officer ticks them.

    from senda.casework.sen2_flags import sen2_flags
    sen2_flags(case)   # {"RequestMediation": False, "RequestTribunal": True, ...}

SEN2 asks, for a request and its plan, whether mediation was held and whether an appeal
was made to the SEND Tribunal about each stage: the decision not to assess (``Request*``),
the decision not to issue a plan after assessment (``Assessment*``) and anything else — the
plan's contents, the school named, a refusal to re-assess or amend, ceasing (``Other*``).

- A **mediation** counts when it was held: a meeting date is recorded, or its outcome is an
  agreement (full or partial) or no agreement. A family that declined mediation, or one the
  council could not arrange in time, got a certificate but had no mediation. Disagreement
  resolution (no appeal right) is not mediation and is not counted.
- An **appeal** counts once the tribunal received it (lodged or registered), whatever its
  outcome (conceded and withdrawn appeals too).

``since``: count only disagreements about decisions sent on or after that day (a return
that covers one request of several).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from senda.casework.models.disagreements import Issue, Mediation

if TYPE_CHECKING:
    from senda.casework.models import Case

#: SEN2's field name for each stage, mediation then tribunal.
FIELDS: dict[str, tuple[str, str]] = {
    "request": ("RequestMediation", "RequestTribunal"),
    "assessment": ("AssessmentMediation", "AssessmentTribunal"),
    "other": ("OtherMediation", "OtherTribunal"),
}
#: The issue codes that make a disagreement about a stage (any other issue is "other").
STAGE_OF_ISSUE: dict[str, str] = {
    Issue.REFUSAL_TO_ASSESS: "request",
    Issue.REFUSAL_TO_ISSUE: "assessment",
}
HELD_OUTCOMES = (Mediation.Outcome.FULL, Mediation.Outcome.PARTIAL, Mediation.Outcome.NONE)
#: What each stage's disagreement is about, in plain words.
ABOUT: dict[str, str] = {
    "request": "the decision not to assess",
    "assessment": "the decision not to issue a plan",
    "other": "something else, such as the plan's contents",
}
#: Each flag in plain words, for the flags a return imported from another system gave
#: (``AssessmentRequest.returned_flags``, ``Plan.returned_flags``).
SAYS: dict[str, str] = {
    name: said
    for stage, (mediation, tribunal) in FIELDS.items()
    for name, said in (
        (mediation, f"mediation was held about {ABOUT[stage]}"),
        (tribunal, f"an appeal was made to the tribunal about {ABOUT[stage]}"),
    )
}


def returned(case: Case) -> list[tuple[date, list[str]]]:
    """What returns imported from another system said of the case's mediations and appeals
    (no records of which are held): for each request (by the day it was received) or plan
    with no request (by the day it started) that had flags, the flags in plain words."""
    kept = [
        *case.requests.exclude(returned_flags="").values_list("received_on", "returned_flags"),
        *(
            (issued or moved_in, flags)
            for issued, moved_in, flags in case.plans.exclude(returned_flags="").values_list(
                "issued_on", "transferred_in_on", "returned_flags"
            )
        ),
    ]
    return sorted(
        ((on, [SAYS[name] for name in flags.split() if name in SAYS]) for on, flags in kept if on),
        reverse=True,
    )


def stages(issues: Iterable[str]) -> set[str]:
    """The SEN2 stages (``request``, ``assessment``, ``other``) a list of issue codes is
    about; an empty list is about nothing."""
    return {STAGE_OF_ISSUE.get(str(code), "other") for code in issues or ()}


def flags_from(
    mediations: Iterable[Iterable[str]], appeals: Iterable[Iterable[str]]
) -> dict[str, bool]:
    """The six flags from the issues of the mediations held and the grounds of the appeals
    made (pure)."""
    mediated = {stage for issues in mediations for stage in stages(issues)}
    appealed = {stage for grounds in appeals for stage in stages(grounds)}
    flags: dict[str, bool] = {}
    for stage, (mediation, tribunal) in FIELDS.items():
        flags[mediation] = stage in mediated
        flags[tribunal] = stage in appealed
    return flags


def was_held(mediation: Mediation) -> bool:
    """A mediation (not disagreement resolution) that took place."""
    if mediation.kind != Mediation.Kind.MEDIATION:
        return False
    return mediation.meeting_on is not None or mediation.outcome in HELD_OUTCOMES


def sen2_flags(case: Case, *, since: date | None = None) -> dict[str, bool]:
    """SEN2's RequestMediation, RequestTribunal, AssessmentMediation, AssessmentTribunal,
    OtherMediation and OtherTribunal for ``case`` (two queries)."""
    mediations = [
        m.issues
        for m in case.mediations.all()
        if was_held(m) and (since is None or m.decision_on >= since)
    ]
    appeals = [
        a.grounds
        for a in case.appeals.all()
        if (a.lodged_on is not None or a.registered_on is not None)
        and (since is None or a.decision_on >= since)
    ]
    return flags_from(mediations, appeals)

"""The demo plan's priorities for the quarterly report: each area's "I" and "We"
statements (one area's rewritten once, so its history shows), a RAGB rating with a
narrative for each of the last three complete quarters, and a draft list of key actions
for the coming quarter in the latest complete quarter's report, drawn from the actions and
milestones due then, with one reworded and one added by hand.

Rows go in with ``bulk_create``, not audited, as the rest of the demo plan.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User

from senda.improvement.models import (
    ImprovementArea,
    ImprovementPlan,
    KeyAction,
    KeyActionList,
    PriorityRating,
    PriorityStatement,
)
from senda.improvement.priorities import draw
from senda.performance.report import quarters

#: Per area, in the plan's order: ("I" statement, "We" statement).
STATEMENTS = (
    (
        "I know who is looking after my child's assessment, and I hear from them before I "
        "have to chase. We got the plan in time for the new school year.",
        "We will issue EHC plans within 20 weeks, tell families what happens next at every "
        "step and answer within 5 working days.",
    ),
    (
        "My child's plan describes them as they are. I can see my words and theirs in it, "
        "and the school knows what to do from it.",
        "We will write plans with families, check a sample every month and put right what "
        "the audits find.",
    ),
    (
        "My daughter's review happened when it should, and the changes we agreed were in "
        "her plan within four weeks.",
        "We will hold every annual review on time and amend plans within 4 weeks of the review.",
    ),
    (
        "I'm 16 and I know what I'm doing after school. People asked me what I want, not "
        "just my mum.",
        "We will plan for adulthood from Year 9, with the young person at the centre, and "
        "know where every young person goes after Year 11.",
    ),
    (
        "I don't have to tell my story again. When I ring, someone knows my child.",
        "We will have one named contact for each family, publish what we changed because of "
        "what families told us, and reply to every message within 5 working days.",
    ),
)
#: The first area's earlier statements, replaced a quarter ago.
FIRST_DRAFT = (
    "I get my child's plan on time.",
    "We will improve the timeliness of EHC plans.",
)
#: Per area: the ratings for the last three complete quarters, oldest first.
RATINGS = (
    (
        (
            "red",
            "Fewer than 4 in 10 plans were issued within 20 weeks; health advice was "
            "late in most cases.",
        ),
        (
            "amber",
            "Four new coordinators started. Plans within 20 weeks rose to 46%, but "
            "health advice is still often late.",
        ),
        (
            "amber",
            "58% of plans within 20 weeks in the quarter, up from 46%. The weekly "
            "tracker is working; the designated clinical officer is chasing late advice.",
        ),
    ),
    (
        (
            "amber",
            "The quality framework is agreed; the first audits found outcomes that "
            "were not specific enough.",
        ),
        (
            "amber",
            "Two thirds of audited plans were good or better. Training on writing "
            "outcomes is booked for every coordinator.",
        ),
        (
            "green",
            "Moderation agreed with the auditors' grades in 9 of 10 plans. "
            "Outcomes training is done.",
        ),
    ),
    (
        (
            "red",
            "Only a third of reviews were held on time, and few amendments were made "
            "within 4 weeks.",
        ),
        ("amber", "Reviews are booked a term ahead. Reviews on time rose to 52%."),
        (
            "green",
            "Reviews on time reached 71%. Amendments within 4 weeks are still the "
            "weak point; a new tracker starts next quarter.",
        ),
    ),
    (
        ("amber", "The Year 9 review template now covers preparing for adulthood."),
        ("green", "Every Year 9 review this quarter used the new template."),
        ("green", "The careers adviser attends Year 11 reviews; destinations are tracked monthly."),
    ),
    (
        ("amber", "Named contacts agreed for new requests; families say they still chase."),
        ("amber", "'You said, we did' published monthly with the parent carer forum."),
        (
            "blue",
            "Every family has a named contact, and the forum's survey shows 7 in 10 "
            "parents hear back within 5 working days.",
        ),
    ),
)
ADDED = "Agree with the parent carer forum how the next survey asks about communication."
REWORDED = "Weekly 20-week tracker meeting, with escalation at week 14 (every case)."


def write_priorities(
    plan: ImprovementPlan, areas: list[ImprovementArea], users: dict[str, User], today: date
) -> None:
    manager = users.get("service-manager")
    latest = quarters.default(today)
    rated = [latest.previous().previous(), latest.previous(), latest]
    statements = [
        PriorityStatement(
            area=areas[0],
            i_statement=FIRST_DRAFT[0],
            we_statement=FIRST_DRAFT[1],
            written_on=rated[0].end,
            author=manager,
        )
    ]
    statements += [
        PriorityStatement(
            area=area, i_statement=i, we_statement=we, written_on=rated[1].end, author=manager
        )
        for area, (i, we) in zip(areas, STATEMENTS, strict=False)
    ]
    PriorityStatement.objects.bulk_create(statements)
    PriorityRating.objects.bulk_create(
        PriorityRating(
            area=area,
            quarter=quarter.key,
            value=value,
            narrative=narrative,
            rated_on=min(quarter.end + timedelta(days=14), today),
            author=manager,
        )
        for area, ratings in zip(areas, RATINGS, strict=False)
        for quarter, (value, narrative) in zip(rated, ratings, strict=True)
    )
    key_list = KeyActionList.objects.create(plan=plan, quarter=latest.key)
    drawn = draw(plan, latest.following())
    items = KeyAction.objects.bulk_create(
        KeyAction(
            key_list=key_list,
            area=d.area,
            text=d.text,
            due_on=d.due_on,
            action=d.action,
            milestone=d.milestone,
            added_by=manager,
        )
        for d in drawn
    )
    if items:
        old = items[0]
        KeyAction.objects.create(
            key_list=key_list,
            area=old.area,
            text=REWORDED,
            due_on=old.due_on,
            action=old.action,
            milestone=old.milestone,
            replaces=old,
            added_by=manager,
        )
        old.withdrawn_on, old.withdrawn_by = today, manager
        old.withdrawn_reason = "Reworded for the report."
        old.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawn_reason"])
    if areas:
        KeyAction.objects.create(key_list=key_list, area=areas[-1], text=ADDED, added_by=manager)

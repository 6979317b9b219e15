"""The demo's vulnerable groups (docs/child-details.md): some children looked after (open
periods, a few ended), some previously looked after or adopted, and a few missing education
(the SEN2 flag; a few are already electively home educated: ``demo.child_flags``). Its own
random stream, so the rest of the area is unchanged. Written through ``people.groups``'
actions, as a caseworker would, so each write is audited."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from random import Random
from typing import Any

from senda.people.groups import record_period
from senda.people.models import Child, ChildGroupPeriod, LocalAuthority

#: Shares of the area's children in each group.
LOOKED_AFTER = 0.03
PREVIOUSLY_LOOKED_AFTER = 0.02
MISSING_EDUCATION = 0.01


def write_child_groups(
    *, seed: int, la: LocalAuthority, today: date, by: Any, skip: Collection[int] = ()
) -> dict[str, int]:
    """Record the groups; ``skip``: case ids whose children are left alone (the SEN2
    faults and the families' stories). Returns how many children each group has."""
    rng = Random(f"{seed}-child-groups")
    children = list(
        Child.objects.filter(la=la)
        .exclude(cases__pk__in=list(skip))
        .exclude(date_of_birth__isnull=True)
        .order_by("pk")
    )
    counts = {"looked_after": 0, "previously_looked_after": 0, "missing_education": 0}
    how = [c for c, _ in ChildGroupPeriod.How.choices]
    for child in children:
        born = child.date_of_birth
        assert born is not None
        span = (today - born).days
        if span < 400:
            continue
        draw = rng.random()
        if draw < LOOKED_AFTER:
            start = born + timedelta(days=rng.randrange(365, span))
            end = None
            if rng.random() < 0.25 and (today - start).days > 60:
                end = start + timedelta(days=rng.randrange(30, (today - start).days))
            record_period(
                child=child, group="looked_after", start=start, end=end, by=by, today=today
            )
            counts["looked_after"] += 1
        elif draw < LOOKED_AFTER + PREVIOUSLY_LOOKED_AFTER:
            start = born + timedelta(days=rng.randrange(180, span))
            record_period(
                child=child,
                group="previously_looked_after",
                how=rng.choices(how, weights=(6, 3, 1, 1))[0],
                start=start,
                by=by,
                today=today,
            )
            counts["previously_looked_after"] += 1
        elif (
            draw < LOOKED_AFTER + PREVIOUSLY_LOOKED_AFTER + MISSING_EDUCATION
            and child.missing_education is False
            and not child.elective_home_education
        ):
            Child.objects.filter(pk=child.pk).update(missing_education=True)
            counts["missing_education"] += 1
    return counts

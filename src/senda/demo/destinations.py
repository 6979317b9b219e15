"""The demo area's participation extracts (issue 18; docs/pathways.md "Destinations"): a
year of the council's monthly extracts for the area's young people of academic age 16 to
25, those with a current plan and one in three of the others (on SEN support), each with
an activity that mostly holds from month to month (school sixth form and college for the
16–17s, apprenticeships, supported internships, employment, NEET, not known), NEET for
about one in seven 16–17-year-olds with a plan at the start and fewer by the end; and a
few internships and apprenticeships on the register of opportunities.

Rows go in directly (the imports with ``senda.rows.insert_rows``, the participation
records as plain tuples in one ``executemany``; one import record a month, as the import
would write; no audit entry per row), from their own random stream, so the rest of
the area is as it was.
"""

from __future__ import annotations

from datetime import date
from random import Random

from django.contrib.auth.models import User
from django.db import connection

from senda.casework.models import Plan
from senda.pathways import activities
from senda.pathways.models import Opportunity, Participation, ParticipationImport
from senda.people.models import Child, LocalAuthority
from senda.rows import insert_rows, unsaved

MONTHS = 12
#: Activities drawn for a young person's first month, by academic age band.
YOUNGER = (("110", 30), ("130", 40), ("210", 5), ("250", 3), ("540", 10), ("550", 4),
           ("630", 2), ("810", 6))  # fmt: skip
OLDER = (("130", 20), ("140", 6), ("210", 8), ("250", 6), ("230", 14), ("240", 8),
         ("540", 14), ("660", 8), ("670", 4), ("810", 12))  # fmt: skip
#: The chance a month's activity changes; a NEET or unknown one more often (to EET).
MOVE, LEAVE_NEET = 0.03, 0.12


def _pick(rng: Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _month(today: date, back: int) -> date:
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def write_destinations(*, seed: int, la: LocalAuthority, today: date, by: User) -> int:
    """Write the year's extracts for ``la``; the number of participation records."""
    rng = Random(f"{seed}-destinations")
    months = [_month(today, back) for back in range(MONTHS, 0, -1)]  # the last complete 12
    with_plan = set(
        Plan.objects.live(today).filter(case__la=la).values_list("case__child_id", flat=True)
    )
    people = []
    for pk, born in (
        Child.objects.filter(la=la, date_of_birth__isnull=False)
        .order_by("pk")
        .values_list("pk", "date_of_birth")
    ):
        cohort = activities.cohort(born)
        if not 16 <= activities.academic_age(cohort, months[-1]) <= 25:
            continue
        if pk in with_plan:
            people.append((pk, born, cohort, "ehcp"))
        elif rng.random() < 1 / 3:
            people.append((pk, born, cohort, "sen_support"))
    imports = [
        unsaved(
            ParticipationImport,
            la_id=la.pk,
            month=month,
            filename=f"participation-{month:%Y-%m}.csv",
            sha256="",
            rows=len(people),
            kept=len(people),
            added=len(people),
            changed=0,
            by_id=by.pk,
        )
        for month in months
    ]
    insert_rows(imports, ids_where={"la_id": la.pk})
    # ~9,000 rows: sent as plain tuples in one executemany (what ``insert_rows`` sends,
    # without building a model instance a row), to keep the demo in its budget.
    adapt = connection.ops.adapt_datefield_value
    stamps = [adapt(month) for month in months]
    rows = []
    for pk, born, cohort, send in people:
        activity = ""
        ref, dob = f"CCIS{pk:06d}", adapt(born)
        for month, stamp, source in zip(months, stamps, imports, strict=True):
            age = activities.academic_age(cohort, month)
            if age < 16:
                continue
            group = activities.group(activity) if activity else ""
            if not activity or rng.random() < (LEAVE_NEET if group != "eet" else MOVE):
                activity = _pick(rng, YOUNGER if age <= 17 else OLDER)
            rows.append((la.pk, stamp, ref, pk, dob, cohort, send, activity, source.pk))
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(c)
        for c in (
            "la_id", "month", "person_ref", "child_id", "date_of_birth", "cohort", "send",
            "activity", "source_id",
        )
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(Participation._meta.db_table)} ({columns}) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    year = activities.academic_year(today)
    insert_rows(
        unsaved(
            Opportunity, la_id=la.pk, kind=kind, year=y, places=places, provider=provider,
            recorded_by_id=by.pk,
        )
        for y, kind, places, provider in (
            (year - 1, "internship", 12, "City Hospital (Project SEARCH)"),
            (year - 1, "apprenticeship", 8, "City Council"),
            (year, "internship", 18, "City Hospital (Project SEARCH)"),
            (year, "internship", 6, "Riverside Hotel"),
            (year, "apprenticeship", 10, "City Council"),
        )
    )  # fmt: skip
    return len(rows)

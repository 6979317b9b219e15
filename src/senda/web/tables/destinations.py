"""The destinations pages' tables (``/destinations/``): young people by cohort and what
they were doing in the month, and the opportunities created and filled. Counts are
suppressed for those who see the figures alone (``Counts.below`` above 0): a count from 1
to below the threshold is "Fewer than 5", and in a row where one is, the other groups'
counts are "Not shown" too (they add up to the total, so one could be worked out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.pathways import activities
from senda.pathways.destinations import Cohort, Opportunities
from senda.pathways.models import OpportunityKind
from senda.web.components import table
from senda.web.tables.places import Counts

HIDDEN = "Not shown"
#: A cohort whose sustained EET cannot be judged yet: its February after Year 11 has not
#: come, or a month from September to February has no extract (``destinations.judgeable``).
NOT_ENOUGH = "Not enough months yet"
GROUPS = ("eet", "neet", "unknown", "apprenticeship", "internship")
HEAD = [
    "Left Year 11",
    "Young people",
    "In education, employment or training",
    "NEET",
    "Not known",
    "Apprenticeship",
    "Supported internship",
    "Sustained EET six months on",
]


def _count(
    ids: Sequence[int], counts: Counts, link: Mapping[str, Any] | None, hide: bool = False
) -> dict[str, Any]:
    n = len(ids)
    if counts.hidden(n):
        return {"text": counts.count(n)}
    if hide:
        return {"text": HIDDEN}
    if link is not None and n:
        url = f"{reverse('web:destinations-children')}?{urlencode(link)}"
        return {"html": format_html('<a class="govuk-link" href="{}">{}</a>', url, f"{n:,}")}
    return {"text": f"{n:,}"}


def cohorts_table(
    caption: str, cohorts: Sequence[Cohort], month: date, counts: Counts, link: Any
) -> SafeString:
    """A row per cohort; ``link`` (the children list's query, without ``cohort`` and
    ``which``) when the reader may see the children."""
    rows = []
    for cohort in cohorts:
        age = activities.academic_age(cohort.year, month)

        def to(which: str, year: int = cohort.year) -> Mapping[str, Any] | None:
            return None if link is None else {**link, "cohort": year, "which": which}

        hide = counts.below > 0 and any(counts.hidden(len(cohort.part(g))) for g in GROUPS)
        row = [
            {"text": f"{cohort.year} (age {age})"},
            _count(cohort.young_people, counts, to("young_people")),
            *(_count(cohort.part(g), counts, to(g), hide) for g in GROUPS),
        ]
        if cohort.sustained is None:
            row.append({"text": NOT_ENOUGH})
        else:
            yes, no = cohort.sustained
            both = len(yes) + len(no)
            if counts.below and (counts.hidden(len(yes)) or counts.hidden(len(no))):
                row.append({"text": HIDDEN})
            elif not both:
                row.append({"text": "None recorded"})
            else:
                share = f"{round(100 * len(yes) / both)}%"
                shown = _count(yes, counts, to("sustained"))
                if "html" in shown:
                    shown = {"html": format_html("{} of {} ({})", shown["html"], both, share)}
                else:
                    shown = {"text": f"{len(yes):,} of {both:,} ({share})"}
                row.append(shown)
        rows.append(row)
    return table(caption, HEAD, rows)


def opportunities_table(found: Sequence[Opportunities], counts: Counts) -> SafeString:
    labels = dict(OpportunityKind.choices)
    rows = [
        [
            {"text": f"{o.year}/{(o.year + 1) % 100:02d}"},
            {"text": labels[o.kind]},
            {"text": f"{o.created:,}"},
            {"text": counts.count(len(o.filled))},
        ]
        for o in found
    ]
    head = ["Academic year", "Kind", "Places created", "Young people with SEND in one"]
    return table("Supported internships and apprenticeships", head, rows)


def months_table(records: Sequence[Any]) -> SafeString:
    """A young person's participation records, month by month; a record a re-import
    superseded is struck through (kept, never changed)."""
    replaced = {record.replaces_id for record in records if record.replaces_id}
    body = []
    for record in records:
        cells = [
            f"{record.month:%B %Y}",
            activities.label(record.activity),
            record.get_send_display(),
            (
                f"{record.activity_start.day} {record.activity_start:%B %Y}"
                if record.activity_start
                else "Not given"
            ),
        ]
        if record.pk in replaced:
            cells = [
                format_html(
                    '<del><span class="govuk-visually-hidden">Superseded: </span>{}</del>', c
                )
                for c in cells
            ]
            body.append([{"html": c} for c in cells])
        else:
            body.append([{"text": c} for c in cells])
    head = ["Month", "Activity", "SEND", "Activity started"]
    return table("Month by month", head, body)


def records_table(rows: Sequence[tuple[Any, Any]]) -> SafeString:
    """(participation record, child or None) pairs: the list behind a figure, each linked
    to the young person's page (the council's reference) and, where Senda knows them, to
    the child's record."""
    body = []
    for record, child in rows:
        name: dict[str, Any] = {"text": "Not known to Senda"}
        if child is not None:
            url = reverse("web:child-details", kwargs={"child_id": child.pk})
            name = {"html": format_html('<a class="govuk-link" href="{}">{}</a>', url, child)}
        body.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>',
                        reverse("web:destinations-young-person", args=[record.pk]),
                        record.person_ref,
                    )
                },
                name,
                {"text": record.get_send_display()},
                {"text": activities.label(record.activity)},
                {"text": f"{record.month:%B %Y}"},
            ]
        )
    head = ["Council's reference", "Young person", "SEND", "Activity", "Month"]
    return table("Young people", head, body)


def post19_table(rows: Sequence[tuple[Any, int, Any]]) -> SafeString:
    """(child, age, latest participation record or None), oldest first."""
    body = []
    for child, age, latest in rows:
        url = reverse("web:child-details", kwargs={"child_id": child.pk})
        body.append(
            [
                {"html": format_html('<a class="govuk-link" href="{}">{}</a>', url, child)},
                {"text": str(age)},
                (
                    {
                        "html": format_html(
                            '<a class="govuk-link" href="{}">{}</a>',
                            reverse("web:destinations-young-person", args=[latest.pk]),
                            activities.label(latest.activity),
                        )
                    }
                    if latest
                    else {"text": "No activity recorded"}
                ),
                {"text": f"{latest.month:%B %Y}" if latest else ""},
            ]
        )
    head = ["Young person", "Age", "Latest activity", "Month"]
    return table("Young people aged 19 to 25 with a plan", head, body)

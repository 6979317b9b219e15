"""The waiting list's tables (``/waits/``): waits by pathway, age band and locality, and the
list's movement month by month. Counts of children are suppressed for those who see the
figures alone (``Counts.below`` above 0): a count from 1 to below the threshold is "Fewer
than 5", and a breakdown's row whose count could be worked out by subtraction is hidden too
(``performance.suppress.table``); a hidden row shows none of its waits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.pathways.waits import Month, Waits
from senda.performance import suppress
from senda.web.plain_table import plain_table as table
from senda.web.tables.places import Counts

HEAD = [
    "Children",
    "Median wait",
    "90th centile",
    "Longest wait",
    "Over 18 weeks",
    "Over 52 weeks",
]
HIDDEN = "Not shown"


def weeks(days: float | None) -> str:
    value = Waits.weeks(days)
    if value is None:
        return "No waits"
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text} week{'s' if text != '1' else ''}"


def _hidden_rows(total: Waits, rows: Sequence[Waits], counts: Counts) -> list[bool]:
    if not counts.below:
        return [False] * len(rows)
    hidden = list(
        suppress.table(
            suppress.Cell(total.count), [suppress.Cell(w.count) for w in rows], counts.below
        ).rows
    )
    for column in ("over_18", "over_52"):
        found = suppress.table(
            suppress.Cell(getattr(total, column)),
            [suppress.Cell(getattr(w, column)) for w in rows],
            counts.below,
        ).rows
        hidden = [a or b for a, b in zip(hidden, found, strict=True)]
    return hidden


def waits_table(
    caption: str,
    total: Waits,
    groups: Mapping[str, Waits],
    labels: Mapping[str, str],
    counts: Counts,
    link: Mapping[str, str] | None,
    *,
    heading: str,
) -> SafeString:
    """A row per member of ``groups`` and one for the total; ``link`` (the children list's
    query, without ``member``) when the reader may see the children. ``heading`` names the
    groups' column ("Pathway", "Age band"): a header cell is never empty."""
    members = list(groups)
    hidden = _hidden_rows(total, [groups[m] for m in members], counts)
    rows = [
        _row(labels.get(m, m), groups[m], counts, h, link and {**link, "member": m})
        for m, h in zip(members, hidden, strict=True)
    ]
    total_hidden = counts.below > 0 and suppress.small(total.count, counts.below)
    rows.append(_row("All", total, counts, total_hidden, link))
    return table(caption, [heading, *HEAD], rows)


def _row(
    label: str, waits: Waits, counts: Counts, hidden: bool, link: Mapping[str, str] | None
) -> list[dict[str, Any]]:
    first = {"text": label}
    if hidden:
        shown = counts.count(waits.count) if counts.hidden(waits.count) else HIDDEN
        return [first, {"text": shown}, *([{"text": HIDDEN}] * 5)]
    count: dict[str, Any] = {"text": f"{waits.count:,}"}
    if link is not None and waits.count:
        url = f"{reverse('web:nd-waits-children')}?{urlencode(link)}"
        count = {
            "html": format_html('<a class="govuk-link" href="{}">{}</a>', url, f"{waits.count:,}")
        }
    return [
        first,
        count,
        {"text": weeks(waits.median)},
        {"text": weeks(waits.p90)},
        {"text": weeks(waits.longest)},
        {"text": counts.count(waits.over_18)},
        {"text": counts.count(waits.over_52)},
    ]


def movement_table(months: Sequence[Month], counts: Counts) -> SafeString:
    """Referrals in against first assessments (and departures) each month."""
    head = [
        "Month",
        "Referred",
        "First assessed",
        "Rejected",
        "Left the list",
        "Change",
        "On the list at the end",
    ]
    rows = []
    for month in months:
        change = month.net
        hide = counts.below > 0 and any(
            counts.hidden(n) for n in (month.rejected, month.closed, abs(change))
        )
        rows.append(
            [
                {"text": f"{month.start:%B %Y}"},
                {"text": counts.count(month.referred)},
                {"text": counts.count(month.assessed)},
                {"text": counts.count(month.rejected)},
                {"text": counts.count(month.closed)},
                {"text": HIDDEN if hide else f"{change:+,}".replace("-", "−")},
                {"text": counts.count(month.waiting)},
            ]
        )
    return table("Referrals against assessments, month by month", head, rows)


def children_table(rows: Sequence[tuple[Any, int]]) -> SafeString:
    """The referrals behind a figure: reference (linked), child, pathway, referred, school
    when referred, wait so far (or to the first assessment)."""
    head = ["Referral", "Child", "Pathway", "Referred", "School when referred", "Wait"]
    body = []
    for referral, days in rows:
        url = reverse("web:nd-referral", kwargs={"referral_id": referral.pk})
        body.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>', url, referral.reference
                    )
                },
                {"text": str(referral.child)},
                {"text": referral.get_pathway_display()},
                {"text": f"{referral.referred_on.day} {referral.referred_on:%b %Y}"},
                {"text": referral.setting.name if referral.setting else "Not recorded"},
                {"text": weeks(days)},
            ]
        )
    return table("Referrals", head, body)

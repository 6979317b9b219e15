"""GOV.UK tables of samples of plans for audit: the list of samples and a sample's items
(case references only, never a child's name)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.quality.models import Audit, Sample, SampleItem
from senda.web.components import table, tag


def percent(value: Any) -> str:
    """``0.0042`` → ``0.42%``; ``0.5`` → ``50%``."""
    text = f"{float(value) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def period(sample: Sample) -> str:
    start, end = sample.period_start, sample.period_end
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def samples_table(samples: Iterable[Any]) -> SafeString:
    head = ["Sample", "Period", "Plans", "Share", "Review share", "Audits opened", "Submitted"]
    rows = [
        [
            {
                "html": format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    reverse("web:qa-sample", args=[s.pk]),
                    s.label,
                )
            },
            {"text": period(s)},
            {"text": f"{s.drawn_count} drawn, {s.purposive_count} on purpose"},
            {"text": percent(s.share), "format": "numeric"},
            {"text": percent(s.review_share), "format": "numeric"},
            {"text": str(s.opened_count), "format": "numeric"},
            {"text": str(s.submitted_count), "format": "numeric"},
        ]
        for s in samples
    ]
    return table("Samples, newest first", head, rows, "govuk-visually-hidden")


def audit_status(item: SampleItem) -> tuple[str, Audit | None]:
    """The audit of a sampled plan: the latest opened (not withdrawn), and its status."""
    audits = [a for a in item.audits.all() if a.withdrawn_on is None]  # prefetched
    if not audits:
        return "Not audited", None
    latest = max(audits, key=lambda a: (a.opened_on, a.pk))
    return ("Submitted" if latest.submitted_on else "Audit open"), latest


def _open_audit_link(item: SampleItem) -> str:
    """The audit pages' "open an audit" for this sampled plan."""
    return f"{reverse('web:qa-audit-new')}?item={item.pk}"


def _audit_cell(item: SampleItem, may_open: bool) -> dict[str, Any]:
    status, audit = audit_status(item)
    colour = {"Submitted": "govuk-tag--green", "Audit open": "govuk-tag--blue"}.get(
        status, "govuk-tag--grey"
    )
    shown = tag(status, colour)
    if audit is None and may_open:
        return {
            "html": format_html(
                '{} <a class="govuk-link" href="{}">Open an audit'
                '<span class="govuk-visually-hidden"> of R-{}</span></a>',
                shown,
                _open_audit_link(item),
                item.case_id,
            )
        }
    return {"html": shown}


def items_table(
    items: Iterable[SampleItem], *, caption: str, may_open: bool, purposive: bool
) -> SafeString:
    head = ["Case", "Stratum" if not purposive else "Added", "Why it is in the sample", "Audit"]
    rows = []
    for item in items:
        review = tag("Includes a review", "govuk-tag--turquoise") if item.includes_review else ""
        why = format_html("{} {}", item.reason, review) if review else item.reason
        rows.append(
            [
                {"text": f"R-{item.case_id}"},
                {"html": tag("On purpose", "govuk-tag--purple")}
                if purposive
                else {"text": item.stratum},
                {"html": why} if review else {"text": why},
                _audit_cell(item, may_open),
            ]
        )
    return table(caption, head, rows)

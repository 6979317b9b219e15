"""GOV.UK tables for the team view and settings' returns, rendered by govuk-frontend-django."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.casework.caseloads import OfficerLoad, TeamTotals
from senda.casework.returns import SettingReturns
from senda.people.names import display_name
from senda.web import tags
from senda.web.components import tag
from senda.web.formats import day
from senda.web.phone_tables import stacked_table


def _num(value: Any) -> dict[str, Any]:
    return {"text": "" if value is None else str(value), "format": "numeric"}


def _head(*texts: str, text_columns: int = 1) -> list[dict[str, Any]]:
    """Column headings: the first ``text_columns`` are text, the rest numbers."""
    return [
        {"text": t, **({"format": "numeric"} if i >= text_columns else {})}
        for i, t in enumerate(texts)
    ]


def _table(
    caption: str, head: list[dict[str, Any]], rows: list[list[dict[str, Any]]]
) -> SafeString:
    return stacked_table(
        caption=caption,
        captionClasses="govuk-table__caption--m",
        firstCellIsHeader=True,
        head=head,  # type: ignore[arg-type]
        rows=rows,  # type: ignore[arg-type]
    ).render()


def _link(href: str, text: str) -> SafeString:
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def percent(share: float | None) -> str:
    """``0.754`` → ``"75%"``; a dash when there is nothing to divide."""
    return "–" if share is None else f"{share:.0%}"


def difference_tag(load: OfficerLoad) -> SafeString:
    """Over target red, at target green, under target blue (room to take cases)."""
    if load.difference > 0:
        return _tag(f"{load.difference} over", "over")
    if load.difference == 0:
        return _tag("At target", "at")
    return _tag(f"{-load.difference} under", "under")


def _tag(text: str, against: str) -> SafeString:
    return tag(text, tags.colour(tags.CASELOAD, against))


def team_table(loads: list[OfficerLoad], totals: TeamTotals) -> SafeString:
    head = _head(
        "Case officer",
        "Open cases",
        "Target",
        "Difference",
        "Overdue deadlines",
        "Of which annual reviews",
    )
    rows = [
        [
            {"html": _link(reverse("web:team-officer", args=[load.officer_id]), load.name)},
            _num(load.open_cases),
            _num(load.target),
            {"html": difference_tag(load), "format": "numeric"},
            _num(load.overdue_deadlines),
            _num(load.overdue_reviews),
        ]
        for load in loads
    ]
    rows.append(
        [
            {"text": f"Total ({totals.officers} officers)"},
            _num(totals.open_cases),
            _num(totals.target),
            _num(f"{totals.open_cases - totals.target:+d}"),
            _num(totals.overdue_deadlines),
            _num(totals.overdue_reviews),
        ]
    )
    return _table("Caseloads by case officer", head, rows)


def returns_table(rows: list[SettingReturns], total: SettingReturns) -> SafeString:
    head = _head(
        "School or college",
        "Expected",
        "On time",
        "Late",
        "Missing",
        "Not yet due",
        "On time (%)",
        "Median days late",
        "Most days late",
    )
    body = [_returns_row(r, reverse("web:returns-setting", args=[r.setting_id])) for r in rows]
    body.append(_returns_row(total, None))
    return _table("Review report returns by setting", head, body)


def _returns_row(r: SettingReturns, href: str | None) -> list[dict[str, Any]]:
    return [
        {"html": _link(href, r.name)} if href else {"text": r.name},
        _num(r.expected),
        _num(r.on_time),
        _num(r.late),
        _num(r.missing),
        _num(r.awaiting),
        _num(percent(r.share_on_time)),
        _num(_days(r.median_days_late)),
        _num(r.max_days_late),
    ]


def _days(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def return_rows_table(rows: list[Any]) -> SafeString:
    """A setting's outstanding and late returns (rows from views.returns.listed_returns)."""
    head = _head(
        "Child", "Case officer", "Report due", "Received", "Status", "Days late", text_columns=5
    )
    body = [
        [
            {"html": _link(reverse("web:case-detail", args=[r.case_id]), str(r.case.child))},
            {"text": display_name(r.case.officer, "Not allocated")},
            {"text": day(r.due)},
            {"text": day(r.done) or "Not received"},
            {"html": tag(r.state_text, tags.colour(tags.RETURN, r.state))},
            _num(r.days_late if r.days_late > 0 else None),
        ]
        for r in rows
    ]
    return _table("Outstanding and late returns", head, body)

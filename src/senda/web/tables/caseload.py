"""GOV.UK tables and pagination for My caseload, the all-cases list and Triage."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.details import GovUKDetails
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda.casework.triage import FACTOR_RULES, WEIGHTS, Score
from senda.people.names import display_name
from senda.web import tags
from senda.web.components import tag
from senda.web.filters import STAGES, STATUSES
from senda.web.formats import day, year_group_label
from senda.web.phone_tables import stacked_table
from senda.web.tables.casework import rule_title

UNASSIGNED = "Unassigned"


def next_status_tag(status: str) -> SafeString:
    return tag(STATUSES.get(status, status), tags.colour(tags.NEXT_DEADLINE, status))


def case_link(case: Any) -> SafeString:
    href = reverse("web:case-detail", args=[case.pk])
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, case.child)


def caseload_table(
    cases: Iterable[Any], today: Any, with_officer: bool = False, with_case_status: Any = False
) -> SafeString:
    """Cases annotated by ``Case.objects.with_next_deadline``; ``with_officer`` adds a column, and
    ``with_case_status`` one saying whether the case is open or closed (lists that show
    closed cases)."""
    head = ["Child", "Setting", "Year group", "Stage", "Next deadline", "Due", "Status"]
    if with_officer:
        head.append("Officer")
    if with_case_status:
        head.append("Case")
    rows = [_caseload_row(case, today, with_officer, bool(with_case_status)) for case in cases]
    return stacked_table(
        caption="Cases",
        captionClasses="govuk-visually-hidden",
        head=[{"text": text} for text in head],  # type: ignore[misc]
        rows=rows,  # type: ignore[arg-type]
    ).render()


def _caseload_row(
    case: Any, today: Any, with_officer: bool, with_case_status: bool = False
) -> list[dict[str, Any]]:
    setting = case.child.setting
    row = [
        {"html": case_link(case)},
        {"text": setting.name if setting else "None recorded"},
        {"text": year_group_label(case.child.year_group(today))},
        {"text": STAGES.get(case.stage, case.stage)},
        {"text": rule_title(case.next_rule) if case.next_rule else "None open"},
        {"text": day(case.next_due)},
        {"html": next_status_tag(case.next_status)},
    ]
    if with_officer:
        row.append({"text": display_name(case.officer, UNASSIGNED)})
    if with_case_status:
        row.append({"html": case_status_tag(case)})
    return row


def case_status_tag(case: Any) -> SafeString:
    """The words "Open", or a grey "Closed" tag (GOV.UK tag component)."""
    if case.status == "closed":
        return tag("Closed", tags.colour(tags.DEADLINE, "closed"))
    return format_html("{}", "Open")


def triage_table(rows: Iterable[tuple[Score, Any]], today: Any) -> SafeString:
    """Scored cases, highest risk first, each with the factors behind its score."""
    head = ["Score", "Child", "Most pressing deadline", "Officer", "Why is this case here"]
    return stacked_table(
        caption="Cases in triage, highest risk first",
        captionClasses="govuk-visually-hidden",
        head=[{"text": text} for text in head],  # type: ignore[misc]
        rows=[_triage_row(score, case) for score, case in rows],  # type: ignore[arg-type]
    ).render()


def _triage_row(score: Score, case: Any) -> list[dict[str, Any]]:
    lead = rule_title(score.lead.rule)
    if score.days_overdue:
        when = f"overdue by {score.days_overdue} day{'s' if score.days_overdue != 1 else ''}"
    else:
        when = f"due {day(score.lead.due)}"
    return [
        {"text": str(score.total), "format": "numeric"},
        {"html": case_link(case)},
        {"html": format_html("{}<br>{}", lead, when)},
        {"text": display_name(case.officer, UNASSIGNED)},
        {"html": why(score)},
    ]


def why(score: Score) -> SafeString:
    """A details component listing each factor and its points (works without JavaScript)."""
    rows = [
        {"key": {"text": factor.label}, "value": {"text": f"{factor.points} points"}}
        for factor in score.factors
    ]
    rows.append({"key": {"text": "Total"}, "value": {"text": f"{score.total} points"}})
    listing = GovUKSummaryList(rows=rows, classes="govuk-summary-list--no-border").render()  # type: ignore[arg-type]
    return GovUKDetails(summaryText=f"{score.total} points: show why", html=listing).render()


def triage_weights_table() -> SafeString:
    """The statutory weight of each rule and the reason for it (from casework.triage)."""
    rows = [
        [
            {"text": rule_title(rule)},
            {"text": str(weight.points), "format": "numeric"},
            {"text": weight.reason},
        ]
        for rule, weight in WEIGHTS.items()
    ]
    return stacked_table(
        caption="Statutory weight of each deadline",
        captionClasses="govuk-table__caption--s",
        head=[{"text": "Deadline"}, {"text": "Weight", "format": "numeric"}, {"text": "Why"}],  # type: ignore[misc]
        rows=rows,  # type: ignore[arg-type]
    ).render()


def triage_factors_table() -> SafeString:
    """Every factor of the score and its points (from casework.triage)."""
    rows = [[{"text": factor}, {"text": points}] for factor, points in FACTOR_RULES]
    return stacked_table(
        caption="Factors and points",
        captionClasses="govuk-table__caption--s",
        head=[{"text": "Factor"}, {"text": "Points"}],  # type: ignore[misc]
        rows=rows,  # type: ignore[arg-type]
    ).render()

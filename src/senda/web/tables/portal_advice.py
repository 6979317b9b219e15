"""GOV.UK tables for advice requests: a team's task list and the council's list per case."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.button import GovUKButton

from senda.portal.advice import AdviceTask
from senda.portal.models import AdviceRequest
from senda.web import tags
from senda.web.components import tag
from senda.web.formats import day
from senda.web.phone_tables import captioned_table


def _link(request: AdviceRequest, text: str) -> SafeString:
    href = reverse("web:portal-advice-request", kwargs={"request_id": request.pk})
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def status_tag(request: AdviceRequest, overdue: bool = False) -> SafeString:
    """The request's status in its colour; an open request past its due date says so."""
    if overdue and request.status == AdviceRequest.Status.OPEN:
        return tag("Overdue", tags.colour(tags.ADVICE, "overdue"))
    return tag(request.get_status_display(), tags.colour(tags.ADVICE, request.status))


def _table(caption: str, head: list[str], rows: list[list[dict[str, Any]]]) -> SafeString:
    return captioned_table(caption, head, rows, first_cell_is_header=True)


def task_table(tasks: list[AdviceTask]) -> SafeString:
    """Open requests to the user's teams, due soonest first (child's name behind sign-in)."""
    rows = [
        [
            {"html": _link(task.request, str(task.request.case.child))},
            {"text": day(task.request.due_on)},
            {"text": task.request.get_kind_display()},
            {"text": task.request.team.name},
            {"html": status_tag(task.request, task.overdue)},
        ]
        for task in tasks
    ]
    return _table("Waiting for your advice", ["Child", "Due", "For", "Team", "Status"], rows)


def recent_table(requests: list[AdviceRequest]) -> SafeString:
    """Requests replied to (or withdrawn) that the team can still open."""
    rows = [
        [
            {"html": _link(request, str(request.case.child))},
            {"text": day(request.answered_on) or "–"},
            {"text": request.get_kind_display()},
            {"text": request.team.name},
            {"html": status_tag(request)},
        ]
        for request in requests
    ]
    return _table("Recently closed", ["Child", "Replied on", "For", "Team", "Status"], rows)


def _withdraw_button(request: AdviceRequest, csrf_token: str) -> SafeString:
    action = reverse(
        "web:case-advice-withdraw",
        kwargs={"case_id": request.case_id, "request_id": request.pk},
    )
    button = GovUKButton(
        html=format_html(
            'Withdraw<span class="govuk-visually-hidden"> the request to {}</span>',
            request.team.name,
        ),
        classes="govuk-button--secondary govuk-!-margin-bottom-0",
    ).render()
    return format_html(
        '<form method="post" action="{}" novalidate>'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}</form>',
        action,
        csrf_token,
        button,
    )


def case_requests_table(
    requests: list[AdviceRequest], today: Any, can_withdraw: bool, csrf_token: str = ""
) -> SafeString:
    """The council's list of a case's requests, with a withdraw button on open ones."""
    head = ["Team", "For", "Requested", "Due", "Status"]
    if can_withdraw:
        head.append("Action")
    rows = []
    for request in requests:
        row: list[dict[str, Any]] = [
            {"html": _link(request, request.team.name)},
            {"text": request.get_kind_display()},
            {"text": day(request.requested_on)},
            {"text": day(request.due_on)},
            {"html": status_tag(request, request.due_on < today)},
        ]
        if can_withdraw:
            open_ = request.status == AdviceRequest.Status.OPEN
            row.append({"html": _withdraw_button(request, csrf_token)} if open_ else {"text": ""})
        rows.append(row)
    return _table("Requests on this case", head, rows)

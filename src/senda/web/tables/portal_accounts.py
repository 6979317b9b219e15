"""GOV.UK tables of the portal's accounts: invitations, a setting's staff, and a child's
access list (who can see this record, and why)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.people.access import COUNCIL_STAFF_WHY, AccessEntry
from senda.people.models import Membership, SettingMember
from senda.people.names import display_name
from senda.portal.invitations import Status, status_of
from senda.portal.models import Invitation
from senda.web.components import table, tag
from senda.web.formats import day

STATUS_COLOURS = {
    Status.WAITING: "govuk-tag--blue",
    Status.ACCEPTED: "govuk-tag--green",
    Status.EXPIRED: "govuk-tag--grey",
    Status.REVOKED: "govuk-tag--grey",
}


def post_button(action: str, csrf: str, text: str, hidden: str, **fields: Any) -> SafeString:
    """A small form with one secondary button (``hidden``: what it acts on, for screen
    readers), for a change made from a table row."""
    extra = SafeString("").join(
        format_html('<input type="hidden" name="{}" value="{}">', name, value)
        for name, value in fields.items()
    )
    return format_html(
        '<form method="post" action="{}" novalidate>'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}'
        '<button type="submit" class="govuk-button govuk-button--secondary '
        'govuk-!-margin-bottom-0" data-module="govuk-button">{}'
        '<span class="govuk-visually-hidden"> {}</span></button></form>',
        action,
        csrf,
        extra,
        text,
        hidden,
    )


def invited_to(invitation: Invitation) -> str:
    if invitation.contact_id is not None:
        young = invitation.contact.is_young_person  # type: ignore[union-attr]
        return "Family account (young person)" if young else "Family account (parent or carer)"
    if invitation.team_id is not None:
        return f"{invitation.team.name} (advice team)"  # type: ignore[union-attr]
    position = SettingMember.Position(invitation.position).label
    return f"{position}, {invitation.setting.name}"  # type: ignore[union-attr]


def invitations_table(invitations: Iterable[Invitation], csrf: str) -> SafeString:
    now = timezone.now()
    rows = []
    for invitation in invitations:
        state = status_of(invitation, now)
        action: dict[str, Any] = {"text": ""}
        if state == Status.WAITING:
            href = reverse("web:portal-invitation-revoke", args=[invitation.pk])
            action = {
                "html": post_button(href, csrf, "Withdraw", f"the invitation to {invitation.email}")
            }
        rows.append(
            [
                {"html": format_html("{}<br>{}", invitation.name, invitation.email)},
                {"text": invited_to(invitation)},
                {"text": day(timezone.localtime(invitation.created_at).date())},
                {"html": tag(Status.LABELS[state], STATUS_COLOURS[state])},
                action,
            ]
        )
    head = ["Person", "Invited to", "Sent", "Status", "Action"]
    return table("Invitations", head, rows)


def staff_table(
    members: Iterable[SettingMember],
    legacy: Iterable[Membership],
    *,
    csrf: str,
    remove_url: str | None,
) -> SafeString:
    """Who works for a setting in the portal; ``remove_url`` (managers) adds a button."""
    rows = []
    for member in members:
        action: dict[str, Any] = {"text": ""}
        if remove_url is not None:
            name = display_name(member.user)
            button = post_button(remove_url, csrf, "Remove", name, member=member.pk)
            action = {"html": button}
        rows.append(
            [
                {"text": display_name(member.user)},
                {"text": member.user.email or member.user.get_username()},
                {"text": member.get_position_display()},
                {"text": day(member.added_on)},
                action,
            ]
        )
    for membership in legacy:
        rows.append(
            [
                {"text": display_name(membership.user)},
                {"text": membership.user.email or membership.user.get_username()},
                {"text": "SENCo"},
                {"text": "Before the portal"},
                {"text": ""},
            ]
        )
    head = ["Person", "Email address", "Position", "Since", "Action"]
    return table("People who work for this setting in Senda", head, rows)


def access_table(entries: Iterable[AccessEntry]) -> SafeString:
    """A child's access list: who, in what capacity, why, since and until."""
    rows = [_access_row(entry) for entry in entries]
    head = ["Who", "Capacity", "Why", "Since", "Until"]
    return table("Who can see this record", head, rows, "govuk-visually-hidden")


def _access_row(entry: AccessEntry) -> list[dict[str, str]]:
    since = day(entry.since) if entry.since else "–"
    until = day(entry.until) if entry.until else "–"
    cells = (entry.who, entry.capacity, entry.why, since, until)
    return [{"text": text} for text in cells]


def family_access_table(entries: Iterable[AccessEntry]) -> SafeString:
    """The access list as a family reads it: the council's SEND staff as one line (how
    many, and why), then everyone else by name; "Role" rather than "Capacity"."""
    entries = list(entries)
    council = [e for e in entries if e.why == COUNCIL_STAFF_WHY]
    rows = []
    if council:
        rows.append(
            [
                {"text": f"Council SEND team ({len(council)} people)"},
                {"text": "Case officers, their managers and quality checkers"},
                {"text": "They look after every child's plan in the area"},
                {"text": "–"},
                {"text": "–"},
            ]
        )
    rows += [_access_row(entry) for entry in entries if entry.why != COUNCIL_STAFF_WHY]
    head = ["Who", "Role", "Why", "Since", "Until"]
    return table("Who can see this record", head, rows, "govuk-visually-hidden")

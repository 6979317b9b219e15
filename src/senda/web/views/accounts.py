"""People's accounts, for service managers: unlock a locked account, remove a lost
authenticator app. Only for the people of their own local area (docs/security.md).

``/accounts/`` lists the area's people, whether each is locked out and has an app;
``/accounts/<user>/`` shows one and posts the change (``senda.people.accounts``, audited).
Someone not of the manager's area is 404; anyone but a service manager gets 403.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda.people import accounts
from senda.people.models import Membership, Role
from senda.people.names import display_name
from senda.web.access import membership_for
from senda.web.components import table
from senda.web.forms.errors import saved

#: What a posted form asks for, and the banner when done.
CHANGES = {
    "unlock": (accounts.unlock_account, "{name} can sign in again"),
    "remove-app": (
        accounts.remove_second_factor,
        "{name}'s authenticator app is removed: they set up a new one after signing in",
    ),
}


def require_service_manager(user: Any) -> Membership:
    membership = membership_for(user)
    if membership is None or membership.role != Role.SERVICE_MANAGER:
        raise PermissionDenied("Only service managers support people's accounts.")
    return membership


def _lock_text(account: accounts.Account) -> str:
    if account.locked_until is None:
        return "Can sign in"
    until = date_format(timezone.localtime(account.locked_until), "H:i")
    return f"Locked until {until}"


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    own = require_service_manager(request.user)
    listed = accounts.accounts_of(Membership.objects.filter(la_id=own.la_id))
    rows = [
        [
            {"html": _link(account)},
            {"text": account.membership.get_role_display()},
            {"text": _lock_text(account)},
            {"text": "Yes" if account.has_app else "No"},
        ]
        for account in listed
    ]
    head = ["Person", "Role", "Signing in", "Authenticator app"]
    context = {
        "la": own.la,
        "table": table("People", head, rows, "govuk-visually-hidden"),
        "locked": sum(1 for a in listed if a.locked),
    }
    return render(request, "web/accounts/list.html", context)


def _link(account: accounts.Account) -> SafeString:
    href = reverse("web:account", args=[account.user.pk])
    return format_html(
        '<a class="govuk-link" href="{}">{}</a> ({})',
        href,
        display_name(account.user),
        account.user.get_username(),
    )


def _membership(request: HttpRequest, user_id: int) -> Membership:
    """The person's membership: 404 unless of the user's own area, then 403 unless the
    user is a service manager."""
    own = membership_for(request.user)
    found = (
        Membership.objects.select_related("user", "la")
        .filter(la_id=getattr(own, "la_id", None), user_id=user_id)
        .first()
    )
    if own is None or found is None:
        raise Http404("No such person in your area.")
    require_service_manager(request.user)
    return found


@login_required
def account(request: HttpRequest, user_id: int) -> HttpResponse:
    membership = _membership(request, user_id)
    form = forms.Form(request.POST if request.method == "POST" else None)
    change = CHANGES.get(request.POST.get("change", "")) if request.method == "POST" else None
    if change is not None and form.is_valid():
        write, banner = change
        if saved(form, partial(write, membership=membership, by=request.user)):
            messages.success(request, banner.format(name=display_name(membership.user)))
            return redirect("web:account", user_id=membership.user_id)
    found = accounts.account_of(membership)
    context = {
        "membership": membership,
        "account": found,
        "form": form,
        "name": display_name(membership.user),
        "summary": _summary(found),
    }
    return render(request, "web/accounts/account.html", context)


def _summary(account: accounts.Account) -> SafeString:
    pairs = [
        ("Username", account.user.get_username()),
        ("Role", account.membership.get_role_display()),
        ("Signing in", _lock_text(account)),
        ("Authenticator app", "Yes" if account.has_app else "No"),
    ]
    rows = [{"key": {"text": key}, "value": {"text": value}} for key, value in pairs]
    return GovUKSummaryList(rows=rows).render()  # type: ignore[arg-type]


urlpatterns: list[URLPattern] = [
    path("accounts/", account_list, name="accounts"),
    path("accounts/<id:user_id>/", account, name="account"),
]

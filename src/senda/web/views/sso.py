"""Signing in through an identity provider (OpenID Connect, ADR 0035): going to the
provider, coming back from it, the page for someone Senda does not know, and the provider's
session is ended on sign-out by ``senda.web.sso.end_session``.

Whatever comes back to the callback may be hostile (no state, a forged one, an error from
the provider, a token for another client, an expired one): each is a page that says what
happened, never a 500, and signs nobody in.
"""

from __future__ import annotations

import logging

from authlib.common.errors import AuthlibBaseError
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError
from requests import RequestException

from senda.people.sign_in import staff_for
from senda.web.middleware import MFA_STATE
from senda.web.sso import (
    SESSION_KEY,
    Provider,
    client_for,
    identity_from,
    provider_named,
)

logger = logging.getLogger(__name__)

#: What can go wrong talking to a provider or checking what it sent.
PROVIDER_ERRORS = (AuthlibBaseError, JoseError, RequestException, KeyError, ValueError)
NEXT_KEY = "senda_sso_next"
#: Session key set when the provider, not Senda, checked the second factor.
MFA_BY_PROVIDER = "senda_mfa_by_provider"

NOT_REACHED = "Senda could not reach {label}. Try again in a few minutes."
REFUSED = "{label} did not sign you in. You may have cancelled, or not be allowed to use Senda."
NOT_VALID = "The sign-in from {label} could not be checked, or it had expired."


@require_GET
def start(request: HttpRequest, provider: str) -> HttpResponse:
    """Off to the provider's sign-in page, with state, a nonce and a PKCE challenge kept
    in the session."""
    chosen = provider_named(provider)
    request.session[NEXT_KEY] = _next_url(request)
    callback_url = request.build_absolute_uri(reverse("web:sso-callback", args=[chosen.name]))
    try:
        response: HttpResponse = client_for(chosen).authorize_redirect(request, callback_url)
    except PROVIDER_ERRORS:
        logger.warning("single sign-on: %s could not be reached", chosen.name, exc_info=True)
        return _problem(request, chosen, NOT_REACHED, status=502)
    return response


@require_GET
def callback(request: HttpRequest, provider: str) -> HttpResponse:
    chosen = provider_named(provider)
    if "error" in request.GET:
        return _problem(request, chosen, REFUSED, status=400)
    try:
        token = client_for(chosen).authorize_access_token(request)
        claims = token["userinfo"]
        identity = identity_from(chosen, claims)
    except PROVIDER_ERRORS as error:
        logger.warning("single sign-on: %s refused: %s", chosen.name, type(error).__name__)
        return _problem(request, chosen, NOT_VALID, status=400)
    user = staff_for(identity)
    if user is None:
        request.session.pop(NEXT_KEY, None)
        _count_failure(request, identity.email or identity.subject)
        return redirect("web:sso-not-known")
    next_url = request.session.pop(NEXT_KEY, "")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_KEY] = {"provider": chosen.name, "id_token": token["id_token"]}
    if chosen.asserts_mfa(claims):  # the provider asked for a second factor: not again
        request.session.pop(MFA_STATE, None)
        request.session[MFA_BY_PROVIDER] = chosen.name
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def not_known(request: HttpRequest) -> HttpResponse:
    return render(request, "web/sso/not_known.html")


def _problem(request: HttpRequest, chosen: Provider, message: str, status: int) -> HttpResponse:
    context = {"provider": chosen, "message": message.format(label=chosen.label)}
    return render(request, "web/sso/problem.html", context, status=status)


def _count_failure(request: HttpRequest, username: str) -> None:
    """A refused sign-in is logged (and counted) by django-axes like a wrong password."""
    credentials = {str(settings.AXES_USERNAME_FORM_FIELD): username}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get(REDIRECT_FIELD_NAME, "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


urlpatterns: list[URLPattern] = [
    path("sign-in/sso/not-known/", not_known, name="sso-not-known"),
    path("sign-in/sso/<slug:provider>/", start, name="sso-start"),
    path("sign-in/sso/<slug:provider>/callback/", callback, name="sso-callback"),
]

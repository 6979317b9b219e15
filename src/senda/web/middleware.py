"""Security headers Django 5.2 does not set itself, and signed-in session rules.

``SessionSecurityMiddleware`` signs a session out after ``SENDA_SESSION_HOURS`` or
``SENDA_SESSION_IDLE_MINUTES`` without a request, and sends a signed-in user who still owes
a second factor to the code page (or, when MFA is compulsory, to set one up) from any page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django_otp import user_has_device

from senda.web.access import LA_WIDE_ROLES, membership_for

#: Roles that must use an authenticator app when ``SENDA_REQUIRE_MFA`` is on: LA staff.
MFA_REQUIRED_ROLES = LA_WIDE_ROLES

#: No inline script or style anywhere: GOV.UK Frontend's body-class switch and initAll()
#: live in static files (senda/js-enabled.js, senda/init.js).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def policy_for(sso_providers: list[dict[str, Any]]) -> str:
    """The policy, with each single sign-on provider's address allowed as a form's
    destination: signing out (a form) ends the provider's session too by redirecting there,
    and browsers apply ``form-action`` to a form's redirects (ADR 0035)."""
    origins = sorted({_origin(str(p["discovery_url"])) for p in sso_providers})
    if not origins:
        return CONTENT_SECURITY_POLICY
    allowed = " ".join(["'self'", *origins])
    return CONTENT_SECURITY_POLICY.replace("form-action 'self'", f"form-action {allowed}")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy and a Permissions-Policy to every response, and
    ``Cache-Control: no-store`` to every response but the static assets.

    Pages and downloads name children (case pages, lists, CSVs): no browser or proxy may
    keep a copy for the next person at a shared computer to find with the back button or
    in its cache. Only the static assets (GOV.UK styles, scripts, fonts), the same for
    everyone, may be cached.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        self.policy = policy_for(settings.SENDA_SSO_PROVIDERS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if not request.path.startswith(self.static_prefix):
            patch_cache_control(response, no_store=True, private=True)
        return response


# --- Signed-in sessions: expiry and the second factor (docs/security.md) -----------------

#: Session keys (values are plain ints and strings, so sessions stay JSON).
SIGNED_IN_AT = "senda_signed_in_at"
LAST_SEEN = "senda_last_seen"
MFA_STATE = "senda_mfa"  # "code": enter a code before anything else; "setup": add an app first
#: ``LAST_SEEN`` is written at most once a minute, so a busy session is not saved per request.
LAST_SEEN_RESOLUTION = 60

INACTIVE_MESSAGE = "You were signed out because you were inactive for {minutes} minutes."
TOO_LONG_MESSAGE = "You were signed out because you had been signed in for {hours} hours."


def mfa_state_for(user: Any) -> str | None:
    """What the user must do before their session counts as signed in, or None.

    ``"code"`` with a confirmed authenticator app; ``"setup"`` when ``SENDA_REQUIRE_MFA`` is on
    and their role is a staff role (``MFA_REQUIRED_ROLES``); otherwise None.
    """
    if user_has_device(user, confirmed=True):
        return "code"
    if settings.SENDA_REQUIRE_MFA:
        membership = membership_for(user)
        if membership is not None and membership.role in MFA_REQUIRED_ROLES:
            return "setup"
    return None


@receiver(user_logged_in, dispatch_uid="senda.web.middleware.start_session")
def start_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """On every sign-in (the form, the admin's or a test's force_login): stamp the session."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    state = mfa_state_for(user)
    if state:
        request.session[MFA_STATE] = state
    else:
        request.session.pop(MFA_STATE, None)


class SessionSecurityMiddleware:
    """Ends sessions that are too old or idle, and holds back a session still owing a code.

    Goes after OTPMiddleware and MessageMiddleware. Costs no query: everything it needs is in
    the session, which AuthenticationMiddleware has already loaded.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            refused = _expired(request) or _owes_second_factor(request)
            if refused is not None:
                return refused
        return self.get_response(request)


def _expired(request: HttpRequest) -> HttpResponse | None:
    session = request.session
    now = int(time.time())
    if SIGNED_IN_AT not in session:  # a session from before this check: start its clocks now
        start_session(None, request, request.user)
    hours = settings.SENDA_SESSION_HOURS
    minutes = settings.SENDA_SESSION_IDLE_MINUTES
    if now - session[SIGNED_IN_AT] > hours * 60 * 60:
        return _sign_out(request, TOO_LONG_MESSAGE.format(hours=hours))
    if now - session.get(LAST_SEEN, 0) > minutes * 60:
        return _sign_out(request, INACTIVE_MESSAGE.format(minutes=minutes))
    if now - session[LAST_SEEN] >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN] = now
    return None


def _sign_out(request: HttpRequest, message: str) -> HttpResponse:
    logout(request)
    messages.info(request, message)
    if request.method != "GET" or request.path == resolve_url(settings.LOGIN_URL):
        return redirect(settings.LOGIN_URL)
    return redirect_to_login(request.get_full_path())


#: Pages anyone may open whatever their session owes: the footer's statements and the load
#: balancer's checks (ADR 0038).
_ALWAYS_OPEN = ("web:accessibility", "web:privacy", "web:healthz", "web:readyz")
#: Pages a session owing a second factor may still open, by state.
_MFA_OPEN = {
    "code": ("web:sign-in-code", "web:sign-out", *_ALWAYS_OPEN),
    "setup": ("web:mfa-setup", "web:sign-out", *_ALWAYS_OPEN),
}


def _owes_second_factor(request: HttpRequest) -> HttpResponse | None:
    state = request.session.get(MFA_STATE)
    if state not in _MFA_OPEN or request.user.is_verified():  # type: ignore[union-attr]
        return None
    allowed = {reverse(name) for name in _MFA_OPEN[state]}
    if request.path in allowed:
        return None
    target = reverse(_MFA_OPEN[state][0])
    if request.method == "GET" and request.path != "/":
        target = f"{target}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}"
    return redirect(target)

"""Two-factor authentication: setting up an authenticator app and the sign-in code step.

Set-up keeps the new secret in the session until the user proves their app has it with a
correct code; only then is a confirmed ``TOTPDevice`` saved, so an abandoned set-up leaves
nothing behind. A session that signs in with a password but owes a code is held at the code
page by ``SessionSecurityMiddleware`` (the ``MFA_STATE`` session key).
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import URLPattern, path
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from senda.people.models import Role
from senda.web.access import membership_for
from senda.web.forms.auth import CodeForm
from senda.web.middleware import MFA_REQUIRED_ROLES, MFA_STATE

#: Session key of a secret being set up (hex), before it is confirmed.
PENDING_KEY = "senda_mfa_pending_key"
DEVICE_NAME = "Authenticator app"
WRONG_CODE = "The code is not correct. Check your app and enter the code it shows now"


#: Partners may add an authenticator app if they wish (never required of them).
MFA_OPTIONAL_ROLES = frozenset({Role.SENCO, Role.ADVICE_GIVER})


def may_use_mfa(user: Any) -> bool:
    """LA staff, the portal's partners (optional) and Django admin users may add an
    authenticator app."""
    membership = membership_for(user)
    roles = MFA_REQUIRED_ROLES | MFA_OPTIONAL_ROLES
    return user.is_staff or (membership is not None and membership.role in roles)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    if not may_use_mfa(request.user):
        raise PermissionDenied("Two-factor authentication is for staff accounts.")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is not None:
        return render(request, "web/account/two_factor_done.html", {"device": device})
    key = request.session.setdefault(PENDING_KEY, random_hex(20))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        totp = TOTP(unhexlify(key))
        if totp.verify(int(form.cleaned_data["code"]), tolerance=1):
            return _confirm(request, key, last_t=totp.t())
        form.add_error("code", WRONG_CODE)
    context = {"form": form, "secret": _spaced(b32encode(unhexlify(key)).decode())}
    context["qr_svg"] = _qr_svg(request.user, key)
    context["required"] = request.session.get(MFA_STATE) == "setup"
    return render(request, "web/account/two_factor.html", context)


def _confirm(request: HttpRequest, key: str, last_t: int) -> HttpResponse:
    """Save the confirmed app; ``last_t`` stops the set-up code being used again to sign in."""
    device = TOTPDevice.objects.create(
        user=request.user, name=DEVICE_NAME, key=key, confirmed=True, last_t=last_t
    )
    del request.session[PENDING_KEY]
    _verified(request, device)
    messages.success(request, "Authenticator app added")
    return redirect("web:mfa-setup")


def _verified(request: HttpRequest, device: TOTPDevice) -> None:
    request.session.cycle_key()  # a new session id once the second factor is proven
    otp_login(request, device)
    request.session.pop(MFA_STATE, None)


def _spaced(secret: str) -> str:
    """``JBSWY3DPEHPK3PXP`` → ``JBSW Y3DP EHPK 3PXP``, easier to type."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _qr_svg(user: Any, key: str) -> str:
    """The otpauth:// link as an inline SVG QR code (server-side; no script, no style)."""
    url = TOTPDevice(user=user, key=key).config_url
    return segno.make(url, micro=False).svg_inline(
        scale=4, light="#fff", title="QR code for your authenticator app"
    )


@login_required
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second sign-in page: a code from the user's app. Wrong codes count towards the
    same lockout as wrong passwords."""
    if request.session.get(MFA_STATE) != "code":
        return redirect("web:home")
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:  # the app was removed since sign-in: nothing to ask for
        request.session.pop(MFA_STATE, None)
        return redirect("web:home")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = next((d for d in devices if d.verify_token(form.cleaned_data["code"])), None)
        if device is not None:
            _verified(request, device)
            return redirect(_next_url(request))
        _count_failure(request)
        if getattr(request, "axes_locked_out", False):
            logout(request)  # AxesMiddleware now answers with the locked-out page
        form.add_error("code", WRONG_CODE)
    return render(request, "web/sign_in_code.html", {"form": form, "next": _next_url(request)})


def _count_failure(request: HttpRequest) -> None:
    username = request.user.get_username()
    credentials = {str(settings.AXES_USERNAME_FORM_FIELD): username}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target else resolve_url(settings.LOGIN_REDIRECT_URL)


urlpatterns: list[URLPattern] = [
    path("account/two-factor/", setup, name="mfa-setup"),
    path("sign-in/code/", sign_in_code, name="sign-in-code"),
]

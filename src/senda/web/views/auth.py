"""Sign in and sign out (Django's auth views with GOV.UK templates), the page a locked-out
account sees, and the page shown when a form's CSRF check fails."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from senda.web.forms.auth import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    redirect_authenticated_user = True
    authentication_form = SignInForm


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), then back to the sign-in page."""


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this (``AXES_LOCKOUT_CALLABLE``) instead of its bare 403/429: the
    sign-in page again, saying the account is locked and for how long."""
    context = {"form": SignInForm(request), "locked_minutes": lockout_minutes()}
    return render(request, "web/sign_in.html", context, status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a GOV.UK page instead of Django's yellow one. The reason stays
    in the server's log (Django logs it); the page says what to do."""
    return render(request, "web/403_csrf.html", status=403)

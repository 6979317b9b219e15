"""Sign in and sign out (Django's auth views with GOV.UK templates), the page a locked-out
account sees, and the page shown when a form's CSRF check fails."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from senda.web import sso
from senda.web.forms.auth import SignInForm


class SignInView(auth_views.LoginView):
    """The username and password form, and a "Sign in with …" button (a plain link) for
    each single sign-on provider (ADR 0035)."""

    template_name = "web/sign_in.html"
    redirect_authenticated_user = True
    authentication_form = SignInForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = sso_buttons(self.get_redirect_url())
        return context


def sso_buttons(next_url: str) -> list[dict[str, str]]:
    query = f"?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else ""
    return [
        {
            "label_text": f"Sign in with {p.label}",
            "href": reverse("web:sso-start", args=[p.name]) + query,
        }
        for p in sso.providers()
    ]


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), then back to the sign-in page, or, for a
    session signed in through a provider with an end-session endpoint, to the provider's
    sign-out first (and from there back to the sign-in page)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        signed_in = request.session.get(sso.SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        return sso.end_session(request, signed_in) or response


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this (``AXES_LOCKOUT_CALLABLE``) instead of its bare 403/429: the
    sign-in page again, saying the account is locked and for how long."""
    context = {"form": SignInForm(request), "locked_minutes": lockout_minutes()}
    context["sso_providers"] = sso_buttons("")
    return render(request, "web/sign_in.html", context, status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a GOV.UK page instead of Django's yellow one. The reason stays
    in the server's log (Django logs it); the page says what to do."""
    return render(request, "web/403_csrf.html", status=403)

"""Two-factor authentication: setting up an authenticator app and the sign-in code step."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

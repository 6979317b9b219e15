"""The audit log, searchable by service managers; read-only."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

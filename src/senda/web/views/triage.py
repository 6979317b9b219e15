"""Triage: overdue and soon-due work across the service, ordered by risk."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

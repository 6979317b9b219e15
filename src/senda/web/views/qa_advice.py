"""Quality assurance pages (issue 15): filled in by the feature that owns them."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""Pages of issue 16 (placements): filled in by its helper."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""Pages of issue 16 (sen2): filled in by its helper."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

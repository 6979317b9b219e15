"""Weekly service dashboard: the casework KPIs the clock computes."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

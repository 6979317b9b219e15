"""Record a step: one GOV.UK form per statutory step, each saving through its action."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""Settings' returns: review paperwork expected and received per school or college."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""Team view for managers: caseloads against target, overdue work, reassigning cases."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""My caseload and the all-cases list: filters, sorting, paging and CSV export."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""Improvement plans: the routes of the plan's own pages. Reading is ``plan_pages``,
changing an action ``plan_forms``, and the queries behind both ``plan_queries``."""

from __future__ import annotations

from django.urls import URLPattern, path

from senda.web.views import plan_forms, plan_pages

ACTION = "plans/<id:plan_id>/actions/<id:action_id>/"

urlpatterns: list[URLPattern] = [
    path("plans/", plan_pages.plans, name="plans"),
    path("plans/my-actions/", plan_pages.my_actions, name="my-actions"),
    path("plans/<id:plan_id>/", plan_pages.plan, name="plan"),
    path("plans/<id:plan_id>/areas/<id:area_id>/", plan_pages.area, name="plan-area"),
    path(ACTION, plan_pages.action, name="plan-action"),
    path(f"{ACTION}rate/", plan_forms.rate, name="plan-action-rate"),
    path(f"{ACTION}update/", plan_forms.update, name="plan-action-update"),
    path(f"{ACTION}milestones/", plan_forms.milestones, name="plan-milestones"),
]

"""Every route of ``senda.web.urls``, once, with who may see it: one table, and every check
of who may open a URL reads it.

``EXPECTED`` gives each route the HTTP status of a GET by each persona, in the column order
of ``PERSONAS``. How to add a route (one line):

    "my-route":           (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),

- 200 the page, 302 a redirect (anonymous → sign-in, or the view sends them on), 403 the
  role may never use this page, 404 the object is not theirs (never 403 for a case, child
  or setting: its existence is not revealed), 405 the route is POST-only.
- A route anonymous visitors may open (a status other than 302 in the first column: sign-in
  and sign-out) is public; every other route sends them to sign-in, with or without the
  objects its URL names (``test_it_sends_anonymous_users_to_sign_in``).
- Case-, child- and setting-scoped routes are fetched with the personas' own objects
  (``personas.case`` etc.); ``other_la`` is an officer of another local area, so a case
  page is 404 for them. Every scoped route is also fetched with another area's object
  (``test_it_hides_other_areas_objects``), where every signed-in persona must get 404
  (or the 403/405 their row already gives them for the route as a whole), and as the
  most trusted staff of another area, GET and POST, with nothing written
  (``test_it_hides_every_scoped_page_from_staff_of_another_area``).
- A new URL keyword (``<id:plan_id>``, ``<slug:x>``) needs an entry in ``URL_ARGS`` (and in
  ``SCOPED`` if it names one area's object).

``test_it_has_a_row_for_every_route`` fails when a route has no row, so no page can skip it.

A test checks one route for every persona in turn (ADR 0021, 3 December 2026, night): the
URL's objects are made once, each persona signs in by a session made once for the module
(kept rows), each request runs in a savepoint rolled back after it, and the failure lists
every persona whose response is wrong ("senco GET team: 200, expected 403"). Each response
is also checked for ``Cache-Control: no-store`` and for a ``<title>`` naming no child
(what tests/web/test_web_no_store.py walked the routes for).
"""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent
from senda.people.models import Child
from senda.retention.schedule import ensure_schedule
from senda.web import urls as web_urls
from senda.web.memo import clear_all
from senda.web.middleware import LAST_SEEN, LAST_SEEN_RESOLUTION, SIGNED_IN_AT
from tests.disagreements import make_appeal, make_complaint, make_mediation, make_order
from tests.disclosure.factories import make_sar
from tests.factories import (
    Personas,
    make_board_pack,
    make_case,
    make_child,
    make_invitation,
    make_la,
    make_local_kpi,
    make_message,
    make_milestone,
    make_personas,
    make_plan,
    make_risk,
    make_setting,
    make_user,
    sample_action,
)
from tests.governance import factories as gov
from tests.kept import kept_fixture
from tests.portal.advice_factories import make_advice_request, other_area_request
from tests.portal.online_request_factories import make_online_request
from tests.portal.tray_reports import bare_report, other_area_report
from tests.portal.upload_helpers import another_areas_upload, make_upload
from tests.quality import factories as qa
from tests.retention.factories import make_disposal
from tests.sufficiency.places_factories import (
    make_phase,
    make_postcode_locality,
    make_project,
    other_area_places,
    other_area_project,
    places_row,
)
from tests.sufficiency.runs import make_forecast_run, make_scenario
from tests.web.page_audit import AuditingClient, PageAuditError
from tests.web.page_text import module_paths

#: Columns of EXPECTED. "anonymous" is nobody signed in; the rest are Personas attributes.
PERSONAS = (
    "anonymous",
    "case_officer",
    "team_manager",
    "qa_auditor",
    "service_manager",
    "senco",
    "parent",
    "advice_giver",
    "board_member",
    "other_la_officer",
    "finance_officer",
)

# fmt: off
EXPECTED: dict[str, tuple[int, ...]] = {
    #                       anon officer team  qa   svc  senco parent advice board other-LA finance
    "home":               (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "sign-in":            (200, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "sign-out":           (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # the load balancer's (ADR 0038): public, JSON, nothing personal
    "healthz":            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "readyz":             (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "service-queue":      (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    # the public statements in every page's footer (ADR 0038)
    "accessibility":      (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "accessibility-council": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "privacy":            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "privacy-council":    (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "sign-in-code":       (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "sso-not-known":      (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "sso-start":          (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "sso-callback":       (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "mfa-setup":          (302, 200, 200, 200, 200, 200, 403, 200, 403, 200, 403),
    "audit-log":          (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "accounts":           (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "account":            (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "case-list":          (302, 200, 200, 200, 200, 200, 302, 200, 403, 200, 403),
    "case-detail":        (302, 200, 200, 200, 200, 200, 302, 404, 404, 404, 404),
    "caseload":           (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "caseload-csv":       (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "triage":             (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "record-step-choose": (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "record-step":        (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "correct-step":       (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "withdraw-step":      (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "team":               (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "team-officer":       (302, 403, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "team-unallocated":   (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "team-case":          (302, 403, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "team-reassign":      (302, 403, 405, 403, 405, 403, 403, 403, 403, 403, 403),
    "returns":            (302, 200, 200, 200, 200, 302, 403, 403, 403, 200, 403),
    "returns-setting":    (302, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404),
    "portal-tray":        (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "portal-tray-report": (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "portal-tray-log":    (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "portal-tray-return": (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "plan-outcomes":      (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "advice-incorporated": (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "review-adulthood":   (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "case-disagreements": (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "complaint-new":      (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "complaint-step":     (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "mediation-new":      (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "mediation-step":     (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "appeal-new":         (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "appeal-step":        (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "order-complete":     (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "dashboard":          (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "dashboard-kpi":      (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "plan-timeline":      (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-board-pack":    (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-board-pack-view": (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-board-pack-pdf": (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-export":        (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-exceptions":    (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-exception-proposal": (302, 403, 404, 403, 404, 404, 404, 404, 403, 404, 403),
    "plan-risks":         (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-risk":          (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-feedback":      (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-sign-off":      (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plans":              (302, 200, 200, 200, 200, 200, 403, 200, 200, 200, 200),
    "plan-import":        (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "my-actions":         (302, 200, 200, 200, 200, 200, 403, 200, 200, 200, 200),
    "plan":               (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-area":          (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-action":        (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-action-rate":   (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-action-impact": (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-action-update": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-milestones":    (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-action-edit":   (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-action-withdraw": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-action-capital": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-action-timescale": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-timescales":    (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-milestone-edit": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-milestone-withdraw": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-risk-withdraw": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    # --- improvement: the partnership's priorities for the quarterly report (issue 19) ---
    "plan-priorities":    (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-priority-statements": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-priority-rate": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "plan-key-actions":   (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "performance":        (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "kpi":                (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "kpi-record":         (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "kpi-status":         (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "kpi-commentary":     (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "kpi-trajectory":     (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "kpi-add":            (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "kpi-define":         (302, 403, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "benchmarks":         (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "requests":           (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "benchmark-area":     (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "comparators":        (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "report":             (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "report-pdf":         (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "report-xlsx":        (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "portal-advice":      (302, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403),
    "portal-advice-request": (302, 200, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    "case-advice-requests": (302, 200, 200, 200, 200, 403, 403, 404, 404, 404, 404),
    "case-advice-withdraw": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "portal-invitations": (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "portal-invitation-revoke": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "invitation-accept":  (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal-setting-staff": (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "file":               (302, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404),
    "portal-report-files": (302, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404),
    "portal-advice-files": (302, 200, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    "portal-home":        (302, 403, 403, 403, 403, 200, 403, 302, 403, 403, 403),
    "portal-review":      (302, 403, 403, 403, 403, 200, 404, 404, 404, 404, 404),
    "portal-review-meeting": (302, 403, 403, 403, 403, 200, 404, 404, 404, 404, 404),
    "portal-review-section": (302, 403, 403, 403, 403, 200, 404, 404, 404, 404, 404),
    "portal-review-check": (302, 403, 403, 403, 403, 200, 404, 404, 404, 404, 404),
    "portal-review-sent": (302, 403, 403, 403, 403, 302, 404, 404, 404, 404, 404),
    "portal-outbox":      (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "portal-outbox-message": (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "family-home":        (302, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403),
    "family-case":        (302, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404),
    "family-documents":   (302, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404),
    "case-share":         (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "family-survey":      (302, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404),
    "family-yswd":        (302, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403),
    "feedback-responses": (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "feedback-summary":   (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "feedback-summary-csv": (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "feedback-recommendations": (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "feedback-recommendation": (302, 403, 200, 200, 200, 404, 404, 404, 403, 404, 403),
    "family-access":      (302, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403),
    "family-sharing":     (302, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403),
    "family-details":     (302, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403),
    "case-family-invite": (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "case-capacity":      (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "case-contact-changes": (302, 200, 200, 403, 200, 403, 403, 404, 404, 404, 404),
    "family-views":       (302, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404),
    "family-draft":       (302, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404),
    "family-messages":    (302, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404),
    "family-complaint":   (302, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404),
    "case-messages":      (302, 200, 200, 200, 200, 403, 403, 404, 404, 404, 404),
    "messages-overdue":   (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "data-quality":       (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "annex-a":            (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "annex-a-xlsx":       (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    # --- interchange: the SEN2 return (service managers only; issue 16) ---
    "sen2":               (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "sen2-make":          (302, 403, 403, 403, 405, 403, 403, 403, 403, 403, 403),
    "sen2-run":           (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "sen2-download":      (302, 403, 403, 403, 405, 403, 403, 403, 403, 404, 403),
    # --- sufficiency: places, demand against capacity, capital programme, forecast (issue 17) ---
    "places":             (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 403),
    "places-record":      (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "places-change":      (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "places-waiting":     (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "places-demand":      (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 403),
    "places-localities":  (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "places-localities-import": (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "places-locality-remove": (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "capital":            (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 403),
    "capital-new":        (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "capital-project":    (302, 403, 403, 403, 200, 403, 403, 403, 200, 404, 403),
    "capital-edit":       (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "capital-phase-new":  (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "capital-phase-edit": (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "forecast":           (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 403),
    "forecast-make":      (302, 403, 403, 403, 405, 403, 403, 403, 403, 403, 403),
    "forecast-run":       (302, 403, 403, 403, 200, 403, 403, 403, 200, 404, 403),
    "forecast-compare":   (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 403),
    "scenarios":          (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 403),
    "scenario-new":       (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "scenario":           (302, 403, 403, 403, 200, 403, 403, 403, 200, 404, 403),
    "scenario-change-new": (302, 403, 403, 403, 200, 403, 403, 403, 403, 404, 403),
    "scenario-change-remove": (302, 403, 403, 403, 405, 403, 403, 403, 403, 404, 403),
    "child-details":      (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "family-request-start": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "family-request":     (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "family-request-sent": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "online-requests":    (302, 200, 200, 403, 200, 403, 403, 403, 403, 200, 403),
    "online-request":     (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    # --- pathways: the ND waiting list (issue 18): staff see children, board and health figures ---
    "nd-waits":           (302, 200, 200, 200, 200, 403, 403, 200, 200, 200, 403),
    "nd-waits-children":  (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "nd-referral":        (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "portal-profiles":    (302, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403),
    "portal-profile":     (302, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404),
    "qa-profiles":        (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-profile-audit":   (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "family-assessments": (302, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403),
    "transition":         (302, 200, 200, 200, 200, 403, 403, 200, 200, 200, 403),
    "transition-young-person": (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "nd-referral-new":    (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "nd-step-new":        (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "nd-step-correct":    (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "nd-support-new":     (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "nd-support-correct": (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "nd-upload":          (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    # --- pathways: the disabled children's register (issue 18): service managers and the
    # area's social care advice teams only; 404 to everyone else ---
    "dc-register":        (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "dc-add":             (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "dc-child":           (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "dc-record":          (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "dc-correct":         (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "child-groups":       (302, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404),
    "child-group-record": (302, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404),
    "child-group-correct": (302, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404),
    "case-social-care":   (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    # --- pathways: destinations (issue 18): staff see young people, board the figures ---
    "destinations":               (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "destinations-children":      (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "destinations-post-19":       (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "destinations-young-person":  (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "destinations-import":        (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "destinations-opportunities": (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    # --- quality: qa_home and qa_report (QA home, termly report, KPIs) ---
    # QA staff read, QA leads write; board members read published reports (unpublished: 404).
    "qa-home":            (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-reports":         (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 403),
    "qa-report":          (302, 200, 200, 200, 200, 403, 403, 403, 404, 404, 403),
    "qa-report-pdf":      (302, 200, 200, 200, 200, 403, 403, 403, 404, 404, 403),
    "qa-report-xlsx":     (302, 200, 200, 200, 200, 403, 403, 403, 404, 404, 403),
    # (rows above this line)

    # --- quality: qa_plans (plan versions) ---
    "case-early-review":  (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "case-plan-versions": (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "case-plan-version-new": (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "plan-version":       (302, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404),
    "plan-version-changes": (302, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404),
    "plan-version-correct": (302, 200, 200, 403, 200, 404, 404, 404, 404, 404, 404),
    # (rows above this line)

    # --- quality: qa_frameworks ---
    "qa-frameworks":          (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-framework":           (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "qa-framework-edit":      (302, 403, 302, 302, 302, 403, 403, 403, 403, 404, 403),
    "qa-framework-domain":    (302, 403, 302, 302, 302, 403, 403, 403, 403, 404, 403),
    "qa-framework-criterion": (302, 403, 302, 302, 302, 403, 403, 403, 403, 404, 403),
    "qa-framework-publish":   (302, 403, 302, 302, 302, 403, 403, 403, 403, 404, 403),
    # (rows above this line)

    # --- quality: qa_audits ---
    "qa-audits":           (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-audit-new":        (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "qa-audit":            (302, 200, 200, 200, 200, 404, 403, 404, 403, 404, 403),
    "qa-audit-submit":     (302, 403, 200, 200, 200, 404, 403, 404, 403, 404, 403),
    "qa-audit-auditors":   (302, 200, 200, 200, 200, 404, 403, 404, 403, 404, 403),
    "qa-audit-action-new": (302, 403, 200, 200, 200, 404, 403, 404, 403, 404, 403),
    "qa-actions":          (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-action":           (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    # (rows above this line)

    # --- quality: qa_samples ---
    "qa-samples":         (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-sample-new":      (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "qa-sample":          (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "qa-sample-csv":      (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "qa-sample-xlsx":     (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "qa-sample-add":      (302, 403, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    # (rows above this line)

    # --- quality: qa_moderation ---
    "qa-rounds":          (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-round-new":       (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "qa-round":           (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "qa-round-agreement": (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    # (rows above this line)

    # --- quality: qa_advice (advice moderation, learning summaries) ---
    "qa-advice":          (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-advice-sample":   (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "qa-advice-moderation": (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "portal-advice-feedback": (302, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403),
    # (the matrix's moderation has no feedback sent yet: 404 even to the team's member)
    "portal-advice-feedback-item": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "qa-summaries":       (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-summary-new":     (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "qa-summary":         (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    # (the matrix's summary is a draft: partners get 404 until it is published)
    "qa-summary-pdf":     (302, 200, 200, 200, 200, 404, 403, 404, 403, 404, 403),
    "portal-learning-summaries": (302, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403),
    "portal-learning-summary": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # (rows above this line)

    # --- quality: qa_panels ---
    "qa-panels":          (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "qa-panel-new":       (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "qa-panel":           (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "qa-panel-decide":    (302, 403, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "qa-panel-learning":  (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # (rows above this line)

    # --- casework: placements, the plan's named settings and SEN2 flags (issue 16) ---
    "placements":         (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "placement-end":      (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "placement-correct":  (302, 200, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    # --- sufficiency: High Needs money (issue 17) ---
    "money":              (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 200),
    "money-import":       (302, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200),
    "money-deficit":      (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 200),
    "money-line":         (302, 403, 403, 403, 403, 403, 403, 403, 403, 404, 200),
    "money-allocations":  (302, 403, 403, 403, 200, 403, 403, 403, 200, 403, 200),
    "money-public":       (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "money-public-pdf":   (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "plan-settings":      (302, 200, 200, 200, 200, 403, 403, 403, 403, 404, 403),

    # --- people: the training register and posts (issue 18) ---
    "workforce":          (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "workforce-courses":  (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "workforce-course-new": (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "workforce-course":   (302, 403, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "workforce-session-new": (302, 403, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "workforce-session":  (302, 403, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "workforce-session-import": (302, 403, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "qa-themes":          (302, 200, 200, 200, 200, 403, 403, 403, 403, 200, 403),
    "workforce-people":   (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "workforce-person-new": (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "workforce-person":   (302, 403, 200, 200, 200, 403, 403, 403, 403, 404, 403),
    "workforce-person-leaving": (302, 403, 200, 403, 200, 403, 403, 403, 403, 404, 403),
    "workforce-posts":    (302, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403),
    "workforce-post-new": (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    "workforce-post-fill": (302, 403, 200, 403, 200, 403, 403, 403, 403, 404, 403),

    # --- governance: bodies, meetings, decisions, action logs, escalations (issue 19) ---
    "governance":         (302, 200, 200, 200, 200, 403, 403, 403, 200, 200, 200),
    "governance-body-new": (302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403),
    "governance-body":    (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "governance-body-edit": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    "governance-member-new": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    "governance-member-leave": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    "governance-meeting-new": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    "governance-meeting": (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "governance-attendance": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    "governance-decision-new": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    "governance-decision-correct": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    "governance-log-new": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    # (the matrix's action-log item is the service manager's own)
    "governance-log-done": (302, 403, 403, 403, 200, 404, 404, 404, 403, 404, 403),
    "governance-escalation": (302, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200),
    "plan-action-escalate": (302, 403, 200, 403, 200, 404, 404, 404, 403, 404, 403),
    "kpi-escalate":       (302, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    # --- retention: the schedule and records past it (issue 20; service managers only) ---
    "retention":          (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "retention-schedule": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "retention-rule":     (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "retention-disposal": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    # --- subject access: the register and one request (issue 20; service managers only) ---
    "subject-access":     (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "subject-access-new": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "subject-access-request": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "subject-access-archive": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "subject-access-extend": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    "subject-access-answered": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404),

}
# fmt: on

#: Values for URL keywords: a callable takes the Personas, anything else is used as it is.
URL_ARGS: dict[str, Callable[[Personas], Any] | Any] = {
    # No single sign-on provider is configured here, so its routes are 404 for everyone;
    # tests/web/test_sso.py signs in through a real one.
    "provider": "council",
    "case_id": lambda p: p.case.pk,
    "child_id": lambda p: p.child.pk,
    "setting_id": lambda p: p.setting.pk,
    "officer_id": lambda p: p.case_officer.pk,
    "user_id": lambda p: p.case_officer.pk,
    "step": "review-meeting",
    "event_id": lambda p: recorded_step(p).pk,
    "code": lambda p: published_area_code(),
    "kpi": "final-plan-20w",
    # A recorded KPI, so its record page answers too (the other KPI pages take any id).
    "kpi_id": "parent-satisfaction",
    # A KPI of the personas' area's own (a termly recorded one).
    "local_kpi": lambda p: make_local_kpi(p.la).kpi,
    "quarter": "2025-26-q4",  # a quarter of the report (one that has ended)
    "plan_id": lambda p: sample_action(p).area.plan_id,
    "area_id": lambda p: sample_action(p).area_id,
    "action_id": lambda p: sample_action(p).pk,
    "pack_id": lambda p: make_board_pack(sample_action(p).area.plan).pk,
    "risk_id": lambda p: make_risk(sample_action(p).area.plan).pk,
    "milestone_id": lambda p: make_milestone(sample_action(p)).pk,
    # A request to the advice giver's team on the personas' case (so they may open it).
    "request_id": lambda p: make_advice_request(p.case, p.advice_team, by=p.case_officer).pk,
    "invitation_id": lambda p: make_invitation(p.la, invited_by=p.service_manager).pk,
    # A waiting invitation's link (the accept page is public).
    "token": lambda p: make_invitation(p.la, invited_by=p.service_manager).token,
    "report_id": lambda p: bare_report(p.case, p.senco).pk,
    # A file on a review report of the personas' setting (rows made directly, no audit).
    "upload_id": lambda p: make_upload(p).pk,
    "section": "child-views",  # a section of the review report (portal-review-section)
    "message_id": lambda p: make_message(p.la, case=p.case).pk,
    "recommendation_id": lambda p: make_recommendation(sample_action(p).area.plan).pk,
    # A complaint, mediation, appeal and order on the personas' case (tests/disagreements.py).
    "complaint_id": lambda p: make_complaint(p.case).pk,
    "complaint_step": "acknowledge",
    "mediation_id": lambda p: make_mediation(p.case).pk,
    "mediation_step": "date",
    "appeal_id": lambda p: make_appeal(p.case).pk,
    "appeal_step": "decision",
    "order_id": lambda p: make_order(p.case).pk,
    # Quality assurance (tests/quality/factories.py): objects of the personas' area.
    "audit_id": lambda p: qa.make_audit(p.la, lead=p.qa_auditor, case=p.case).pk,
    "version_id": lambda p: qa.make_version(qa.make_live_plan(p.case)).pk,
    "framework_id": lambda p: qa.make_framework(p.la).pk,
    "qa_action_id": lambda p: qa.make_audit_action(qa.make_audit(p.la, lead=p.qa_auditor)).pk,
    "sample_id": lambda p: qa.make_sample(p.la, by=p.qa_auditor).pk,
    "round_id": lambda p: qa.make_round(p.la, by=p.qa_auditor).pk,
    "moderation_id": lambda p: (
        qa.make_advice_moderation(p.la, team=p.advice_team, by=p.qa_auditor).pk
    ),
    "summary_id": lambda p: qa.make_summary(p.la, by=p.qa_auditor).pk,
    "panel_id": lambda p: qa.make_panel(p.la, case=p.case).pk,
    "qa_report_id": lambda p: qa.make_qa_report(p.la).pk,
    # An online request for an assessment: the public form's area, a waiting request.
    "area": lambda p: p.la.code,
    "online_request_id": lambda p: make_online_request(p.la).pk,
    # A current placement on the personas' case (made directly, no audit).
    "placement_id": lambda p: make_placement(p.case).pk,
    # A SEN2 return made in the personas' area (the row a command or the page leaves).
    "run_id": lambda p: make_sen2_run(p.la).pk,
    # Places and capital projects of the personas' area (tests/sufficiency/places_factories.py).
    "places_id": lambda p: places_row(p.setting, p.service_manager).pk,
    "postcode_id": lambda p: make_postcode_locality(p.la).pk,
    "project_id": lambda p: make_project(p.la, p.service_manager).pk,
    "phase_id": lambda p: make_phase(make_project(p.la, p.service_manager)).pk,
    # A forecast made in the personas' area (tests/sufficiency/runs.py).
    "forecast_id": lambda p: make_forecast_run(p.la).pk,
    # A scenario defined in the personas' area, and its change.
    "scenario_id": lambda p: make_scenario(p.la).pk,
    "change_id": lambda p: make_scenario(p.la).changes.get().pk,
    # A budget line of the personas' area's High Needs ledger.
    "line_id": lambda p: make_budget_line(p.la).pk,
    # The public summary of High Needs spending: the personas' area, by its LA number.
    "la_code": lambda p: p.la.code,
    # A referral on the ND waiting list of the personas' child (made through the action).
    "referral_id": lambda p: make_referral(p.child, p.case_officer).pk,
    # A needs profile of the personas' child at their setting, and a sampled profile's audit.
    "profile_id": lambda p: make_profile(p.child, p.senco).pk,
    "profile_audit_id": lambda p: make_profile_audit(p.child, p.senco, p.qa_auditor).pk,
    # Its referred step, and support recorded for the child on it.
    "step_id": lambda p: make_referral(p.child, p.case_officer).steps.get().pk,
    "support_id": lambda p: make_support(make_referral(p.child, p.case_officer)).pk,
    # The personas' child on the disabled children's register, and a record of it.
    "register_id": lambda p: make_register_entry(p.child, p.service_manager).pk,
    "register_record_id": lambda p: make_register_record(p.child, p.service_manager).pk,
    "group_period_id": lambda p: make_group_period(p.child, p.service_manager).pk,
    # The training register of the personas' area (made directly, no audit).
    "course_id": lambda p: make_session(p.la).course_id,
    "session_id": lambda p: make_session(p.la).pk,
    "trainee_id": lambda p: make_trainee(p.la).pk,
    "post_id": lambda p: make_post(p.la).pk,
    # Governance (tests/governance/factories.py): the area's delivery group and its rows.
    "body_id": lambda p: gov.make_body(p.la).pk,
    "member_id": lambda p: gov.make_member(gov.make_body(p.la)).pk,
    "meeting_id": lambda p: gov.make_meeting(gov.make_body(p.la)).pk,
    "decision_id": lambda p: gov.make_decision(gov.make_meeting(gov.make_body(p.la))).pk,
    "item_id": lambda p: (
        gov.make_log_item(gov.make_meeting(gov.make_body(p.la)), owner=p.service_manager).pk
    ),
    "escalation_id": lambda p: gov.make_escalation(gov.make_body(p.la)).pk,
    # A young person's record in the personas' area's participation extract (made directly).
    "participation_id": lambda p: make_participation(p.la, p.service_manager).pk,
    # Retention: the personas' area's first rule, and its child's record awaiting approval.
    "rule_id": lambda p: ensure_schedule(p.la)[0].pk,
    "disposal_id": lambda p: make_disposal(p.la, p.child).pk,
    # A subject access request about the personas' child.
    "sar_id": lambda p: make_sar(p.la, p.child).pk,
    # --- quality: more keywords above this line ---
}
#: Keywords that scope a URL to one area's object, and how to make another area's.
SCOPED: dict[str, Callable[[], int | str]] = {
    "local_kpi": lambda: make_local_kpi(make_la(), name="Another area's KPI").kpi,
    "case_id": lambda: make_case(la=make_la()).pk,
    "child_id": lambda: make_case(la=make_la()).child_id,
    "setting_id": lambda: make_setting(make_la()).pk,
    "officer_id": lambda: make_user("case_officer", make_la()).pk,
    "user_id": lambda: make_user("case_officer", make_la()).pk,
    "plan_id": lambda: make_plan(make_la()).pk,
    "request_id": lambda: other_area_request().pk,
    "invitation_id": lambda: make_invitation(make_la()).pk,
    "report_id": lambda: other_area_report().pk,
    "upload_id": another_areas_upload,
    "message_id": lambda: make_message(make_la()).pk,
    "recommendation_id": lambda: make_recommendation(make_plan(make_la())).pk,
    "complaint_id": lambda: make_complaint(make_case(la=make_la())).pk,
    "mediation_id": lambda: make_mediation(make_case(la=make_la())).pk,
    "appeal_id": lambda: make_appeal(make_case(la=make_la())).pk,
    "order_id": lambda: make_order(make_case(la=make_la())).pk,
    "audit_id": lambda: qa.make_audit(make_la()).pk,
    "version_id": lambda: qa.make_version(qa.make_live_plan(la=make_la())).pk,
    "framework_id": lambda: qa.make_framework(make_la()).pk,
    "qa_action_id": lambda: qa.make_audit_action(qa.make_audit(make_la())).pk,
    "sample_id": lambda: qa.make_sample(make_la()).pk,
    "round_id": lambda: qa.make_round(make_la()).pk,
    "moderation_id": lambda: qa.make_advice_moderation(make_la()).pk,
    "summary_id": lambda: qa.make_summary(make_la()).pk,
    "panel_id": lambda: qa.make_panel(make_la()).pk,
    "qa_report_id": lambda: qa.make_qa_report(make_la()).pk,
    "online_request_id": lambda: make_online_request(make_la()).pk,
    "placement_id": lambda: make_placement(make_case(la=make_la())).pk,
    "run_id": lambda: make_sen2_run(make_la()).pk,
    "places_id": lambda: other_area_places().pk,
    "postcode_id": lambda: make_postcode_locality(make_la()).pk,
    "project_id": lambda: other_area_project().pk,
    "phase_id": lambda: make_phase(other_area_project()).pk,
    "forecast_id": lambda: make_forecast_run(make_la()).pk,
    "scenario_id": lambda: make_scenario(make_la()).pk,
    "change_id": lambda: make_scenario(make_la()).changes.get().pk,
    "line_id": lambda: make_budget_line(make_la()).pk,
    "referral_id": lambda: other_area_referral().pk,
    "profile_id": lambda: other_area_profile().pk,
    "profile_audit_id": lambda: other_area_profile_audit().pk,
    "step_id": lambda: other_area_referral().steps.get().pk,
    "support_id": lambda: make_support(other_area_referral()).pk,
    "register_id": lambda: other_area_register_record().entry_id,
    "register_record_id": lambda: other_area_register_record().pk,
    "group_period_id": lambda: other_area_group_period().pk,
    "course_id": lambda: make_session(make_la()).course_id,
    "session_id": lambda: make_session(make_la()).pk,
    "trainee_id": lambda: make_trainee(make_la()).pk,
    "post_id": lambda: make_post(make_la()).pk,
    "body_id": lambda: gov.make_body(make_la()).pk,
    "member_id": lambda: gov.make_member(gov.make_body(make_la())).pk,
    "meeting_id": lambda: gov.make_meeting(gov.make_body(make_la())).pk,
    "decision_id": lambda: gov.make_decision(gov.make_meeting(gov.make_body(make_la()))).pk,
    "item_id": lambda: gov.make_log_item(gov.make_meeting(gov.make_body(make_la()))).pk,
    "escalation_id": lambda: gov.make_escalation(gov.make_body(make_la())).pk,
    "participation_id": lambda: other_area_participation().pk,
    "rule_id": lambda: ensure_schedule(make_la())[0].pk,
    "disposal_id": lambda: make_disposal(make_la()).pk,
    "sar_id": lambda: make_sar(make_la()).pk,
    # --- quality: more scoped keywords above this line ---
}

ROUTES = {pattern.name: pattern for pattern in web_urls.urlpatterns}
#: Routes anonymous visitors may open (their column is not "302 to sign-in").
PUBLIC = {name for name, row in EXPECTED.items() if row[PERSONAS.index("anonymous")] != 302}
#: URL values where no object exists (an empty database): anonymous visitors go to sign-in
#: before anything is looked up.
ABSENT: dict[str, Any] = {
    key: 1 if callable(value) else value for key, value in URL_ARGS.items()
} | {"code": "E92000001"}


@dataclass
class SignedIn:
    """The personas, and a session each (its key and what it holds), signed in once."""

    personas: Personas
    sessions: dict[str, tuple[str, dict[str, Any]]]
    #: When each session's clocks were last set (``time.time()``): see :func:`use_session`.
    stamped: dict[str, int]


def sign_everyone_in() -> SignedIn:
    """The personas, each signed in once by the client's own ``force_login`` (the same
    ``login()``, signals and second-factor state as a test's sign-in), and another area's
    service manager (``test_it_hides_every_scoped_page_from_staff_of_another_area``)."""
    personas = make_personas()
    users = {persona: getattr(personas, persona) for persona in PERSONAS[1:]}
    users[OTHER_AREA_MANAGER] = make_user("service_manager", personas.other_la)
    sessions = {}
    for persona, user in users.items():
        client = AuditingClient()
        client.force_login(user)
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        sessions[persona] = (key, SessionStore(key).load())
    now = int(time.time())
    return SignedIn(personas, sessions, dict.fromkeys(sessions, now))


#: The session of another area's service manager (``SignedIn.sessions``' extra key).
OTHER_AREA_MANAGER = "other_area_service_manager"

matrix_signed_in = kept_fixture("matrix_signed_in", sign_everyone_in)


@pytest.fixture
def signed_in(matrix_signed_in: SignedIn) -> SignedIn:
    """The personas and their sessions, made once and kept while this module's tests run
    (tests/kept.py): each test gets its own copy, and makes what its URL names (a plan, a
    step) itself. Signing in is a dozen queries (axes' access log, ``last_login``, the
    session): once per persona, not once per request."""
    return matrix_signed_in


@pytest.fixture
def personas(signed_in: SignedIn) -> Personas:
    return signed_in.personas


def use_session(client: Client, signed_in: SignedIn, persona: str) -> None:
    """Make ``client`` ``persona``'s (the kept session), or nobody's ("anonymous").

    A session whose clocks are half a minute old has them set to now first (in the test's
    transaction, so undone after it: the next test does it again): the session middleware
    rewrites ``LAST_SEEN`` once it is a minute old, and signs a session out after 30 idle
    minutes, and the kept rows may outlive both while the matrix runs on a loaded machine.
    """
    client.cookies = SimpleCookie()
    if persona == "anonymous":
        return
    key, data = signed_in.sessions[persona]
    now = int(time.time())
    if now - signed_in.stamped[persona] >= LAST_SEEN_RESOLUTION // 2:
        stamped = {**data, SIGNED_IN_AT: now, LAST_SEEN: now}
        Session.objects.filter(pk=key).update(session_data=SessionStore().encode(stamped))
        signed_in.stamped[persona] = now
    client.cookies[settings.SESSION_COOKIE_NAME] = key


@contextmanager
def on_its_own() -> Iterator[None]:
    """A request as if it were a test of its own: in a savepoint rolled back after it (what
    a GET writes, an audited read say, is gone before the next persona's), with the caches
    emptied first (as ``_empty_cache`` does before each test)."""
    cache.clear()
    clear_all()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def failure(persona: str, name: str, error: BaseException) -> str:
    """An exception a persona's request raised, as a line of the test's failure message."""
    if isinstance(error, PageAuditError):
        return f"{persona} GET {name}: page audit: {error}"
    trace = "".join(traceback.format_exception(error))
    return f"{persona} GET {name} raised {type(error).__name__}: {error}\n{trace}"


@pytest.fixture(autouse=True)
def _quick_pdfs(quick_pdfs: None) -> None:
    """Who may download a PDF is checked here, not the PDF (see ``quick_pdfs``)."""


def recorded_step(personas: Personas) -> Any:
    """A step recorded today on the personas' case (one its officer may correct)."""
    from senda.casework.actions import record_request_received

    on = date(2026, 1, 5)
    return record_request_received(case=personas.case, on=on, source=2, by=personas.case_officer)


def make_sen2_run(la: Any) -> Any:
    """A SEN2 return made for ``la`` (the row only: the file is never kept)."""
    from senda.interchange.models import Sen2Run

    return Sen2Run.objects.create(la=la, kind="export", census_date=date(2027, 1, 21))


def make_budget_line(la: Any) -> Any:
    """A line of ``la``'s High Needs ledger (made directly, no audit)."""
    from senda.sufficiency.models import BudgetLine

    return BudgetLine.objects.create(la=la, code="HN01", name="Top-ups", category="top_up_special")


def make_referral(child: Any, by: Any) -> Any:
    """A referral of ``child`` for an autism assessment (made directly, no audit)."""
    from senda.pathways.models import Referral, ReferralStep

    on = date(2026, 1, 5)
    made = Referral.objects.create(
        la_id=child.la_id, child=child, pathway="autism", referred_on=on, source="school"
    )
    ReferralStep.objects.create(
        referral=made, type="referred", on=on, source="school", recorded_by=by
    )
    return made


def make_support(referral: Any) -> Any:
    """Support while waiting for the child of ``referral`` (made directly, no audit)."""
    from senda.pathways.models import Support

    return Support.objects.create(
        la_id=referral.la_id,
        child_id=referral.child_id,
        referral=referral,
        kind="school",
        provider_kind="setting",
        provider="The school",
        starts_on=date(2026, 1, 12),
        recorded_by=referral.steps.get().recorded_by,
    )


def other_area_referral() -> Any:
    """A referral in a new area, recorded by that area's officer."""
    la = make_la()
    return make_referral(make_child(la), make_user("case_officer", la))


def make_profile(child: Any, by: Any, submitted: bool = True) -> Any:
    """A needs profile of ``child`` at their setting (made directly, no audit)."""
    from senda.portal.models import NeedsProfile

    return NeedsProfile.objects.create(
        la_id=child.la_id,
        child=child,
        setting_id=child.setting_id,
        status="submitted" if submitted else "draft",
        started_on=date(2026, 1, 2),
        started_by=by,
        submitted_on=date(2026, 1, 3) if submitted else None,
        submitted_by=by if submitted else None,
    )


def make_profile_audit(child: Any, by: Any, lead: Any) -> Any:
    """A sampled (ungraded) audit of a profile of ``child``."""
    from senda.quality.models import Framework, ProfileAudit

    profile = make_profile(child, by)
    framework = Framework.objects.create(
        la_id=child.la_id, subject="profile", name="Profiles", status="published"
    )
    return ProfileAudit.objects.create(
        la_id=child.la_id,
        profile=profile,
        framework=framework,
        sampled_on=date(2026, 1, 4),
        reason="Test",
        auditor=lead,
    )


def other_area_profile() -> Any:
    la = make_la()
    setting = make_setting(la)
    return make_profile(make_child(la, setting=setting), make_user("senco", la, setting=setting))


def other_area_profile_audit() -> Any:
    la = make_la()
    setting = make_setting(la)
    child = make_child(la, setting=setting)
    return make_profile_audit(
        child, make_user("senco", la, setting=setting), make_user("qa_auditor", la)
    )


def make_register_entry(child: Any, by: Any) -> Any:
    """``child`` on the disabled children's register (made directly, no audit)."""
    from senda.pathways.disabled.models import DisabledChild

    entry, _ = DisabledChild.objects.get_or_create(
        la_id=child.la_id, child=child, defaults={"added_on": date(2026, 1, 5), "added_by": by}
    )
    return entry


def make_register_record(child: Any, by: Any) -> Any:
    """A short break of ``child`` on the register (made directly, no audit)."""
    from senda.pathways.disabled.models import RegisterRecord

    return RegisterRecord.objects.create(
        entry=make_register_entry(child, by),
        kind="short_break",
        route="local_offer",
        break_type="day",
        starts_on=date(2026, 1, 10),
        recorded_by=by,
    )


def other_area_register_record() -> Any:
    """A short break of a child on a new area's register."""
    la = make_la()
    return make_register_record(make_child(la), make_user("service_manager", la))


def make_group_period(child: Any, by: Any) -> Any:
    """A looked-after period of ``child`` (made directly, no audit)."""
    from django.utils import timezone

    from senda.people.models import ChildGroupPeriod

    return ChildGroupPeriod.objects.create(
        child=child,
        group="looked_after",
        start=date(2024, 1, 1),
        recorded_by=by,
        recorded_at=timezone.now(),
    )


def other_area_group_period() -> Any:
    """A looked-after period of a child of a new area."""
    la = make_la()
    return make_group_period(make_child(la), make_user("service_manager", la))


def make_session(la: Any) -> Any:
    """A session of a course of ``la``'s training register (made directly, no audit)."""
    from senda.people.models import Course, TrainingSession

    course = Course.objects.create(
        la=la, name=f"Statutory duties {la.pk}", programme="statutory", services="sen_assessment"
    )
    return TrainingSession.objects.create(course=course, on=date(2026, 1, 5), place="Hall")


def make_participation(la: Any, by: Any) -> Any:
    """A young person on SEN support, unknown to Senda, in ``la``'s October extract (rows
    made directly, no audit)."""
    from senda.pathways.models import Participation, ParticipationImport

    source = ParticipationImport.objects.create(
        la=la, month=date(2026, 10, 1), filename="x.csv", sha256="0" * 64,
        rows=1, kept=1, added=1, changed=0, by=by,
    )  # fmt: skip
    return Participation.objects.create(
        la=la, month=source.month, person_ref="YP0009", date_of_birth=date(2009, 10, 12),
        cohort=2026, send="sen_support", activity="130", source=source,
    )  # fmt: skip


def other_area_participation() -> Any:
    la = make_la()
    return make_participation(la, make_user("service_manager", la))


def make_trainee(la: Any) -> Any:
    from senda.people.models import Trainee

    return Trainee.objects.create(
        la=la,
        name="Ada Officer",
        service="sen_assessment",
        organisation="Council",
        started_on=date(2025, 1, 6),
    )


def make_post(la: Any) -> Any:
    from senda.people.models import Post

    return Post.objects.create(la=la, team="salt", title="SALT lead", needed_from=date(2026, 1, 5))


def make_recommendation(plan: Any) -> Any:
    """A recommendation from families' feedback on ``plan`` (made directly, no audit)."""
    from senda.improvement.models import Recommendation

    return Recommendation.objects.create(
        plan=plan,
        source="feedback",
        theme="timeliness",
        text="Reply sooner",
        made_on=date(2026, 1, 5),
    )


def make_placement(case: Any) -> Any:
    """A current placement of ``case`` at an SEN2 code (made directly, no audit)."""
    from senda.casework.models import Placement

    return Placement.objects.create(
        case=case, setting_code="EHE", entered_on=date(2025, 9, 3), recorded_on=date(2026, 1, 5)
    )


def published_area_code() -> str:
    """England, as a published area of the DfE national figures (benchmark pages)."""
    from senda.performance.models import PublishedArea

    area, _ = PublishedArea.objects.get_or_create(
        code="E92000001", defaults={"name": "England", "level": "national"}
    )
    return area.code


def url_for(name: str, personas: Personas, **overrides: int) -> str:
    kwargs = {}
    for key in ROUTES[name].pattern.converters:
        value = URL_ARGS[key]
        kwargs[key] = value(personas) if callable(value) else value
    return reverse(f"web:{name}", kwargs={**kwargs, **overrides})


def test_it_has_a_row_for_every_route() -> None:
    missing = sorted(set(ROUTES) - set(EXPECTED))
    assert missing == [], f"add a row to EXPECTED in {__name__} for: {missing}"
    assert sorted(set(EXPECTED) - set(ROUTES)) == [], "EXPECTED names a route that is gone"


def test_it_names_every_route() -> None:
    assert all(pattern.name for pattern in web_urls.urlpatterns)


def test_only_sign_in_and_sign_out_are_public() -> None:
    assert sorted(PUBLIC) == [
        "accessibility",
        "accessibility-council",
        "family-request",
        "family-request-sent",
        "family-request-start",
        "healthz",
        "invitation-accept",
        "money-public",
        "money-public-pdf",
        "privacy",
        "privacy-council",
        "readyz",
        "sign-in",
        "sign-out",
        "sso-callback",
        "sso-not-known",
        "sso-start",
    ]


def test_it_has_a_status_for_every_persona() -> None:
    assert {len(row) for row in EXPECTED.values()} == {len(PERSONAS)}


def test_it_knows_every_url_keyword() -> None:
    keys = {key for pattern in ROUTES.values() for key in pattern.pattern.converters}
    assert keys <= set(URL_ARGS), f"add to URL_ARGS: {sorted(keys - set(URL_ARGS))}"


def _rows() -> list[Any]:
    """Each route twice: its first persona that renders the page (200), or its first persona
    where none does, and every other persona (``once``). On PostgreSQL (``once``: see
    tests/run-suites.sh) only the first runs: who may see what is Senda's own logic, the same
    on any database, while each page's queries still run on both."""
    rows = []
    for name, row in EXPECTED.items():
        shown = [p for p, status in zip(PERSONAS, row, strict=True) if status == 200]
        on_both = shown[0] if shown else PERSONAS[0]
        others = tuple(p for p in PERSONAS if p != on_both)
        rows.append(pytest.param(name, (on_both,), id=f"{name}-{on_both}"))
        rows.append(pytest.param(name, others, id=f"{name}-others", marks=(pytest.mark.once,)))
    return rows


MATRIX = _rows()


@pytest.mark.parametrize(("name", "who"), MATRIX)
def test_it_gives_each_persona_the_expected_status(client, signed_in, name, who):
    """Each persona's GET of the route, with the objects its URL names (made once for the
    route), each in a savepoint of its own (:func:`on_its_own`); every persona whose
    response is not as expected is named in the one failure.

    Each response, whatever its status, says ``Cache-Control: no-store`` (the back button
    or the cache of a shared computer shows nothing to the next person: downloads too), and
    an HTML page's ``<title>`` (browser history, tab titles) names no child of the area.

    A page it renders (200, HTML) shows no Python module path (tests/web/page_text.py):
    every page each persona may open. Each page is rendered with the objects its own URL
    names only, so a list page shows none of the rows the other routes make; a module path
    that only a listed row would show is not seen here. Redirects are not followed: a page
    a redirect lands on is a row of its own."""
    assert name in ROUTES, f"the matrix has a row for {name}, but there is no such route"
    url = url_for(name, signed_in.personas)
    children = list(Child.objects.values_list("family_name", flat=True))
    assert children, "the personas have a child, whose name no title may show"
    wrong = []
    for persona in who:
        status = EXPECTED[name][PERSONAS.index(persona)]
        use_session(client, signed_in, persona)
        try:
            with on_its_own():
                response = client.get(url)
        except Exception as error:  # a 500 or a failed page audit: the next persona goes on
            wrong.append(failure(persona, name, error))
            continue
        wrong += mismatches(name, persona, status, response, children)
    assert not wrong, "\n".join(wrong)


def mismatches(
    name: str, persona: str, status: int, response: Any, children: list[str]
) -> list[str]:
    """What is wrong with ``persona``'s response to a GET of route ``name``, line by line."""
    said = f"{persona} GET {name}"
    if response.status_code != status:
        return [f"{said}: {response.status_code}, expected {status}"]
    wrong = []
    signed_out = status == 302 and persona == "anonymous"
    if signed_out and not response["Location"].startswith(reverse("web:sign-in")):
        wrong.append(f"{said}: sent to {response['Location']}, not to sign-in")
    if "no-store" not in response.get("Cache-Control", ""):
        wrong.append(f"{said}: Cache-Control {response.get('Cache-Control')!r}, no no-store")
    if response.get("Content-Type", "").startswith("text/html"):
        page = response.content.decode(response.charset)
        found = re.search(r"<title>(.*?)</title>", page, re.S)
        title = found.group(1) if found else ""
        if named := [child for child in children if child in title]:
            wrong.append(f"{said}: the title {title!r} names a child ({named})")
        if status == 200 and (paths := module_paths(page)):
            wrong.append(f"{said} shows a module path: {paths}")
    return wrong


def scoped_routes() -> list[Any]:
    """Each scoped route twice: for its first signed-in persona, and for every other one
    (``once``, as :func:`_rows`)."""
    rows = []
    for name, pattern in ROUTES.items():
        if set(pattern.pattern.converters) & set(SCOPED):
            first, *rest = PERSONAS[1:]
            rows.append(pytest.param(name, (first,), id=f"{name}-{first}"))
            rows.append(
                pytest.param(name, tuple(rest), id=f"{name}-others", marks=(pytest.mark.once,))
            )
    return rows


@pytest.mark.parametrize(("name", "who"), scoped_routes())
def test_it_hides_other_areas_objects(client, signed_in, name, who):
    """Every signed-in persona gets 404 for another area's case, child, setting or officer,
    unless their row refuses them the route whatever the object (403: not their role; 405:
    POST only), which reveals nothing either. The other area's objects are made once for
    the route; each persona's GET is on its own (:func:`on_its_own`)."""
    scoped = set(ROUTES[name].pattern.converters) & set(SCOPED)
    url = url_for(name, signed_in.personas, **{key: SCOPED[key]() for key in scoped})
    wrong = []
    for persona in who:
        own = EXPECTED[name][PERSONAS.index(persona)]
        allowed = {404, own} if own in (403, 405) else {404}
        use_session(client, signed_in, persona)
        try:
            with on_its_own():
                status = client.get(url).status_code
        except Exception as error:
            wrong.append(failure(persona, name, error))
            continue
        if status not in allowed:
            wrong.append(f"{persona} GET {name} of another area: {status}, not {allowed}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.once
def test_it_sends_anonymous_users_to_sign_in(client, db):
    """Every route but the public ones, even where the URL's objects do not exist: nothing is
    revealed before sign-in. (``once``: sending a signed-out visitor to sign in reads no
    table, so it is the same on any database.)"""
    wrong = []
    for name in ROUTES:
        if name in PUBLIC:
            continue
        url = reverse(f"web:{name}", kwargs={k: ABSENT[k] for k in ROUTES[name].pattern.converters})
        response = client.get(url)
        if response.status_code != 302 or not response["Location"].startswith(
            reverse("web:sign-in")
        ):
            wrong.append(f"anonymous GET {name}: {response.status_code} {response.get('Location')}")
    assert not wrong, "\n".join(wrong)


def own_scoped_routes() -> list[Any]:
    """Each scoped route for a case officer and a service manager of another area. On
    PostgreSQL only the service manager's (``once`` for the officer's): the area's scoping
    is the same queries for both, and the manager may open more."""
    return [
        pytest.param(
            name,
            role,
            id=f"{role}-{name}",
            marks=(pytest.mark.once,) if role == "case_officer" else (),
        )
        for role in ("case_officer", "service_manager")
        for name, pattern in ROUTES.items()
        if set(pattern.pattern.converters) & set(SCOPED)
    ]


#: The kept session of each role of another area (``other_la_officer`` is its case officer).
ANOTHER_AREAS = {"case_officer": "other_la_officer", "service_manager": OTHER_AREA_MANAGER}


@pytest.mark.parametrize(("name", "role"), own_scoped_routes())
def test_it_hides_every_scoped_page_from_staff_of_another_area(client, signed_in, name, role):
    """GET and POST of a case-, child-, setting- or officer-scoped URL of one area, by the
    most trusted staff of another: 404 (405 for the method a route does not take), and no
    audit entry or case event is written."""
    converters = ROUTES[name].pattern.converters
    personas = signed_in.personas
    kwargs = {key: URL_ARGS[key](personas) if key in SCOPED else ABSENT[key] for key in converters}
    url = reverse(f"web:{name}", kwargs=kwargs)
    use_session(client, signed_in, ANOTHER_AREAS[role])
    statuses = {client.get(url).status_code, client.post(url, {}).status_code}
    assert 404 in statuses and statuses <= {404, 405}, statuses
    assert not AuditEntry.objects.exists()
    assert not CaseEvent.objects.exists()

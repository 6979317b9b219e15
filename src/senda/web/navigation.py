"""The service navigation: which top-level pages each role sees (the header menu and the
home page both read it)."""

from __future__ import annotations

from senda.pathways.access import CHILDREN_ROLES
from senda.people.models import Role
from senda.people.training_actions import SEE_ROLES
from senda.portal.surveys import FEEDBACK_ROLES
from senda.sufficiency.ledger import MONEY_ROLES
from senda.web.access import (
    CASE_LIST_ROLES,
    FAMILY_ROLES,
    FORECAST_ROLES,
    LA_WIDE_ROLES,
    PLACES_ROLES,
)

ALL_ROLES = frozenset(Role.values)

#: The "role" of a signed-in user without a membership: a partner reaching plans only
#: as a plan member (senda.improvement.access), so costs no query to gate on.
NO_MEMBERSHIP = ""

#: Who sees the data-quality page (``web:data-quality``): managers and QA auditors.
DATA_QUALITY_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.QA_AUDITOR})

#: Service navigation: (text, URL name, roles that see it). Add a line per new top-level page.
NAVIGATION: list[tuple[str, str, frozenset[str]]] = [
    ("Home", "web:home", ALL_ROLES),
    ("Where we are", "web:family-home", FAMILY_ROLES),
    ("My caseload", "web:caseload", frozenset({Role.CASE_OFFICER, Role.TEAM_MANAGER})),
    ("Triage", "web:triage", LA_WIDE_ROLES),
    # Families' own pages are "Where we are" (/cases/ sends them there).
    ("Cases", "web:case-list", CASE_LIST_ROLES - FAMILY_ROLES),
    ("Team", "web:team", frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})),
    ("Annual reviews", "web:portal-home", frozenset({Role.SENCO})),
    ("Needs profiles", "web:portal-profiles", frozenset({Role.SENCO})),
    ("Advice requests", "web:portal-advice", frozenset({Role.ADVICE_GIVER})),
    ("Received tray", "web:portal-tray", LA_WIDE_ROLES),
    (
        "Online requests",
        "web:online-requests",
        frozenset({Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}),
    ),
    ("Returns", "web:returns", LA_WIDE_ROLES | {Role.SENCO}),  # a SENCo: their own setting
    ("Dashboard", "web:dashboard", LA_WIDE_ROLES),
    ("Improvement plan", "web:plans", LA_WIDE_ROLES | {Role.BOARD_MEMBER, NO_MEMBERSHIP}),
    ("Performance", "web:performance", LA_WIDE_ROLES | {Role.BOARD_MEMBER}),
    ("Governance", "web:governance", LA_WIDE_ROLES | {Role.BOARD_MEMBER}),
    ("High Needs money", "web:money", MONEY_ROLES),
    ("Quality assurance", "web:qa-home", LA_WIDE_ROLES),
    ("Data quality", "web:data-quality", DATA_QUALITY_ROLES),
    ("SEN2 return", "web:sen2", frozenset({Role.SERVICE_MANAGER})),
    ("Places", "web:places", PLACES_ROLES),
    ("Demand forecast", "web:forecast", FORECAST_ROLES),
    ("ND waiting list", "web:nd-waits", CHILDREN_ROLES | {Role.BOARD_MEMBER}),
    ("Transition to adult services", "web:transition", CHILDREN_ROLES | {Role.BOARD_MEMBER}),
    # Social care staff (advice-givers of a social care team) reach it from their home page.
    ("Disabled children", "web:dc-register", frozenset({Role.SERVICE_MANAGER})),
    ("Destinations", "web:destinations", CHILDREN_ROLES | {Role.BOARD_MEMBER}),
    ("Workforce", "web:workforce", SEE_ROLES),
    ("Audit log", "web:audit-log", frozenset({Role.SERVICE_MANAGER})),
    ("Retention", "web:retention", frozenset({Role.SERVICE_MANAGER})),
    ("Subject access", "web:subject-access", frozenset({Role.SERVICE_MANAGER})),
    ("Accounts", "web:accounts", frozenset({Role.SERVICE_MANAGER})),
    ("Invitations", "web:portal-invitations", frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})),
    ("Outbox", "web:portal-outbox", frozenset({Role.SERVICE_MANAGER})),
    ("Background queue", "web:service-queue", frozenset({Role.SERVICE_MANAGER})),
    ("Families' feedback", "web:feedback-summary", FEEDBACK_ROLES),
    ("You said, we did", "web:family-yswd", FAMILY_ROLES),
]

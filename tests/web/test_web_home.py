"""Home: each role is pointed at the pages it works with, and only those."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.casework.models import DeadlineRow
from tests.factories import make_case, make_family_user
from tests.web.page_audit import audit_page, text_of

PLAN, KPIS, TRAY = "Improvement plan", "Performance", "Received tray"
QA = "Quality assurance"
ONLINE = "Online requests"
FEEDBACK = "Families' feedback"
DQ = "Data quality"
MONEY = "High Needs money"
ND = "ND waiting list"
TRANSITION = "Transition to adult services"
DEST = "Destinations"
GOV = "Governance"
EXPECTED = {
    "case_officer": [
        *(
            "My caseload",
            "Triage",
            "Cases",
            TRAY,
            ONLINE,
            "Returns",
            "Dashboard",
            PLAN,
            KPIS,
            GOV,
            QA,
        ),
        ND,
        TRANSITION,
        DEST,
    ],
    "team_manager": [
        *("My caseload", "Triage", "Cases", "Team", TRAY, ONLINE, "Returns", "Dashboard", PLAN),
        KPIS,
        GOV,
        QA,
        DQ,
        ND,
        TRANSITION,
        DEST,
        "Workforce",
        "Invitations",
        FEEDBACK,
    ],
    "qa_auditor": [
        *("Triage", "Cases", TRAY, "Returns", "Dashboard", PLAN, KPIS, GOV, QA, DQ, ND),
        TRANSITION,
        DEST,
        "Workforce",
        FEEDBACK,
    ],
    "service_manager": [
        *("Triage", "Cases", "Team", TRAY, ONLINE, "Returns", "Dashboard", PLAN, KPIS),
        GOV,
        MONEY,
        QA,
        DQ,
        "SEN2 return",
        "Places",
        "Demand forecast",
        ND,
        TRANSITION,
        "Disabled children",
        DEST,
        "Workforce",
        "Audit log",
        "Retention",
        "Subject access",
        *("Accounts", "Invitations", "Outbox", "Background queue", FEEDBACK),
    ],
    "senco": ["Children with plans at your setting", "Annual reviews", "Needs profiles", "Returns"],
    "advice_giver": ["Cases", "Advice requests"],
    "parent": ["Where we are", "You said, we did"],  # no staff case list
    "board_member": [PLAN, KPIS, GOV, MONEY, "Places", "Demand forecast", ND, TRANSITION, DEST],
    "finance_officer": [MONEY],
}


def work_links(client, user):
    client.force_login(user)
    page = audit_page(client.get(reverse("web:home")))
    return [text_of(h.find("a")) for h in page.iter("h3")], text_of(page.find(".//main"))


@pytest.mark.parametrize(("role", "titles"), EXPECTED.items())
def test_it_lists_the_pages_each_role_works_with(client, personas, role, titles):
    found, main = work_links(client, getattr(personas, role))
    assert found == titles
    if not titles:
        assert "no child-level data" in main


def test_it_points_a_young_person_at_their_own_pages_not_the_case_list(client, personas):
    young = make_family_user(personas.child, young_person=True)
    client.force_login(young)
    page = audit_page(client.get(reverse("web:home")))
    links = {text_of(a): a.get("href") for a in page.iter("a")}
    assert links["Where we are"] == reverse("web:family-home")
    assert reverse("web:case-list") not in links.values()
    assert "Your record" not in links


def test_it_tells_an_officer_what_they_hold(client, personas):
    """Open cases held, and how many of those cases (not deadlines) have one overdue: a
    closed case's overdue deadline and a lapsed one (the plan ceased) are not counted."""
    today = timezone.localdate()
    late = make_case(la=personas.la, officer=personas.case_officer)
    closed = make_case(la=personas.la, officer=personas.case_officer, status="closed")
    ceased = make_case(la=personas.la, officer=personas.case_officer)
    for case, status in ((late, "overdue"), (late, "overdue"), (closed, "overdue")):
        _row(case, today - timedelta(days=3), status)
    _row(ceased, today - timedelta(days=30), "lapsed")
    _, main = work_links(client, personas.case_officer)
    assert "You hold 3 open cases; 1 case has an overdue deadline." in main


def _row(case, due, status):
    DeadlineRow.objects.create(
        case=case, rule="annual-review", due=due, status=status, citation="", evaluated_for=due
    )


def test_it_points_a_plan_partner_at_their_plan(client, personas):
    from tests.factories import make_plan, make_plan_member

    member = make_plan_member(make_plan(personas.la), access="view")
    found, main = work_links(client, member.user)
    assert found == ["Improvement plan"]
    assert "no local area or role" not in main

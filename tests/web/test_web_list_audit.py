"""Every page view of a list that names children is one audit entry, with its filters.

All cases, a caseload, triage, the team's lists of cases to move, a setting's returns and
the cases behind a service-dashboard KPI: who looked at which children is in the log, as
ids and choices only, never a child's name.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from tests.factories import make_case

#: (route, its URL keywords from the personas, a query, who opens it, the summary expected)
LISTS = [
    ("case-list", {}, {"stage": "plan"}, "case_officer", "case list: stage=plan page=1"),
    ("case-list", {}, {}, "senco", "case list: no filters page=1"),
    ("caseload", {}, {"page": "1"}, "case_officer", "caseload: officer={officer} page=1"),
    ("triage", {}, {"window": "28"}, "qa_auditor", "triage: window=28 page=1"),
    (
        "team-officer",
        {"officer_id": "officer"},
        {},
        "team_manager",
        "team list: from={officer} page=1",
    ),
    ("team-unallocated", {}, {}, "service_manager", "team list: from=unallocated page=1"),
    (
        "returns-setting",
        {"setting_id": "setting"},
        {"weeks": "26"},
        "senco",
        "setting returns: weeks=26",
    ),
    (
        "dashboard-kpi",
        {"kpi": "final-plan-20w"},
        {},
        "case_officer",
        "cases behind final-plan-20w: ",
    ),
]


def _kwargs(personas, keywords):
    objects = {"officer": personas.case_officer.pk, "setting": personas.setting.pk}
    return {key: objects.get(value, value) for key, value in keywords.items()}


@pytest.mark.parametrize(
    ("name", "keywords", "query", "persona", "summary"),
    [pytest.param(*row, id=f"{row[0]}-{row[3]}") for row in LISTS],
)
def test_it_audits_each_view_of_a_list_of_children(
    client, personas, name, keywords, query, persona, summary
):
    user = getattr(personas, persona)
    client.force_login(user)
    url = reverse(f"web:{name}", kwargs=_kwargs(personas, keywords))
    assert client.get(url, query, REMOTE_ADDR="192.0.2.7").status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.verb, entry.la, entry.ip_address) == (
        user,
        "read",
        personas.la,
        "192.0.2.7",
    )
    assert entry.summary.startswith(summary.format(officer=personas.case_officer.pk))
    assert personas.child.family_name not in entry.summary
    client.get(url, query)
    assert AuditEntry.objects.count() == 2  # one entry a page view


def test_it_files_the_page_of_the_list_shown(client, personas):
    for _ in range(51):
        make_case(la=personas.la)
    client.force_login(personas.service_manager)
    client.get(reverse("web:case-list"), {"page": "2", "sort": "due"})
    entry = AuditEntry.objects.get()
    assert entry.summary == "case list: sort=due page=2"
    assert entry.object_type == "people.LocalAuthority"


def test_it_does_not_audit_a_list_the_user_may_not_open(client, personas):
    client.force_login(personas.board_member)
    assert client.get(reverse("web:case-list")).status_code == 403
    client.force_login(personas.other_la_officer)
    setting_url = reverse("web:returns-setting", args=[personas.setting.pk])
    assert client.get(setting_url).status_code == 404
    assert not AuditEntry.objects.exists()

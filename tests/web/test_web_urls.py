"""Every page but sign-in needs a signed-in user; a new route cannot forget it."""

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent
from senda.web import urls as web_urls
from tests.factories import make_user, sample_action

PUBLIC = {"sign-in", "sign-out"}
SAMPLE_ARGS = {
    "kpi": "final-plan-20w",
    "kpi_id": "parent-satisfaction",
    "quarter": "2025-26-q4",
    "case_id": 1,
    "step": "review-meeting",
    "event_id": 1,
    "code": "E92000001",
    "setting_id": 1,
    "officer_id": 1,
    "user_id": 1,
    "plan_id": 1,
    "area_id": 1,
    "action_id": 1,
    "pack_id": 1,
    "risk_id": 1,
    "milestone_id": 1,
}


def web_routes():
    for pattern in web_urls.urlpatterns:
        if pattern.name not in PUBLIC:
            kwargs = {k: SAMPLE_ARGS[k] for k in pattern.pattern.converters}
            yield pytest.param(pattern.name, kwargs, id=pattern.name)


@pytest.mark.parametrize(("name", "kwargs"), list(web_routes()))
def test_it_sends_anonymous_users_to_sign_in(client, db, name, kwargs):
    url = reverse(f"web:{name}", kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign-in"))


def test_it_names_every_route():
    assert all(pattern.name for pattern in web_urls.urlpatterns)


def test_it_sets_a_content_security_policy(client, db):
    response = client.get(reverse("web:sign-in"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


#: URL keywords that scope a page to one local area's object, and that object in Personas.
SCOPED_ARGS = {
    "case_id": lambda p: p.case.pk,
    "child_id": lambda p: p.child.pk,
    "setting_id": lambda p: p.setting.pk,
    "officer_id": lambda p: p.case_officer.pk,
    "user_id": lambda p: p.case_officer.pk,
    "plan_id": lambda p: sample_action(p).area.plan_id,
}


def scoped_routes():
    for pattern in web_urls.urlpatterns:
        if set(pattern.pattern.converters) & set(SCOPED_ARGS):
            yield pytest.param(pattern.name, id=pattern.name)


@pytest.mark.parametrize("name", list(scoped_routes()))
@pytest.mark.parametrize("role", ["case_officer", "service_manager"])
def test_it_hides_every_scoped_page_from_staff_of_another_area(client, personas, name, role):
    """GET and POST of a case-, child-, setting- or officer-scoped URL of one area, by the
    most trusted staff of another: 404 (405 for the method a route does not take), and no
    audit entry or case event is written."""
    pattern = next(p for p in web_urls.urlpatterns if p.name == name)
    kwargs = {
        k: SCOPED_ARGS[k](personas) if k in SCOPED_ARGS else SAMPLE_ARGS[k]
        for k in pattern.pattern.converters
    }
    url = reverse(f"web:{name}", kwargs=kwargs)
    client.force_login(make_user(role, personas.other_la))
    statuses = {client.get(url).status_code, client.post(url, {}).status_code}
    assert 404 in statuses and statuses <= {404, 405}, statuses
    assert not AuditEntry.objects.exists()
    assert not CaseEvent.objects.exists()

"""Every page but sign-in needs a signed-in user; a new route cannot forget it."""

import pytest
from django.urls import reverse

from senda.web import urls as web_urls

PUBLIC = {"sign-in", "sign-out"}
SAMPLE_ARGS = {
    "kpi": "final-plan-20w",
    "case_id": 1,
    "step": "review-meeting",
    "setting_id": 1,
    "officer_id": 1,
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

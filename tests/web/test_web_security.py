"""The content security policy, cookies, production transport settings, the CSRF failure page
and the admin under the CSP."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.web.page_audit import AuditingClient, audit_page, text_of

PRODUCTION_ENV = {
    "SENDA_ENV": "production",
    "SENDA_SECRET_KEY": "test-only-not-a-secret",
    "SENDA_ALLOWED_HOSTS": "senda.example",
}
SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "DEBUG",
]


def settings_under(env):
    """Import senda.settings in a fresh interpreter with ``env`` and return SETTINGS."""
    code = (
        "import json, senda.settings as s; "
        f"print(json.dumps({{k: getattr(s, k) for k in {SETTINGS!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SENDA_")}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_sets_a_content_security_policy(client, db):
    response = client.get(reverse("web:sign-in"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_it_sends_secure_cookies_and_hsts_in_production():
    values = settings_under(PRODUCTION_ENV)
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_SSL_REDIRECT"] and not values["DEBUG"]


def test_it_keeps_plain_http_working_in_development():
    values = settings_under({"SENDA_ENV": "development", "SENDA_DATA_DIR": "/tmp/senda-sec"})
    assert not values["SESSION_COOKIE_SECURE"] and not values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] == 0 and not values["SECURE_SSL_REDIRECT"]


def test_it_takes_the_session_lifetime_in_hours():
    values = settings_under({**PRODUCTION_ENV, "SENDA_SESSION_HOURS": "2"})
    assert values["SESSION_COOKIE_AGE"] == 2 * 60 * 60


def test_it_sets_http_only_same_site_session_cookies(client, plain_user):
    response = client.post(reverse("web:sign-in"), {"username": "ada", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_it_shows_a_gov_uk_page_when_the_csrf_check_fails(plain_user):
    client = AuditingClient(enforce_csrf_checks=True)
    response = client.post(reverse("web:sign-in"), {"username": "ada", "password": PASSWORD})
    assert response.status_code == 403
    heading = text_of(audit_page(response).find(".//h1"))
    assert heading == "Sorry, your form could not be sent"
    assert "_auth_user_id" not in client.session


ADMIN_PAGES = [
    "/admin/",
    "/admin/audit/auditentry/",
    "/admin/axes/accessattempt/",
    "/admin/axes/accessfailurelog/",
    "/admin/axes/accesslog/",
    "/admin/otp_totp/totpdevice/",
]


@pytest.fixture
def admin_client(db):
    admin = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()  # Django's own admin pages are not held to the GOV.UK page audit
    client.force_login(admin)
    return client


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_it_serves_the_admin_within_the_content_security_policy(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline_scripts == []
    assert " style=" not in html


def test_it_lists_lockouts_and_failures_in_the_admin(admin_client, plain_user):
    Client().post(reverse("web:sign-in"), {"username": "ada", "password": "wrong"})
    page = admin_client.get("/admin/axes/accessfailurelog/").content.decode()
    assert "ada" in page


def test_it_keeps_the_audit_log_read_only_in_the_admin(admin_client):
    assert admin_client.get("/admin/audit/auditentry/add/").status_code == 403
    assert "Add audit entry" not in admin_client.get("/admin/audit/auditentry/").content.decode()

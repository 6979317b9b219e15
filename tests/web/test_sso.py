"""Single sign-on against a real OpenID Connect provider running locally (ADR 0035)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from axes.models import AccessFailureLog, AccessLog
from django_otp.plugins.otp_totp.models import TOTPDevice
from joserfc import jwt
from joserfc.errors import ClaimError
from joserfc.jwk import KeySet

from senda.people.models import SignInLink
from senda.web.middleware import MFA_STATE
from senda.web.sso import client_for, provider_named
from tests.factories import make_la, make_user
from tests.web.sso_provider import (  # noqa: F401 (the fixture)
    ProviderBrowser,
    RunningProvider,
    oidc_provider,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def local(oidc_provider: RunningProvider, settings) -> RunningProvider:  # noqa: F811
    settings.SENDA_SSO_PROVIDERS = [
        oidc_provider.senda_config("local"),
        oidc_provider.senda_config("short", client_id="senda-short"),
    ]
    return oidc_provider


@pytest.fixture
def officer():
    return make_user("case_officer", make_la(), email="officer@council.example.org")


def signed_in_user(client) -> str | None:
    return client.session.get("_auth_user_id")


def sign_in(client, email: str, provider: str = "local", next_url: str = "") -> str:
    """Start at Senda, sign in at the provider; the callback URL it sends the browser to."""
    start = client.get(f"/sign-in/sso/{provider}/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start
    return ProviderBrowser().sign_in(start["Location"], email)


def test_it_offers_each_provider_on_the_sign_in_page(client, local):
    page = client.get("/sign-in/").content.decode()
    assert 'href="/sign-in/sso/local/"' in page
    assert "Sign in with the local provider" in page


def test_it_signs_a_known_officer_in_with_pkce(client, local, officer):
    start = client.get("/sign-in/sso/local/?next=/cases/")
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    callback = ProviderBrowser().sign_in(start["Location"], "officer@council.example.org")
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert signed_in_user(client) == str(officer.pk)
    link = SignInLink.objects.get(user=officer)
    assert (link.issuer, link.subject) == (local.issuer, "sub-officer")
    assert AccessLog.objects.filter(username=officer.username).count() == 1
    assert client.get("/cases/").status_code == 200


def test_it_finds_a_linked_user_by_subject_not_email(client, local, officer):
    client.get(sign_in(client, "officer@council.example.org"))
    client.logout()
    officer.email = "changed@council.example.org"
    officer.save()
    client.get(sign_in(client, "officer@council.example.org"))
    assert signed_in_user(client) == str(officer.pk)


def test_it_refuses_someone_senda_does_not_know(client, local, officer):
    response = client.get(sign_in(client, "stranger@council.example.org"), follow=True)
    assert response.redirect_chain[-1][0] == "/sign-in/sso/not-known/"
    assert response.status_code == 200
    assert "Ask your service manager" in response.content.decode()
    assert signed_in_user(client) is None
    assert AccessFailureLog.objects.filter(username="stranger@council.example.org").exists()
    assert not SignInLink.objects.exists()


def test_it_refuses_a_user_without_a_membership(client, local, officer):
    officer.membership.delete()
    response = client.get(sign_in(client, "officer@council.example.org"))
    assert response["Location"] == "/sign-in/sso/not-known/"
    assert signed_in_user(client) is None


def test_it_refuses_a_code_issued_to_another_client(client, local, officer):
    start = client.get("/sign-in/sso/local/")
    url = start["Location"].replace("client_id=senda&", "client_id=other&")
    assert "client_id=other" in url
    response = client.get(ProviderBrowser().sign_in(url, "officer@council.example.org"))
    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()
    assert signed_in_user(client) is None


def test_it_refuses_an_id_token_for_another_audience(local):
    """An ID token the provider issued to another client (``aud`` is "other"), as Senda's
    client for the provider checks it: refused."""
    browser = ProviderBrowser()
    senda_client = client_for(provider_named("local"))
    start = senda_client.create_authorization_url(
        "http://testserver/sign-in/sso/local/callback/", nonce="n-1"
    )
    url = start["url"].replace("client_id=senda&", "client_id=other&")
    callback = browser.sign_in(url, "officer@council.example.org")
    code = parse_qs(urlsplit(callback).query)["code"][0]
    token = browser.session.post(
        f"{local.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://testserver/sign-in/sso/local/callback/",
            "code_verifier": start["code_verifier"],
        },
        auth=("other", "a-test-client-secret"),
        timeout=10,
    ).json()
    claims = jwt.decode(
        token["id_token"], KeySet.import_key_set(senda_client.fetch_jwk_set())
    ).claims
    assert claims["aud"] == "other" and claims["iss"] == local.issuer
    with pytest.raises(ClaimError):
        senda_client.parse_id_token(token, nonce="n-1")


def test_it_refuses_an_expired_id_token(client, local, officer):
    callback = sign_in(client, "officer@council.example.org", provider="short")
    with time_machine.travel(timedelta(minutes=10)):
        response = client.get(callback)
    assert response.status_code == 400
    assert signed_in_user(client) is None


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?code=abc",
        "?code=abc&state=forged",
        "?error=access_denied&error_description=%3Cscript%3E",
        "?error=x&state=forged&code=1",
    ],
)
def test_it_answers_hostile_callbacks_with_a_page(client, local, query):
    client.get("/sign-in/sso/local/")  # a real state in the session, not the one sent
    response = client.get(f"/sign-in/sso/local/callback/{query}")
    assert response.status_code == 400
    assert "You could not be signed in" in response.content.decode()
    assert "<script>" not in response.content.decode()
    assert signed_in_user(client) is None


def test_it_says_so_when_the_provider_cannot_be_reached(client, settings):
    settings.SENDA_SSO_PROVIDERS = [
        {
            **RunningProvider("http://127.0.0.1:9").senda_config("gone"),
        }
    ]
    response = client.get("/sign-in/sso/gone/")
    assert response.status_code == 502
    assert "could not reach" in response.content.decode()


def test_it_answers_404_for_a_provider_not_configured(client, local):
    assert client.get("/sign-in/sso/nowhere/").status_code == 404
    assert client.get("/sign-in/sso/nowhere/callback/?code=1&state=2").status_code == 404


def test_it_does_not_ask_for_senda_s_code_when_the_provider_asserts_mfa(client, local):
    manager = make_user("team_manager", make_la(), email="manager@council.example.org")
    TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    response = client.get(sign_in(client, "manager@council.example.org"))
    assert response["Location"] == "/"
    assert MFA_STATE not in client.session
    assert client.get("/").status_code == 200


def test_it_asks_for_senda_s_code_when_the_provider_does_not_assert_mfa(client, local, officer):
    TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    client.get(sign_in(client, "officer@council.example.org"))
    assert client.session[MFA_STATE] == "code"
    assert client.get("/cases/")["Location"].startswith("/sign-in/code/")


def test_it_asks_for_setup_when_mfa_is_compulsory_and_not_asserted(
    client, local, officer, settings
):
    settings.SENDA_REQUIRE_MFA = True
    client.get(sign_in(client, "officer@council.example.org"))
    assert client.get("/cases/")["Location"].startswith("/account/two-factor/")


def test_it_signs_out_of_senda_and_the_provider(client, local, officer):
    client.get(sign_in(client, "officer@council.example.org"))
    response = client.post("/sign-out/")
    assert signed_in_user(client) is None
    location = response["Location"]
    assert location.startswith(f"{local.issuer}/session/end")
    query = parse_qs(urlsplit(location).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/sign-in/"]
    assert query["id_token_hint"]
    assert ProviderBrowser().session.get(location, timeout=10).status_code == 200


def test_it_signs_a_password_session_out_as_before(client, local, officer):
    client.force_login(officer)
    assert client.post("/sign-out/")["Location"] == "/sign-in/"
    assert signed_in_user(client) is None


def test_it_allows_forms_to_send_people_to_the_provider(client, local):
    """Sign-out is a form whose redirect goes to the provider: ``form-action`` allows it."""
    policy = client.get("/sign-in/")["Content-Security-Policy"]
    assert f"form-action 'self' {local.issuer}" in policy

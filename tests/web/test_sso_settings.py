"""Single sign-on configuration and the second factor a provider asserts (ADR 0035)."""

from __future__ import annotations

import pytest

from senda.web.middleware import policy_for
from senda.web.sso import Provider


def provider(amr=("mfa", "otp"), acr=()) -> Provider:
    return Provider(
        "council", "Council", "https://id.example.org/.well-known/x", "c", "s", amr, acr
    )


@pytest.mark.parametrize(
    ("claims", "asserted"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["otp"]}, True),
        ({"amr": ["pwd"]}, False),
        ({"amr": "mfa"}, False),  # not a list: not believed
        ({}, False),
        ({"acr": "urn:council:mfa"}, False),
    ],
)
def test_it_reads_the_methods_the_provider_names(claims, asserted):
    assert provider().asserts_mfa(claims) is asserted


def test_it_trusts_an_acr_only_when_configured():
    trusting = provider(amr=(), acr=("urn:council:mfa",))
    assert trusting.asserts_mfa({"acr": "urn:council:mfa", "amr": ["pwd"]})
    assert not trusting.asserts_mfa({"acr": "urn:council:pwd"})


def test_it_lets_forms_go_to_the_providers_only():
    policy = policy_for([{"discovery_url": "https://id.example.org/t/.well-known/x"}])
    assert "form-action 'self' https://id.example.org;" in policy
    assert "form-action 'self';" in policy_for([])


def test_it_reads_providers_from_the_environment(monkeypatch):
    from senda import settings as senda_settings

    monkeypatch.setenv("SENDA_SSO_PROVIDERS", "council,nhs-trust")
    for name in ("COUNCIL", "NHS_TRUST"):
        monkeypatch.setenv(f"SENDA_SSO_{name}_DISCOVERY_URL", "https://id.example.org/x")
        monkeypatch.setenv(f"SENDA_SSO_{name}_CLIENT_ID", "senda")
        monkeypatch.setenv(f"SENDA_SSO_{name}_CLIENT_SECRET", "secret")
    monkeypatch.setenv("SENDA_SSO_NHS_TRUST_MFA_ACR", "AAL3")
    found = senda_settings._sso_providers()
    assert [p["name"] for p in found] == ["council", "nhs-trust"]
    assert found[0]["label"] == "council" and found[1]["mfa_acr"] == ["AAL3"]


@pytest.mark.parametrize(
    ("name", "url", "problem"),
    [
        ("Council", "https://id.example.org/x", "lower-case"),
        ("council", "http://id.example.org/x", "https"),
    ],
)
def test_it_refuses_a_bad_configuration(monkeypatch, name, url, problem):
    from senda import settings as senda_settings
    from senda.env import EnvError

    monkeypatch.setenv("SENDA_SSO_PROVIDERS", name)
    monkeypatch.setenv(f"SENDA_SSO_{name.upper()}_DISCOVERY_URL", url)
    with pytest.raises(EnvError, match=problem):
        senda_settings._sso_providers()

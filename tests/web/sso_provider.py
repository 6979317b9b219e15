"""A real OpenID Connect provider for the single sign-on tests (sso/provider.mjs, panva's
oidc-provider from package.json), started once per test session on a free port, and a
"browser" that signs in at it by posting its form (ADR 0035)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "provider-password"
SECRET = "a-test-client-secret"
TESTSERVER = "http://testserver"

#: Accounts at the provider: (email, subject, amr).
ACCOUNTS = [
    ("officer@council.example.org", "sub-officer", ["pwd"]),
    ("manager@council.example.org", "sub-manager", ["pwd", "mfa"]),
    ("stranger@council.example.org", "sub-stranger", ["pwd"]),
]


def _client(client_id: str, callback_of: str, **extra: object) -> dict[str, object]:
    return {
        "client_id": client_id,
        "client_secret": SECRET,
        "redirect_uris": [f"{TESTSERVER}/sign-in/sso/{callback_of}/callback/"],
        "post_logout_redirect_uris": [f"{TESTSERVER}/sign-in/"],
        **extra,
    }


CLIENTS = [
    _client("senda", "local"),
    _client("senda-short", "short", id_token_ttl=60),  # an ID token for a minute
    _client("other", "local"),  # another service: its codes come back to Senda's callback
]


@dataclass(frozen=True)
class RunningProvider:
    issuer: str

    def senda_config(self, name: str = "local", client_id: str = "senda") -> dict[str, object]:
        """One entry of ``settings.SENDA_SSO_PROVIDERS`` for this provider."""
        return {
            "name": name,
            "label": "the local provider",
            "discovery_url": f"{self.issuer}/.well-known/openid-configuration",
            "client_id": client_id,
            "client_secret": SECRET,
            "mfa_amr": ["mfa", "otp", "hwk"],
            "mfa_acr": [],
        }


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[RunningProvider]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the single sign-on tests need it for oidc-provider")
    if not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.skip("oidc-provider is not installed: run npm ci")
    config = {
        "port": 0,
        "clients": CLIENTS,
        "accounts": [
            {"email": e, "sub": s, "password": PASSWORD, "name": "Test", "amr": a}
            for e, s, a in ACCOUNTS
        ],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(config, handle)
    process = subprocess.Popen(
        [node, str(ROOT / "sso" / "provider.mjs"), handle.name],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("sso/provider.mjs stopped before it was listening")
        yield RunningProvider(issuer=json.loads(line)["issuer"])
    finally:
        process.terminate()
        process.wait(timeout=10)
        Path(handle.name).unlink(missing_ok=True)


class ProviderBrowser:
    """What a person's browser does at the provider: follows its redirects and posts its
    sign-in form, and hands back the URL it sends them to at Senda."""

    def __init__(self) -> None:
        self.session = requests.Session()

    def sign_in(self, url: str, email: str, password: str = PASSWORD) -> str:
        page = self.follow(url)
        assert isinstance(page, requests.Response), page
        form_url = page.url.rstrip("/") + "/login"
        result = self.follow(form_url, data={"email": email, "password": password})
        assert isinstance(result, str), result.text
        return result

    def follow(self, url: str, data: dict[str, str] | None = None) -> str | requests.Response:
        """Requests ``url`` (a POST with ``data``) and its redirects until one leads back to
        Senda (that URL, as a path for Django's test client) or a page is shown."""
        if data is None:
            response = self.session.get(url, allow_redirects=False, timeout=10)
        else:
            response = self.session.post(url, data=data, allow_redirects=False, timeout=10)
        while response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if target.startswith(TESTSERVER):
                parts = urlsplit(target)
                return f"{parts.path}?{parts.query}" if parts.query else parts.path
            response = self.session.get(target, allow_redirects=False, timeout=10)
        return response

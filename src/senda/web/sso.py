"""Single sign-on through the council's identity providers (OpenID Connect, ADR 0035).

Providers come from ``settings.SENDA_SSO_PROVIDERS`` (docs/env.md). Each has an Authlib
client (authorization code flow with PKCE, a nonce, and the ID token's signature, issuer,
audience and expiry checked against the provider's discovery document and keys), made once
per configuration and kept, so the discovery document and keys are fetched once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from requests import RequestException

from senda.people.sign_in import Identity

logger = logging.getLogger(__name__)

SCOPE = "openid email profile"
#: Session key of the provider a session signed in through, with its ID token (for sign-out).
SESSION_KEY = "senda_sso"


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    label: str
    discovery_url: str
    client_id: str
    client_secret: str
    mfa_amr: tuple[str, ...]
    mfa_acr: tuple[str, ...]
    #: The provider's ``email`` is the council's own and verified, though it sends no
    #: ``email_verified`` (a single-tenant Entra ID): ``SENDA_SSO_<NAME>_TRUST_EMAIL``.
    trust_email: bool = False

    def asserts_mfa(self, claims: Mapping[str, Any]) -> bool:
        """Whether the ID token says the person used more than one factor: an ``amr`` value
        or the ``acr`` this provider is configured to trust (``SENDA_SSO_<NAME>_MFA_…``)."""
        amr = claims.get("amr")
        methods = {str(m) for m in amr} if isinstance(amr, list) else set()
        return bool(methods & set(self.mfa_amr)) or str(claims.get("acr", "")) in self.mfa_acr


def providers() -> list[Provider]:
    return [
        Provider(
            name=str(p["name"]),
            label=str(p["label"]),
            discovery_url=str(p["discovery_url"]),
            client_id=str(p["client_id"]),
            client_secret=str(p["client_secret"]),
            mfa_amr=tuple(p["mfa_amr"]),
            mfa_acr=tuple(p["mfa_acr"]),
            trust_email=bool(p.get("trust_email", False)),
        )
        for p in settings.SENDA_SSO_PROVIDERS
    ]


def provider_named(name: str) -> Provider:
    """The configured provider called ``name``; 404 for any other."""
    for provider in providers():
        if provider.name == name:
            return provider
    raise Http404("No such sign-in provider")


@cache
def client_for(provider: Provider) -> DjangoOAuth2App:
    oauth = OAuth()
    client = oauth.register(
        provider.name,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=provider.discovery_url,
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "default_timeout": 10},
    )
    return client


def identity_from(provider: Provider, claims: Mapping[str, Any]) -> Identity:
    return Identity(
        issuer=str(claims["iss"]),
        subject=str(claims["sub"]),
        email=str(claims.get("email") or ""),
        email_verified=claims.get("email_verified") is True or provider.trust_email,
    )


def end_session(request: HttpRequest, signed_in: Any) -> HttpResponse | None:
    """After Senda's sign-out: the provider's end-session page, if the session signed in
    through one that has it (back to Senda's sign-in page after), else None."""
    if not isinstance(signed_in, dict):
        return None
    chosen = next((p for p in providers() if p.name == signed_in.get("provider")), None)
    if chosen is None:
        return None
    client = client_for(chosen)
    try:
        if not client.load_server_metadata().get("end_session_endpoint"):
            return None
        url = client.create_logout_url(
            post_logout_redirect_uri=request.build_absolute_uri(reverse("web:sign-in")),
            id_token_hint=str(signed_in.get("id_token", "")),
        )["url"]
    except (AuthlibBaseError, RequestException, ValueError):
        logger.warning("single sign-on: %s sign-out not reached", chosen.name, exc_info=True)
        return None
    return redirect(url)

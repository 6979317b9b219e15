"""``senda sso_provider``: a local OpenID Connect provider for the demo (ADR 0035).

Runs sso/provider.mjs (panva's oidc-provider, from package.json) with an account for each
demo persona who may sign in through a council's provider (staff and partners, not
families), password the demo password, and prints the environment variables that point
Senda at it. Ctrl-C stops it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.demo.personas import PERSONAS, demo_password
from senda.people.sign_in import SSO_ROLES

CLIENT_ID = "senda-demo"
CLIENT_SECRET = "senda-demo-secret"  # a local demo provider's: not a secret anywhere else
#: Personas whose provider account does not assert a second factor: Senda's own applies.
WITHOUT_MFA = frozenset({"officer"})
#: An account the provider knows and Senda does not: it gets "ask your service manager".
STRANGER = "new-starter"


def demo_config(port: int, senda_urls: list[str]) -> dict[str, Any]:
    usernames = [p.username for p in PERSONAS if p.role in SSO_ROLES] + [STRANGER]
    accounts = [
        {
            "email": f"{name}@demo.example.org",
            "sub": f"demo-{name}",
            "password": demo_password(),
            "name": name,
            "amr": ["pwd"] if name in WITHOUT_MFA else ["pwd", "mfa"],
        }
        for name in usernames
    ]
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [f"{url}/sign-in/sso/council/callback/" for url in senda_urls],
        "post_logout_redirect_uris": [f"{url}/sign-in/" for url in senda_urls],
    }
    return {"port": port, "clients": [client], "accounts": accounts}


def environment(port: int) -> dict[str, str]:
    return {
        "SENDA_SSO_PROVIDERS": "council",
        "SENDA_SSO_COUNCIL_LABEL": "your council account",
        "SENDA_SSO_COUNCIL_DISCOVERY_URL": (
            f"http://127.0.0.1:{port}/.well-known/openid-configuration"
        ),
        "SENDA_SSO_COUNCIL_CLIENT_ID": CLIENT_ID,
        "SENDA_SSO_COUNCIL_CLIENT_SECRET": CLIENT_SECRET,
    }


class Command(BaseCommand):
    help = "Run a local OpenID Connect provider for the demo personas (Ctrl-C stops it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=9400, help="port to listen on")
        parser.add_argument(
            "--senda",
            default="http://127.0.0.1:8000,http://localhost:8000",
            help="Senda's address(es), comma-separated, to send people back to",
        )

    def handle(self, *args: object, port: int, senda: str, **options: object) -> None:
        node = shutil.which("node")
        script = settings.PROJECT_DIR / "sso" / "provider.mjs"
        if node is None:
            raise CommandError("node is not installed: the demo provider runs on Node.js")
        if not (settings.PROJECT_DIR / "node_modules" / "oidc-provider").exists():
            raise CommandError("oidc-provider is not installed: run `npm ci` (or `make install`)")
        urls = [url.strip().rstrip("/") for url in senda.split(",") if url.strip()]
        config_file = settings.DATA_DIR / "sso-provider.json"
        config_file.parent.mkdir(parents=True, exist_ok=True)
        config_file.write_text(json.dumps(demo_config(port, urls), indent=2), encoding="utf-8")
        self.stdout.write(f"The demo identity provider is at http://127.0.0.1:{port}/")
        self.stdout.write("Start Senda with these set, then sign in with your council account:")
        for name, value in environment(port).items():
            self.stdout.write(f"  export {name}='{value}'")
        self.stdout.write(
            "Demo staff sign in there as <persona>@demo.example.org with the demo password; "
            f"{STRANGER}@demo.example.org has no Senda account."
        )
        self.stdout.flush()
        sys.stdout.flush()
        os.execv(node, [node, str(script), str(config_file)])

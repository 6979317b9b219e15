"""``senda sso_provider``: the demo's local identity provider (ADR 0035)."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senda.demo.management.commands import sso_provider

pytestmark = pytest.mark.once


def test_it_writes_the_personas_and_prints_the_variables(monkeypatch, settings, tmp_path, capsys):
    settings.DATA_DIR = tmp_path
    started = []
    monkeypatch.setattr(sso_provider.os, "execv", lambda path, argv: started.append(argv))
    monkeypatch.setattr(sso_provider.shutil, "which", lambda name: "/usr/bin/node")
    call_command("sso_provider", "--port", "9411", "--senda", "http://127.0.0.1:8000")
    config = json.loads((tmp_path / "sso-provider.json").read_text())
    emails = {a["email"] for a in config["accounts"]}
    assert "service-manager@demo.example.org" in emails
    assert "parent@demo.example.org" not in emails and "young-person@demo.example.org" not in emails
    assert config["clients"][0]["redirect_uris"] == [
        "http://127.0.0.1:8000/sign-in/sso/council/callback/"
    ]
    assert started[0][1].endswith("sso/provider.mjs")
    printed = capsys.readouterr().out
    assert "SENDA_SSO_COUNCIL_DISCOVERY_URL='http://127.0.0.1:9411/.well-known" in printed


def test_it_says_so_without_node(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="node is not installed"):
        call_command("sso_provider")

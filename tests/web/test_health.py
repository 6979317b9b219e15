"""``/healthz/`` and ``/readyz/`` for the load balancer (senda.web.health, ADR 0038)."""

from __future__ import annotations

import json

from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from senda.web import health


def answer(response) -> dict[str, object]:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_it_is_healthy_without_the_database(db):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/healthz/")
    assert (response.status_code, answer(response)) == (200, {"status": "ok"})
    assert len(queries) == 0


def test_it_is_ready_when_everything_answers(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "files")
    settings.SENDA_CLAMD_SOCKET = settings.SENDA_CLAMD_ADDRESS = settings.SENDA_CLAMSCAN = ""
    response = Client().get("/readyz/")
    assert response.status_code == 200
    assert answer(response) == {
        "status": "ready",
        "checks": {"database": "ok", "queue": "ok", "storage": "ok", "scanner": "not configured"},
    }


def test_it_names_what_is_not_ready(db, settings, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    settings.MEDIA_ROOT = str(tmp_path / "file" / "files")  # under a file: cannot be made
    settings.SENDA_CLAMD_ADDRESS = "127.0.0.1:1"  # nobody listens
    settings.SENDA_CLAMD_SOCKET = ""

    def down() -> str:
        raise DatabaseError("connection to server at 10.0.0.5 failed: password for senda")

    monkeypatch.setitem(health.CHECKS, "queue", down)
    response = Client().get("/readyz/")
    assert response.status_code == 503
    assert answer(response) == {
        "status": "not ready",
        "not_ready": ["queue", "storage", "scanner"],
        "checks": {
            "database": "ok",
            "queue": "failing",
            "storage": "failing",
            "scanner": "failing",
        },
    }
    assert b"10.0.0.5" not in response.content  # no error text: the answer is public


def test_it_answers_a_plain_http_probe_in_production(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/healthz/").status_code == 200
    assert Client().get("/sign-in/").status_code == 301
    assert Client().post("/healthz/").status_code == 405

"""A local stand-in of the GOV.UK Notify API, so tests run the real client offline.

    with NotifyStandIn() as notify:
        client = NotificationsAPIClient(notify.api_key, base_url=notify.url)
        notify.fail_next(2, status=500)     # the next two requests fail
        ...
        assert notify.requests[-1]["template_id"] == ...

It implements ``POST /v2/notifications/email`` as Notify does for what Senda uses: the
bearer token must be a JWT signed with HS256 by the key's secret (the last 36 characters
of ``name-<service id>-<secret>``) whose ``iss`` is the service id and whose ``iat`` is
within 30 seconds; the body must have ``email_address`` and ``template_id``. It answers
201 with a notification id, and records every accepted body in ``requests``.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

SERVICE_ID = "6f2c1b7e-1c4d-4a8e-9b1a-2f3d4c5e6a7b"
SECRET = "0d9a7c6b-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
API_KEY = f"senda_test-{SERVICE_ID}-{SECRET}"


class NotifyStandIn:
    def __init__(self, *, service_id: str = SERVICE_ID, secret: str = SECRET) -> None:
        self.service_id = service_id
        self.secret = secret
        self.requests: list[dict[str, Any]] = []
        self.refused: list[tuple[int, str]] = []
        self._failures: list[int] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        # A short poll: leaving the block waits for the server's next look (0.5 s by default).
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def api_key(self) -> str:
        return f"senda_test-{self.service_id}-{self.secret}"

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def fail_next(self, count: int, *, status: int) -> None:
        """Answer ``status`` to the next ``count`` requests (after checking the token)."""
        with self._lock:
            self._failures.extend([status] * count)

    def __enter__(self) -> NotifyStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    # --- the API -----------------------------------------------------------------------

    def answer(self, path: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any]]:
        if path != "/v2/notifications/email":
            return 404, _error(404, "BadRequestError", "Not found")
        problem = self._token_problem(headers.get("Authorization", ""))
        if problem:
            self.refused.append((403, problem))
            return 403, _error(403, "AuthError", problem)
        with self._lock:
            status = self._failures.pop(0) if self._failures else None
        if status is not None:
            self.refused.append((status, "told to fail"))
            return status, _error(status, "StandInError", f"Stand-in told to answer {status}")
        try:
            data = json.loads(body)
        except ValueError:
            return 400, _error(400, "ValidationError", "Invalid JSON")
        missing = [k for k in ("email_address", "template_id") if not data.get(k)]
        if missing:
            return 400, _error(400, "ValidationError", f"{missing[0]} is a required property")
        with self._lock:
            self.requests.append(data)
        notification_id = str(uuid.uuid4())
        return 201, {
            "id": notification_id,
            "reference": data.get("reference"),
            "content": {"subject": "", "body": "", "from_email": "senda@notifications"},
            "uri": f"{self.url}/v2/notifications/{notification_id}",
            "template": {"id": data["template_id"], "version": 1, "uri": ""},
        }

    def _token_problem(self, header: str) -> str:
        if not header.startswith("Bearer "):
            return "Unauthorized: authentication token must be provided"
        token = header.removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, key=self.secret, algorithms=["HS256"])
        except jwt.InvalidTokenError as error:
            return f"Invalid token: {error}"
        if claims.get("iss") != self.service_id:
            return "Invalid token: service not found"
        if abs(time.time() - int(claims.get("iat", 0))) > 30:
            return "Invalid token: expired, check that your system clock is accurate"
        return ""

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                status, payload = standin.answer(self.path, self.headers, self.rfile.read(length))
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def _error(status: int, kind: str, message: str) -> dict[str, Any]:
    return {"status_code": status, "errors": [{"error": kind, "message": message}]}

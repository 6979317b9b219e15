"""``/healthz/`` and ``/readyz/`` for the council's load balancer (docs/deploying.md).

Both are public and answer small JSON: no sign-in (the second-factor and session checks
act only on a signed-in session), no personal data, no error text, no version. ``/healthz/``
answers 200 while the process runs and touches no database; ``/readyz/`` answers 200 when
the database, the queue, the file storage and the virus scanner are all reachable, and 503
naming those that are not (senda.web.health).
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from senda.web import health


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = health.readiness()
    if health.is_ready(checks):
        return JsonResponse({"status": "ready", "checks": checks})
    failing = [name for name, answer in checks.items() if answer == health.FAILING]
    body = {"status": "not ready", "not_ready": failing, "checks": checks}
    return JsonResponse(body, status=503)


urlpatterns: list[URLPattern] = [
    path("healthz/", healthz, name="healthz"),
    path("readyz/", readyz, name="readyz"),
]

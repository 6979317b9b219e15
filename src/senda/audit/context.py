"""Where the current request comes from, for audit entries written deep inside actions.

Casework actions take no request (they are called from views, commands and tests alike),
so :class:`RequestAddressMiddleware` keeps the request's address in a context variable for
the length of the request, and ``audit.record`` uses it when it is given no request.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_address: ContextVar[str | None] = ContextVar("senda_audit_address", default=None)


def current_address() -> str | None:
    """The address of the request being served on this thread, or None outside one."""
    return _address.get()


class RequestAddressMiddleware:
    """Makes the request's address (``REMOTE_ADDR``) available to ``audit.record``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _address.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            _address.reset(token)

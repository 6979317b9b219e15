"""Structured logs with a request id and no personal data (docs/deploying.md, ADR 0038).

- :class:`RequestIdMiddleware` gives every request an id (the incoming ``X-Request-ID``
  when it is sane, else a new one), returns it in the response's ``X-Request-ID`` header,
  and writes one line per request to the ``senda.request`` logger: method, path without
  its query string, status and duration. Never the query string, which may hold a search
  for a child's name.
- :class:`RequestIdFilter` puts the request's id on every record logged while it is served.
- :class:`ScrubFilter` takes out what may name a person: an exception's message (kept:
  its class and where it was raised), email addresses, UPNs and other long reference
  numbers, NHS numbers, postcodes, query strings, and any argument that is not a plain
  number. It goes on the handler, so it sees every logger's records.
- :class:`JsonFormatter` writes one JSON object a line (``SENDA_LOG_FORMAT=json``).

Settings wire them (``LOGGING``); the test that no child's name, UPN or email reaches a
log line is tests/web/test_logs.py.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

__all__ = [
    "JsonFormatter",
    "RequestIdFilter",
    "RequestIdMiddleware",
    "ScrubFilter",
    "current_request_id",
    "scrub",
]

HEADER = "X-Request-ID"
#: An incoming id is used only if it is short and plain: letters, digits and ``._:-``.
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
#: Requests the load balancer makes every few seconds: not logged when they answer 200.
QUIET_PATHS = ("/healthz/", "/readyz/")

_request_id: ContextVar[str] = ContextVar("senda_request_id", default="-")
access_log = logging.getLogger("senda.request")


def current_request_id() -> str:
    """The id of the request being served, or ``-`` outside one (the worker, a command)."""
    return _request_id.get()


def request_id_from(header: str | None) -> str:
    """The incoming id if it is sane, else a new random one."""
    if header and SANE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in ``MIDDLEWARE``: the id covers everything the request does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_id.set(request_id_from(request.headers.get(HEADER)))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = _request_id.get()
            if not (response.status_code == 200 and request.path in QUIET_PATHS):
                access_log.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000),
                    },
                )
            return response
        finally:
            _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


# --- Scrubbing --------------------------------------------------------------------------

_PATTERNS = [
    (re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
    # UPNs (a letter and 12 digits), ULNs, NHS numbers (3-3-4 or 10 digits), phone numbers
    (re.compile(r"\b[A-Za-z]\d{11}[\dA-Za-z]\b"), "[number]"),
    (re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b"), "[number]"),
    (re.compile(r"\b\d{9,}\b"), "[number]"),
    # UK postcodes
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.I), "[postcode]"),
    # query strings: a search may hold a name
    (re.compile(r"\?[^\s\"']*"), "?[query]"),
]


def scrub(text: str) -> str:
    """``text`` without email addresses, reference numbers, postcodes or query strings."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _safe_arg(value: object) -> object:
    """A log call's argument as it may be shown: numbers, booleans and None as they are;
    a string scrubbed; anything else (a model instance's ``str`` may be a child's name) by
    its type alone."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return scrub(value)
    return f"<{type(value).__name__}>"


def _exception_text(exc_info: tuple[type[BaseException], BaseException, object]) -> str:
    """The traceback's frames and the exception's class, without its message: a message
    may quote the values that failed (``IntegrityError``, ``ValueError``)."""
    kind, error, tb = exc_info
    frames = traceback.format_tb(tb) if tb is not None else []  # type: ignore[arg-type]
    chain = f"{kind.__module__}.{kind.__qualname__} (message withheld)"
    cause = error.__cause__ or error.__context__
    if cause is not None:
        chain += f", from {type(cause).__module__}.{type(cause).__qualname__}"
    return scrub("Traceback (most recent call last):\n" + "".join(frames) + chain)


class ScrubFilter(logging.Filter):
    """Makes a record safe to write: its message formatted from scrubbed arguments, an
    exception reduced to its class and frames. Every handler carries it."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict):
            record.args = {key: _safe_arg(value) for key, value in args.items()}
        elif args:
            record.args = tuple(_safe_arg(value) for value in args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = _exception_text(record.exc_info)  # type: ignore[arg-type]
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        record.stack_info = None
        # Django's request log adds the request itself: its repr names the path and query.
        if hasattr(record, "request"):
            record.request = None
        return True


# --- Formatting -------------------------------------------------------------------------

#: The extra fields a record may carry into the JSON line, and nothing else.
EXTRA_FIELDS = ("method", "path", "status", "status_code", "duration_ms")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request id, the access
    line's fields, and an exception's class and frames."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for name in EXTRA_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = scrub(value) if isinstance(value, str) else value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, default=str)

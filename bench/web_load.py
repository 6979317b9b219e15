"""The client side of the web benchmark: simulated staff, each a thread with its own
keep-alive connection and session, signing in through the real form and then requesting
pages with a pause between them ("think time", uniform between the two figures given;
0 0 asks back to back, the worst case for the server).

Standard library only (http.client, threads). Used by bench/web_bench.py.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

#: Page kinds and how often each kind of user asks for them (weights).
OFFICER_MIX = {"case-detail": 45, "caseload": 25, "case-list": 10, "triage": 20}
MANAGER_MIX = {
    "case-detail": 25,
    "caseload": 10,
    "case-list": 10,
    "triage": 15,
    "team": 10,
    "dashboard": 10,
    "performance": 10,
    "kpi": 10,
}
PATHS = {
    "caseload": "/caseload/",
    "case-list": "/cases/",
    "triage": "/triage/",
    "team": "/team/",
    "dashboard": "/dashboard/",
    "performance": "/performance/",
    "kpi": "/performance/kpis/final-plan-20w/",
}
LISTS = ("caseload", "case-list", "triage")
#: Users signing in at once (before the measured run): hashing the password is slow on
#: purpose, and 70 at once on two cores would time out.
SIGNING_IN = threading.Semaphore(4)


class SignInFailed(RuntimeError):
    pass


@dataclass
class Sample:
    kind: str
    started: float
    ms: float
    status: int


class Session:
    """One signed-in user on one keep-alive HTTP connection, with its cookies."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        # Senda runs behind a TLS-ending proxy in production; the client plays that proxy.
        headers = {
            "Host": f"{self.host}:{self.port}",
            "User-Agent": "senda-web-bench",
            "X-Forwarded-Proto": "https",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}:{self.port}"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (OSError, http.client.HTTPException) as error:
                # Start the next request on a fresh connection, whatever went wrong.
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                # An idle keep-alive connection the server closed: retry once, at once.
                idle = isinstance(error, (http.client.RemoteDisconnected, BrokenPipeError))
                if attempt == 2 or not idle:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, text

    def sign_in(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise SignInFailed(f"GET /sign-in/ gave {status} without a CSRF token")
        form = {"csrfmiddlewaretoken": token[1], "username": username, "password": password}
        status, _ = self.request("POST", "/sign-in/", urlencode(form))
        if status != 302 or "sessionid" not in self.cookies:
            raise SignInFailed(f"signing in as {username} gave {status}")


class FilterForm(HTMLParser):
    """The choices of a list page's GET filter form: field name → option values."""

    def __init__(self) -> None:
        super().__init__()
        self.choices: dict[str, set[str]] = {}
        self.last_page = 1
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and a.get("value"):
            self.choices.setdefault(self._select, set()).add(str(a["value"]))
        elif tag == "input" and a.get("type") in {"checkbox", "radio"} and a.get("name"):
            if a.get("value"):
                self.choices.setdefault(str(a["name"]), set()).add(str(a["value"]))
        elif tag == "a" and a.get("href"):
            found = re.search(r"[?&]page=(\d+)", str(a["href"]))
            if found:
                self.last_page = max(self.last_page, int(found[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


@dataclass
class Catalogue:
    """What the users pick from: the case ids, each list page's filters and page count."""

    case_ids: list[int]
    #: The KPI pages the board dashboard links to (read from it when it is probed).
    kpi_ids: list[str] = field(default_factory=list)
    forms: dict[str, FilterForm] = field(default_factory=dict)
    #: Page kinds that answered 200 when probed; the others are left out and reported.
    available: set[str] = field(default_factory=set)
    missing: dict[str, int] = field(default_factory=dict)

    def probe(self, session: Session, kinds: list[str]) -> None:
        for kind in kinds:
            status, page = session.request("GET", PATHS[kind])
            if status != 200:
                self.missing[kind] = status
                continue
            self.available.add(kind)
            if kind == "performance":
                found = re.findall(r'href="/performance/kpis/([a-z0-9-]+)/"', page)
                self.kpi_ids = sorted(set(found))
            if kind in LISTS:
                form = FilterForm()
                form.feed(page)
                self.forms[kind] = form

    def path(self, kind: str, rng: random.Random) -> str:
        if kind == "case-detail":
            return f"/cases/{rng.choice(self.case_ids)}/"
        if kind == "kpi" and self.kpi_ids:
            return f"/performance/kpis/{rng.choice(self.kpi_ids)}/"
        if kind not in LISTS:
            return PATHS[kind]
        form = self.forms[kind]
        query: dict[str, str] = {}
        names = sorted(n for n in form.choices if n != "page")
        for name in rng.sample(names, k=min(len(names), rng.choice((0, 0, 1, 1, 2)))):
            query[name] = rng.choice(sorted(form.choices[name]))
        filtered = any(n != "sort" for n in query)
        page = 1 if filtered else rng.randint(1, form.last_page)
        if page > 1:
            query["page"] = str(page)
        return PATHS[kind] + (f"?{urlencode(query)}" if query else "")


@dataclass
class User:
    username: str
    manager: bool
    samples: list[Sample] = field(default_factory=list)
    sign_in_ms: float = 0.0
    failure: str = ""


def run_user(user: User, catalogue: Catalogue, **session: Any) -> None:
    """A member of staff asking for the catalogue's pages in the mix of their kind of user
    (``session``: the keywords of ``run_session``)."""
    mix = MANAGER_MIX if user.manager else OFFICER_MIX
    kinds = [k for k in mix if k in catalogue.available]
    weights = [mix[k] for k in kinds]

    def next_page(rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(kinds, weights)[0]
        return kind, catalogue.path(kind, rng)

    run_session(user, next_page, **session)


def run_session(
    user: User,
    next_page: Callable[[random.Random], tuple[str, str]],
    *,
    host: str,
    port: int,
    password: str,
    start: threading.Barrier,
    stop_at: list[float],
    seed: int,
    think: tuple[float, float] = (0.0, 0.0),
    prepare: Callable[[Session], None] | None = None,
) -> None:
    """One simulated user: sign in (and ``prepare``, e.g. read its own links), wait on
    ``start``, then ask for ``next_page(rng)`` → (kind, path) with a pause between pages
    until ``stop_at``, recording a Sample per request. A failure to sign in or prepare
    aborts ``start`` (every user stops)."""
    rng = random.Random(seed)
    session = Session(host, port)
    try:
        with SIGNING_IN:
            began = time.perf_counter()
            session.sign_in(user.username, password)
            user.sign_in_ms = (time.perf_counter() - began) * 1000
            if prepare is not None:
                prepare(session)
    except (SignInFailed, OSError) as error:
        user.failure = str(error)
        start.abort()
        return
    try:
        start.wait()
    except threading.BrokenBarrierError:
        return  # another user could not sign in: nobody runs
    while time.perf_counter() < stop_at[0]:
        kind, path = next_page(rng)
        began = time.perf_counter()
        try:
            status, _ = session.request("GET", path)
        except (OSError, http.client.HTTPException):
            status = 0
        user.samples.append(Sample(kind, began, (time.perf_counter() - began) * 1000, status))
        if think[1] > 0:
            time.sleep(rng.uniform(*think))


def run_together(
    users: list[User],
    one: Callable[[int, User, threading.Barrier, list[float]], None],
    *,
    warmup: float,
    duration: float,
) -> None:
    """Start a thread per user running ``one(i, user, start, stop_at)``; once every user
    has signed in (they wait on ``start``), run for ``warmup + duration`` seconds. Exits
    with the users' sign-in failures if any could not sign in."""
    start = threading.Barrier(len(users) + 1)
    stop_at = [float("inf")]
    threads = [
        threading.Thread(target=one, args=(i, user, start, stop_at), daemon=True)
        for i, user in enumerate(users)
    ]
    for t in threads:
        t.start()
    try:
        start.wait()
    except threading.BrokenBarrierError:
        failures = "; ".join(u.failure for u in users if u.failure)
        raise SystemExit(f"a user could not sign in: {failures}") from None
    stop_at[0] = time.perf_counter() + warmup + duration
    for t in threads:
        t.join()

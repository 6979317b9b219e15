"""Portal benchmark (`make bench-portal`): 50 portal users and 20 council staff at once.

The set-up of `make bench-web` (web_bench.py: its own PostgreSQL database, here
``senda_bench_portal``, with the demo area; gunicorn in production mode), then:

- **50 portal users**, cycling through the demo's setting staff (``senco``, ``senco-01`` …:
  the SENCos of the onboarded schools) and its advice-givers (``health-advisor``,
  ``social-worker``, ``ep``). A SENCo reads the portal home (``/portal/``: the reviews due)
  and the review page (``/portal/reviews/<case>/``) of one of the pupils listed there; an
  advice-giver reads their advice requests (``/portal/advice/``) and one request.
- **20 council staff** (3 managers, 17 case officers as in web_bench): the received tray
  (``/portal/tray/``), a report in it, case pages and their caseload.
- **20 family users**, cycling through the demo's ``parent`` and ``young-person`` personas
  (the same password): the family home (``/family/``) and, for a case it links to, the case
  page (``/family/<case>/``), its documents, messages, views and draft pages (GET only).

Each signs in through the form and pauses 1–3 s between pages (``--think``). Writes
bench/out/portal.json and prints count, p50, p95, p99 and max per page with the machine's
load average. Exits 1 if the portal home's, the review page's or a family page's p95 is
over 150 ms, any request failed (any answer but 200), or a targeted page was not measured.

    python bench/portal_bench.py [--portal-users 50] [--staff 20] [--family-users 20]
                                 [--duration 60] [--keep]
"""

from __future__ import annotations

import argparse
import random
import re
import threading
from collections.abc import Callable, Sequence

import psycopg
import web_bench
import web_load
import web_server

FAMILY_MIX = {
    "family-home": 25,
    "family-case": 20,
    "family-documents": 15,
    "family-messages": 15,
    "family-views": 10,
    "family-draft": 15,
}
TARGETS_MS = {"portal-home": 150, "portal-review": 150, **dict.fromkeys(FAMILY_MIX, 150)}
SENCO_MIX = {"portal-home": 50, "portal-review": 50}
ADVISER_MIX = {"portal-advice": 50, "advice-request": 50}
STAFF_MIX = {"tray": 30, "tray-report": 15, "case-detail": 35, "caseload": 20}
ADVISERS = ("health-advisor", "social-worker", "ep")
#: The demo's family personas (a parent or carer, a young person), cycled.
FAMILY = ("parent", "young-person")
#: The links each kind of list page holds, as (page read, link pattern, kind of the link).
LINKS = {
    "senco": ("/portal/", r'href="/portal/reviews/(\d+)/"', "portal-review"),
    "adviser": ("/portal/advice/", r'href="/portal/advice/(\d+)/"', "advice-request"),
    "staff": ("/portal/tray/", r'href="/portal/tray/(\d+)/"', "tray-report"),
    # The family home lists the cases (several) or is the one case's page (its task links).
    "family": ("/family/", r'href="/family/(\d+)/', "family-case"),
}
#: The pages of one of the linked ids, per role (the family's pages are all of a case).
LINKED_KINDS = {
    "senco": {"portal-review"},
    "adviser": {"advice-request"},
    "staff": {"tray-report"},
    "family": set(FAMILY_MIX) - {"family-home"},
}
PATHS = {
    "portal-home": "/portal/",
    "portal-review": "/portal/reviews/{}/",
    "portal-advice": "/portal/advice/",
    "advice-request": "/portal/advice/{}/",
    "tray": "/portal/tray/",
    "tray-report": "/portal/tray/{}/",
    "family-home": "/family/",
    "family-case": "/family/{}/",
    "family-documents": "/family/{}/documents/",
    "family-messages": "/family/{}/messages/",
    "family-views": "/family/{}/views/",
    "family-draft": "/family/{}/draft/",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = web_bench.make_parser(
        __doc__, database="senda_bench_portal", bind="127.0.0.1:8767", out="portal.json"
    )
    parser.add_argument("--portal-users", type=int, default=50, help="setting staff, advisers")
    parser.add_argument("--staff", type=int, default=20, help="council staff at once")
    parser.add_argument(
        "--family-users", type=int, default=20, help="parents and young people at once"
    )
    return parser.parse_args(argv)


def setting_staff(db_url: str) -> list[str]:
    """The usernames of the demo's setting staff in the portal (``senco`` first)."""
    query = (
        "SELECT DISTINCT u.username FROM people_settingmember m "
        "JOIN auth_user u ON u.id = m.user_id WHERE m.removed_on IS NULL ORDER BY u.username"
    )
    with psycopg.connect(db_url) as conn:
        return [row[0] for row in conn.execute(query)]


def family_personas(db_url: str) -> list[str]:
    """Those of the demo's family personas the demo area has (``young-person`` only when
    the area has a young person old enough)."""
    with psycopg.connect(db_url) as conn:
        rows = conn.execute(
            "SELECT username FROM auth_user WHERE username = ANY(%s)", (list(FAMILY),)
        )
        found = {row[0] for row in rows}
    return [name for name in FAMILY if name in found]


def _kind_of(role: str) -> str:
    return "staff" if role in ("manager", "officer") else role


class PortalUser(web_load.User):
    """A simulated user, what it asks for (``mix``) and the ids its own list links to."""

    def __init__(self, username: str, role: str) -> None:
        super().__init__(username, manager=username in web_bench.MANAGERS)
        self.role = role
        self.linked: list[int] = []

    def read_links(self, session: web_load.Session) -> None:
        page, pattern, _ = LINKS[_kind_of(self.role)]
        status, text = session.request("GET", page)
        if status != 200:
            raise OSError(f"{self.username}: GET {page} gave {status}")
        self.linked = sorted({int(found) for found in re.findall(pattern, text)})


def people(
    args: argparse.Namespace, sencos: list[str], family: Sequence[str] = FAMILY
) -> list[PortalUser]:
    portal = [*((name, "senco") for name in sencos), *((name, "adviser") for name in ADVISERS)]
    users = [PortalUser(*portal[i % len(portal)]) for i in range(args.portal_users)]
    managers = max(1, round(args.staff * 0.15))
    users += [PortalUser(web_bench.MANAGERS[i % 3], "manager") for i in range(managers)]
    officers = web_bench.OFFICERS
    users += [
        PortalUser(officers[i % len(officers)], "officer") for i in range(args.staff - managers)
    ]
    if family:
        users += [PortalUser(family[i % len(family)], "family") for i in range(args.family_users)]
    return users


def chooser(
    user: PortalUser, catalogue: web_load.Catalogue
) -> Callable[[random.Random], tuple[str, str]]:
    mix = {"senco": SENCO_MIX, "adviser": ADVISER_MIX, "family": FAMILY_MIX}.get(
        user.role, STAFF_MIX
    )
    linked_kinds = LINKED_KINDS[_kind_of(user.role)]

    def next_page(rng: random.Random) -> tuple[str, str]:
        kinds = [k for k in mix if k not in linked_kinds or user.linked]
        kind = rng.choices(kinds, [mix[k] for k in kinds])[0]
        if kind in linked_kinds:
            return kind, PATHS[kind].format(rng.choice(user.linked))
        if kind in PATHS:
            return kind, PATHS[kind]
        return kind, catalogue.path(kind, rng)

    return next_page


def run_load(
    args: argparse.Namespace, users: list[PortalUser], catalogue: web_load.Catalogue
) -> None:
    host, port = web_bench._host_port(args.bind)

    def one(i: int, user: web_load.User, start: threading.Barrier, stop_at: list[float]) -> None:
        assert isinstance(user, PortalUser)
        web_load.run_session(
            user,
            chooser(user, catalogue),
            host=host,
            port=port,
            password=web_bench.password(),
            start=start,
            stop_at=stop_at,
            seed=args.seed * 1000 + i,
            think=tuple(args.think),
            prepare=user.read_links,
        )

    web_load.run_together(list(users), one, warmup=args.warmup, duration=args.duration)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with web_bench.serve_demo(args, "portal-server.log") as (db_url, server, build_seconds):
        ids = web_server.case_ids(db_url)
        catalogue = web_load.Catalogue(ids)
        probe = web_load.Session(*web_bench._host_port(args.bind))
        probe.sign_in(web_bench.MANAGERS[0], web_bench.password())
        catalogue.probe(probe, ["caseload"])
        sencos = setting_staff(db_url)
        family = family_personas(db_url)
        users = people(args, sencos, family)
        print(
            f"{args.portal_users} portal users (of {len(sencos)} setting staff and "
            f"{len(ADVISERS)} advice-givers), {args.staff} council staff and "
            f"{args.family_users if family else 0} family users (as {', '.join(family)}) for "
            f"{args.warmup:g}+{args.duration:g} s",
            flush=True,
        )
        cpu = web_bench.CpuMeter(server)
        run_load(args, users, catalogue)
        cpu.stop()
    without = sorted({u.username for u in users if not u.linked})
    if without:
        print(f"Nothing listed to open for: {', '.join(without)} (their list pages only)")
    extra = {
        "demo_build_seconds": build_seconds,
        "cases": len(ids),
        "setting_staff": len(sencos),
        "family_personas": family,
        "users_by_role": {
            r: sum(u.role == r for u in users) for r in sorted({u.role for u in users})
        },
        "links_per_user_median": sorted(len(u.linked) for u in users)[len(users) // 2],
        "users_with_nothing_listed": without,
    }
    missing = catalogue.missing
    # Without family users (none asked for, or no persona in the area) no family page is due.
    with_family = bool(family) and args.family_users > 0
    targets = {k: v for k, v in TARGETS_MS.items() if with_family or k not in FAMILY_MIX}
    return web_bench.finish(
        args, list(users), cpu, missing=missing, extra=extra, targets=targets, at_most=True
    )


if __name__ == "__main__":
    raise SystemExit(main())

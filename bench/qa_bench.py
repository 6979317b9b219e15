"""QA pages benchmark (`make bench-qa-pages`): 20 council staff working in quality assurance.

The set-up of `make bench-web` (web_bench.py: its own PostgreSQL database, here
``senda_bench_qa_pages``, with the demo area and its year of QA records; gunicorn in production
mode), then 20 council staff — the demo's QA auditor, managers and case officers — signed
in through the form, each asking with a pause of 1–3 s (``--think``) for: an audit page
(``/qa/audits/<id>/``: the plan's sections, the wording prompts, the judging form and the
computed grades), the audits list, the audit actions, a moderation round and a sample.
Writes bench/out/qa-pages.json and prints count, p50, p95, p99 and max per page. Exits 1 if
the audit page's p95 is over 150 ms (issue 15), a list page's over 300 ms, any request
failed (any answer but 200), or a targeted page was not measured.

    python bench/qa_bench.py [--users 20] [--duration 60] [--keep] [--reuse]
"""

from __future__ import annotations

import argparse
import random
import threading
from collections.abc import Callable

import psycopg
import web_bench
import web_load

MIX = {"qa-audit": 50, "qa-audits": 15, "qa-actions": 10, "qa-round": 15, "qa-sample": 10}
TARGETS_MS = {
    "qa-audit": 150,
    "qa-audits": 300,
    "qa-actions": 300,
    "qa-round": 300,
    "qa-sample": 300,
}
PATHS = {
    "qa-audits": "/qa/audits/",
    "qa-actions": "/qa/actions/",
    "qa-audit": "/qa/audits/{}/",
    "qa-round": "/qa/rounds/{}/",
    "qa-sample": "/qa/samples/{}/",
}
TABLES = {"qa-audit": "quality_audit", "qa-round": "quality_round", "qa-sample": "quality_sample"}
STAFF = ("qa-auditor", *web_bench.MANAGERS, *web_bench.OFFICERS)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = web_bench.make_parser(
        __doc__, database="senda_bench_qa_pages", bind="127.0.0.1:8768", out="qa-pages.json"
    )
    parser.add_argument("--users", type=int, default=20, help="council staff at once")
    return parser.parse_args(argv)


def ids(db_url: str) -> dict[str, list[int]]:
    """The ids of the demo's audits, rounds and samples (one area)."""
    with psycopg.connect(db_url) as conn:
        return {
            kind: [row[0] for row in conn.execute(f"SELECT id FROM {table} ORDER BY id")]
            for kind, table in TABLES.items()
        }


def chooser(found: dict[str, list[int]]) -> Callable[[random.Random], tuple[str, str]]:
    kinds = [k for k in MIX if k not in TABLES or found[k]]

    def next_page(rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(kinds, [MIX[k] for k in kinds])[0]
        if kind in TABLES:
            return kind, PATHS[kind].format(rng.choice(found[kind]))
        return kind, PATHS[kind]

    return next_page


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with web_bench.serve_demo(args, "qa-server.log") as (db_url, server, build_seconds):
        found = ids(db_url)
        users = [
            web_load.User(
                STAFF[i % len(STAFF)], manager=STAFF[i % len(STAFF)] in web_bench.MANAGERS
            )
            for i in range(args.users)
        ]
        print(
            f"{args.users} council staff on the QA pages ({len(found['qa-audit'])} audits, "
            f"{len(found['qa-round'])} rounds, {len(found['qa-sample'])} samples) for "
            f"{args.warmup:g}+{args.duration:g} s",
            flush=True,
        )
        host, port = web_bench._host_port(args.bind)

        def one(
            i: int, user: web_load.User, start: threading.Barrier, stop_at: list[float]
        ) -> None:
            web_load.run_session(
                user,
                chooser(found),
                host=host,
                port=port,
                password=web_bench.password(),
                start=start,
                stop_at=stop_at,
                seed=args.seed * 1000 + i,
                think=tuple(args.think),
            )

        cpu = web_bench.CpuMeter(server)
        web_load.run_together(list(users), one, warmup=args.warmup, duration=args.duration)
        cpu.stop()
    missing = {k: 0 for k in TABLES if not found[k]}
    extra = {"demo_build_seconds": build_seconds, "records": {k: len(v) for k, v in found.items()}}
    return web_bench.finish(
        args, list(users), cpu, missing=missing, extra=extra, targets=TARGETS_MS, at_most=True
    )


if __name__ == "__main__":
    raise SystemExit(main())

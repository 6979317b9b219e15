"""Web benchmark (`make bench-web`): Senda on PostgreSQL with the demo area, 20 staff at once.

Creates its own database (``senda_bench``) on the PostgreSQL server at 127.0.0.1:5432,
builds the demo area there (``senda demo --no-serve``: 4,000 live plans), serves Senda
with gunicorn in production mode, then runs 20 simulated case officers and managers for
60 s, each signed in through the sign-in form and asking for pages with a pause of 1–3 s
between them (``--think 0 0`` asks back to back, a stress test of throughput): case
pages of random cases, their caseload (random filters and pages), the all-cases list,
triage, and (managers) the team view, the service dashboard, the board dashboard
(``/performance/``) and KPI pages. The first seconds are a warm-up and not counted.

Writes bench/out/web.json and prints p50/p95/p99 per page, requests/s and errors. Exits
1 if a target is missed: case page p95 < 150 ms, caseload, case list, triage and board
dashboard p95 < 300 ms, no errors (any answer but 200), every targeted page measured. The
client runs on the same machine as the server and shares its cores: the JSON records both's
CPU.

    python bench/web_bench.py [--users 20] [--duration 60] [--think 1 3] [--reuse] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import web_load
import web_server

TARGETS_MS = {
    "case-detail": 150,
    "caseload": 300,
    "case-list": 300,
    "triage": 300,
    "performance": 300,
}
MANAGERS = ("team-manager", "team-manager-2", "service-manager")
OFFICERS = ("officer", *(f"case-officer-{n:02d}" for n in range(1, 25)))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = make_parser(__doc__, database="senda_bench", bind="127.0.0.1:8765", out="web.json")
    parser.add_argument("--users", type=int, default=20, help="concurrent simulated users")
    return parser.parse_args(argv)


def make_parser(doc: str, *, database: str, bind: str, out: str) -> argparse.ArgumentParser:
    """The options web_bench and its siblings share (each adds its own users)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    add = parser.add_argument
    add("--server", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    add("--database", default=database, help="database to create (must start senda_bench)")
    add("--duration", type=float, default=60, help="measured seconds")
    add(
        "--think",
        type=float,
        nargs=2,
        default=(1.0, 3.0),
        metavar=("MIN", "MAX"),
        help="seconds each user pauses between pages (uniform); 0 0 = back to back",
    )
    add("--warmup", type=float, default=5, help="seconds run first and not counted")
    add("--cases", type=int, default=4000, help="live plans in the demo area")
    add("--workers", type=int, default=3, help="gunicorn worker processes")
    add("--threads", type=int, default=4, help="threads per gunicorn worker")
    add("--bind", default=bind, help="where gunicorn listens")
    add("--seed", type=int, default=1, help="seed of the users' choices")
    add("--reuse", action="store_true", help="reuse the database of a --keep run")
    add("--keep", action="store_true", help="keep the database afterwards")
    add("--out", type=Path, default=Path(__file__).parent / "out" / out)
    return parser


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_ms:
        return float("nan")
    rank = max(1, -(-len(sorted_ms) * p // 100))
    return sorted_ms[int(rank) - 1]


def summarise(samples: list[web_load.Sample], seconds: float) -> dict[str, dict[str, object]]:
    by_kind: dict[str, list[web_load.Sample]] = {}
    for s in samples:
        by_kind.setdefault(s.kind, []).append(s)
    by_kind["all"] = samples
    table: dict[str, dict[str, object]] = {}
    for kind, rows in sorted(by_kind.items()):
        ms = sorted(r.ms for r in rows)
        statuses: dict[str, int] = {}
        for r in rows:
            if r.status != 200:
                statuses[str(r.status)] = statuses.get(str(r.status), 0) + 1
        table[kind] = {
            "requests": len(rows),
            "per_second": round(len(rows) / seconds, 1),
            "p50_ms": round(percentile(ms, 50), 1),
            "p95_ms": round(percentile(ms, 95), 1),
            "p99_ms": round(percentile(ms, 99), 1),
            "max_ms": round(ms[-1], 1) if ms else None,
            "errors": sum(statuses.values()),
            "error_statuses": statuses,
        }
    return table


def verdicts(
    table: dict[str, dict[str, object]],
    missing: dict[str, int],
    targets: dict[str, int] = TARGETS_MS,
    *,
    at_most: bool = False,
) -> list[str]:
    """Every missed target, as a sentence (empty when all are met). A p95 must be under
    its target, or (``at_most``) no more than it."""
    missed = []
    for kind, limit in targets.items():
        p95 = float(table[kind]["p95_ms"]) if kind in table else 0.0  # type: ignore[arg-type]
        if kind not in table:
            why = f"answered {missing[kind]} when probed" if kind in missing else "no requests"
            missed.append(f"{kind}: not measured ({why})")
        elif p95 > limit or (p95 == limit and not at_most):
            missed.append(f"{kind}: p95 {p95} ms {'>' if at_most else '≥'} {limit} ms")
    if table.get("all", {}).get("errors"):
        missed.append(f"{table['all']['errors']} errors: {table['all']['error_statuses']}")
    return missed


def print_table(
    table: dict[str, dict[str, object]], targets: dict[str, int] = TARGETS_MS, sign: str = "<"
) -> None:
    width = max(12, *(len(k) for k in table))
    head = f"{'page':<{width}} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
    print(head + f"{'p99 ms':>8} {'max ms':>8} {'errors':>6}  target")
    for kind, row in table.items():
        target = f"p95 {sign} {targets[kind]}" if kind in targets else ""
        print(
            f"{kind:<{width}} {row['requests']:>8} {row['per_second']:>7} {row['p50_ms']:>8} "
            f"{row['p95_ms']:>8} {row['p99_ms']:>8} {row['max_ms']:>8} {row['errors']:>6}  {target}"
        )


def run_load(args: argparse.Namespace, catalogue: web_load.Catalogue) -> list[web_load.User]:
    host, port = args.bind.split(":")
    managers = max(1, round(args.users * 0.15))
    users = [web_load.User(MANAGERS[i % len(MANAGERS)], True) for i in range(managers)]
    officers = args.users - managers
    users += [web_load.User(OFFICERS[i % len(OFFICERS)], False) for i in range(officers)]

    def one(i: int, user: web_load.User, start: Any, stop_at: list[float]) -> None:
        web_load.run_user(
            user,
            catalogue,
            host=host,
            port=int(port),
            password=password(),
            start=start,
            stop_at=stop_at,
            seed=args.seed * 1000 + i,
            think=tuple(args.think),
        )

    web_load.run_together(users, one, warmup=args.warmup, duration=args.duration)
    return users


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with serve_demo(args, "web-server.log") as (db_url, server, build_seconds):
        ids = web_server.case_ids(db_url)
        catalogue = web_load.Catalogue(ids)
        probe = web_load.Session(*_host_port(args.bind))
        probe.sign_in(MANAGERS[0], password())
        catalogue.probe(probe, list(web_load.PATHS))
        catalogue.available.add("case-detail")
        print(
            f"{args.users} users for {args.warmup:g}+{args.duration:g} s over {len(ids)} cases"
            + (f"; not built yet: {catalogue.missing}" if catalogue.missing else ""),
            flush=True,
        )
        cpu = CpuMeter(server)
        users = run_load(args, catalogue)
        cpu.stop()
    extra = {"demo_build_seconds": build_seconds, "cases": len(ids)}
    return finish(args, users, cpu, missing=catalogue.missing, extra=extra)


def password() -> str:
    return os.environ.get("SENDA_DEMO_PASSWORD", "senda-demo-2026")


@contextlib.contextmanager
def serve_demo(
    args: argparse.Namespace, log_name: str
) -> Iterator[tuple[str, web_server.Server, float | None]]:
    """The demo area in the benchmark database (unless ``--reuse``), served by gunicorn;
    on leaving, gunicorn stopped and the database dropped (unless ``--keep``). Yields the
    database URL, the server and the seconds the demo took to build."""
    db_url = web_server.database_url(args.server, args.database)
    data_dir = Path(tempfile.mkdtemp(prefix="senda-bench-"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    server = web_server.Server(args.bind, args.workers, args.threads)
    build_seconds = None
    try:
        if not args.reuse:
            web_server.recreate_database(args.server, args.database)
            print(f"Building the demo area in {args.database} …", flush=True)
            build_seconds = round(web_server.build_demo(db_url, data_dir, args.cases), 1)
        print(f"Starting gunicorn ({args.workers} workers × {args.threads} threads) …", flush=True)
        server.start(db_url, data_dir, args.out.with_name(log_name))
        yield db_url, server, build_seconds
    finally:
        server.stop()
        if not args.keep:
            web_server.drop_database(args.server, args.database)


class CpuMeter:
    """CPU seconds gunicorn and this process use between creation and ``stop()``, and the
    machine's load average at both ends (other work on the machine shows there)."""

    def __init__(self, server: web_server.Server) -> None:
        self.server = server
        self.load_before = os.getloadavg()
        self.server_cpu, self.client_cpu = server.cpu_seconds(), _own_cpu()

    def stop(self) -> None:
        self.server_cpu = self.server.cpu_seconds() - self.server_cpu
        self.client_cpu = _own_cpu() - self.client_cpu
        self.load_after = os.getloadavg()


def finish(
    args: argparse.Namespace,
    users: list[web_load.User],
    cpu: CpuMeter,
    *,
    missing: dict[str, int],
    extra: dict[str, object],
    targets: dict[str, int] = TARGETS_MS,
    at_most: bool = False,
) -> int:
    """Summarise the measured samples, write the JSON report, print the table and the
    missed targets; the exit status (1 when a target is missed)."""
    counted_from = min(s.started for u in users for s in u.samples) + args.warmup
    samples = [s for u in users for s in u.samples if s.started >= counted_from]
    table = summarise(samples, args.duration)
    missed = verdicts(table, missing, targets, at_most=at_most)
    wall = args.warmup + args.duration
    cores = os.cpu_count() or 1
    load = {
        "before": [round(x, 2) for x in cpu.load_before],
        "after": [round(x, 2) for x in cpu.load_after],
    }
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "commit": _commit(),
        "machine": {"cpus": os.cpu_count(), "processor": _cpu_model(), "python": sys.version},
        "load_average": load,
        "config": {k: str(v) for k, v in vars(args).items()},
        **extra,
        "sign_in_ms_median": sorted(u.sign_in_ms for u in users)[len(users) // 2],
        "pages": table,
        "not_measured": missing,
        "cpu_seconds": {"server": round(cpu.server_cpu, 1), "client": round(cpu.client_cpu, 1)},
        "cpu_share_of_machine": {
            "server": round(cpu.server_cpu / (wall * cores), 2),
            "client": round(cpu.client_cpu / (wall * cores), 2),
        },
        "targets_ms_p95": targets,
        "missed": missed,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(table, targets, "≤" if at_most else "<")
    print(
        f"CPU over {wall:g} s: gunicorn {cpu.server_cpu:.1f} s, benchmark client "
        f"{cpu.client_cpu:.1f} s ({cores} cores shared; PostgreSQL not counted). "
        f"Load average (1, 5, 15 min) before {load['before']}, after {load['after']}. "
        f"Written to {args.out}"
    )
    for line in missed:
        print(f"MISSED {line}")
    print("All targets met." if not missed else f"{len(missed)} target(s) missed.")
    return 1 if missed else 0


def _host_port(bind: str) -> tuple[str, int]:
    host, port = bind.split(":")
    return host, int(port)


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())

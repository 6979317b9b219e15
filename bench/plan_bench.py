"""Plan page benchmark (`make bench-plans`): a 150-action improvement plan, 20 users at once.

Creates its own PostgreSQL database (``senda_bench_plans``; never ``test``/``test_test``),
builds a small demo area there (``senda demo --no-serve --cases 300``), replaces the demo's
plan with a 150-action one (``senda.demo.improvement.write_plan(actions=150)``: the demo's
35 actions repeated as later phases, each with 4 milestones, 4 ratings and updates), serves
Senda with gunicorn in production mode, then runs 20 simulated users — managers, officers,
a QA auditor, a board member and the two partner personas — each signed in through the
form and asking, with a pause of 1–3 s between pages, for the plan on a page (60%), an
area (20%) or an action (20%). The first seconds are a warm-up and not counted.

Reuses web_server.py (database, demo build, gunicorn) and web_load.py (signed-in keep-alive
sessions). Writes bench/out/plans.json and prints p50/p95/p99 per page. Exits 1 if a
target is missed: plan page p95 < 300 ms, no errors (any answer but 200).

    python bench/plan_bench.py [--users 20] [--duration 60] [--actions 150] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import web_bench
import web_load
import web_server

TARGETS_MS = {"plan": 300}
MIX = {"plan": 60, "plan-area": 20, "plan-action": 20}
USERS = (
    "service-manager",
    "team-manager",
    "team-manager-2",
    "officer",
    "qa-auditor",
    "board-member",
    "health-partner",
    "pcf-partner",
    *(f"case-officer-{n:02d}" for n in range(1, 13)),
)
#: Run inside the benchmark database: swap the demo's plan for a big one; print its ids.
BIG_PLAN = """
import django, json
django.setup()
from django.contrib.auth.models import User
from senda import kernel
from senda.demo.improvement import write_plan
from senda.improvement.models import Action, ImprovementPlan, SignOff
from senda.people.models import LocalAuthority
la = LocalAuthority.objects.get(code="990")
SignOff.objects.all().delete()  # SignOff.partner is PROTECT: the plan cannot go first
ImprovementPlan.objects.all().delete()
User.objects.filter(username__endswith="-partner").delete()
hash_ = User.objects.get(username="service-manager").password
plan = write_plan(seed=1, la=la, today=kernel.today(), password_hash=hash_, actions={actions})
actions = list(Action.objects.filter(area__plan=plan).values_list("area_id", "id"))
print(json.dumps({{"plan": plan.pk, "actions": actions}}))
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--server", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    add("--database", default="senda_bench_plans", help="database (must start senda_bench)")
    add("--users", type=int, default=20, help="concurrent simulated users")
    add("--duration", type=float, default=60, help="measured seconds")
    add("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    add("--warmup", type=float, default=5, help="seconds run first and not counted")
    add("--actions", type=int, default=150, help="actions in the plan")
    add("--workers", type=int, default=3, help="gunicorn worker processes")
    add("--threads", type=int, default=4, help="threads per gunicorn worker")
    add("--bind", default="127.0.0.1:8766", help="where gunicorn listens")
    add("--seed", type=int, default=1, help="seed of the users' choices")
    add("--keep", action="store_true", help="keep the database afterwards")
    add("--out", type=Path, default=Path(__file__).parent / "out" / "plans.json")
    return parser.parse_args(argv)


def big_plan(db_url: str, data_dir: Path, actions: int) -> dict[str, object]:
    env = web_server.base_env(db_url, data_dir) | {
        "SENDA_ENV": "development",
        "DJANGO_SETTINGS_MODULE": "senda.settings",
    }
    script = BIG_PLAN.format(actions=actions)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def paths(plan: dict[str, object], kind: str, rng: random.Random) -> str:
    base = f"/plans/{plan['plan']}/"
    if kind == "plan":
        return base
    area_id, action_id = rng.choice(plan["actions"])  # type: ignore[arg-type]
    return f"{base}areas/{area_id}/" if kind == "plan-area" else f"{base}actions/{action_id}/"


def run_user(
    user: web_load.User,
    plan: dict[str, object],
    args: argparse.Namespace,
    start: threading.Barrier,
    stop_at: list[float],
    seed: int,
) -> None:
    rng = random.Random(seed)
    host, port = args.bind.split(":")
    session = web_load.Session(host, int(port))
    try:
        began = time.perf_counter()
        session.sign_in(user.username, os.environ.get("SENDA_DEMO_PASSWORD", "senda-demo-2026"))
        user.sign_in_ms = (time.perf_counter() - began) * 1000
    except (web_load.SignInFailed, OSError) as error:
        user.failure = str(error)
        start.abort()
        return
    start.wait()
    while time.perf_counter() < stop_at[0]:
        kind = rng.choices(list(MIX), list(MIX.values()))[0]
        began = time.perf_counter()
        try:
            status, _ = session.request("GET", paths(plan, kind, rng))
        except OSError:
            status = 0
        ms = (time.perf_counter() - began) * 1000
        user.samples.append(web_load.Sample(kind, began, ms, status))
        if args.think[1] > 0:
            time.sleep(rng.uniform(*args.think))


def run_load(args: argparse.Namespace, plan: dict[str, object]) -> list[web_load.User]:
    users = [web_load.User(USERS[i % len(USERS)], False) for i in range(args.users)]
    web_load.run_together(
        users,
        lambda i, user, start, stop_at: run_user(
            user, plan, args, start, stop_at, args.seed * 1000 + i
        ),
        warmup=args.warmup,
        duration=args.duration,
    )
    return users


def verdicts(table: dict[str, dict[str, object]]) -> list[str]:
    missed = []
    for kind, limit in TARGETS_MS.items():
        if kind not in table:
            missed.append(f"{kind}: not measured")
        elif float(table[kind]["p95_ms"]) >= limit:  # type: ignore[arg-type]
            missed.append(f"{kind}: p95 {table[kind]['p95_ms']} ms ≥ {limit} ms")
    if table.get("all", {}).get("errors"):
        missed.append(f"{table['all']['errors']} errors: {table['all']['error_statuses']}")
    return missed


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    db_url = web_server.database_url(args.server, args.database)
    data_dir = Path(tempfile.mkdtemp(prefix="senda-bench-plans-"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    server = web_server.Server(args.bind, args.workers, args.threads)
    try:
        web_server.recreate_database(args.server, args.database)
        print(f"Building a small demo area in {args.database} …", flush=True)
        web_server.build_demo(db_url, data_dir, 300)
        began = time.monotonic()
        plan = big_plan(db_url, data_dir, args.actions)
        print(f"{args.actions}-action plan written in {time.monotonic() - began:.1f}s", flush=True)
        server.start(db_url, data_dir, args.out.with_name("plans-server.log"))
        cpu_before = server.cpu_seconds()
        users = run_load(args, plan)
        server_cpu = server.cpu_seconds() - cpu_before
    finally:
        server.stop()
        if not args.keep:
            web_server.drop_database(args.server, args.database)
    counted_from = min(s.started for u in users for s in u.samples) + args.warmup
    samples = [s for u in users for s in u.samples if s.started >= counted_from]
    table = web_bench.summarise(samples, args.duration)
    missed = verdicts(table)
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config": {k: str(v) for k, v in vars(args).items()},
        "actions": args.actions,
        "pages": table,
        "cpu_seconds": {"server": round(server_cpu, 1)},
        "targets_ms_p95": TARGETS_MS,
        "missed": missed,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'page':<12} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for kind, row in table.items():
        print(
            f"{kind:<12} {row['requests']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} "
            f"{row['p99_ms']:>8} {row['errors']:>6}"
        )
    for line in missed:
        print(f"MISSED {line}")
    print("All targets met." if not missed else f"{len(missed)} target(s) missed.")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

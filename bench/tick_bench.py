"""Tick benchmark (`make bench-tick`): how long `senda tick` takes for the demo area and for
a national-scale register.

1. **Demo area.** Builds Seaview (``build_area``, 4,000 live plans, ~5,400 cases, ~108,000
   events) in a fresh database — a temporary SQLite file by default, or a PostgreSQL
   database whose name starts ``senda_bench`` (``--database-url``) — as of a week ago, then
   times ``tick.run`` for today exactly as ``senda tick`` runs it: read the cases' events,
   evaluate every case, write the month's and quarter's facts, and refresh the deadline rows
   a week of time made stale. Then the demo's history (``perf_facts.write``: 18 month ends
   and today). Target: one day under 30 s.
2. **National scale.** The register of ``clock_bench.py`` (650,000 plans, ~5.2 million
   events), built in memory with dimensions (need, phase, setting type, locality, one officer
   per 120 plans). Times the real computation (``tally.tally`` for the month and the
   quarter, each case evaluated once) and the real write of its facts (``tick.write_day``)
   into the benchmark database. Reading 5.2 million events from the database is not run at
   this scale: it is estimated from the demo's measured read rate (events per second), as is
   the stale-row refresh (from the demo's rate per case). Target: under 10 minutes.

Writes bench/out/tick.json and prints a table; exits 1 with --strict when a target is missed.

    python bench/tick_bench.py [--cases 650000] [--demo-cases 4000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_db import setup  # noqa: E402  (beside this file)

DEMO_TARGET_S = 30
NATIONAL_TARGET_S = 600
NEEDS = ("ASD", "SEMH", "SLCN", "MLD", "SPLD", "SLD", "PMLD", "PD", "HI", "VI", "OTH", "DS")
PHASES = ("early_years", "primary", "secondary", "post16", "special")
TYPES = ("maintained", "academy", "special", "independent_special", "fe_college")


def _columns(model_name: str, *skip: str) -> list[str]:
    """The table's columns in the model's order, less ``skip``, as the raw inserts give them."""
    from django.apps import apps

    model = apps.get_model(model_name)
    return [f.column for f in model._meta.concrete_fields if f.column not in skip]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--cases", type=int, default=650_000, help="plans in the national register")
    add("--demo-cases", type=int, default=4000, help="live plans in the demo area")
    add("--database-url", default="", help="default: a temporary SQLite file")
    add("--seed", type=int, default=2026)
    add("--skip-demo", action="store_true")
    add("--skip-national", action="store_true")
    add(
        "--in-memory-only",
        action="store_true",
        help="national scale: skip loading the register into the database and ticking it",
    )
    add("--strict", action="store_true", help="exit 1 when a target is missed")
    add("--out", type=Path, default=HERE / "out" / "tick.json")
    return parser.parse_args()


def demo(cases: int, today: date) -> dict[str, Any]:
    from senda.demo import perf_facts
    from senda.demo.build import build_area
    from senda.performance import tick
    from senda.performance.models import KpiFact

    started = time.perf_counter()
    built = build_area(seed=1, today=today - timedelta(days=7), cases=cases, password="bench")
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    one = tick.run(built.la, [today], today=today)
    one_s = time.perf_counter() - started
    again = tick.run(built.la, [today], today=today)
    started = time.perf_counter()
    history = perf_facts.write(built.la, today)
    history_s = time.perf_counter() - started
    return {
        "build_seconds": round(build_s, 1),
        "cases": one.cases,
        "events": one.events,
        "tick_today_seconds": round(one_s, 2),
        "tick_today_steps": {k: round(v, 2) for k, v in one.seconds.items()},
        "facts_per_day": one.facts,
        "stale_cases_refreshed": one.refreshed_cases,
        "tick_again_seconds": round(sum(again.seconds.values()), 2),
        "tick_again_refreshed": again.refreshed_cases,
        "history_days": len(history.days),
        "history_seconds": round(history_s, 2),
        "history_steps": {k: round(v, 2) for k, v in history.seconds.items()},
        "fact_rows": KpiFact.objects.filter(la=built.la).count(),
        "read_events_per_second": round(one.events / max(one.seconds["read"], 1e-9)),
        "refresh_seconds_per_case": one.seconds.get("refresh", 0) / max(one.cases, 1),
        "target_met": one_s < DEMO_TARGET_S,
    }


def national(
    cases: int, seed: int, demo_result: dict[str, Any] | None
) -> tuple[dict[str, Any], list[Any], list[Any]]:
    import clock_bench

    from senda.clock import england_and_wales
    from senda.people.models import LocalAuthority
    from senda.performance import tally, tick
    from senda.performance.periods import containing
    from senda.performance.tally import CaseRecord

    started = time.perf_counter()
    register = clock_bench.build(cases, seed)
    rng = random.Random(seed)
    officers = max(1, cases // 120)
    localities = [f"Locality {n}" for n in range(1, 41)]
    records = [
        CaseRecord(
            n,
            False,
            rng.random() < 0.93,
            {
                "phase": rng.choice(PHASES),
                "need": rng.choice(NEEDS),
                "setting_type": rng.choice(TYPES),
                "locality": rng.choice(localities),
                "officer": str(rng.randint(1, officers)),
            },
            events,
        )
        for n, events in enumerate(register)
    ]
    generate_s = time.perf_counter() - started
    events = sum(len(r.events) for r in records)
    england_and_wales().holidays_in(clock_bench.AS_OF.year)
    gc.collect()
    gc.freeze()
    day = clock_bench.AS_OF
    periods = [containing(day, "month"), containing(day, "quarter")]
    started = time.perf_counter()
    found = tally.tally(records, [(p.start, p.end) for p in periods], day)
    compute_s = time.perf_counter() - started
    la, _ = LocalAuthority.objects.get_or_create(code="899", defaults={"name": "Nationalshire"})
    started = time.perf_counter()
    facts = tick.write_day(la, day, periods, found, today=day)
    write_s = time.perf_counter() - started
    result: dict[str, Any] = {
        "cases": cases,
        "events": events,
        "generate_seconds": round(generate_s, 1),
        "compute_seconds": round(compute_s, 1),
        "cases_per_second": round(cases / compute_s),
        "facts": facts,
        "write_seconds": round(write_s, 2),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    measured = compute_s + write_s
    if demo_result:
        read_s = events / demo_result["read_events_per_second"]
        refresh_s = cases * demo_result["refresh_seconds_per_case"]
        result["read_seconds_estimated"] = round(read_s, 1)
        result["refresh_seconds_estimated"] = round(refresh_s, 1)
        total = measured + read_s + refresh_s
        result["total_seconds_estimated"] = round(total, 1)
    else:
        total = measured
    result["target_met"] = total < NATIONAL_TARGET_S
    return result, register, records


def national_db(data: list[list[Any]], seed: int) -> dict[str, Any]:
    """Load the register into the database as a local area (children, cases, events and
    deadline rows as the clock gave them a week before), then time ``tick.run`` for today:
    the real path, reading, computing, writing, caseloads and refreshing stale rows."""
    from senda.people.models import LocalAuthority
    from senda.performance import tick

    day = register_day()
    started = time.perf_counter()
    la = load(data[0], data[1], seed, day - timedelta(days=7))
    load_s = time.perf_counter() - started
    data.clear()  # the in-memory register is not the tick's: free it before measuring
    gc.unfreeze()
    gc.collect()
    started = time.perf_counter()
    summary = tick.run(LocalAuthority.objects.get(pk=la), [day], today=day)
    tick_s = time.perf_counter() - started
    return {
        "load_seconds": round(load_s, 1),
        "cases": summary.cases,
        "events": summary.events,
        "tick_seconds": round(tick_s, 1),
        "tick_steps": {k: round(v, 1) for k, v in summary.seconds.items()},
        "facts": summary.facts,
        "stale_cases_refreshed": summary.refreshed_cases,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "target_met": tick_s < NATIONAL_TARGET_S,
    }


def register_day() -> date:
    import clock_bench

    return clock_bench.AS_OF


def load(register: list[Any], records: list[Any], seed: int, evaluated_for: date) -> int:
    """Write the register with raw multi-row inserts (the ORM would take far longer than
    the tick being measured); returns the local area's id."""
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.db.models import Max

    from senda.casework.models import Case, CaseEvent, DeadlineRow
    from senda.clock import evaluate
    from senda.people.models import Child, LocalAuthority, Membership, Setting

    rng = random.Random(seed)
    la = LocalAuthority.objects.create(code="898", name="Registershire")
    settings = Setting.objects.bulk_create(
        Setting(la=la, name=f"Setting {n}", urn=f"8{n:06d}", phase=rng.choice(PHASES),
                type=rng.choice(TYPES), locality=f"Locality {n % 40 + 1}")
        for n in range(400)
    )  # fmt: skip
    officers = max(1, len(register) // 120)
    users = User.objects.bulk_create(
        User(username=f"register-officer-{n}") for n in range(officers)
    )
    Membership.objects.bulk_create(Membership(user=u, la=la, role="case_officer") for u in users)
    recorder = users[0].pk
    first = {m: (m.objects.aggregate(x=Max("id"))["x"] or 0) + 1 for m in (Child, Case)}
    first_event = (CaseEvent.objects.aggregate(x=Max("id"))["x"] or 0) + 1
    now = "2026-11-20 06:00:00+00:00"

    def insert(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 500):
                chunk = rows[start : start + 500]
                sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(chunk))}"
                cursor.execute(sql, [v for row in chunk for v in row])

    event_id = first_event
    with transaction.atomic():
        for start in range(0, len(register), 20_000):
            children, cases, events, rows = [], [], [], []
            for n in range(start, min(start + 20_000, len(register))):
                child, case = first[Child] + n, first[Case] + n
                case_events = register[n]
                setting = settings[rng.randrange(len(settings))].pk
                need = records[n].dims["need"]
                children.append((child, la.pk, "Register", f"Child {n}", None, "U", "", "", "",
                                 need, setting))  # fmt: skip
                opened = min(e.on for e in case_events).isoformat()
                officer = users[rng.randrange(officers)].pk
                cases.append((case, la.pk, child, officer, "open", opened, "plan", "", None, None,
                              None))  # fmt: skip
                for e in case_events:
                    events.append((event_id, case, e.type, e.on.isoformat(), e.outcome or "",
                                   e.discipline or "", e.ground or "", e.kind or "",
                                   None, recorder, now))  # fmt: skip
                    event_id += 1
                for d in evaluate(case_events, evaluated_for):
                    rows.append((case, d.rule, d.due.isoformat(),
                                 d.done.isoformat() if d.done else None, d.status, d.citation,
                                 d.discipline or "", evaluated_for.isoformat()))  # fmt: skip
            insert(Child, _columns("people.Child"), children)
            insert(Case, _columns("casework.Case"), cases)
            insert(CaseEvent, _columns("casework.CaseEvent", "applies_to"), events)
            insert(DeadlineRow, _columns("casework.DeadlineRow", "id"), rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return la.pk


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="senda-tick-bench-") as tmp:
        setup(args.database_url or f"sqlite:///{tmp}/bench.sqlite3")
        today = date(2026, 11, 20)
        result: dict[str, Any] = {"database": args.database_url.split("@")[-1] or "sqlite"}
        if not args.skip_demo:
            result["demo"] = demo(args.demo_cases, today)
            show("demo area", result["demo"])
        if not args.skip_national:
            found, *data = national(args.cases, args.seed, result.get("demo"))
            result["national"] = found
            show("national register, in memory", found)
            if not args.in_memory_only:
                result["national_db"] = national_db(data, args.seed)
                show("national register, in the database", result["national_db"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    met = all(part.get("target_met", True) for part in result.values() if isinstance(part, dict))
    return 0 if met or not args.strict else 1


def show(title: str, figures: dict[str, Any]) -> None:
    print(f"\n{title}")
    for key, value in figures.items():
        print(f"{key:>28}: {value}")


if __name__ == "__main__":
    raise SystemExit(main())

"""Sampling benchmark (`make bench-qa`): how long drawing 5% of a national-scale register
of plans for audit takes (issue 15: ≤ 2 s for 650,000 plans).

1. **In memory.** 650,000 frame rows shaped like ``quality.samples.frame``'s output
   (4 phases, 13 needs, one officer per 120 plans, 20,000 settings, three in four with a
   review meeting in the last 12 months, one in twenty audited in the last year), then
   ``quality.sampling.draw`` at 5% with a 50% review quota, stratified by all four facets
   (the default: ~600,000 strata, almost all of one or two plans) and by phase and need
   only (52 strata). Best and worst of ``--repeat`` runs. ``pack_frame`` (the frame kept
   with the sample) is timed apart: it is part of ``draw_sample``, not of the draw.
2. **In the database** (``--db-plans``, 0 to skip): that many live plans written to a
   fresh database — a temporary SQLite file, or a PostgreSQL database whose name starts
   ``senda_bench`` (``--database-url``) — with children, cases, reviews and audits, then
   ``frame(la, today)`` (one query) and the draw, timed apart.

Writes bench/out/qa-sample.json and prints the figures; exits 1 with --strict when the
in-memory draw misses its target.

    python bench/qa_sample_bench.py [--plans 650000] [--db-plans 20000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "src"))

from bench_db import setup  # noqa: E402  (beside this file)

from senda.quality import sampling  # noqa: E402  (pure: no Django needed)
from senda.quality.sampling import FrameRow  # noqa: E402

TARGET_S = 2.0
TODAY = date(2026, 12, 3)
NEEDS = ("ASD", "SEMH", "SLCN", "MLD", "SPLD", "SLD", "PMLD", "PD", "HI", "VI", "OTH", "DS", "MSI")
PHASES = ("early years", "primary", "secondary", "post-16")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--plans", type=int, default=650_000, help="plans in the in-memory frame")
    add("--share", type=float, default=0.05)
    add("--repeat", type=int, default=3)
    add("--db-plans", type=int, default=20_000, help="plans in the database part (0: skip)")
    add("--database-url", default="", help="postgres://…/senda_bench_qa (default: SQLite)")
    add("--seed", type=int, default=2026)
    add("--out", type=Path, default=HERE / "out" / "qa-sample.json")
    add("--strict", action="store_true", help="exit 1 when the target is missed")
    return parser.parse_args()


def synthetic_frame(plans: int, seed: int) -> list[FrameRow]:
    rng = random.Random(seed)
    officers = max(1, plans // 120)
    settings = max(1, min(20_000, plans // 30))
    rows = []
    for plan in range(1, plans + 1):
        review = TODAY - timedelta(days=rng.randint(1, 330)) if rng.random() < 0.75 else None
        audited = TODAY - timedelta(days=rng.randint(1, 360)) if rng.random() < 0.05 else None
        rows.append(
            FrameRow(
                plan,
                plan,
                rng.choice(PHASES),
                rng.choice(NEEDS),
                rng.randint(1, officers),
                rng.randint(1, settings) if rng.random() < 0.97 else None,
                review,
                audited,
            )
        )
    return rows


def time_draw(rows: list[FrameRow], strata: tuple[str, ...], share: float, repeat: int) -> Any:
    times, cpu, result = [], [], None
    for run in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = sampling.draw(
            rows,
            share=share,
            review_share=0.5,
            exclude_months=12,
            strata=strata,
            seed=run,
            today=TODAY,
        )
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert result is not None
    return {
        "strata": " ".join(strata),
        "strata_count": len(result.names),
        "drawn": len(result.picks),
        "with_review": result.reviewed,
        "quota": result.quota,
        "best_s": round(min(times), 3),
        "worst_s": round(max(times), 3),
        "cpu_best_s": round(min(cpu), 3),
        "cpu_worst_s": round(max(cpu), 3),
        "load_average": round(os.getloadavg()[0], 1),
        "target_s": TARGET_S,
        # CPU time: on a quiet machine the wall time is the same; on the shared benchmark
        # machine the wall time measures the other processes as well.
        "target_met": max(cpu) <= TARGET_S,
    }


def in_memory(args: argparse.Namespace) -> dict[str, Any]:
    start = time.perf_counter()
    rows = synthetic_frame(args.plans, args.seed)
    built = time.perf_counter() - start
    found: dict[str, Any] = {"plans": args.plans, "share": args.share, "build_s": round(built, 2)}
    found["all_facets"] = time_draw(rows, tuple(sampling.FACETS), args.share, args.repeat)
    found["phase_need"] = time_draw(rows, ("phase", "need"), args.share, 1)
    start, cpu = time.perf_counter(), time.process_time()
    packed = sampling.pack_frame(rows)
    found["pack_frame_s"] = round(time.perf_counter() - start, 2)
    found["pack_frame_cpu_s"] = round(time.process_time() - cpu, 2)
    found["packed_mb"] = round(len(packed) / 1e6, 1)
    start, cpu = time.perf_counter(), time.process_time()
    sampling.unpack_frame(packed)
    found["unpack_frame_s"] = round(time.perf_counter() - start, 2)
    found["unpack_frame_cpu_s"] = round(time.process_time() - cpu, 2)
    found["target_met"] = found["all_facets"]["target_met"]
    return found


def load(plans: int, seed: int) -> Any:
    """``plans`` live plans of one area, with children, cases, reviews and audits."""
    from django.contrib.auth import get_user_model

    from senda.casework.models import Case, Plan, Review
    from senda.people.models import Child, LocalAuthority, Setting
    from senda.quality.models import Audit, Framework

    rng = random.Random(seed)
    la = LocalAuthority.objects.create(code="899", name="Benchshire", region="East Midlands")
    User = get_user_model()
    officers = User.objects.bulk_create(
        [User(username=f"bench-officer-{i}") for i in range(max(1, plans // 120))]
    )
    settings = Setting.objects.bulk_create(
        [
            Setting(
                la=la, name=f"School {i}", urn=str(200000 + i), phase="primary", type="maintained"
            )
            for i in range(max(1, plans // 30))
        ]
    )
    children = Child.objects.bulk_create(
        [
            Child(
                la=la,
                given_name="Bench",
                family_name=f"Child {i}",
                date_of_birth=date(2005, 9, 1) + timedelta(days=rng.randint(0, 7000)),
                primary_need=rng.choice(NEEDS),
                setting=rng.choice(settings),
            )
            for i in range(plans)
        ],
        batch_size=2000,
    )
    cases = Case.objects.bulk_create(
        [
            Case(la=la, child=child, officer=rng.choice(officers), opened_on=date(2024, 1, 5))
            for child in children
        ],
        batch_size=2000,
    )
    made = Plan.objects.bulk_create(
        [Plan(case=case, issued_on=date(2024, 6, 1)) for case in cases], batch_size=2000
    )
    Review.objects.bulk_create(
        [
            Review(
                case_id=p.case_id, plan=p, meeting_on=TODAY - timedelta(days=rng.randint(1, 500))
            )
            for p in made
            if rng.random() < 0.9
        ],
        batch_size=2000,
    )
    framework = Framework.objects.create(
        la=la, subject="plan", name="Bench", status="published", published_on=date(2026, 1, 5)
    )
    Audit.objects.bulk_create(
        [
            Audit(
                la=la,
                case_id=p.case_id,
                plan=p,
                framework=framework,
                lead=officers[0],
                opened_on=TODAY - timedelta(days=rng.randint(1, 700)),
            )
            for p in made
            if rng.random() < 0.08
        ],
        batch_size=2000,
    )
    return la


def in_database(args: argparse.Namespace, tmp: str) -> dict[str, Any]:
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    setup(url)
    start = time.perf_counter()
    la = load(args.db_plans, args.seed)
    loaded = time.perf_counter() - start
    from senda.quality import samples

    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    rows = samples.frame(la, TODAY)
    read, read_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    result = sampling.draw(
        rows,
        share=args.share,
        review_share=0.5,
        exclude_months=12,
        strata=tuple(sampling.FACETS),
        seed=1,
        today=TODAY,
        need_names=samples.NEED_NAMES,
    )
    drew = time.perf_counter() - start
    return {
        "database": url.split("@")[-1].split("///")[0] if url.startswith("postgres") else "sqlite",
        "plans": len(rows),
        "load_s": round(loaded, 1),
        "frame_s": round(read, 3),
        "frame_cpu_s": round(read_cpu, 3),
        "load_average": round(os.getloadavg()[0], 1),
        "frame_rows_per_s": int(len(rows) / read) if read else None,
        "draw_s": round(drew, 3),
        "drawn": len(result.picks),
        "estimated_frame_s_650k": round(650_000 * read / len(rows), 1) if rows else None,
    }


def main() -> int:
    args = parse_args()
    result: dict[str, Any] = {"in_memory": in_memory(args)}
    show("in memory", result["in_memory"])
    if args.db_plans:
        with tempfile.TemporaryDirectory(prefix="senda-qa-bench-") as tmp:
            result["database"] = in_database(args, tmp)
        show("frame() over the database, then the draw", result["database"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["in_memory"]["target_met"] or not args.strict else 1


def show(title: str, figures: dict[str, Any]) -> None:
    print(f"\n{title}")
    for key, value in figures.items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    raise SystemExit(main())

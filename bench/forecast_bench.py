"""Forecast benchmark (`make bench-forecast`, issue 17): how long the demand forecast takes,
and how much memory.

1. **Demo area.** Uses a demo database (``--demo-db``, built by ``senda demo --no-serve``;
   without one, builds Seaview in a temporary SQLite file as ``senda demo`` does) and times
   ``forecast.make`` for Seaview (990) with 1,000 simulations without its backtest (target
   ≤ 5 s), then the backtest alone (target ≤ 30 s).
2. **National scale.** Five January censuses of a register of ``--plans`` children (default
   650,000) made in memory from a known process (``tests/sufficiency/synthetic.py``'s, at
   scale: joiners about 11% of the stock a year, 8% leaving, 4% moving), then the history,
   the rates and 1,000 simulations of five years, and every breakdown's figures. Target
   ≤ 60 s and ≤ 4 GB peak RSS. Reading the censuses from a database is not in this figure
   (the demo's part times it with everything else).

Reports CPU and wall seconds and peak RSS (``resource.getrusage``); the targets are judged on
CPU time (the machine may be shared). Writes bench/out/forecast.json; exits 1 when a target
is missed.

    python bench/forecast_bench.py [--plans 650000] [--simulations 1000] [--demo-db FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "src"))

DEMO_TARGET_S = 5.0
BACKTEST_TARGET_S = 30.0
NATIONAL_TARGET_S = 60.0
NATIONAL_TARGET_MB = 4096.0
TODAY = date(2026, 12, 3)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=650_000)
    parser.add_argument("--simulations", type=int, default=1000)
    parser.add_argument("--demo-db", type=Path, default=None, help="a demo SQLite database")
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "forecast.json")
    return parser.parse_args()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def national(plans: int, simulations: int) -> dict[str, Any]:
    from senda.sufficiency import summary
    from senda.sufficiency.history import history
    from senda.sufficiency.rates import estimate
    from senda.sufficiency.simulate import simulate
    from senda.sufficiency.space import Space

    space = Space()
    rng = np.random.default_rng(2026)
    provisions = np.array(
        [
            space.provision_of(p)
            for p in (
                "mainstream",
                "special",
                "independent",
                "specialist_base",
                "post16_mainstream",
                "ap",
            )
        ]
    )
    weights = np.array([0.44, 0.30, 0.08, 0.05, 0.10, 0.03])

    def joiners(count: int) -> np.ndarray:
        ncy = rng.integers(-2, 16, count)
        need = rng.integers(0, 12, count)
        where = rng.choice(provisions, count, p=weights)
        return ((ncy - space.ncy_low) * len(space.needs) + need) * len(space.provisions) + where

    def make() -> dict[int, dict[int, int]]:
        step = len(space.needs) * len(space.provisions)
        states = joiners(int(plans / 1.1**4))
        ids = np.arange(len(states))
        serial = len(states)
        found = {}
        for year in range(2022, 2027):
            if year > 2022:
                ncy = states // step + space.ncy_low
                stay = (rng.random(len(states)) > 0.08) & (ncy < space.ncy_high)
                states, ids = states[stay] + step, ids[stay]
                move = rng.random(len(states)) < 0.04
                states[move] += rng.choice(provisions, int(move.sum())) - states[move] % len(
                    space.provisions
                )
                new = joiners(int(len(states) * 0.19))
                states = np.concatenate([states, new])
                ids = np.concatenate([ids, np.arange(serial, serial + len(new))])
                serial += len(new)
            found[year] = dict(zip(ids.tolist(), states.tolist(), strict=True))
        return found

    censuses, made_wall, _ = timed(make)
    sizes = {year: len(c) for year, c in censuses.items()}
    print(f"national: censuses made in {made_wall:.1f} s: {sizes}")

    def run() -> Any:
        past = history(space, censuses)
        rates = estimate(past)
        sim = simulate(
            space,
            past.stock[2026],
            start_year=2026,
            rates=[rates] * 5,
            simulations=simulations,
            seed=1,
        )
        return summary.figures(sim, age_rule="august-31")

    figures, wall, cpu = timed(run)
    totals = [f for f in figures if f.breakdown == "total"]
    for f in totals:
        print(f"  {f.year}: {f.median:,.0f} ({f.low:,.0f} to {f.high:,.0f})")
    print(
        f"national: {sizes[2026]:,} plans, {simulations:,} simulations: {wall:.1f} s "
        f"(CPU {cpu:.1f} s); peak RSS {peak_mb():,.0f} MB"
    )
    return {
        "plans": sizes[2026],
        "simulations": simulations,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "peak_rss_mb": round(peak_mb()),
    }


def demo(db: Path | None, simulations: int) -> dict[str, Any]:
    if db is None:
        folder = Path(tempfile.mkdtemp(prefix="senda-forecast-bench-"))
        db = folder / "senda.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senda.settings")
        import django
        from django.core.management import call_command

        django.setup()
        print("demo: building Seaview (senda demo --no-serve) …")
        call_command("demo", "--no-serve", "--today", TODAY.isoformat(), verbosity=0)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senda.settings")
        import django

        django.setup()
    from senda.people.models import LocalAuthority
    from senda.sufficiency import backtest, forecast

    la = LocalAuthority.objects.get(code="990")
    made, wall, cpu = timed(
        lambda: forecast.make(la, today=TODAY, simulations=simulations, with_backtest=False)
    )
    print(
        f"demo forecast: {int(made.history.stock[made.start_year].sum()):,} plans, "
        f"{simulations:,} simulations: {wall:.1f} s (CPU {cpu:.1f} s)"
    )
    _, bt_wall, bt_cpu = timed(
        lambda: backtest.backtest(
            made.history, simulations=simulations, seed=2026, age_rule=made.age_rule
        )
    )
    print(f"demo backtest: {bt_wall:.1f} s (CPU {bt_cpu:.1f} s)")
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "backtest_wall_s": round(bt_wall, 1),
        "backtest_cpu_s": round(bt_cpu, 1),
    }


def main() -> int:
    args = parse_args()
    result: dict[str, Any] = {}
    missed = []
    if not args.skip_demo:
        result["demo"] = demo(args.demo_db, args.simulations)
        if result["demo"]["cpu_s"] > DEMO_TARGET_S:
            missed.append(f"demo forecast {result['demo']['cpu_s']} s > {DEMO_TARGET_S:.0f} s")
        if result["demo"]["backtest_cpu_s"] > BACKTEST_TARGET_S:
            missed.append(
                f"demo backtest {result['demo']['backtest_cpu_s']} s > {BACKTEST_TARGET_S:.0f} s"
            )
    result["national"] = national(args.plans, args.simulations)
    if result["national"]["cpu_s"] > NATIONAL_TARGET_S:
        missed.append(f"national {result['national']['cpu_s']} s > {NATIONAL_TARGET_S:.0f} s")
    if result["national"]["peak_rss_mb"] > NATIONAL_TARGET_MB:
        missed.append(
            f"national peak RSS {result['national']['peak_rss_mb']} MB > "
            f"{NATIONAL_TARGET_MB:.0f} MB"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    for line in missed:
        print("MISSED:", line)
    if not missed:
        print("all targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""National-scale clock benchmark (`make bench`).

Generates a synthetic register of 650,000 EHC plans (about 5 million events) in memory,
evaluates every case with the statutory clock on one core, and prints cases per second,
total seconds and peak memory. Targets (2-core machine): ≥ 50,000 cases/s on one core and
peak memory < 2 GB. Use --cases to try a smaller register; --strict exits 1 on a missed target.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from senda.clock import Event, england_and_wales, evaluate

AS_OF = date(2026, 11, 20)
TARGET_RATE = 50_000
TARGET_PEAK_MB = 2048
DISCIPLINES = ("education", "health", "social-care")
FIRST_DAY = date(2010, 1, 1)
DAYS = [FIRST_DAY + timedelta(days=n) for n in range((AS_OF - FIRST_DAY).days + 400)]


def day(offset: int) -> date:
    """A shared date object (the register reuses them, as a database driver would not)."""
    return DAYS[offset]


def assessment(rng: random.Random, start: int, out: list[Event]) -> int:
    """A request through to a final plan; returns the day the plan was issued."""
    out.append(Event("request_received", day(start)))
    decided = start + rng.randint(25, 60)
    out.append(Event("assess_decision", day(decided), outcome="assess"))
    for discipline in DISCIPLINES:
        out.append(Event("advice_requested", day(decided + 1), discipline=discipline))
        out.append(
            Event("advice_received", day(decided + rng.randint(20, 70)), discipline=discipline)
        )
    if rng.random() < 0.05:
        out.append(Event("exception", day(decided + 10), ground="personal-circumstances"))
    issued = start + rng.randint(110, 200)
    out.append(Event("draft_plan_issued", day(issued - rng.randint(16, 30))))
    out.append(Event("final_plan_issued", day(issued)))
    return issued


def review(rng: random.Random, due: int, out: list[Event]) -> int:
    """One annual review round; returns the meeting day."""
    meeting = due + rng.randint(-60, 120)
    out.append(Event("review_invitations_sent", day(meeting - rng.randint(10, 28))))
    out.append(Event("review_meeting", day(meeting)))
    out.append(Event("review_report_received", day(meeting + rng.randint(3, 40))))
    outcome = "amend" if rng.random() < 0.4 else "maintain"
    out.append(Event("review_decision", day(meeting + rng.randint(10, 60)), outcome=outcome))
    if outcome == "amend":
        notice = meeting + rng.randint(20, 50)
        out.append(Event("amendment_notice_issued", day(notice)))
        out.append(Event("amended_plan_issued", day(notice + rng.randint(30, 110))))
    return meeting


def one_case(rng: random.Random) -> list[Event]:
    horizon = (AS_OF - FIRST_DAY).days
    events: list[Event] = []
    if rng.random() < 0.15:
        events.append(Event("transferred_in", day(horizon - rng.randint(30, 900))))
        last = (events[0].on - FIRST_DAY).days
    elif rng.random() < 0.22:
        last = assessment(rng, horizon - rng.randint(150, 1200), events)
    else:
        last = horizon - rng.randint(400, 3000)
        events.append(Event("final_plan_issued", day(last)))
    while last + 365 < horizon - 30 and len(events) < 6:
        last = review(rng, last + 365, events)
    if rng.random() < 0.08:
        events.append(Event("phase_transfer", date(AS_OF.year + 1, 9, 1), kind="school"))
    rng.shuffle(events)
    return events


def build(cases: int, seed: int) -> list[list[Event]]:
    rng = random.Random(seed)
    return [one_case(rng) for _ in range(cases)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=650_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--out", default="bench/out/clock.json")
    args = parser.parse_args()

    started = time.perf_counter()
    register = build(args.cases, args.seed)
    generated = time.perf_counter() - started
    events = sum(len(case) for case in register)
    england_and_wales().holidays_in(AS_OF.year)  # warm the calendar outside the timing
    # The register is long-lived data, as it would be in a worker: keep the cyclic garbage
    # collector from re-walking its ~5 million objects while rows are made.
    gc.collect()
    gc.freeze()

    rows = 0
    statuses: Counter[str] = Counter()
    started = time.perf_counter()
    for case in register:
        found = evaluate(case, AS_OF)
        rows += len(found)
        statuses.update(row[3] for row in found)
    seconds = time.perf_counter() - started
    rate = args.cases / seconds
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    module = sys.modules["senda.clock.evaluate"].__file__ or ""
    result = {
        "clock": "compiled (mypyc)" if module.endswith(".so") else "pure Python",
        "cases": args.cases,
        "events": events,
        "deadline_rows": rows,
        "generate_seconds": round(generated, 1),
        "evaluate_seconds": round(seconds, 2),
        "cases_per_second": round(rate),
        "peak_memory_mb": round(peak_mb),
        "rows_by_status": dict(sorted(statuses.items())),
        "rate_target_met": rate >= TARGET_RATE,
        "memory_target_met": peak_mb < TARGET_PEAK_MB,
    }
    for key, value in result.items():
        print(f"{key:>20}: {value}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    met = result["rate_target_met"] and result["memory_target_met"]
    return 0 if met or not args.strict else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Participation extract benchmark (`make bench-destinations`): importing a council's
monthly extract of 50,000 young people (issue 18: ≤ 10 s).

An area of ``--rows`` young people aged 16 to 25 (``Child`` rows with UPNs, written with
``insert_rows``) in a fresh database (a temporary SQLite file, or a PostgreSQL database
whose name starts ``senda_bench``: ``--database-url``); an extract of a row each (seven in
ten with a plan, matched by UPN, one in ten of those by name and birth date alone; three in
ten on SEN support, half unknown to Senda; activity codes drawn as a council's are), as
CSV. Then, timed:

- **first import**: ``import_participation`` for the month (read, check, match, write);
- **re-import**: the same month again with one young person in ten's activity changed
  (the changed records supersede the old, the rest are left as they are).

Writes bench/out/destinations.json and prints wall and CPU seconds; exits 1 with --strict
when the first import misses 10 s.

    python bench/destinations_bench.py [--rows 50000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "src"))

from bench_db import setup  # noqa: E402  (beside this file)

TARGET_S = 10.0
TODAY = date(2026, 12, 3)
MONTH = date(2026, 11, 1)
CODES = ["110"] * 20 + ["130"] * 30 + ["210"] * 6 + ["250"] * 4 + ["230"] * 10 + ["540"] * 12
CODES += ["550"] * 4 + ["620", "630", "670", "710", "810", "810", "810", "820"]
HEADER = "Young person ID,UPN,Forename,Surname,Date of birth,SEND,Activity code,Activity start"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--rows", type=int, default=50_000)
    add("--database-url", default="", help="postgres://…/senda_bench_dest (default: SQLite)")
    add("--seed", type=int, default=2026)
    add("--out", type=Path, default=HERE / "out" / "destinations.json")
    add("--strict", action="store_true", help="exit 1 when the target is missed")
    return parser.parse_args()


def upn(n: int) -> str:
    from senda.people.identifiers import upn_check_letter

    body = f"936{n:08d}0"
    return upn_check_letter(body) + body


def load(rows: int, seed: int) -> tuple[Any, Any, list[str], list[list[str]]]:
    """The area, its service manager, and the extract's lines (as cell lists)."""
    from django.contrib.auth import get_user_model

    from senda.people.models import Child, LocalAuthority, Membership
    from senda.rows import insert_rows, unsaved

    rng = Random(seed)
    la = LocalAuthority.objects.create(code="999", name="Bench area", region="Bench")
    manager = get_user_model().objects.create_user("manager", password="x")
    Membership.objects.create(user=manager, la=la, role="service_manager")
    people = []
    for n in range(rows):
        born = TODAY - timedelta(days=rng.randint(int(16.3 * 365), 25 * 365))
        plan = rng.random() < 0.7
        known = plan or rng.random() < 0.5
        people.append((n, born, plan, known))
    insert_rows(
        unsaved(
            Child,
            la_id=la.pk,
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            date_of_birth=born,
            upn=upn(n),
        )
        for n, born, _, known in people
        if known
    )
    lines = []
    for n, born, plan, _ in people:
        by_name = plan and rng.random() < 0.1
        lines.append(
            [
                f"YP{n:07d}",
                "" if by_name else upn(n),
                f"Given{n}",
                f"Family{n}",
                f"{born:%d/%m/%Y}",
                "EHCP" if plan else "SEN support",
                rng.choice(CODES),
                f"{MONTH - timedelta(days=rng.randint(1, 400)):%Y-%m-%d}",
            ]
        )
    return la, manager, [HEADER], lines


def csv_bytes(header: list[str], lines: list[list[str]]) -> bytes:
    return ("\n".join([*header, *(",".join(cells) for cells in lines)]) + "\n").encode()


def timed(run: Any) -> tuple[Any, dict[str, float]]:
    start, used = time.perf_counter(), time.process_time()
    result = run()
    return result, {
        "wall_s": round(time.perf_counter() - start, 2),
        "cpu_s": round(time.process_time() - used, 2),
    }


def main() -> int:
    args = parse_args()
    # In memory where there is /dev/shm: on a shared machine the migrations' many small
    # commits to disk took minutes; the import's own writes are one transaction either way.
    shm = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="senda-destinations-bench-", dir=shm) as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        setup(url)
        from senda.pathways.models import Participation
        from senda.pathways.participation_import import import_participation

        start = time.perf_counter()
        la, manager, header, lines = load(args.rows, args.seed)
        data = csv_bytes(header, lines)
        result: dict[str, Any] = {
            "database": "postgresql" if url.startswith("postgres") else "sqlite",
            "rows": args.rows,
            "file_mb": round(len(data) / 1e6, 1),
            "load_s": round(time.perf_counter() - start, 1),
            "load_average_before": round(os.getloadavg()[0], 1),
        }

        def run(body: bytes) -> Any:
            return import_participation(
                body, filename="extract.csv", la=la, by=manager, month=MONTH, today=TODAY
            )

        first, result["first_import"] = timed(lambda: run(data))
        result["first_import"]["kept"] = first.kept
        rng = Random(args.seed + 1)
        for cells in lines:
            if rng.random() < 0.1:
                cells[6] = "540" if cells[6] != "540" else "130"
        again, result["reimport"] = timed(lambda: run(csv_bytes(header, lines)))
        result["reimport"]["changed"] = again.changed
        result["records"] = Participation.objects.count()
        result["first_import"]["target_met"] = result["first_import"]["wall_s"] <= TARGET_S
    result["load_average_after"] = round(os.getloadavg()[0], 1)
    for key, value in result.items():
        print(f"{key:>20}: {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    met = result["first_import"]["target_met"]
    return 0 if met or not args.strict else 1


if __name__ == "__main__":
    raise SystemExit(main())

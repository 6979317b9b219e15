"""Plan import benchmark: time ``import_plan`` on a generated 150-action plan (target < 5 s).

Builds a throw-away SQLite database in a temporary folder (migrated from scratch; nothing
else is touched), generates two synthetic 150-action workbooks — the "areas" layout (5
sheets of 30 actions with bullet lists, KPIs, partners and 3 dated updates each) and the
"milestones" layout (150 actions with 4 dated milestones each) — and times, for each, the
first import and a re-run of the same file (which must change nothing). Prints the times
and exits 1 if any is 5 s or more.

    .venv/bin/python bench/plan_import_bench.py [--actions 150] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET_SECONDS = 5.0
AREAS_HEADER = ["Aims", "What", "How", "KPIs", "Timescale", "Who", "Updates / Comments"]
MILESTONES_HEADER = [
    "No.",
    "Action & completion date",
    "Delivery lead",
    "Month 3 (Dec 25)",
    "Month 6 (Mar 26)",
    "Month 9 (Jun 26)",
    "Month 12 (Sep 26)",
    "Evidence",
    "Impact/KPI",
]
TIMESCALES = ["Sept 25 – Sep 26", "Dec 26", "Jan to Dec 26", "June–Dec 26", "Ongoing"]
WHO = ["Head of SEND\nICB Designated Clinical Officer", "Parent Carer Forum; Social care"]


def areas_workbook(actions: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    per_area = max(1, actions // 5)
    for area in range(1, 6):
        sheet = book.create_sheet(f"Area {area}")
        sheet.append([f"Area {area}: Improvement area number {area}"])
        sheet.append(AREAS_HEADER)
        for n in range(1, per_area + 1):
            sheet.append(
                [
                    f"Aim {area}.{(n - 1) // 5 + 1}" if n % 5 == 1 else "",
                    f"Action {area}.{n}: improve something measurable for families",
                    "• Plan the work\n• Do the work\n• Check the work",
                    "final-plan-20w\n90% of families say they were listened to",
                    TIMESCALES[n % len(TIMESCALES)],
                    WHO[n % 2],
                    f"12/0{1 + n % 9}/26 – Sam Patel: step one done\n"
                    f"March 26: step two started\n05/04/26 – review {n} booked",
                ]
            )
    return _save(book)


def milestones_workbook(actions: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(MILESTONES_HEADER)
    for n in range(actions):
        ref = f"{n // 30 + 1}.{n % 30 + 1}"
        sheet.append(
            [
                ref,
                f"Action {ref}: a joined-up change\nCompletion: March 27",
                "SEND Service Manager\nICB Designated Clinical Officer",
                "Terms agreed",
                "• Pilot running\n• First review",
                "Audit of 20 plans",
                "Review with families",
                "Minutes\nAudit report",
                "assess-decision-6w\nFewer complaints",
            ]
        )
    return _save(book)


def _save(book: object) -> bytes:
    out = io.BytesIO()
    book.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def setup_django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senda.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3, help="fresh imports per layout")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder))
        return run(args.actions, args.repeat)


def run(actions: int, repeat: int) -> int:
    from django.contrib.auth.models import User

    from senda.improvement.importer import import_plan
    from senda.people.models import LocalAuthority, Membership

    la = LocalAuthority.objects.create(code="999", name="Benchshire", region="East Midlands")
    user = User.objects.create_user(username="bench-manager")
    Membership.objects.create(user=user, la=la, role="service_manager")
    worst = 0.0
    for layout, data in (
        ("areas", areas_workbook(actions)),
        ("milestones", milestones_workbook(actions)),
    ):
        for attempt in range(1, repeat + 1):
            title = f"Bench {layout} {attempt}"
            started = time.perf_counter()
            result = import_plan(
                data, filename="bench.xlsx", la=la, by=user, title=title, today=date(2026, 3, 1)
            )
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = import_plan(
                data, filename="bench.xlsx", la=la, by=user, title=title, today=date(2026, 3, 1)
            )
            rerun = time.perf_counter() - started
            assert (again.created, again.updated) == (0, 0), "a re-run changed something"
            worst = max(worst, first, rerun)
            print(
                f"{layout:<10} {result.actions} actions, {result.milestones} milestones, "
                f"{result.updates} updates, {len(data) // 1024} KB: "
                f"import {first:.2f} s, re-run {rerun:.2f} s"
            )
    verdict = "OK" if worst < TARGET_SECONDS else "TOO SLOW"
    print(f"worst {worst:.2f} s (target < {TARGET_SECONDS:.0f} s): {verdict}")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())

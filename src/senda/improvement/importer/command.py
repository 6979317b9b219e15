"""``senda import plan FILE --la CODE``: load an improvement plan from a CSV or XLSX table.

A kind of ``senda import`` (``senda.commands.ImportCommand``; offered by
``ImprovementConfig.import_commands``). Exit status: 0 imported, 1 the file has problems
(every one listed on stderr, nothing written) or the user may not import, 2 a usage error.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.commands import PROBLEMS, USAGE, column_mapping, nothing_imported
from senda.improvement.importer import ImportFailed, import_plan
from senda.improvement.importer.layouts import LAYOUTS
from senda.people.command_user import acting_user, area_coded

KIND = "plan"
SUMMARY = "an improvement plan (CSV or XLSX)"
HELP = """Import an improvement plan from a CSV or XLSX file.

Layouts (read from the header row, or given with --layout):
  areas       Aims, What, How, KPIs, Timescale, Who, Updates / Comments — one sheet per
              improvement area, or an "Area" column (required in a CSV file)
  milestones  No., Action & completion date, Delivery lead, Month 3 … Month 12 (their
              dates in the heading, e.g. "Month 3 (Dec 25)"), Evidence, Impact/KPI

The import is all or nothing: any problem is listed with its row and column and nothing is
written. Importing again with the same title updates the plan without duplicating it.
Examples are in docs/examples/.
"""


def add_arguments(plan: CommandParser) -> None:
    plan.add_argument("file", type=Path, help="the .csv or .xlsx file")
    plan.add_argument("--la", required=True, help="the local authority's DfE code, e.g. 936")
    plan.add_argument("--title", help="the plan's title (default: from the file's name)")
    plan.add_argument("--layout", choices=sorted(LAYOUTS), help="default: read the header")
    plan.add_argument(
        "--user",
        help="who imports: a service or team manager of the LA "
        "(default: the LA's first service manager by username)",
    )
    plan.add_argument(
        "--map",
        action="append",
        type=column_mapping("what='Action'"),
        default=[],
        metavar="FIELD=HEADER",
        help="read FIELD from the column headed HEADER (repeatable), e.g. what='Action'",
    )
    plan.add_argument(
        "--today",
        type=date.fromisoformat,
        help="the import day, YYYY-MM-DD: the date of undated updates (default: today)",
    )


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"No such file: {path}", returncode=USAGE)
    la = area_coded(options["la"])
    user = acting_user(la, options["user"], option="--user")
    try:
        result = import_plan(
            path,
            filename=path.name,
            la=la,
            by=user,
            title=options["title"],
            layout=options["layout"],
            mapping=dict(options["map"]),
            today=options["today"],
        )
    except PermissionDenied as error:
        raise CommandError(
            f"{user.username} may not import a plan for {la}: {error}", returncode=PROBLEMS
        ) from error
    except ImportFailed as failed:
        hint = "Fix the file and run the import again."
        raise nothing_imported(
            command, failed.problems, prefix=f"{path.name}: ", hint=hint
        ) from failed
    command.stdout.write(f"{result.summary} (as {user.username})")

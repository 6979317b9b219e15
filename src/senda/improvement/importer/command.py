"""``senda import plan FILE --la CODE``: load an improvement plan from a CSV or XLSX table.

A kind of ``senda import`` (``senda.commands.ImportCommand``; offered by
``ImprovementConfig.import_commands``). Exit status: 0 imported, 1 the file has problems
(every one listed on stderr, nothing written) or the user may not import, 2 a usage error.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.commands import PROBLEMS, existing_file, import_arguments, nothing_imported
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
    import_arguments(
        plan,
        example="what='Action'",
        today="the import day, YYYY-MM-DD: the date of undated updates (default: today)",
    )
    plan.add_argument("--title", help="the plan's title (default: from the file's name)")
    plan.add_argument("--layout", choices=sorted(LAYOUTS), help="default: read the header")


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    path = existing_file(options)
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

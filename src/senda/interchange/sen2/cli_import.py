"""``senda sen2 import PATH --la CODE [--as USERNAME]``: read a SEN2 return into a local
area (``load``). Exit status: 0 imported, 1 the file has problems (every one listed on
stderr, nothing written) or the user may not import, 2 the file cannot be read as a return
(or another area's, or a usage error)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda import kernel
from senda.commands import PROBLEMS, USAGE, nothing_imported
from senda.interchange.sen2.findings import Unreadable
from senda.interchange.sen2.load import NothingImported, load_file, summary
from senda.people.command_user import acting_user, area_coded

SUMMARY = "read a SEN2 return (XML, or COLLECT's module CSVs) into a local area"
HELP = """Read a SEN2 return into a local area: the children, their cases, the steps the
statutory clock reads (requests, decisions, plans issued and ceased, transfers in, reviews),
plans with the settings they name, placements and needs.

PATH is the SEN2 XML file, or a folder or .zip of COLLECT's module CSVs ("Blade export":
Blade-Export_<date>_person.csv, _requests.csv …).

All or nothing: every problem is listed with the person (position in the file and UPN) and
the element, and nothing is written. A child already in Senda (same UPN, or the same name
and date of birth) is matched, not duplicated; importing the same file again changes
nothing. The steps are recorded as the importing user: --as USERNAME, a service manager of
the area (default: the area's first service manager by username).
"""


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("path", type=Path, help="the SEN2 XML file, or a folder or zip of CSVs")
    parser.add_argument("--la", required=True, help="the local authority's DfE code, e.g. 936")
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help="who imports: a service manager of the area (default: the first by username)",
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        help="the import day, YYYY-MM-DD (default: today)",
    )


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["path"]
    if not path.exists():
        raise CommandError(f"No such file or folder: {path}", returncode=USAGE)
    la = area_coded(options["la"])
    user = acting_user(la, options["as_user"], option="--as")
    try:
        run = load_file(la, path, user=user, today=options["today"] or kernel.today())
    except Unreadable as error:
        raise CommandError(f"{path.name}: {error}", returncode=USAGE) from error
    except PermissionDenied as error:
        raise CommandError(f"{user.username}: {error}", returncode=PROBLEMS) from error
    except NothingImported as failed:
        raise nothing_imported(
            command,
            failed.problems,
            prefix=f"{path.name}: ",
            hint="Fix the file (or Senda's records) and run the import again.",
        ) from failed
    for line in summary(run):
        command.stdout.write(line)
    command.stdout.write(f"SEN2 import {run.pk} recorded (as {user.username}).")

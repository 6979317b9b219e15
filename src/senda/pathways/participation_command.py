"""``senda import participation FILE --la CODE --month YYYY-MM``: load the council's
monthly participation extract (NEET / EET / not known; CCIS-style CSV or XLSX).

A kind of ``senda import`` (``senda.commands.ImportCommand``; offered by
``PathwaysConfig.import_commands``). Exit status: 0 imported, 1 the file has problems
(every one listed on stderr, nothing written) or the user may not import, 2 a usage error.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.commands import PROBLEMS, existing_file, import_arguments, nothing_imported
from senda.pathways.participation import FIELDS, LABELS
from senda.pathways.participation_import import import_participation
from senda.people.command_user import acting_user, area_coded
from senda.sheets import ImportFailed

KIND = "participation"
SUMMARY = "the council's monthly participation extract: NEET, EET, not known (CSV or XLSX)"
HELP = (
    """Import the council's monthly participation extract (CCIS-style).

A row per young person; its columns are found by their headings, or named with --map:
"""
    + "\n".join(f"  {name:15} {LABELS[name]}" for name in FIELDS)
    + """

Rows without SEND (no EHC plan, no SEN support) are not kept. Each row is matched to a
child of the area by UPN and date of birth, else by name and date of birth; a young person
with a plan must match. Importing the month again adds nothing for a young person whose
activity is unchanged; a changed activity supersedes the one recorded (which is kept).
All or nothing: every problem is listed with its row and column and nothing is written.
An example is docs/examples/participation-extract.csv.
"""
)


def month(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}", text):
        raise ValueError(text)
    return date.fromisoformat(f"{text}-01")


def add_arguments(parser: CommandParser) -> None:
    import_arguments(parser, example="activity='Activity'")
    parser.add_argument("--month", required=True, type=month, help="the extract's month, YYYY-MM")


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    path = existing_file(options)
    la = area_coded(options["la"])
    user = acting_user(la, options["user"], option="--user")
    try:
        result = import_participation(
            path.read_bytes(),
            filename=path.name,
            la=la,
            by=user,
            month=options["month"],
            mapping=dict(options["map"]),
            today=options["today"],
        )
    except PermissionDenied as error:
        raise CommandError(
            f"{user.username} may not import participation for {la}: {error}",
            returncode=PROBLEMS,
        ) from error
    except ImportFailed as failed:
        hint = "Fix the file and run the import again."
        raise nothing_imported(
            command, failed.problems, prefix=f"{path.name}: ", hint=hint
        ) from failed
    command.stdout.write(f"{result.summary} (as {user.username})")

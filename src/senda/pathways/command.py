"""``senda import nd-waits FILE --la CODE``: load the NHS provider's neurodevelopmental
waiting-list extract from a CSV or XLSX file.

A kind of ``senda import`` (``senda.commands.ImportCommand``; offered by
``PathwaysConfig.import_commands``). Exit status: 0 imported, 1 the file has problems
(every one listed on stderr, nothing written) or the user may not import, 2 a usage error.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.commands import PROBLEMS, existing_file, import_arguments, nothing_imported
from senda.pathways.extract import FIELDS, LABELS
from senda.pathways.extract_import import import_extract
from senda.people.command_user import acting_user, area_coded
from senda.sheets import ImportFailed

KIND = "nd-waits"
SUMMARY = "the NHS provider's neurodevelopmental waiting-list extract (CSV or XLSX)"
HELP = (
    """Import the NHS provider's neurodevelopmental waiting-list extract.

A row per referral; its columns are found by their headings, or named with --map:
"""
    + "\n".join(f"  {name:14} {LABELS[name]}" for name in FIELDS)
    + """

Each row is matched to a child of the area by NHS number and date of birth. A referral
already in Senda (same provider's reference and pathway, or same child, pathway and
referral date) gets the steps it lacks, and a step whose date or details differ is
corrected (the step as first recorded is kept). The import is all or nothing: every
problem is listed with its row and column and nothing is written. An example is
docs/examples/nd-waiting-list-extract.csv.
"""
)


def add_arguments(parser: CommandParser) -> None:
    import_arguments(parser, example="nhs_number='NHS'")


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    path = existing_file(options)
    la = area_coded(options["la"])
    user = acting_user(la, options["user"], option="--user")
    try:
        result = import_extract(
            path.read_bytes(),
            filename=path.name,
            la=la,
            by=user,
            mapping=dict(options["map"]),
            today=options["today"],
        )
    except PermissionDenied as error:
        raise CommandError(
            f"{user.username} may not import the waiting list for {la}: {error}",
            returncode=PROBLEMS,
        ) from error
    except ImportFailed as failed:
        hint = "Fix the file and run the import again."
        raise nothing_imported(
            command, failed.problems, prefix=f"{path.name}: ", hint=hint
        ) from failed
    command.stdout.write(f"{result.summary} (as {user.username})")

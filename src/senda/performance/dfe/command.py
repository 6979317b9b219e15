"""``senda import dfe-ehcp PATH``: load DfE's national EHC plan statistics.

A kind of ``senda import`` (``senda.commands.ImportCommand``; offered by
``PerformanceConfig.import_commands``).

Exit status: 0 imported, 1 the data has problems (every one listed, nothing written),
2 a usage error (no such file or folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.commands import USAGE, nothing_imported
from senda.performance.dfe.importer import ImportFailed, import_path

KIND = "dfe-ehcp"
SUMMARY = "DfE national EHC plan statistics (a release zip or a folder of them)"
HELP = """Import DfE's national statistics "Education, health and care plans" (SEN2).

PATH is a release zip as downloaded from Explore Education Statistics
(education-health-and-care-plans_2025.zip), or a folder of them (data/dfe-ehcp holds the
2022 and 2025 releases). Senda keeps a curated set of measures (20-week timeliness, requests
and refusals, caseload, placements, primary needs, annual review decisions) for England,
each region and each local authority, exactly as published.

All or nothing: any problem is listed and nothing is written. Importing a release again
replaces its figures. The data is under the Open Government Licence v3.0.
"""


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("path", type=Path, help="a release .zip, or a folder of them")


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["path"]
    if not path.exists():
        raise CommandError(f"No such file or folder: {path}", returncode=USAGE)
    try:
        done, seconds = import_path(path)
    except ImportFailed as failed:
        raise nothing_imported(command, failed.problems) from failed
    for each in done:
        command.stdout.write(each.summary)
    command.stdout.write(
        f"Done in {seconds:.1f} s. Contains public sector information licensed under the "
        "Open Government Licence v3.0."
    )

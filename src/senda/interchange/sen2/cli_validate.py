"""``senda sen2 validate FILE [--la CODE] [--year YYYY] [--workers N]``: check any SEN2 XML
file, ours or another system's, against the schema and the rules (``validate``). Prints a
summary (persons, errors, queries, how many of each rule) and then every finding. Exit 0
when there are none, 1 when there are findings, 2 when the file cannot be read as a SEN2
return at all (or is for another LA or year than ``--la``/``--year`` say). A large file is
checked in one process per core (at most 4; ``--workers 1``: in one), with the same
findings."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from senda.commands import PROBLEMS, USAGE
from senda.interchange.sen2.findings import Report, Unreadable
from senda.interchange.sen2.validate import RULES, validate_file
from senda.kernel.time import today

SUMMARY = "Check a SEN2 XML file: schema, DfE's identifier rules and Senda's checks."
HELP = __doc__ or ""

_WHAT = {rule.id: rule.what for rule in RULES}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the SEN2 XML file")
    parser.add_argument("--la", metavar="CODE", help="refuse a file for any other LA number")
    parser.add_argument("--year", type=int, metavar="YYYY", help="refuse a file for another year")
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="check a large file in N processes (default: one per core, at most 4; 1: one)",
    )


def _print(command: BaseCommand, report: Report, name: str) -> None:
    out = command.stdout
    header = report.header
    if header is not None:
        out.write(
            f"{name}: SEN2 {header.year} for LA {header.la}, reference date "
            f"{header.reference_date.isoformat()}"
        )
    out.write(f"{report.persons:,} persons, {report.errors:,} errors, {report.queries:,} queries")
    counts = report.by_rule()
    for (rule, level), count in sorted(counts.items()):
        what = _WHAT.get(rule, "schema" if rule.startswith("S-schema") else "")
        out.write(f"  {rule:<20} {level:<5} {count:>8,}  {what}")
    for finding in report.findings:
        who = f"person {finding.position}" if finding.position else "file"
        if finding.upn:
            who += f" (UPN {finding.upn})"
        out.write(
            f"{finding.level.upper()} {finding.rule} {who} {finding.element}: {finding.message}"
        )


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    path = Path(options["file"])
    if not path.is_file():
        raise CommandError(f"No such file: {path}", returncode=USAGE)
    try:
        with path.open("rb") as stream:
            report = validate_file(
                stream,
                today=today(),
                expect_la=options.get("la"),
                expect_year=options.get("year"),
                workers=options.get("workers"),
            )
    except Unreadable as problem:
        raise CommandError(f"{path.name} cannot be read as SEN2: {problem}", returncode=2) from None
    except OSError as problem:
        raise CommandError(
            f"{path.name} cannot be read: {problem.strerror}", returncode=2
        ) from None
    _print(command, report, path.name)
    if report.findings:
        raise CommandError(
            f"{report.errors:,} errors and {report.queries:,} queries (listed above).",
            returncode=PROBLEMS,
        )

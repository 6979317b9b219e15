"""``senda sen2 export --la CODE [--census YYYY-MM-DD] [--out FILE] [--workers N]``: make an
area's SEN2 return (``runs.write_return``), check it, and print a summary: persons, errors,
queries, the findings by rule, the inclusion rules met and the return's own figures. The
persons are written by ``--workers`` processes (default: one per processor, up to
``parts.MAX_WORKERS``) when there are many (``parts``); the database queries counted are
this process's.

Exit 0 when the return has no errors, 1 when it has (the file is still written, and
named), 2 on a usage error (no such area, not a date, a file that cannot be written).
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from senda import kernel
from senda.commands import PROBLEMS, USAGE
from senda.interchange.sen2 import aggregates, export, parts, runs
from senda.people.models import LocalAuthority

SUMMARY = "make an area's SEN2 return and check it"
HELP = __doc__ or ""


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--la", required=True, metavar="CODE", help="the area's DfE LA number")
    parser.add_argument(
        "--census",
        metavar="YYYY-MM-DD",
        help="the census (reference) day (default: the next January census)",
    )
    parser.add_argument(
        "--out", metavar="FILE", help="where to write the XML (default: its usual name, here)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes writing the persons (default: one per processor, up to "
        f"{parts.MAX_WORKERS})",
    )


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE)


def handle(command: BaseCommand, options: dict[str, Any]) -> None:
    code = str(options["la"]).strip()
    la = LocalAuthority.objects.filter(code=code).first()
    if la is None:
        raise _usage(f"No local area has the LA number {code!r}.")
    today = kernel.today()
    if options.get("census"):
        try:
            census = date.fromisoformat(options["census"])
        except ValueError as error:
            raise _usage(f"{options['census']!r} is not a date: write YYYY-MM-DD.") from error
    else:
        census = export.next_census(today)
    path = Path(options.get("out") or runs.file_name(la, census))
    try:
        out = path.open("w+b")  # read back only should a person need its bytes read
    except OSError as error:
        raise _usage(f"Cannot write {path}: {error.strerror or error}.") from error
    rules: Counter[str] = Counter()
    queries = [0]

    def counted(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries[0] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with out, connection.execute_wrapper(counted):
        run, report = runs.write_return(
            la,
            census=census,
            out=out,
            user=None,
            today=today,
            rules=rules,
            workers=options.get("workers") or parts.default_workers(),
        )
    seconds = time.perf_counter() - started
    write = command.stdout.write
    write(f"SEN2 return for {la.name} ({la.code}), census {census:%Y-%m-%d}: {path}")
    write(
        f"{run.persons} persons, {report.errors} errors, {report.queries} queries "
        f"({queries[0]} database queries, {seconds:.1f} s)"
    )
    if report.findings:
        write("Findings by rule:")
        for (rule, level), n in sorted(report.by_rule().items()):
            write(f"  {rule} ({level}): {n}")
    write("Who is in it (a person may meet several rules):")
    for key, label in export.RULES.items():
        write(f"  {label}: {rules[key]}")
    write("The return's figures:")
    for key, label in aggregates.KEYS.items():
        if run.counts.get(key) or not key.startswith("ceased_reason_"):
            write(f"  {label}: {run.counts.get(key, 0)}")
    if report.errors:
        raise CommandError(
            f"The return has {report.errors} error{'s' if report.errors != 1 else ''}: "
            f"fix them before submitting it (the file is written: {path}).",
            returncode=PROBLEMS,
        )

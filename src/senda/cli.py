"""The ``senda`` command: the single entry point.

``senda deadlines`` runs the pure statutory clock without starting Django, so it answers
in well under a second. Every other sub-command is a Django management command
(``senda demo``, ``senda serve``, ``senda migrate``, ``senda createsuperuser`` …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "deadlines":
        from senda.clock.cli import main as deadlines_main

        return deadlines_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senda.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["senda", *args])
    except (OperationalError, ProgrammingError) as problem:
        sys.stderr.write(_database_problem(problem))
        return 2
    return 0


def _database_problem(problem: Exception) -> str:
    """A database that cannot be used as a plain message, not a traceback: most often one
    never set up (a command run before ``senda migrate`` or ``senda demo``)."""
    from django.db import connection

    text = str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
    where = connection.settings_dict.get("NAME") or "(none)"
    missing = "no such table" in text or ("relation" in text and "does not exist" in text)
    advice = (
        "it has not been set up: run `senda migrate` (or `senda demo` for the demo area), "
        "or set SENDA_DATA_DIR or DATABASE_URL to the database you meant"
        if missing
        else "check that it is running and that DATABASE_URL names it (docs/env.md)"
    )
    return f"senda: the database {where} could not be used ({text}): {advice}.\n"


if __name__ == "__main__":
    raise SystemExit(main())

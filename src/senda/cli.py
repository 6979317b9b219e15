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

    execute_from_command_line(["senda", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

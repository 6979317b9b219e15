"""``senda sen2 export|validate|import …``: the SEN2 return from the command line. Each
sub-command lives in its own module of ``senda.interchange.sen2`` (``cli_export``,
``cli_validate``, ``cli_import``), each with ``SUMMARY``, ``HELP``,
``add_arguments(parser)`` and ``handle(command, options)``."""

from __future__ import annotations

import argparse
from importlib import import_module
from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

SUB_COMMANDS = {
    "export": "senda.interchange.sen2.cli_export",
    "validate": "senda.interchange.sen2.cli_validate",
    "import": "senda.interchange.sen2.cli_import",
}


def sub_commands() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for name, path in SUB_COMMANDS.items():
        try:
            found[name] = import_module(path)
        except ModuleNotFoundError as missing:
            if missing.name != path:
                raise
    return found


class Command(BaseCommand):
    help = (
        "The SEN2 return: `senda sen2 export --la CODE` makes it, `senda sen2 validate FILE` "
        "checks any SEN2 file, `senda sen2 import FILE --la CODE` reads one in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        for name, module in sub_commands().items():
            module.add_arguments(
                sub.add_parser(
                    name,
                    help=module.SUMMARY,
                    description=module.HELP,
                    formatter_class=argparse.RawDescriptionHelpFormatter,
                )
            )

    def handle(self, *args: Any, **options: Any) -> None:
        sub_commands()[options["sub"]].handle(self, options)

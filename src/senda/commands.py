"""What Senda's commands share: their exit statuses, how an all-or-nothing import that
found problems reports them (every problem on stderr, then one line saying nothing was
written), and ``senda import``, to which each room adds its kinds of data."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

#: The input has problems (every one listed), or the user may not do this.
PROBLEMS = 1
#: The command was used wrongly (an unknown option, no such file …).
USAGE = 2


def column_mapping(example: str) -> Any:
    """An argparse ``type`` for ``--map FIELD=HEADING``: the pair, stripped, or an error
    showing ``example`` (``"what='Action'"``)."""

    def parse(text: str) -> tuple[str, str]:
        field, sep, heading = text.partition("=")
        if not sep or not field.strip() or not heading.strip():
            raise argparse.ArgumentTypeError(f"{text!r} is not FIELD=HEADING, e.g. {example}")
        return field.strip(), heading.strip()

    return parse


def import_arguments(
    parser: CommandParser,
    *,
    example: str,
    today: str = "the import day, YYYY-MM-DD (default: today)",
) -> None:
    """The arguments every ``senda import`` of a file takes: the file, ``--la``, ``--user``
    (a team or service manager of the area), ``--map FIELD=HEADING`` (repeatable; ``example``
    shows one) and ``--today`` (``today`` says what the day is for)."""
    parser.add_argument("file", type=Path, help="the .csv or .xlsx file")
    parser.add_argument("--la", required=True, help="the local authority's DfE code, e.g. 936")
    parser.add_argument(
        "--user",
        help="who imports: a team or service manager of the LA "
        "(default: the LA's first service manager by username)",
    )
    parser.add_argument(
        "--map",
        action="append",
        type=column_mapping(example),
        default=[],
        metavar="FIELD=HEADER",
        help=f"read FIELD from the column headed HEADER (repeatable), e.g. {example}",
    )
    parser.add_argument("--today", type=date.fromisoformat, help=today)


def existing_file(options: dict[str, Any]) -> Path:
    """The ``file`` argument, or a usage error naming it when there is no such file."""
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"No such file: {path}", returncode=USAGE)
    return path


def nothing_imported(
    command: BaseCommand, problems: Sequence[str], *, prefix: str = "", hint: str = ""
) -> CommandError:
    """Write each problem to ``command``'s stderr (after ``prefix``) and return the error
    to raise: exit status :data:`PROBLEMS`, saying how many there were and ``hint``."""
    for problem in problems:
        command.stderr.write(f"{prefix}{problem}")
    count = len(problems)
    message = f"Nothing was imported: {count} problem{'s' if count != 1 else ''} (listed above)."
    return CommandError(f"{message} {hint}".strip(), returncode=PROBLEMS)


class ImportCommand(BaseCommand):
    """``senda import KIND …``: one command, a sub-command per kind of data. Each room offers
    its kinds by naming their modules in its app config's ``import_commands``; a module has

    - ``KIND`` (``"plan"``), ``SUMMARY`` (one line) and ``HELP`` (the sub-command's page),
    - ``add_arguments(parser)`` and ``handle(command, options)``,

    so the command knows no room and no room imports another to be offered here. Kinds are
    listed in the order of ``INSTALLED_APPS``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        each = ", ".join(f"`senda import {kind} …` (see `{kind} --help`)" for kind in self.kinds())
        self.help = f"Import data into Senda: {each}."

    def kinds(self) -> dict[str, ModuleType]:
        found: dict[str, ModuleType] = {}
        for config in apps.get_app_configs():
            for name in getattr(config, "import_commands", ()):
                module = import_module(name)
                found[module.KIND] = module
        return found

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = self.kinds()
        sub = parser.add_subparsers(dest="kind", required=True, metavar="{" + ",".join(kinds) + "}")
        for kind, module in kinds.items():
            module.add_arguments(
                sub.add_parser(
                    kind,
                    help=module.SUMMARY,
                    description=module.HELP,
                    formatter_class=argparse.RawDescriptionHelpFormatter,
                )
            )

    def handle(self, *args: Any, **options: Any) -> None:
        self.kinds()[options["kind"]].handle(self, options)

"""``senda ledger import FILE --la CODE [--kind actuals|budgets] [--as USER]
[--mapping NAME] [--map FIELD=HEADING …]``: load the High Needs ledger's monthly actuals or
annual budgets from a CSV or XLSX file (docs/money.md).

All or nothing: any problem is listed on stderr with its row and column, and nothing is
written. Exit status: 0 imported, 1 the file has problems or the user may not import, 2 a
usage error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.commands import PROBLEMS, USAGE, column_mapping, nothing_imported
from senda.people.command_user import acting_user, area_coded
from senda.people.models import Role
from senda.sheets import ImportFailed
from senda.sufficiency.ledger import import_ledger
from senda.sufficiency.ledger_parse import FIELDS
from senda.sufficiency.models import LedgerMapping


class Command(BaseCommand):
    help = (__doc__ or "").split("\n\n")[0]

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        do = sub.add_parser("import", help="import actuals or budgets from a CSV or XLSX file")
        do.add_argument("file", type=Path, help="the .csv or .xlsx file")
        do.add_argument("--la", required=True, metavar="CODE", help="the area's LA number")
        do.add_argument("--kind", choices=sorted(FIELDS), default="actuals", help="actuals")
        do.add_argument(
            "--as",
            dest="user",
            metavar="USER",
            help="who imports: a finance officer of the area (default: its first by username)",
        )
        do.add_argument("--mapping", metavar="NAME", help="a mapping saved on the ledger's page")
        do.add_argument(
            "--map",
            action="append",
            type=column_mapping("line='Cost centre'"),
            default=[],
            metavar="FIELD=HEADING",
            help=f"read FIELD ({', '.join(FIELDS['actuals'])}, year) from the column headed "
            "HEADING (repeatable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        la = area_coded(str(options["la"]).strip())
        user = acting_user(la, options["user"], option="--as", role=Role.FINANCE_OFFICER)
        mapping: dict[str, str] = {}
        if options["mapping"]:
            saved = LedgerMapping.objects.filter(
                la=la, kind=options["kind"], name=options["mapping"]
            ).first()
            if saved is None:
                raise CommandError(f"No saved mapping {options['mapping']!r}.", returncode=USAGE)
            mapping.update(saved.columns)
        mapping.update(dict(options["map"]))
        try:
            result = import_ledger(
                path.read_bytes(),
                filename=path.name,
                kind=options["kind"],
                la=la,
                by=user,
                mapping=mapping,
            )
        except PermissionDenied as refused:
            raise CommandError(str(refused), returncode=PROBLEMS) from None
        except ImportFailed as failed:
            raise nothing_imported(self, [str(p) for p in failed.problems]) from None
        self.stdout.write(result.summary)

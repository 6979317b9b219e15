"""``senda restore FILE [--replace]``: put back a backup made by ``senda backup``.

    senda restore senda-backup-20261204T140000Z.tar
    senda restore senda.tar.gz --replace    # overwrite a database that holds data

The whole archive is verified before anything is written: every member named by its
manifest, of its size and SHA-256, nothing else in it, nothing outside it, made on the
database engine configured here by this Senda or an older one. A database or files folder
that already holds data is overwritten only with ``--replace``. Stop the web processes and
the worker first; run ``senda migrate`` after restoring an older backup (the command says
so). Exit status 1 if the archive is refused (nothing is changed), 2 on a usage error.
See docs/backups.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.backups import Refused, database
from senda.backups.restore import restore_backup
from senda.commands import PROBLEMS, existing_file


class Command(BaseCommand):
    help = "Restore a backup made by `senda backup`, verified first (docs/backups.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the archive (.tar or .tar.gz)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database and files folder that already hold data",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = existing_file(options)
        try:
            manifest = restore_backup(path, replace=options["replace"])
        except Refused as refusal:
            raise CommandError(str(refusal), returncode=PROBLEMS) from None
        except OSError as error:
            raise CommandError(f"The restore failed: {error}", returncode=PROBLEMS) from None
        count = len(manifest.members) - 1
        self.stdout.write(
            f"Restored the {manifest.engine} database and {count} file{'s' * (count != 1)} "
            f"from the backup made {manifest.created_at} by Senda {manifest.senda}."
        )
        if database.behind(manifest.migrations):
            self.stdout.write("This Senda has newer migrations: run `senda migrate` next.")

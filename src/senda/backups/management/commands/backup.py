"""``senda backup [--out FILE]``: the database and the uploaded files into one archive.

    senda backup                                 # ./senda-backup-20261204T140000Z.tar
    senda backup --out /backups/senda.tar.gz     # gzip-compressed

The archive holds ``manifest.json`` (Senda's version, when, the database engine, the last
migration of each app, each member's size and SHA-256), ``SHA256SUMS``, the database dump and
the files. It is readable by its owner only. Exit status 1 if it could not be made, 2 on a
usage error. See docs/backups.md.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senda.backups import Refused
from senda.backups.backup import default_name, make_backup
from senda.commands import PROBLEMS, USAGE


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one archive (docs/backups.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            help="the archive to write, .tar or .tar.gz (default: "
            "senda-backup-<UTC time>.tar in the current folder)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"] or default_name(datetime.now(UTC))
        if not out.parent.is_dir():
            raise CommandError(f"No such folder: {out.parent}", returncode=USAGE)
        if out.exists():
            raise CommandError(f"{out} exists already: name another file.", returncode=USAGE)
        try:
            manifest = make_backup(out)
        except Refused as refusal:
            raise CommandError(str(refusal), returncode=PROBLEMS) from None
        except OSError as error:
            raise CommandError(f"The backup failed: {error}", returncode=PROBLEMS) from None
        count = len(manifest.members) - 1
        self.stdout.write(
            f"Backed up the {manifest.engine} database and {count} file{'s' * (count != 1)} "
            f"to {out} ({out.stat().st_size:,} bytes)."
        )

"""``senda backup``: the database, then the files, into one verified archive."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from senda import __version__
from senda.backups import archive, database, files
from senda.backups.manifest import Manifest, Member


def default_name(now: datetime) -> Path:
    return Path(f"senda-backup-{now:%Y%m%dT%H%M%SZ}.tar")


def make_backup(out: Path) -> Manifest:
    """Write a backup to ``out``: the database first, then the files, so every upload the
    dumped database records is already in the folder (a file is stored before its record);
    a file uploaded during the backup may come without its record, never the reverse."""
    now = datetime.now(UTC).replace(microsecond=0)
    staging = Path(tempfile.mkdtemp(prefix=".senda-backup-", dir=out.parent))
    try:
        dumped = database.dump(staging)
        state = database.migration_state()
        sources = {dumped.name: dumped} | files.listed()
        members = tuple(
            Member(name=name, size=path.stat().st_size, sha256=archive.sha256_of(path))
            for name, path in sources.items()
        )
        manifest = Manifest(
            senda=__version__,
            created_at=now.isoformat(),
            engine=database.engine(),
            migrations=state,
            members=members,
        )
        archive.write(out, manifest, sources, now.timestamp())
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest

"""``senda restore``: verify an archive in full, then put back its database and files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from senda.backups import Refused, archive, database, files
from senda.backups.manifest import FILES, Manifest


def restore_backup(path: Path, *, replace: bool) -> Manifest:
    """Restore the archive at ``path``. Refused, with nothing changed, if it does not verify
    (every member present, named by the manifest, of its size and checksum), if it was made
    on another database engine or by a newer Senda, if it would not fit on the disk, or if
    the database or the files folder already hold data and ``replace`` is false."""
    parent = files.root().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".senda-restore-", dir=parent))
    try:
        manifest = archive.read(path, staging, lambda m: _may_restore(m, staging, replace))
        database.restore(staging / manifest.database_member)
        files.replace(staging / FILES.rstrip("/"))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _may_restore(manifest: Manifest, staging: Path, replace: bool) -> None:
    here = database.engine()
    if manifest.engine != here:
        raise Refused(
            f"The archive holds a {manifest.engine} database; this Senda is configured for "
            f"{here}. Restore it into a {manifest.engine} database (DATABASE_URL)."
        )
    unknown = database.unknown_migrations(manifest.migrations)
    if unknown:
        raise Refused(
            f"The archive was made by a newer Senda ({manifest.senda}): this one lacks its "
            f"migrations {', '.join(unknown[:3])}. Restore it with Senda {manifest.senda}."
        )
    free = shutil.disk_usage(staging).free
    if manifest.total_size > free:
        raise Refused(
            f"The archive would unpack to {manifest.total_size:,} bytes; the disk has "
            f"{free:,} free. Nothing was restored."
        )
    if not replace and database.holds_data():
        raise Refused("The database already holds data: give --replace to overwrite it.")
    if not replace and files.any_there():
        raise Refused(f"{files.root()} already holds files: give --replace to overwrite them.")

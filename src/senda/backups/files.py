"""The uploaded files: everything under ``MEDIA_ROOT`` (``SENDA_FILES_DIR``), where the
portal's uploads are stored through Django's default file storage."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage

from senda.backups import Refused
from senda.backups.manifest import FILES


def root() -> Path:
    """The folder the files live in; refused if uploads are stored elsewhere."""
    if not isinstance(default_storage, FileSystemStorage):
        raise Refused("Uploads are not stored in a folder (MEDIA_ROOT): back them up yourself.")
    return Path(settings.MEDIA_ROOT)


def listed() -> dict[str, Path]:
    """Each regular file under the folder by its member name (``files/…``), in order.
    Symbolic links are left out: Senda never makes them."""
    folder = root()
    if not folder.is_dir():
        return {}
    found = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return {FILES + p.relative_to(folder).as_posix(): p for p in found}


def any_there() -> bool:
    folder = root()
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


def replace(staged: Path) -> None:
    """Make the folder hold exactly the unpacked ``staged`` files (a folder, maybe absent)."""
    folder = root()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.unlink()
    if staged.is_dir():
        for new in staged.iterdir():
            shutil.move(new, folder / new.name)

"""The archive: a tar file (gzip-compressed if its name ends ``.gz``) whose members are, in
order, ``manifest.json``, ``SHA256SUMS``, the database and the files under ``files/``.

Reading treats the archive as hostile: members are read one by one as a stream (never
``extractall``); each must be named by the manifest, once, as a regular file of the size
it gives, and its bytes must hash to the manifest's checksum; names are checked before any
path is made from them; the manifest's total must fit on the disk before anything is
written; and a missing member refuses the archive at the end. Any refusal leaves the
staging folder to be removed by the caller and changes nothing else.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import os
import tarfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol

from senda.backups import Refused
from senda.backups.manifest import MAX_TEXT_BYTES, NAME, SUMS, Manifest, Member, parse, safe_name

CHUNK = 1024 * 1024
_READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write(out: Path, manifest: Manifest, sources: dict[str, Path], mtime: float) -> None:
    """Write the archive to ``out`` (readable by its owner only: it holds children's
    records), through a partial file renamed into place, so ``out`` is whole or absent.
    ``sources`` gives the file behind each of the manifest's members."""
    raw = manifest.to_json()
    sums = manifest.sums(hashlib.sha256(raw).hexdigest())
    partial = out.with_name(f".{out.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with (
            os.fdopen(fd, "wb") as stream,
            tarfile.open(fileobj=stream, mode="w:gz" if out.name.endswith(".gz") else "w") as tar,
        ):
            _add(tar, NAME, io.BytesIO(raw), len(raw), mtime)
            _add(tar, SUMS, io.BytesIO(sums), len(sums), mtime)
            for member in manifest.members:
                with sources[member.name].open("rb") as file:
                    hashed = _Hashing(file)
                    _add(tar, member.name, hashed, member.size, mtime)
                if hashed.digest.hexdigest() != member.sha256:
                    raise Refused(f"{member.name} changed while it was backed up: run it again.")
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _add(tar: tarfile.TarFile, name: str, file: _Readable, size: int, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o600
    tar.addfile(info, file)


class _Hashing:
    """A file read through a SHA-256: the bytes tar copies are the bytes checked."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file, self.digest = file, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data


def read(path: Path, into: Path, check: Callable[[Manifest], None]) -> Manifest:
    """Verify the archive at ``path`` while unpacking it into the empty folder ``into``;
    ``check`` sees the manifest before any member is unpacked (and may refuse it)."""
    try:
        with _opened(path) as tar:
            return _read(tar, into, check)
    except _READ_ERRORS as error:
        raise Refused(
            f"The archive cannot be read: it is damaged or not a tar file ({error})."
        ) from None


@contextmanager
def _opened(path: Path) -> Iterator[tarfile.TarFile]:
    with path.open("rb") as stream, tarfile.open(fileobj=stream, mode="r|*") as tar:
        yield tar


def _read(tar: tarfile.TarFile, into: Path, check: Callable[[Manifest], None]) -> Manifest:
    members = iter(tar)
    raw = _text(tar, next(members, None), NAME)
    manifest = parse(raw)
    check(manifest)
    _check_sums(_text(tar, next(members, None), SUMS), manifest, hashlib.sha256(raw).hexdigest())
    expected = {member.name: member for member in manifest.members}
    for info in members:
        name = safe_name(info.name)
        member = expected.pop(name, None)
        if member is None:
            raise Refused(f"The archive holds {name!r}, which its manifest does not list.")
        _unpack(tar, info, member, into)
    if expected:
        missing = sorted(expected)
        raise Refused(
            f"The archive lacks {len(missing)} member(s) its manifest lists: {missing[:3]}."
        )
    return manifest


def _text(tar: tarfile.TarFile, info: tarfile.TarInfo | None, name: str) -> bytes:
    if info is None or info.name != name:
        raise Refused(f"This is not a Senda backup: it does not start with {NAME} and {SUMS}.")
    if not info.isreg() or info.size > MAX_TEXT_BYTES:
        raise Refused(f"The archive's {name} is not a plain file of a sensible size.")
    file = tar.extractfile(info)
    assert file is not None  # a regular file
    return file.read()


def _check_sums(raw: bytes, manifest: Manifest, manifest_sha256: str) -> None:
    if raw != manifest.sums(manifest_sha256):
        raise Refused(f"The archive's {SUMS} does not agree with its manifest.")


def _unpack(tar: tarfile.TarFile, info: tarfile.TarInfo, member: Member, into: Path) -> None:
    if not info.isreg() or info.issparse():
        raise Refused(f"The archive's {member.name!r} is not a plain file (a link or device?).")
    if info.size != member.size:
        raise Refused(
            f"The archive's {member.name!r} is {info.size} bytes; its manifest says {member.size}."
        )
    target = into.joinpath(*member.name.split("/"))
    if not target.resolve().is_relative_to(into.resolve()):  # safe_name's belt and braces
        raise Refused(f"The archive names a member outside itself: {member.name!r}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = tar.extractfile(info)
    assert source is not None
    digest, written = hashlib.sha256(), 0
    with target.open("xb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            digest.update(chunk)
            out.write(chunk)
    if written != member.size or digest.hexdigest() != member.sha256:
        raise Refused(
            f"The archive's {member.name!r} does not match its checksum: the archive is damaged."
        )

"""The manifest: the first member of every archive, ``manifest.json``.

    {"format": "senda-backup", "version": 1, "senda": "0.1.0",
     "created_at": "2026-12-04T14:00:00+00:00",
     "database": {"engine": "sqlite", "member": "database.sqlite3"},
     "migrations": {"casework": "0031_…", …},
     "members": [{"name": "database.sqlite3", "size": 123, "sha256": "…"},
                 {"name": "files/portal/2026/03/….pdf", "size": 456, "sha256": "…"}]}

``members`` lists every member after ``manifest.json`` and ``SHA256SUMS`` (which lists the
same checksums, and the manifest's own, in ``sha256sum`` format). An archive is hostile input
until verified: :func:`parse` refuses anything but a well-formed manifest of a version it
reads, with a message naming what is wrong.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from senda.backups import Refused

FORMAT = "senda-backup"
VERSION = 1
NAME = "manifest.json"
SUMS = "SHA256SUMS"
FILES = "files/"
#: The database member's name by engine (Django's ``connection.vendor``).
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
#: The manifest and the checksum list are read into memory: no bigger than this.
MAX_TEXT_BYTES = 64 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    senda: str
    created_at: str
    engine: str
    migrations: dict[str, str]
    members: tuple[Member, ...] = field(default=())

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.engine]

    @property
    def total_size(self) -> int:
        return sum(member.size for member in self.members)

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "senda": self.senda,
            "created_at": self.created_at,
            "database": {"engine": self.engine, "member": self.database_member},
            "migrations": self.migrations,
            "members": [asdict(m) for m in self.members],
        }
        return json.dumps(data, indent=1, sort_keys=True).encode()

    def sums(self, manifest_sha256: str) -> bytes:
        """``SHA256SUMS``: the manifest's checksum and every member's, as ``sha256sum``
        writes them, so an operator can check an unpacked archive with ``sha256sum -c``."""
        lines = [f"{manifest_sha256}  {NAME}"]
        lines += [f"{m.sha256}  {m.name}" for m in self.members]
        return ("\n".join(lines) + "\n").encode()


def safe_name(name: object) -> str:
    """``name`` if it is a plain relative path inside the archive; else refused. No absolute
    paths, no ``..``, no empty or ``.`` parts, no backslashes or control characters."""
    if not isinstance(name, str) or not name or len(name) > 1000:
        raise Refused(f"The archive names a member badly: {name!r}.")
    parts = name.split("/")
    if (
        name.startswith("/")
        or "\\" in name
        or any(ord(c) < 32 for c in name)
        or any(part in {"", ".", ".."} for part in parts)
    ):
        raise Refused(f"The archive names a member outside itself: {name!r}. Nothing was restored.")
    return name


def parse(raw: bytes) -> Manifest:
    """The manifest in ``raw``, or :class:`Refused` saying what is wrong with it."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused("The archive's manifest.json is not readable JSON.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Refused("This is not a Senda backup: its manifest.json does not say so.")
    if data.get("version") != VERSION:
        raise Refused(
            f"The archive's manifest is version {data.get('version')!r}; this version of Senda "
            f"reads version {VERSION} only. Restore it with the Senda that made it."
        )
    database = _field(data, "database", dict)
    engine = database.get("engine")
    if engine not in DATABASE_MEMBERS or database.get("member") != DATABASE_MEMBERS[engine]:
        raise Refused(f"The archive's manifest names an unknown database: {database!r}.")
    migrations = _field(data, "migrations", dict)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in migrations.items()):
        raise Refused("The archive's manifest lists its migrations badly.")
    members = tuple(_member(item) for item in _field(data, "members", list))
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise Refused("The archive's manifest lists a member twice.")
    if DATABASE_MEMBERS[engine] not in names:
        raise Refused("The archive's manifest lists no database.")
    strays = [n for n in names if n != DATABASE_MEMBERS[engine] and not n.startswith(FILES)]
    if strays:
        raise Refused(f"The archive's manifest lists members Senda does not write: {strays[:3]}.")
    return Manifest(
        senda=str(_field(data, "senda", str)),
        created_at=str(_field(data, "created_at", str)),
        engine=engine,
        migrations=dict(migrations),
        members=members,
    )


def _field(data: dict[str, Any], name: str, kind: type) -> Any:
    value = data.get(name)
    if not isinstance(value, kind):
        raise Refused(f"The archive's manifest has no valid {name!r}.")
    return value


def _member(item: Any) -> Member:
    if not isinstance(item, dict):
        raise Refused("The archive's manifest lists a member badly.")
    size, sha256 = item.get("size"), item.get("sha256")
    if type(size) is not int or size < 0 or not isinstance(sha256, str):
        raise Refused(f"The archive's manifest gives a bad size or checksum: {item!r:.200}.")
    if not _SHA256.fullmatch(sha256):
        raise Refused(f"The archive's manifest gives a bad checksum: {sha256!r:.80}.")
    return Member(name=safe_name(item.get("name")), size=size, sha256=sha256)

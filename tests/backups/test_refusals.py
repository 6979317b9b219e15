"""``senda restore`` refuses an archive that does not verify: a clear message, exit status
1 (2 for no such file) and nothing changed, never a traceback. The archives are made by
hand, each wrong in one way."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senda.backups import database
from senda.commands import PROBLEMS, USAGE

pytestmark = [pytest.mark.django_db, pytest.mark.once]

DB = "database.sqlite3"


def manifest(members: dict[str, bytes], **changes: Any) -> dict[str, Any]:
    data = {
        "format": "senda-backup",
        "version": 1,
        "senda": "0.1.0",
        "created_at": "2026-12-04T14:00:00+00:00",
        "database": {"engine": "sqlite", "member": DB},
        "migrations": database.migration_state(),
        "members": [
            {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for n, b in members.items()
        ],
    }
    return data | changes


def archive(
    path: Path,
    members: dict[str, bytes],
    listed: dict[str, Any] | None = None,
    *,
    extra: list[tarfile.TarInfo] = (),  # type: ignore[assignment]
) -> Path:
    """A tar at ``path``: the manifest (``listed``, or one listing ``members``), its
    SHA256SUMS, the members, then any ``extra`` headers."""
    data = listed if listed is not None else manifest(members)
    raw = json.dumps(data).encode()
    sums = [f"{hashlib.sha256(raw).hexdigest()}  manifest.json"]
    sums += [f"{m['sha256']}  {m['name']}" for m in data.get("members", [])]
    entries = {"manifest.json": raw, "SHA256SUMS": ("\n".join(sums) + "\n").encode()}
    with tarfile.open(path, "w:gz" if path.name.endswith(".gz") else "w") as tar:
        for name, body in (entries | members).items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
        for info in extra:
            tar.addfile(info)
    return path


def refused(path: Path, match: str) -> None:
    with pytest.raises(CommandError, match=match) as error:
        call_command("restore", str(path), verbosity=0)
    assert error.value.returncode == PROBLEMS


GOOD = {DB: b"SQLite format 3\x00 pretend", "files/portal/2026/03/a.pdf": b"%PDF-1.4"}


def test_it_refuses_a_file_that_is_not_a_tar(tmp_path):
    (tmp_path / "x.tar").write_bytes(b"not a tar at all" * 100)
    refused(tmp_path / "x.tar", "cannot be read: it is damaged or not a tar file")
    (tmp_path / "x.tar.gz").write_bytes(gzip.compress(b"not a tar" * 100))
    refused(tmp_path / "x.tar.gz", "cannot be read")


def test_it_refuses_a_truncated_archive(tmp_path):
    whole = archive(tmp_path / "a.tar", GOOD).read_bytes()
    (tmp_path / "cut.tar").write_bytes(whole[:2000])
    refused(tmp_path / "cut.tar", "cannot be read|lacks")


def test_it_refuses_a_missing_file_as_a_usage_error(tmp_path):
    with pytest.raises(CommandError, match="No such file") as error:
        call_command("restore", str(tmp_path / "none.tar"))
    assert error.value.returncode == USAGE


def test_it_refuses_an_archive_without_its_manifest_first(tmp_path):
    with tarfile.open(tmp_path / "a.tar", "w") as tar:
        tar.addfile(tarfile.TarInfo("database.sqlite3"))
    refused(tmp_path / "a.tar", "not a Senda backup")


def test_it_refuses_a_manifest_that_is_not_json_or_not_senda(tmp_path):
    with tarfile.open(tmp_path / "a.tar", "w") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"{nope"))
    refused(tmp_path / "a.tar", "not readable JSON")
    refused(archive(tmp_path / "b.tar", GOOD, manifest(GOOD, format="zip")), "not a Senda backup")


def test_it_refuses_an_unknown_manifest_version(tmp_path):
    refused(archive(tmp_path / "a.tar", GOOD, manifest(GOOD, version=2)), "version 2; this")


def test_it_refuses_a_database_of_another_engine(tmp_path):
    other = {"database.pgdump": b"PGDMP", "files/a": b"a"}
    listed = manifest(other, database={"engine": "postgresql", "member": "database.pgdump"})
    refused(archive(tmp_path / "a.tar", other, listed), "holds a postgresql database; this")


def test_it_refuses_an_archive_made_by_a_newer_senda(tmp_path, settings):
    settings.MIGRATION_MODULES = {}  # this code's migrations, though the test database has none
    listed = manifest(GOOD, senda="9.0.0", migrations={"casework": "9999_from_the_future"})
    refused(archive(tmp_path / "a.tar", GOOD, listed), r"newer Senda \(9.0.0\).*9999")


def test_it_refuses_a_missing_member(tmp_path):
    listed = manifest(GOOD)
    refused(archive(tmp_path / "a.tar", {DB: GOOD[DB]}, listed), "lacks 1 member.*a.pdf")


def test_it_refuses_a_wrong_checksum(tmp_path):
    listed = manifest(GOOD)
    tampered = GOOD | {"files/portal/2026/03/a.pdf": b"%PDF-1.5"}  # the same size
    refused(archive(tmp_path / "a.tar", tampered, listed), "does not match its checksum")


def test_it_refuses_checksums_that_disagree_with_the_manifest(tmp_path):
    path = archive(tmp_path / "a.tar", GOOD)
    with tarfile.open(path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    members["SHA256SUMS"] = members["SHA256SUMS"].replace(b"  database", b"  databasX")
    with tarfile.open(tmp_path / "b.tar", "w") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    refused(tmp_path / "b.tar", "SHA256SUMS does not agree")


@pytest.mark.parametrize(
    "name",
    ["files/../../../etc/cron.d/x", "/etc/passwd", "files/a/./b", "files\\..\\x", "files//a"],
)
def test_it_refuses_a_path_outside_the_archive(tmp_path, name):
    members = GOOD | {name: b"x"}
    refused(archive(tmp_path / "a.tar", members), "outside itself")
    unlisted = archive(tmp_path / "b.tar", GOOD, manifest(GOOD), extra=[tarfile.TarInfo(name)])
    refused(unlisted, "outside itself")
    assert not Path("/etc/cron.d/x").exists()


def test_it_refuses_a_member_its_manifest_does_not_list(tmp_path):
    extra = tarfile.TarInfo("files/unlisted.pdf")
    refused(archive(tmp_path / "a.tar", GOOD, extra=[extra]), "does not list")


def test_it_refuses_links(tmp_path):
    link = tarfile.TarInfo("files/link")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    listed = manifest(GOOD | {"files/link": b""})
    refused(archive(tmp_path / "a.tar", GOOD, listed, extra=[link]), "not a plain file")


def test_it_refuses_a_tar_bomb(tmp_path):
    """A manifest promising more than the disk holds is refused before anything is
    unpacked; a member bigger than its manifest says, before it is read."""
    listed = manifest(GOOD)
    listed["members"][1]["size"] = 10**18
    refused(archive(tmp_path / "a.tar.gz", GOOD, listed), "would unpack to 1,000,000")
    bomb = GOOD | {"files/zeros": bytes(5 * 2**20)}
    listed = manifest(GOOD | {"files/zeros": b"0123456789"})
    refused(archive(tmp_path / "b.tar.gz", bomb, listed), "is 5242880 bytes; its manifest says 10")
    assert (tmp_path / "b.tar.gz").stat().st_size < 10_000


def test_it_refuses_a_member_listed_twice(tmp_path):
    listed = manifest(GOOD)
    listed["members"].append(listed["members"][1])
    refused(archive(tmp_path / "a.tar", GOOD, listed), "a member twice")


def test_it_leaves_no_staging_folder_behind(tmp_path, settings):
    refused(archive(tmp_path / "a.tar", GOOD, manifest(GOOD, version=3)), "version 3")
    parent = Path(settings.MEDIA_ROOT).parent
    assert not list(parent.glob(".senda-restore-*"))


def test_backup_refuses_to_overwrite_a_file_or_write_into_no_folder(tmp_path):
    (tmp_path / "there.tar").write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="exists already") as there:
        call_command("backup", out=tmp_path / "there.tar")
    with pytest.raises(CommandError, match="No such folder") as nowhere:
        call_command("backup", out=tmp_path / "no" / "such.tar")
    assert there.value.returncode == nowhere.value.returncode == USAGE
    assert (tmp_path / "there.tar").read_bytes() == b"an earlier backup"


def test_restore_says_to_migrate_after_an_older_backup(tmp_path, monkeypatch, settings):
    """An archive whose migrations are behind this code's is restored, then the command
    says to run `senda migrate` (the upgrade path)."""
    from senda.backups import restore

    settings.MIGRATION_MODULES = {}  # this code's migrations, though the test database has none

    archive_path = archive(tmp_path / "a.tar", GOOD, manifest(GOOD, migrations={}))
    monkeypatch.setattr(restore.database, "restore", lambda dump: None)  # no real database
    said = io.StringIO()
    call_command("restore", str(archive_path), stdout=said)
    assert "run `senda migrate` next" in said.getvalue()
    assert (Path(settings.MEDIA_ROOT) / "portal/2026/03/a.pdf").read_bytes() == GOOD[
        "files/portal/2026/03/a.pdf"
    ]

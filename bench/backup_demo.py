"""The demo area backed up, wiped and restored (issue 20, "Nothing lost"): ``make bench-backup``.

Builds Seaview (``senda demo --no-serve``) in a temporary data folder (its own SQLite
database and files folder), counts every table's rows and every file's SHA-256, runs
``senda backup``, deletes the database and the files, runs ``senda restore`` into the empty
folder and counts again. Exits 1 if any table's count or any file's checksum differs (or a
command fails), 0 when everything came back. Prints the archive's size and each step's time.
The suite's round trip (tests/backups/test_round_trip.py) checks the same on a small area in
both databases; this one is the whole demo, too slow for every ``make test``.

    python bench/backup_demo.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def senda(data: Path, *args: str) -> float:
    """Run ``senda`` with its data in ``data``; the seconds it took."""
    env = {
        **os.environ,
        "SENDA_DATA_DIR": str(data),
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("DATABASE_URL", None)
    env.pop("SENDA_FILES_DIR", None)
    started = time.perf_counter()
    command = [sys.executable, "-c", "import sys; from senda.cli import main; sys.exit(main())"]
    subprocess.run([*command, *args], env=env, check=True, cwd=ROOT)
    return time.perf_counter() - started


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def sums(files: Path) -> dict[str, str]:
    if not files.exists():
        return {}
    return {
        p.relative_to(files).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(files.rglob("*"))
        if p.is_file()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build in this folder and leave it there")
    args = parser.parse_args()
    data = args.keep or Path(tempfile.mkdtemp(prefix="senda-backup-bench-"))
    data.mkdir(parents=True, exist_ok=True)
    db, files, archive = data / "senda.sqlite3", data / "files", data / "demo-backup.tar.gz"
    try:
        built = senda(data, "demo", "--no-serve")
        before_rows, before_files = counts(db), sums(files)
        backed = senda(data, "backup", "--out", str(archive))
        db.unlink()
        shutil.rmtree(files, ignore_errors=True)
        senda(data, "migrate", "--verbosity", "0")  # a new server's empty, migrated database
        restored = senda(data, "restore", str(archive))
        after_rows, after_files = counts(db), sums(files)
    except subprocess.CalledProcessError as failed:
        print(f"FAILED: senda {' '.join(map(str, failed.cmd[3:]))} exited {failed.returncode}")
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(data, ignore_errors=True)
    rows = sum(before_rows.values())
    print(f"demo built in {built:.1f} s: {rows:,} rows in {len(before_rows)} tables, "
          f"{len(before_files)} files")  # fmt: skip
    print(f"backup {backed:.1f} s; restore {restored:.1f} s")
    differ = sorted(t for t in before_rows.keys() | after_rows.keys()
                    if before_rows.get(t) != after_rows.get(t))  # fmt: skip
    if differ:
        for table in differ:
            print(f"  {table}: {before_rows.get(table)} before, {after_rows.get(table)} after")
    if before_files != after_files:
        print(f"  files differ: {sorted(before_files.keys() ^ after_files.keys())[:10]} …")
    if differ or before_files != after_files:
        print("MISSED: the restored demo differs from the one backed up")
        return 1
    print("OK: every table's row count and every file's checksum came back")
    return 0


if __name__ == "__main__":
    sys.exit(main())

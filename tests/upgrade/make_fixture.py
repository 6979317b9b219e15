"""Make the upgrade test's fixture: a SQLite database made by an earlier commit, with data.

    .venv/bin/python tests/upgrade/make_fixture.py ff95a6e7

exports the commit's tree (``git archive``) into a temporary folder, runs ``dataset.py``
there with that tree's code first on ``PYTHONPATH`` (so the commit's own migrations,
models and factories write the rows) into a new SQLite file, and writes

- ``fixtures/<commit>.sqlite3.xz``: the database, xz-compressed, and
- ``fixtures/<commit>.json``: the full commit id, each table's row count and the last
  migration of each app, as that commit left them,

removing any other fixture, so the test always reads exactly one. Run it at each release
with the previous release's commit (CHANGELOG.md, "Releases and upgrades"); commit both.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
ROOT = HERE.parents[1]


def make(commit: str) -> Path:
    full = git("rev-parse", "--verify", f"{commit}^{{commit}}").strip()
    short = full[:8]
    with tempfile.TemporaryDirectory(prefix="senda-upgrade-") as folder:
        tmp = Path(folder)
        tree = tmp / "tree"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", "--format=tar", full], cwd=ROOT, check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
        database = tmp / "senda.sqlite3"
        env = {
            **os.environ,
            "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{tree}",
            "DJANGO_SETTINGS_MODULE": "senda.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "SENDA_DATA_DIR": str(tmp / "data"),
            "SENDA_ENV": "development",
        }
        done = subprocess.run(
            [sys.executable, str(HERE / "dataset.py")],
            env=env,
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
        )
        made = json.loads(done.stdout)
        for old in FIXTURES.glob("*"):
            old.unlink()
        FIXTURES.mkdir(parents=True, exist_ok=True)
        target = FIXTURES / f"{short}.sqlite3.xz"
        target.write_bytes(lzma.compress(database.read_bytes(), preset=9))
    (FIXTURES / f"{short}.json").write_text(
        json.dumps({"commit": full, "made_by": "tests/upgrade/make_fixture.py"} | made, indent=1)
        + "\n"
    )
    return target


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(make(sys.argv[1]))

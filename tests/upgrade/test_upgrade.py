"""Upgrades: a database made by an earlier release, with data in it, migrated by this code.

The fixture (``fixtures/<commit>.sqlite3.xz`` and its ``.json``) was made by
``make_fixture.py`` from the previous release's commit: that commit's own migrations and
factories wrote it. A copy is migrated in a process of its own (``check.py``: the test's
database is another), then every model's rows are loaded through the current models and the
rows the fixture holds are read back. SQLite only (the fixture is a SQLite file); the
migrations themselves run on PostgreSQL in every PostgreSQL run."""

from __future__ import annotations

import json
import lzma
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from senda.backups.database import MIGRATE_TABLES

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@pytest.fixture(scope="module")
def fixture() -> dict[str, Any]:
    (made,) = HERE.glob("fixtures/*.json")
    return json.loads(made.read_text())


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory, fixture: dict[str, Any]) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("upgrade")
    database = tmp / "senda.sqlite3"
    packed = HERE / "fixtures" / f"{fixture['commit'][:8]}.sqlite3.xz"
    database.write_bytes(lzma.decompress(packed.read_bytes()))
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "senda.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "SENDA_DATA_DIR": str(tmp / "data"),
        "SENDA_ENV": "development",
    }
    done = subprocess.run(
        [sys.executable, str(HERE / "check.py")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_the_fixture_is_small_and_older_than_the_code(fixture, upgraded):
    """Migrating it runs migrations (or the test would prove nothing): when a release makes
    this fail, make the fixture again from the release before it (make_fixture.py)."""
    assert (HERE / "fixtures" / f"{fixture['commit'][:8]}.sqlite3.xz").stat().st_size < 1_000_000
    assert upgraded["ran"], "no migration ran: make the fixture from an older release"


def test_it_keeps_every_row_of_every_table(fixture, upgraded):
    """Every table keeps its rows; those ``senda migrate`` writes itself (the migrations
    applied, content types and permissions) gain the new models' rows."""
    before, after = fixture["tables"], upgraded["tables"]
    data = {t: n for t, n in before.items() if n and t not in MIGRATE_TABLES}
    assert len(data) > 20
    assert {t: after.get(t) for t in data} == data
    assert all(after[t] >= before[t] for t in MIGRATE_TABLES)


def test_every_row_loads_through_the_current_models(upgraded):
    """Each model's rows, loaded as objects, are as many as its table holds (a row that
    could not be read would raise in check.py)."""
    loaded, tables = upgraded["loaded"], upgraded["tables"]
    assert loaded == {table: tables[table] for table in loaded}
    assert loaded["people_child"] == 1 and loaded["casework_caseevent"] == 2


def test_it_reads_back_what_the_earlier_release_wrote(upgraded):
    events = [["decide_assess", "2025-02-24"], ["request", "2025-01-06"]]
    assert upgraded["case"]["events"] == events
    assert upgraded["case"]["plan_issued_on"] == "2025-06-02"
    assert upgraded["case"]["reviews"] == ["2026-05-11"]
    assert upgraded["case"]["requests"] == 1
    assert upgraded["upload"] == [["our-views.pdf", "portal/2026/03/upgrade-fixture.pdf", 8]]
    assert upgraded["messages"] == 1
    assert upgraded["audit"] == [["read", "fixture"]]
    assert upgraded["kpi_value"] == [
        "parent-carer-satisfaction",
        "quarter",
        "61.50",
        "Parent carer forum survey, spring term",
    ]
    improvement = upgraded["improvement"]
    assert improvement["title"] == "SEND improvement plan 2025 to 2027"
    assert improvement["aims"] == ["Plans are issued on time"]
    assert improvement["ratings"] == [["amber", "2026-03-02"]]
    assert (improvement["milestones"], improvement["risks"]) == (1, 1)

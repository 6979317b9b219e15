"""``senda import``: one command, each room's kinds of data (``senda.commands``)."""

from __future__ import annotations

from senda.commands import ImportCommand


def test_it_offers_each_rooms_kinds_in_the_order_of_installed_apps():
    kinds = ImportCommand().kinds()

    assert list(kinds) == ["nd-waits", "participation", "plan", "dfe-ehcp"]
    assert kinds["nd-waits"].__name__ == "senda.pathways.command"
    assert kinds["plan"].__name__ == "senda.improvement.importer.command"
    assert kinds["dfe-ehcp"].__name__ == "senda.performance.dfe.command"


def test_it_names_every_kind_in_its_help():
    assert "`senda import dfe-ehcp …`" in ImportCommand().help


def test_every_file_import_takes_the_same_arguments(tmp_path):
    """``import_arguments``: the file, --la, --user, --map FIELD=HEADING (repeatable) and
    --today; a --map without "=" is refused showing the example; a missing file is a usage
    error (exit status 2)."""
    from datetime import date

    import pytest
    from django.core.management.base import CommandError, CommandParser

    from senda.commands import USAGE, existing_file, import_arguments

    parser = CommandParser(prog="senda import x")
    import_arguments(parser, example="what='Action'")
    given = parser.parse_args(
        ["f.csv", "--la", "936", "--map", "what = Action ", "--map", "a=B", "--today", "2026-01-02"]
    )
    assert (given.la, given.user, given.today) == ("936", None, date(2026, 1, 2))
    assert given.map == [("what", "Action"), ("a", "B")]
    with pytest.raises(CommandError, match="what='Action'"):
        parser.parse_args(["f.csv", "--la", "936", "--map", "what"])
    with pytest.raises(CommandError) as missing:
        existing_file({"file": tmp_path / "nothing.csv"})
    assert missing.value.returncode == USAGE
    real = tmp_path / "plan.csv"
    real.write_text("x")
    assert existing_file({"file": real}) == real


def test_a_command_on_a_database_never_set_up_says_so_without_a_traceback(tmp_path):
    """`senda sen2 export` (any command) run before `senda migrate`: exit 2 and a sentence
    saying what to do, not Django's traceback."""
    import os
    import subprocess
    import sys

    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'never-set-up.sqlite3'}",
        "SENDA_DATA_DIR": str(tmp_path),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "senda.cli", "sen2", "export", "--la", "991"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "has not been set up: run `senda migrate`" in done.stderr
    assert "never-set-up.sqlite3" in done.stderr

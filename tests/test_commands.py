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

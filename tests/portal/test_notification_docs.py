"""docs/portal/notifications.md lists every message as ``senda.portal.messages`` has it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from senda.portal import template_docs
from senda.portal.messages import TEMPLATES

DOC = Path(__file__).resolve().parents[2] / "docs" / "portal" / "notifications.md"


def test_it_keeps_the_template_list_current() -> None:
    assert template_docs.main(["--check", str(DOC)]) == 0


def test_it_finds_a_stale_list(tmp_path: Path) -> None:
    stale = tmp_path / "notifications.md"
    stale.write_text(DOC.read_text().replace("Advice is late", "Advice is overdue"))
    assert template_docs.main(["--check", str(stale)]) == 1
    assert template_docs.main([str(stale)]) == 0
    assert template_docs.main(["--check", str(stale)]) == 0


def test_it_names_an_environment_variable_for_every_message() -> None:
    text = DOC.read_text()
    env = (DOC.parents[1] / "env.md").read_text()
    for key in TEMPLATES:
        assert f"SENDA_NOTIFY_TEMPLATE_{key.upper()}" in text
        assert f"_{key.upper()}`" in env


def test_senda_reminders_queues_them_once(db: None) -> None:
    out = StringIO()
    call_command("reminders", stdout=out)
    assert out.getvalue() == "Queued 0 messages.\n"

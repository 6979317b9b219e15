"""What the browser tests' axe-core checks found, page by page, for the accessibility
statement (docs/accessibility-results.json, senda.web.accessibility, ADR 0038).

Every check (``helpers.axe``) is noted here. With ``SENDA_AXE_RESULTS=write`` the session's
notes are merged into the results file when the session ends (each xdist worker under a
lock): the pages checked in this run replace their earlier results, others stay.
"""

from __future__ import annotations

import fcntl
import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from senda.web.accessibility import RESULTS, canonical, load_results

#: Page (path, each number as ``<id>``) → rule id → the finding (help, impact, nodes).
NOTES: dict[str, dict[str, dict[str, Any]]] = {}


def page_of(url: str) -> str:
    """The page a URL shows, without its objects' ids or its query: ``/cases/<id>/``."""
    return re.sub(r"/\d+(?=/|$)", "/<id>", urlsplit(url).path)


def note(url: str, violations: list[dict[str, Any]]) -> None:
    found = NOTES.setdefault(page_of(url), {})
    for v in violations:
        seen = found.setdefault(
            v["id"], {"rule": v["id"], "help": v["help"], "impact": v.get("impact"), "nodes": 0}
        )
        seen["nodes"] += len(v["nodes"])


def write(axe_version: str, rules: list[str], path: Path = RESULTS) -> None:
    """Merge this session's notes into ``path`` (under a lock: workers finish together)."""
    if not NOTES:
        return
    with open(Path(tempfile.gettempdir()) / "senda-axe-results.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = load_results(path)
        pages = data.get("pages", {})
        for page, found in NOTES.items():
            pages[page] = {"violations": list(found.values())}
        data.update(
            pages=pages,
            axe_version=axe_version,
            rules=rules,
            browser="Chromium (headless)",
            tested_on=date.today().isoformat(),
        )
        path.write_text(canonical(data), encoding="utf-8")


def axe_version(axe_js: Path) -> str:
    package = json.loads((axe_js.parent / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])

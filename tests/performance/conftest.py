"""DfE's published releases, imported once and kept while the tests that read them run
(tests/kept.py): an import of both releases takes a second or two."""

from __future__ import annotations

from pathlib import Path

from senda.performance.dfe import import_path
from tests import kept

DATA = Path(__file__).resolve().parents[2] / "data" / "dfe-ehcp"
RELEASE_2025 = DATA / "education-health-and-care-plans_2025.zip"


def _imported(path: Path) -> None:
    import_path(path)


dfe_2025 = kept.kept_fixture("dfe_2025", lambda: _imported(RELEASE_2025))
dfe_2025.__doc__ = "DfE's 2025 release, imported (the database as ``db`` gives it)."
dfe_releases = kept.kept_fixture("dfe_releases", lambda: _imported(DATA))
dfe_releases.__doc__ = "Every DfE release in data/dfe-ehcp, imported."

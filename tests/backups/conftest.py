from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path) -> None:
    """Each test its own files folder: a restore checks the folder is empty, and the
    session's (tests/conftest.py) holds what other tests uploaded."""
    settings.MEDIA_ROOT = str(tmp_path / "media")

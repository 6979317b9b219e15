"""Docs generated from code: write them, or check (in `make test`) that they are current.

Pure Python: the clock's rule reference uses it too, and the clock imports no Django.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def main(argv: list[str], render: Callable[[], str], module: str) -> int:
    """``python -m MODULE [--check] PATH``: write ``render()`` to PATH, or with ``--check``
    exit 1 (saying so) if PATH differs from it. Exit 2 on bad usage."""
    check = "--check" in argv
    paths = [arg for arg in argv if arg != "--check"]
    if len(paths) != 1:
        print(f"usage: python -m {module} [--check] PATH", file=sys.stderr)
        return 2
    path = Path(paths[0])
    text = render()
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is out of date: run `make docs`", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0

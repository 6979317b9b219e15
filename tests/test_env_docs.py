"""Every environment variable Senda's code reads is documented in docs/env.md (ADR 0038).

The names are found in the code, not listed by hand: each call of ``senda.env``'s helpers
(``env_str``, ``env_int``, ``env_bool``, ``env_list``) and each read of ``os.environ`` or
``os.getenv``, with the name as a string or an f-string (whose fixed start must be there,
as ``SENDA_NOTIFY_TEMPLATE_`` for ``SENDA_NOTIFY_TEMPLATE_<KEY>``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "senda"
ENV_MD = ROOT / "docs" / "env.md"
HELPERS = {"env_str", "env_int", "env_bool", "env_list"}
#: Set by Senda for Django, never by a council.
NOT_CONFIGURATION = {"DJANGO_SETTINGS_MODULE"}

pytestmark = pytest.mark.once


def _name(node: ast.expr | None) -> str | None:
    """A string constant, or an f-string's fixed start."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def _is_environ(node: ast.expr) -> bool:
    """``os.environ`` itself, or a method of it (``os.environ.get``)."""
    if isinstance(node, ast.Attribute) and node.attr != "environ":
        node = node.value
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def names_read(tree: ast.AST) -> set[str]:
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            of_environ = called in {"get", "setdefault", "pop"} and _is_environ(func)
            if called in HELPERS or called == "getenv" or of_environ:
                found.add(_name(node.args[0]))
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            found.add(_name(node.slice))
    return {name for name in found if name}


def read_in_src() -> dict[str, list[str]]:
    where: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "env.py" and path.parent == SRC:
            continue  # the helpers themselves read whatever they are given
        text = path.read_text(encoding="utf-8")
        if not any(word in text for word in ("env_", "environ", "getenv")):
            continue  # reads no variable: not worth parsing (most files)
        for name in names_read(ast.parse(text)):
            where.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return where


def test_every_variable_the_code_reads_is_in_env_md() -> None:
    documented = ENV_MD.read_text(encoding="utf-8")
    read = read_in_src()
    assert {"SENDA_SECRET_KEY", "DATABASE_URL", "SENDA_LOG_FORMAT", "SENDA_DEMO_PASSWORD"} <= set(
        read
    )
    assert "SENDA_NOTIFY_TEMPLATE_" in read  # an f-string's fixed start
    missing = {
        name: paths
        for name, paths in read.items()
        if name not in NOT_CONFIGURATION and f"`{name}" not in documented
    }
    assert not missing, f"add to docs/env.md: {missing}"


def test_it_finds_names_however_they_are_read() -> None:
    code = """
import os
from senda.env import env_int
env_int("A_INT", 3)
os.environ.get("B_GET")
os.environ["C_ITEM"]
os.getenv("D_GETENV")
env_str(f"E_PREFIX_{key}")
"""
    assert names_read(ast.parse(code)) == {"A_INT", "B_GET", "C_ITEM", "D_GETENV", "E_PREFIX_"}

"""The rooms' boundaries are a test.

docs/architecture.md's three tables (the base, the rooms, the top) say which row may import
which; this reads every module under src/senda with ``ast`` (absolute and relative imports,
``from senda import audit``, imports inside functions and under ``TYPE_CHECKING``) and fails
on any import the tables do not allow. The tables are read from the doc, so the doc is the
one definition of the rule. It also holds the rules inside rooms the doc states: the clock
is pure, and a ``web.views`` module imports no template tags and no other view, and defines
no form.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
DOC = ROOT / "docs" / "architecture.md"

#: Rules knowingly broken, each with the issue that removes it. Empty since issue 11: a new
#: line here needs a reason in its comment; the test fails on any other violation, and on a
#: line here that no longer happens.
KNOWN_VIOLATIONS: frozenset[str] = frozenset()

#: What the clock, and every Senda module it imports, may import beside the standard library.
CLOCK_MAY_USE = frozenset({"holidays"})


# --- the doc's tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of a table in docs/architecture.md: a base module, a room or a top module."""

    name: str
    layer: str  # the table's first heading: "base", "room" or "top"
    rows: frozenset[str]  # rows it may import ("everything": any)
    modules: frozenset[str]  # single modules it may import
    never: frozenset[str]  # modules it may never import, nor anything under them


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


@cache
def rows() -> dict[str, Row]:
    """Every row of the doc's tables whose last column is "may import", in the doc's order,
    with ``base`` expanded to the base's rows."""
    found: dict[str, Row] = {}
    lines = DOC.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        starts_table = line.startswith("|") and (i == 0 or not lines[i - 1].startswith("|"))
        if not starts_table or _cells(line)[-1] != "may import":
            continue
        layer = _cells(line)[0]
        for body in lines[i + 2 :]:
            if not body.startswith("|"):
                break
            cells = _cells(body)
            name = re.search(r"`([^`]+)`", cells[0])
            assert name, f"docs/architecture.md: a row without a `name`: {body}"
            assert name.group(1) not in found, (
                f"docs/architecture.md: two rows for `{name.group(1)}` (a merge kept both?): "
                "the later would silently win"
            )
            allowed, modules, never = set(), set(), set()
            for negated, token in re.findall(r"(not )?`([^`]+)`", cells[-1]):
                if negated:
                    never.add(token)
                elif token.startswith("senda."):
                    modules.add(token)
                elif token == "base":
                    allowed |= {r.name for r in found.values() if r.layer == "base"}
                else:
                    allowed.add(token)
            found[name.group(1)] = Row(
                name.group(1),
                layer,
                frozenset(allowed),
                frozenset(modules),
                frozenset(never),
            )
    return found


# --- the code's imports ----------------------------------------------------------------------


@cache
def modules() -> dict[str, Path]:
    """Every module under src/senda by its dotted name (a package by its ``__init__``)."""
    found: dict[str, Path] = {}
    for path in sorted((SRC / "senda").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(module: str, source: str, is_package: bool) -> Iterator[str]:
    """The Senda modules ``source`` (the text of ``module``) imports, anywhere in it:
    ``from senda.x import y`` names ``senda.x.y`` when that is a module, else ``senda.x``."""
    known = modules()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "senda")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, node.module] if node.module else parts)
            else:
                base = node.module or ""
            if base.split(".")[0] != "senda":
                continue
            for alias in node.names:
                name = f"{base}.{alias.name}"
                yield name if name in known else base


def third_party(source: str) -> Iterator[str]:
    """The top-level names of what ``source`` imports from outside Senda, anywhere in it."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        else:
            continue
        yield from (n.split(".")[0] for n in names if n.split(".")[0] != "senda")


@cache
def graph() -> dict[str, frozenset[str]]:
    """Each module and the Senda modules it imports."""
    return {
        name: frozenset(imports(name, path.read_text(encoding="utf-8"), path.stem == "__init__"))
        for name, path in modules().items()
    }


def row_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def allowed(module: str, target: str) -> bool:
    """Whether the doc's tables let ``module`` import ``target``."""
    mine, theirs = rows()[row_of(module)], row_of(target)
    if theirs == mine.name:
        return True
    if any(_under(target, never) for never in mine.never):
        return False
    return "everything" in mine.rows or theirs in mine.rows or target in mine.modules


def violations() -> set[str]:
    """Every import the tables forbid, and every break of ``web.views``'s own rules."""
    found = set()
    for module, targets in graph().items():
        found |= {f"{module} -> {t}" for t in targets if not allowed(module, t)}
        if _under(module, "senda.web.views"):
            found |= {f"{module} -> {t}" for t in targets if _view_may_not(module, t)}
            found |= {f"{module} defines form {form}" for form in _forms(module)}
    return found


def _view_may_not(module: str, target: str) -> bool:
    """A view imports no template tags and no other view (its own package aside)."""
    if _under(target, "senda.web.templatetags"):
        return True
    return _under(target, "senda.web.views") and target not in (module, "senda.web.views")


def _forms(module: str) -> Iterator[str]:
    """The classes ``module`` defines on a form (a base whose name ends in ``Form``)."""
    for node in ast.walk(ast.parse(modules()[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            bases = [getattr(b, "attr", getattr(b, "id", "")) for b in node.bases]
            if any(name.endswith("Form") for name in bases):
                yield node.name


# --- the tests -------------------------------------------------------------------------------


def test_it_reads_every_form_of_import() -> None:
    source = """
from senda import audit, __version__
from senda.casework.actions.base import ActionError
from . import models
from .models import Case
from ..people import models as people_models
import senda.clock.rules

def later():
    from senda.performance import catalogue
"""
    found = set(imports("senda.casework.deadlines", source, is_package=False))
    assert found == {
        "senda.audit",
        "senda",
        "senda.casework.actions.base",
        "senda.casework.models",
        "senda.people.models",
        "senda.clock.rules",
        "senda.performance.catalogue",
    }


def test_the_doc_has_the_rooms_the_base_and_the_top() -> None:
    layers = {name: row.layer for name, row in rows().items()}
    assert {n for n, layer in layers.items() if layer == "base"} >= {"kernel", "exports"}
    assert {n for n, layer in layers.items() if layer == "room"} >= {
        "clock",
        "people",
        "audit",
        "casework",
        "performance",
        "improvement",
        "web",
        "demo",
        "portal",
        "quality",
        "interchange",
        "pathways",
        "sufficiency",
    }
    assert {n for n, layer in layers.items() if layer == "top"} == {
        "settings",
        "urls",
        "wsgi",
        "cli",
    }


def test_it_puts_every_module_in_a_row() -> None:
    homeless = sorted(m for m in modules() if row_of(m) not in rows())
    assert not homeless, f"modules whose room has no row in docs/architecture.md: {homeless}"


def test_each_row_imports_only_rows_above_it() -> None:
    """Lowest first: a row may name only rows listed before it (so no two rows import each
    other); a single module it names must exist, or be in a room still coming."""
    order = list(rows())
    for name, row in rows().items():
        named = row.rows - {"everything"}
        unknown = named - set(order)
        assert not unknown, f"{name} names rows the doc does not have: {sorted(unknown)}"
        later = {r for r in named if order.index(r) >= order.index(name)}
        assert not later, f"{name} may import rows listed after it: {sorted(later)}"
        for module in row.modules | row.never:
            assert row_of(module) in rows(), f"{name} names {module}, in no row"


def test_no_import_goes_the_wrong_way() -> None:
    new = sorted(violations() - KNOWN_VIOLATIONS)
    assert not new, "against docs/architecture.md:\n" + "\n".join(new)


def test_its_known_violations_still_happen() -> None:
    gone = sorted(KNOWN_VIOLATIONS - violations())
    assert not gone, "fixed: remove from KNOWN_VIOLATIONS:\n" + "\n".join(gone)


def test_the_clock_is_pure() -> None:
    """The clock, what its row may import (the kernel, ``generated_docs``: pure before the
    clock uses them) and every Senda module they reach import only the standard library and
    ``holidays``: no Django, no room."""
    pure = {"clock", *rows()["clock"].rows}
    reached: set[str] = set()
    todo = [m for m in modules() if row_of(m) in pure]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(graph()[module])
    impure = {
        f"{module} imports {name}"
        for module in reached
        for name in third_party(modules()[module].read_text(encoding="utf-8"))
        if name not in sys.stdlib_module_names and name not in CLOCK_MAY_USE
    }
    assert not impure, sorted(impure)
    rooms = {row_of(m) for m in reached} - {"clock"}
    assert rooms <= {name for name, row in rows().items() if row.layer == "base"}, rooms


def test_improvement_may_read_sufficiency_and_sufficiency_never_improvement() -> None:
    """An action names capital projects (issue 17): the arrow goes one way only."""
    assert "sufficiency" in rows()["improvement"].rows
    assert "improvement" not in rows()["sufficiency"].rows
    wrong = [
        module
        for module, targets in graph().items()
        if row_of(module) == "sufficiency" and any(row_of(t) == "improvement" for t in targets)
    ]
    assert not wrong, wrong
